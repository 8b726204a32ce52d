// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "fit/csvreader.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;
class QCustomPlot;
class QCPGraph;

namespace gradlab {

class DataPlot;
class FitSession;
class LandscapePlot;
class LandscapeSurface;

/// \brief The Fit lab page: the data with the current model beside the loss landscape over the
/// model's two parameters (a heat map with contours, or a 3-D surface), linked through one
/// FitSession, with the optimizer's controls, the loss chart (batch loss and full loss per step),
/// built-in data sets and CSV import/export.
class FitLab : public QWidget
{
    Q_OBJECT

public:
    explicit FitLab(QWidget* parent = nullptr);

    FitSession* session() const { return m_session; }
    DataPlot* dataPlot() const { return m_dataPlot; }
    LandscapePlot* landscapePlot() const { return m_landscape; }
    LandscapeSurface* landscapeSurface() const { return m_surface; }
    /// True while the 3-D surface stands where the heat map is.
    bool isSurfaceShown() const;
    QCustomPlot* lossChart() const { return m_lossChart; }
    bool isPlaying() const;

    /// Reads a data set from \a path: the good rows replace the data; returns the messages for
    /// the rows skipped (or the one reason nothing was read, then the data stays as it was).
    QStringList importData(const QString& path);
    /// Writes the data to \a path (QSaveFile); returns the error, empty on success.
    QString exportData(const QString& path) const;
    /// The sentence for one problem of a data file.
    static QString describe(const CsvIssue& issue);

public Q_SLOTS:
    void chooseImport();
    void chooseExport();
    void stepOnce();
    void setPlaying(bool playing);
    void reset();
    /// Shows the 3-D surface (true) or the heat map (false) beside the data.
    void setSurfaceShown(bool shown);

private:
    QWidget* buildControls();
    void applySettings();
    void syncControls();
    void updateReadout();
    void updateLossChart();

    FitSession* m_session;
    DataPlot* m_dataPlot = nullptr;
    LandscapePlot* m_landscape = nullptr;
    LandscapeSurface* m_surface = nullptr;
    QTabWidget* m_landscapeViews = nullptr;
    QCustomPlot* m_lossChart = nullptr;
    QCPGraph* m_batchLoss = nullptr;
    QCPGraph* m_fullLoss = nullptr;
    QComboBox* m_dataSets = nullptr;
    QComboBox* m_model = nullptr;
    QComboBox* m_method = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QCheckBox* m_shuffle = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_play = nullptr;
    QLabel* m_readout = nullptr;
    QTimer* m_timer = nullptr;
    bool m_syncing = false;
};

} // namespace gradlab
