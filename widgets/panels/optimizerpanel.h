// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "optimization/optimizer.h"

#include <QStringList>
#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QPushButton;
class QSlider;
class QSpinBox;

namespace gradlab {

class NumberEdit;
class Session;

/// \brief The settings of a descent: method, learning rate (log slider and exact entry), the
/// method's hyper-parameters, max steps and tolerance; "Run" applies them to the selected run,
/// "Add to race" starts another run beside it.
class OptimizerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit OptimizerPanel(Session* session, QWidget* parent = nullptr);

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
    QSlider* learningRateSlider() const { return m_learningRateSlider; }
    NumberEdit* learningRateEdit() const { return m_learningRateEdit; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* addButton() const { return m_addButton; }
    /// The hyper-parameters shown for the current method, by their command-line names
    /// ("momentum", "alpha", "beta1", "beta2", "eps", "lr-decay", "initial-accumulator",
    /// "centered", "amsgrad", "armijo", "shrink").
    QStringList shownHyperParameters() const;

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
    struct HyperParameter
    {
        QString name;
        QWidget* field = nullptr;
        std::vector<Method> methods; ///< the methods that use it
    };

    void addHyperParameter(const QString& name, const QString& label, QWidget* field,
                           std::vector<Method> methods, const QString& toolTip);
    void showMethodRows(Method method);
    void syncStart();

    Session* m_session = nullptr;
    int m_selectedRunId = 0;
    OptimizerSettings m_hidden; ///< settings of fields this panel does not show
    QFormLayout* m_form = nullptr;
    QComboBox* m_methodBox = nullptr;
    QSlider* m_learningRateSlider = nullptr;
    NumberEdit* m_learningRateEdit = nullptr;
    QDoubleSpinBox* m_momentumBox = nullptr;
    QDoubleSpinBox* m_alphaBox = nullptr;
    QDoubleSpinBox* m_beta1Box = nullptr;
    QDoubleSpinBox* m_beta2Box = nullptr;
    NumberEdit* m_epsilonEdit = nullptr;
    NumberEdit* m_decayEdit = nullptr;
    NumberEdit* m_accumulatorEdit = nullptr;
    QCheckBox* m_centeredBox = nullptr;
    QCheckBox* m_amsgradBox = nullptr;
    NumberEdit* m_armijoEdit = nullptr;
    QDoubleSpinBox* m_shrinkBox = nullptr;
    QSpinBox* m_maxStepsBox = nullptr;
    NumberEdit* m_toleranceEdit = nullptr;
    QDoubleSpinBox* m_startXBox = nullptr;
    QDoubleSpinBox* m_startYBox = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_addButton = nullptr;
    std::vector<HyperParameter> m_hyperParameters;
};

} // namespace gradlab
