// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/hyperparameters.h"

#include <QStringList>
#include <QWidget>
#include <span>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace gradlab {

class NumberEdit;
class Session;

/// \brief The settings of a descent: method, learning rate (log slider and exact entry), the
/// method's hyper-parameters, max steps and tolerance; "Run" applies them to the selected run,
/// "Add to race" starts another run beside it. One row per row of a HyperParameter table, shown
/// for the methods that use it.
class OptimizerPanel : public QWidget
{
    Q_OBJECT

public:
    /// A panel with one row per row of \a table (the program's hyperParameters() unless a test
    /// gives another).
    explicit OptimizerPanel(Session* session, QWidget* parent = nullptr,
                            std::span<const HyperParameter> table = hyperParameters());

    /// The settings as the widgets show them.
    OptimizerSettings settings() const;
    /// Shows \a settings (without applying them to any run).
    void setSettings(const OptimizerSettings& settings);

    /// The run that "Run" replaces; its settings are shown. 0: none selected.
    int selectedRunId() const { return m_selectedRunId; }
    void setSelectedRunId(int id);

    /// Learning-rate slider range: 10^minimumExponent … 10^maximumExponent, stepsPerDecade ticks
    /// per factor of ten.
    static constexpr int minimumExponent = -5;
    static constexpr int maximumExponent = 1;
    static constexpr int stepsPerDecade = 100;
    /// The learning rate at slider position \a position, rounded to two significant digits.
    static double learningRateAt(int position);
    /// The slider position nearest to \a learningRate.
    static int positionOf(double learningRate);

    QComboBox* methodBox() const { return m_methodBox; }
    /// The learning rate's slider and entry; null when the table has no learning-rate row.
    QSlider* learningRateSlider() const { return m_learningRateSlider; }
    NumberEdit* learningRateEdit() const { return m_learningRateEdit; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* addButton() const { return m_addButton; }
    /// The method's own hyper-parameters shown for the current method, by their command-line
    /// names ("momentum", "alpha", "beta1", …): every shown row but the learning rate and the
    /// stopping rules.
    QStringList shownHyperParameters() const;
    /// The field that edits the row named \a name ("momentum"), null if there is none.
    QWidget* hyperParameterField(const QString& name) const;
    /// The schedule picker: the kind, its parameters in the CLI's syntax
    /// ("cosine:t_max=60,eta_min=0.001") and the warm-up "N:F" (empty: none).
    QComboBox* scheduleBox() const { return m_scheduleBox; }
    QLineEdit* scheduleEdit() const { return m_scheduleEdit; }
    QLineEdit* warmupEdit() const { return m_warmupEdit; }

public Q_SLOTS:
    /// Replaces the selected run's settings with the panel's (adds a run if none is selected)
    /// and plays it.
    void run();
    /// Adds a run with the panel's settings to the race.
    void addToRace();

Q_SIGNALS:
    /// A run was added by this panel ("Add to race", or "Run" with nothing selected).
    void runAdded(int id);

private:
    /// \brief One row: the table's description and the widget that edits it.
    struct Row
    {
        const HyperParameter* parameter = nullptr;
        QWidget* field = nullptr; ///< the editor; for the learning rate the slider row
    };

    QWidget* makeField(const HyperParameter& parameter);
    void addRow(const HyperParameter& parameter);
    double fieldValue(const Row& row) const;
    void setFieldValue(const Row& row, double value);
    void showMethodRows(Method method);
    void syncStart();
    void addScheduleRows();
    /// Shows m_schedule in the picker.
    void showSchedule();
    /// Takes the picker's texts into m_schedule where they parse; shows m_schedule again.
    void readSchedule();

    Session* m_session = nullptr;
    int m_selectedRunId = 0;
    OptimizerSettings m_hidden; ///< settings of fields this panel does not show
    QFormLayout* m_form = nullptr;
    QComboBox* m_methodBox = nullptr;
    QSlider* m_learningRateSlider = nullptr;
    NumberEdit* m_learningRateEdit = nullptr;
    QSpinBox* m_maxStepsBox = nullptr;
    QComboBox* m_scheduleBox = nullptr;
    QLineEdit* m_scheduleEdit = nullptr;
    QLineEdit* m_warmupEdit = nullptr;
    ScheduleSettings m_schedule;            ///< the last schedule the picker's texts gave
    const HyperParameter* m_rate = nullptr; ///< the learning-rate row: schedules go with it
    QDoubleSpinBox* m_startXBox = nullptr;
    QDoubleSpinBox* m_startYBox = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_addButton = nullptr;
    std::vector<Row> m_rows;
};

} // namespace gradlab
