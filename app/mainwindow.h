// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFont>
#include <QMainWindow>
#include <QVariantMap>

class QAction;
class QDockWidget;
class QImage;
class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace gradlab {

class ContourView;
class RaceReportDialog;
class Autosave;
class DerivativesLab;
class DivergenceBar;
class HelpDialog;
class MessageBar;
class PresenterKeys;
class FunctionPanel;
class OptimizerPanel;
class PartialsPanel;
class PlaybackBar;
class RaceList;
class RunCharts;
class Session;
struct SceneFile;
class StepTableModel;
class SurfaceView;

/// Sets the application's name, organisation, version and icon (QSettings keys use the first
/// two). Call once after the QApplication exists.
void applyApplicationIdentity();

/// Where a scenario's race report goes: NAME.race.csv beside NAME.gradlab.
QString raceReportPath(const QString& scenarioPath);

/// \brief The main window: function and descent docks on the left, the views in the centre, the
/// charts below, playback under the views, and a status bar that reads the selected run.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// How the window starts: from the user's settings (the default scene on a first launch), or
    /// blank (no settings read or written, no run) for the render command.
    enum class Startup { RestoreSettings, Blank };

    /// The window's actions, all created in createActions().
    enum class Action {
        PlayPause,
        StepForward,
        StepBackward,
        Reset,
        ResetView,
        SendToProbe,
        ToggleGradientField,
        ToggleSurface,
        CameraTop,
        CameraFront,
        CameraIso,
        PresenterMode,
        OpenScenario,
        SaveScenario,
        ExportImage,
        Quit,
        KeepLearningRates,
        FairRace,
        RaceReport,
        SyntaxHelp,
        ShortcutsHelp,
        About,
    };

    explicit MainWindow(Startup startup = Startup::RestoreSettings, QWidget* parent = nullptr);
    ~MainWindow() override;

    Session* session() const { return m_session; }
    QAction* action(Action which) const;
    FunctionPanel* functionPanel() const { return m_functionPanel; }
    OptimizerPanel* optimizerPanel() const { return m_optimizerPanel; }
    RaceList* raceList() const { return m_raceList; }
    PlaybackBar* playbackBar() const { return m_playbackBar; }
    /// The centre's tabs: "Contour" (the contour view, with the 3-D surface beside it when that
    /// is on: the linked 2-D / 3-D view) and "Derivatives" (the lab).
    QTabWidget* views() const { return m_views; }
    ContourView* contourView() const { return m_contourView; }
    SurfaceView* surfaceView() const { return m_surfaceView; }
    DerivativesLab* derivativesLab() const { return m_derivativesLab; }
    RunCharts* runCharts() const { return m_runCharts; }
    QTableView* stepTable() const { return m_stepTable; }
    StepTableModel* stepTableModel() const { return m_stepModel; }
    PartialsPanel* partialsPanel() const { return m_partialsPanel; }
    /// Why runs diverged, in full, above the map.
    DivergenceBar* divergenceBar() const { return m_divergenceBar; }
    /// The offer to restore a scene autosaved by a run that did not end cleanly.
    MessageBar* restoreBar() const { return m_restoreBar; }
    Autosave* autosave() const { return m_autosave; }
    /// Opens the help dialog at \a page (non-modal; the same dialog each time).
    HelpDialog* showHelp(int page);
    /// Whether the 3-D surface is shown beside the contour view.
    bool isSurfaceShown() const;

    /// The run the panels, the status bar and the step table follow; 0 when there is none.
    int selectedRunId() const;
    void setSelectedRunId(int id);

    /// Writes geometry, dock state, the function, domain, parameters, start, optimizer settings,
    /// the runs' settings and the playback speed (closeEvent calls it).
    void saveSettings() const;
    bool isPresenterMode() const { return m_presenterMode; }
    /// The scene as values: function (text, preset, domain, parameters, probe), descent (start,
    /// runs, selected run, panel settings) and playback (speed, step).
    QVariantMap scene() const;
    /// Puts \a scene on screen; false (and nothing changed) if it holds no function that parses.
    bool applyScene(const QVariantMap& scene);
    /// Writes the scene as JSON (a .gradlab file) and, when there are runs, their race report
    /// beside it (raceReportPath); on failure says why in \a error.
    bool saveScenario(const QString& path, QString* error = nullptr) const;
    /// Reads a .gradlab file; on failure says why in \a error.
    bool openScenario(const QString& path, QString* error = nullptr);
    /// The status bar's reading: "step 12", "f = 0.031", "‖∇f‖ = 0.25".
    QString statusText() const;

public Q_SLOTS:
    void setPresenterMode(bool on);
    /// Saves the current view as PNG or PDF (by the suffix of \a path); false if writing failed.
    bool exportImage(const QString& path, QString* error = nullptr);
    /// The whole window as an image, the 3-D surface (which QWidget::grab cannot capture)
    /// painted in where it is shown.
    QImage windowImage();
    void setSurfaceShown(bool shown);
    /// Moves the probe to where the selected run is at the current step.
    void sendRunPointToProbe();

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    /// Bumped when the dock layout changes incompatibly, so an old saved state is ignored.
    static constexpr int kWindowStateVersion = 1;

    /// Puts a checked scene on screen, in one order: function, domain, parameters, start, probe,
    /// runs, selection, panel, playback.
    void showScene(const SceneFile& scene);
    void createActions();
    void createCentre();
    void createDocks();
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void openDefaultScene();
    void updateStatus();
    void askExportImage();
    void askOpenScenario();
    void askSaveScenario();
    void offerLeftOverScene();
    void connectAutosave();

    Startup m_startup = Startup::RestoreSettings;
    Session* m_session = nullptr;
    QList<QAction*> m_actions;
    FunctionPanel* m_functionPanel = nullptr;
    OptimizerPanel* m_optimizerPanel = nullptr;
    RaceList* m_raceList = nullptr;
    PlaybackBar* m_playbackBar = nullptr;
    QTabWidget* m_views = nullptr;
    QSplitter* m_linkedViews = nullptr;
    QSplitter* m_chartsSplitter = nullptr;
    ContourView* m_contourView = nullptr;
    SurfaceView* m_surfaceView = nullptr;
    DerivativesLab* m_derivativesLab = nullptr;
    RunCharts* m_runCharts = nullptr;
    QTableView* m_stepTable = nullptr;
    StepTableModel* m_stepModel = nullptr;
    PartialsPanel* m_partialsPanel = nullptr;
    QDockWidget* m_functionDock = nullptr;
    QDockWidget* m_descentDock = nullptr;
    QDockWidget* m_chartsDock = nullptr;
    QDockWidget* m_partialsDock = nullptr;
    QLabel* m_stepLabel = nullptr;
    QLabel* m_valueLabel = nullptr;
    QLabel* m_gradientLabel = nullptr;
    bool m_presenterMode = false;
    bool m_shownOnce = false;
    bool m_linkedViewsRestored = false;
    bool m_dockStateRestored = false;
    QByteArray m_stateBeforePresenter;
    QByteArray m_geometryBeforePresenter;
    DivergenceBar* m_divergenceBar = nullptr;
    MessageBar* m_restoreBar = nullptr;
    Autosave* m_autosave = nullptr;
    PresenterKeys* m_presenterKeys = nullptr;
    HelpDialog* m_help = nullptr;
    RaceReportDialog* m_raceReport = nullptr;
    bool m_maximizedBeforePresenter = false;
    QFont m_fontBeforePresenter;
};

} // namespace gradlab
