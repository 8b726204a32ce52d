// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "atomicfile.h"
#include "autosave.h"
#include "backproplab/backproplab.h"
#include "charts/racereportdialog.h"
#include "charts/runcharts.h"
#include "charts/steptablemodel.h"
#include "contourview/contourview.h"
#include "derivativeslab/derivativeslab.h"
#include "export/animationdialog.h"
#include "export/svgexport.h"
#include "expression/parser.h"
#include "fitlab/fitlab.h"
#include "functions/presets.h"
#include "helpdialog.h"
#include "messages/divergencebar.h"
#include "panels/functionpanel.h"
#include "panels/optimizerpanel.h"
#include "panels/playbackbar.h"
#include "panels/racelist.h"
#include "partials/partialspanel.h"
#include "presenterkeys.h"
#include "scenefile.h"
#include "scenesettings.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <Eigen/Eigenvalues>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <array>
#include <cmath>
#include <optional>
#include <qcustomplot.h>

namespace gradlab {

namespace {

/// Bumped when the dock layout changes incompatibly, so an old saved state is ignored.
constexpr int windowStateVersion = 1;

QVariantMap toVariant(const OptimizerSettings& settings)
{
    return settingsToVariant(settings);
}

QVariantList toVariant(const Eigen::Vector2d& point)
{
    return {point.x(), point.y()};
}

QImage grabWithSurface(QWidget* widget, SurfaceView* surface)
{
    QImage image = widget->grab().toImage();
    if (surface->isAvailable() && surface->isVisible() && widget->isAncestorOf(surface)) {
        // Q3DSurface draws into its own native window, which grab() does not see.
        QPainter painter(&image);
        const QRect area(surface->mapTo(widget, QPoint(0, 0)), surface->size());
        painter.drawImage(area, surface->renderToImage(surface->size()));
    }
    return image;
}

/// Makes \a area as wide as its panel needs (nothing clipped at the right edge), plus the
/// scroll bar.
void fitWidth(QScrollArea* area)
{
    area->setMinimumWidth(area->widget()->minimumSizeHint().width() +
                          area->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);
}

/// \a panel in a frameless scroll area, so a dock can be shorter than its panel.
QScrollArea* scrollable(QWidget* panel)
{
    auto* area = new QScrollArea;
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    fitWidth(area);
    return area;
}

} // namespace

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Gradient Lab"));
    QCoreApplication::setApplicationName(QStringLiteral("gradlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GRADLAB_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Gradient Lab"));
    QGuiApplication::setDesktopFileName(QStringLiteral("gradlab"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/gradlab.svg")));
}

MainWindow::MainWindow(Startup startup, QWidget* parent)
    : QMainWindow(parent)
    , m_startup(startup)
    , m_session(new Session(this))
{
    setWindowTitle(tr("Gradient Lab"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    createActions();
    createCentre();
    createDocks();
    createMenus();
    createStatusBar();

    connect(m_session, &Session::currentStepChanged, this, &MainWindow::updateStatus);
    connect(m_session, &Session::runsChanged, this, &MainWindow::updateStatus);
    connect(m_session, &Session::functionChanged, this, &MainWindow::updateStatus);
    connect(m_session, &Session::playingChanged, this, [this](bool playing) {
        QAction* play = action(Action::PlayPause);
        play->setIcon(QIcon(playing ? QStringLiteral(":/icons/pause.svg")
                                    : QStringLiteral(":/icons/play.svg")));
        play->setText(playing ? tr("&Pause") : tr("&Play"));
    });
    connect(m_session, &Session::runDiverged, this, [this](int id) {
        // The whole explanation is in the bar above the map; the status bar only points there.
        statusBar()->showMessage(
            tr("Run %1 diverged: why, and what to try, is written above the map.").arg(id), 8000);
    });
    connect(m_session, &Session::learningRatesAdapted, this, [this] {
        // The panel shows the selected run's settings (now with the rate for this function);
        // without a selection it offers the rate that suits the function for its method.
        if (m_session->runById(selectedRunId())) {
            m_optimizerPanel->setSelectedRunId(selectedRunId());
        } else {
            OptimizerSettings settings = m_optimizerPanel->settings();
            settings.learningRate = m_session->suggestedLearningRate(settings);
            m_optimizerPanel->setSettings(settings);
        }
    });
    connect(m_session, &Session::expressionRejected, this,
            [this](const QString& text, const ParseError& error) {
                statusBar()->showMessage(FunctionPanel::describe(text, error), 8000);
            });
    connect(m_raceList, &RaceList::selectedRunChanged, this, [this](int id) {
        m_optimizerPanel->setSelectedRunId(id);
        m_stepModel->setRunId(id);
        updateStatus();
    });
    connect(m_optimizerPanel, &OptimizerPanel::runAdded, this, &MainWindow::setSelectedRunId);

    if (m_startup == Startup::RestoreSettings) {
        restoreSettings();
        m_autosave = new Autosave([this] { return scene(); }, Autosave::defaultPath(), this);
        offerLeftOverScene();
        connectAutosave();
    } else {
        resize(1400, 900);
    }
    updateStatus();
}

void MainWindow::connectAutosave()
{
    // Any change to the scene schedules a write a moment later.
    for (const auto signal :
         {&Session::functionChanged, &Session::runsChanged, &Session::probeChanged,
          &Session::startPointChanged, &Session::parametersChanged, &Session::domainChanged}) {
        connect(m_session, signal, m_autosave, &Autosave::schedule);
    }
    connect(m_session, &Session::currentStepChanged, m_autosave, &Autosave::schedule);
    connect(m_autosave, &Autosave::writeFailed, this,
            [this](const QString& reason) { statusBar()->showMessage(reason, 8000); });
}

void MainWindow::offerLeftOverScene()
{
    const std::optional<QVariantMap> leftOver = m_autosave->leftOver();
    if (!leftOver) {
        m_autosave->discard();
        return;
    }
    // Not overwritten while the offer stands: declining or restoring decides its fate.
    m_autosave->setSuspended(true);
    enum { Restore, Discard };
    m_restoreBar->clearButtons();
    m_restoreBar->addButton(tr("Restore"), Restore);
    m_restoreBar->addButton(tr("Discard"), Discard);
    connect(m_restoreBar, &MessageBar::buttonClicked, this, [this, scene = *leftOver](int button) {
        m_autosave->setSuspended(false);
        if (button == Restore && !applyScene(scene)) {
            statusBar()->showMessage(tr("The autosaved scene could not be read."), 8000);
        }
        m_autosave->schedule();
    });
    connect(m_restoreBar, &MessageBar::dismissed, this, [this] {
        m_autosave->setSuspended(false);
        m_autosave->schedule();
    });
    m_restoreBar->showMessage(
        tr("Gradient Lab did not close normally last time. Its scene was autosaved at %1: "
           "restore it?")
            .arg(QLocale().toString(m_autosave->leftOverTime(), QLocale::ShortFormat)));
}

MainWindow::~MainWindow() = default;

QAction* MainWindow::action(Action which) const
{
    return m_actions.at(static_cast<int>(which));
}

void MainWindow::createActions()
{
    struct Spec
    {
        Action id;
        QString icon;
        QString text;
        QKeySequence shortcut;
        QString statusTip;
    };
    const std::array specs{
        Spec{Action::PlayPause, QStringLiteral("play"), tr("&Play"), QKeySequence(Qt::Key_Space),
             tr("Play or pause the race (Space)")},
        Spec{Action::StepForward, QStringLiteral("step-forward"), tr("Step &forward"),
             QKeySequence(Qt::Key_Right), tr("Take one step (→)")},
        Spec{Action::StepBackward, QStringLiteral("step-backward"), tr("Step &backward"),
             QKeySequence(Qt::Key_Left), tr("Go back one step (←)")},
        Spec{Action::Reset, QStringLiteral("reset"), tr("&Reset"), QKeySequence(Qt::Key_R),
             tr("Back to step 0 (R)")},
        Spec{Action::ResetView, QStringLiteral("reset-view"), tr("Reset &view"),
             QKeySequence(Qt::Key_V), tr("Show the whole domain again (V)")},
        Spec{Action::SendToProbe, QStringLiteral("probe"), tr("Send run point to &probe"),
             QKeySequence(Qt::Key_P),
             tr("Probe the point where the selected run is now: its partial derivatives (P)")},
        Spec{Action::ToggleGradientField, QStringLiteral("gradient-field"), tr("&Gradient field"),
             QKeySequence(Qt::Key_G), tr("Show or hide the arrows of −∇f (G)")},
        Spec{Action::ToggleSurface, QStringLiteral("surface"), tr("3-D &surface beside"),
             QKeySequence(Qt::Key_3),
             tr("Show the 3-D surface beside the contour view, linked to it (3)")},
        Spec{Action::CameraTop, QString(), tr("3-D camera: &top"), QKeySequence(Qt::Key_T),
             tr("Look at the surface from above, like the map (T)")},
        Spec{Action::CameraFront, QString(), tr("3-D camera: &front"), QKeySequence(Qt::Key_F),
             tr("Look at the surface from the front: f against x (F)")},
        Spec{Action::CameraIso, QString(), tr("3-D camera: &iso"), QKeySequence(Qt::Key_I),
             tr("The surface from above at an angle, as it first opens (I)")},
        Spec{Action::PresenterMode, QStringLiteral("presenter"), tr("Presenter &mode"),
             QKeySequence(Qt::Key_F11),
             tr("Full screen, bigger fonts, only what the class needs to see (F11)")},
        Spec{Action::OpenScenario, QStringLiteral("open"), tr("&Open scenario…"),
             QKeySequence::Open, tr("Load a saved function, domain, start and race")},
        Spec{Action::SaveScenario, QStringLiteral("save"), tr("&Save scenario…"),
             QKeySequence::Save, tr("Save the function, domain, start and race to a file")},
        Spec{Action::ExportImage, QStringLiteral("export-image"), tr("&Export image…"),
             QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the current view as PNG or PDF")},
        Spec{Action::Quit, QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit,
             tr("Close Gradient Lab")},
        Spec{Action::KeepLearningRates, QString(), tr("&Keep learning rates across presets"),
             QKeySequence(),
             tr("Off: each preset brings learning rates that are stable on it. On: the runs "
                "keep the rates you chose")},
        Spec{Action::FairRace, QString(), tr("Align by &evaluations (fair race)"),
             QKeySequence(Qt::Key_E),
             tr("Line the runs up by what they have spent, gradient evaluations (f for "
                "Nelder–Mead), instead of by step (E)")},
        Spec{Action::RaceReport, QString(), tr("Race &report…"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
             tr("Final f, ‖∇f‖, steps and evaluations of every run, and what reaching a "
                "tolerance cost; exports as CSV")},
        Spec{Action::SyntaxHelp, QString(), tr("Function &syntax"), QKeySequence::HelpContents,
             tr("How to type a function: operators, implicit products, functions, errors (F1)")},
        Spec{Action::ShortcutsHelp, QString(), tr("&Keyboard shortcuts"), QKeySequence(),
             tr("Every key of the window")},
        Spec{Action::About, QString(), tr("&About Gradient Lab"), QKeySequence(),
             tr("Version and the licences of the libraries it is built on")},
    };
    for (const Spec& spec : specs) {
        auto* action = new QAction(
            spec.icon.isEmpty() ? QIcon() : QIcon(QStringLiteral(":/icons/%1.svg").arg(spec.icon)),
            spec.text, this);
        action->setShortcut(spec.shortcut);
        // The whole window, plots included; line edits and spin boxes keep the keys they type
        // (they claim them through ShortcutOverride), sliders through NavigationKeyFilter.
        action->setShortcutContext(Qt::WindowShortcut);
        action->setStatusTip(spec.statusTip);
        action->setToolTip(spec.statusTip);
        addAction(action);
        m_actions.append(action);
    }
    action(Action::ToggleGradientField)->setCheckable(true);
    action(Action::ToggleSurface)->setCheckable(true);
    action(Action::PresenterMode)->setCheckable(true);
    action(Action::KeepLearningRates)->setCheckable(true);
    action(Action::FairRace)->setCheckable(true);
    connect(action(Action::FairRace), &QAction::toggled, m_session, [this](bool on) {
        m_session->setRaceAlignment(on ? RaceAlignment::Evaluations : RaceAlignment::Steps);
    });
    connect(m_session, &Session::raceAlignmentChanged, this, [this](RaceAlignment alignment) {
        const QSignalBlocker blocker(action(Action::FairRace));
        action(Action::FairRace)->setChecked(alignment == RaceAlignment::Evaluations);
        updateStatus();
    });
    connect(action(Action::RaceReport), &QAction::triggered, this, [this] {
        if (!m_raceReport) {
            m_raceReport = new RaceReportDialog(m_session, this);
        }
        m_raceReport->show();
        m_raceReport->raise();
    });
    connect(action(Action::KeepLearningRates), &QAction::toggled, m_session,
            &Session::setKeepLearningRates);
    connect(action(Action::SyntaxHelp), &QAction::triggered, this,
            [this] { showHelp(static_cast<int>(HelpDialog::Page::Syntax)); });
    connect(action(Action::ShortcutsHelp), &QAction::triggered, this,
            [this] { showHelp(static_cast<int>(HelpDialog::Page::Shortcuts)); });
    connect(action(Action::About), &QAction::triggered, this,
            [this] { showHelp(static_cast<int>(HelpDialog::Page::About)); });

    connect(action(Action::PlayPause), &QAction::triggered, m_session, &Session::togglePlay);
    connect(action(Action::StepForward), &QAction::triggered, m_session, [this] {
        m_session->pause();
        m_session->stepForward();
    });
    connect(action(Action::StepBackward), &QAction::triggered, m_session, [this] {
        m_session->pause();
        m_session->stepBackward();
    });
    connect(action(Action::Reset), &QAction::triggered, m_session, &Session::reset);
    connect(action(Action::SendToProbe), &QAction::triggered, this,
            &MainWindow::sendRunPointToProbe);
    connect(action(Action::PresenterMode), &QAction::toggled, this, &MainWindow::setPresenterMode);
    connect(action(Action::ExportImage), &QAction::triggered, this, &MainWindow::askExportImage);
    connect(action(Action::OpenScenario), &QAction::triggered, this, &MainWindow::askOpenScenario);
    connect(action(Action::SaveScenario), &QAction::triggered, this, &MainWindow::askSaveScenario);
    connect(action(Action::Quit), &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(action(Action::OpenScenario));
    fileMenu->addAction(action(Action::SaveScenario));
    fileMenu->addSeparator();
    fileMenu->addAction(action(Action::ExportImage));
    // Lecture media (issue 14): File → Export animation….
    fileMenu->addAction(AnimationDialog::createAction(this, m_session, m_contourView));
    fileMenu->addSeparator();
    fileMenu->addAction(action(Action::Quit));
    QMenu* playMenu = menuBar()->addMenu(tr("&Descent"));
    for (Action id : {Action::PlayPause, Action::StepBackward, Action::StepForward, Action::Reset,
                      Action::SendToProbe}) {
        playMenu->addAction(action(id));
    }
    playMenu->addSeparator();
    playMenu->addAction(action(Action::FairRace));
    playMenu->addAction(action(Action::RaceReport));
    playMenu->addSeparator();
    playMenu->addAction(action(Action::KeepLearningRates));
    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    for (Action id : {Action::ResetView, Action::ToggleGradientField, Action::ToggleSurface}) {
        viewMenu->addAction(action(id));
    }
    for (Action id : {Action::CameraTop, Action::CameraFront, Action::CameraIso}) {
        viewMenu->addAction(action(id));
    }
    viewMenu->addAction(action(Action::PresenterMode));
    viewMenu->addSeparator();
    for (QDockWidget* dock : {m_functionDock, m_descentDock, m_chartsDock, m_partialsDock}) {
        viewMenu->addAction(dock->toggleViewAction());
    }
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    for (Action id : {Action::SyntaxHelp, Action::ShortcutsHelp, Action::About}) {
        helpMenu->addAction(action(id));
    }
}

HelpDialog* MainWindow::showHelp(int page)
{
    if (!m_help) {
        m_help = new HelpDialog(m_actions, this);
    }
    m_help->showPage(static_cast<HelpDialog::Page>(page));
    m_help->show();
    m_help->raise();
    return m_help;
}

void MainWindow::createCentre()
{
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_restoreBar = new MessageBar(centre);
    layout->addWidget(m_restoreBar);
    m_divergenceBar = new DivergenceBar(m_session, centre);
    layout->addWidget(m_divergenceBar);
    m_views = new QTabWidget(centre);
    m_views->setDocumentMode(true);
    layout->addWidget(m_views, 1);

    // The linked 2-D / 3-D view: both observe the one session, so a step, the probe or a slider
    // moves both at once.
    m_linkedViews = new QSplitter(Qt::Horizontal, m_views);
    m_linkedViews->setObjectName(QStringLiteral("linkedViews"));
    m_linkedViews->setChildrenCollapsible(false);
    m_contourView = new ContourView(m_session, m_linkedViews);
    m_surfaceView = new SurfaceView(m_session, m_linkedViews);
    m_linkedViews->addWidget(m_contourView);
    m_linkedViews->addWidget(m_surfaceView);
    // The contour view keeps x and y at 1:1, so it gets the larger share.
    m_linkedViews->setStretchFactor(0, 3);
    m_linkedViews->setStretchFactor(1, 2);
    m_views->addTab(m_linkedViews, tr("Contour"));
    m_derivativesLab = new DerivativesLab(m_views);
    m_views->addTab(m_derivativesLab, tr("Derivatives"));
    // The labs scroll when the window is narrower than they like: their minimum widths would
    // otherwise make the whole window wider than a 1600-pixel screen.
    const auto scrolled = [this](QWidget* page) {
        auto* area = new QScrollArea(m_views);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidgetResizable(true);
        area->setWidget(page);
        return area;
    };
    // The Fit lab: a model's loss over its two parameters, with its data beside it.
    m_views->addTab(scrolled(new FitLab), tr("Fit"));
    // The Backprop lab: the computation graph of the session's function at its probe.
    m_views->addTab(scrolled(new BackpropLab(m_session)), tr("Backprop"));
    setSurfaceShown(m_surfaceView->isAvailable());

    m_playbackBar = new PlaybackBar(m_session, centre);
    const std::array playback{action(Action::Reset), action(Action::StepBackward),
                              action(Action::PlayPause), action(Action::StepForward)};
    m_playbackBar->setActions(playback);
    layout->addWidget(m_playbackBar);
    setCentralWidget(centre);

    action(Action::ToggleGradientField)->setChecked(m_contourView->showsGradientField());
    connect(action(Action::ResetView), &QAction::triggered, m_contourView, &ContourView::resetView);
    connect(action(Action::ToggleGradientField), &QAction::toggled, m_contourView,
            &ContourView::setShowGradientField);
    connect(action(Action::ToggleSurface), &QAction::toggled, this, &MainWindow::setSurfaceShown);
    // The camera presets: actions with keys here, buttons on the 3-D view itself.
    connect(action(Action::CameraTop), &QAction::triggered, m_surfaceView, &SurfaceView::showTop);
    connect(action(Action::CameraFront), &QAction::triggered, m_surfaceView,
            &SurfaceView::showFront);
    connect(action(Action::CameraIso), &QAction::triggered, m_surfaceView, &SurfaceView::showIso);
    for (Action id : {Action::CameraTop, Action::CameraFront, Action::CameraIso}) {
        action(id)->setEnabled(m_surfaceView->isAvailable());
    }
}

bool MainWindow::isSurfaceShown() const
{
    return !m_surfaceView->isHidden();
}

void MainWindow::setSurfaceShown(bool shown)
{
    m_surfaceView->setVisible(shown);
    m_views->setTabText(m_views->indexOf(m_linkedViews),
                        shown ? tr("Linked 2-D / 3-D") : tr("Contour"));
    const QSignalBlocker blocker(action(Action::ToggleSurface));
    action(Action::ToggleSurface)->setChecked(shown);
}

void MainWindow::createDocks()
{
    m_functionPanel = new FunctionPanel(m_session, this);
    m_functionDock = new QDockWidget(tr("Function"), this);
    m_functionDock->setObjectName(QStringLiteral("functionDock"));
    m_functionDock->setWidget(scrollable(m_functionPanel));
    addDockWidget(Qt::LeftDockWidgetArea, m_functionDock);

    auto* descent = new QWidget(this);
    auto* descentLayout = new QVBoxLayout(descent);
    m_optimizerPanel = new OptimizerPanel(m_session, descent);
    m_raceList = new RaceList(m_session, descent);
    descentLayout->addWidget(m_optimizerPanel);
    descentLayout->addWidget(m_raceList, 1);
    m_descentDock = new QDockWidget(tr("Descent"), this);
    m_descentDock->setObjectName(QStringLiteral("descentDock"));
    m_descentDock->setWidget(scrollable(descent));
    addDockWidget(Qt::LeftDockWidgetArea, m_descentDock);
    splitDockWidget(m_functionDock, m_descentDock, Qt::Vertical);

    // Below: f and ‖∇f‖ against k, and the selected run's steps as numbers.
    auto* charts = new QSplitter(Qt::Horizontal, this);
    m_chartsSplitter = charts;
    m_runCharts = new RunCharts(m_session, charts);
    m_stepModel = new StepTableModel(m_session, this);
    m_stepTable = new QTableView(charts);
    m_stepTable->setModel(m_stepModel);
    m_stepTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepTable->verticalHeader()->hide();
    m_stepTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stepTable->setToolTip(tr("The selected run, step by step; the current step is highlighted"));
    charts->addWidget(m_runCharts);
    charts->addWidget(m_stepTable);
    charts->setStretchFactor(0, 1);
    charts->setStretchFactor(1, 1);
    m_chartsDock = new QDockWidget(tr("Charts and steps"), this);
    m_chartsDock->setObjectName(QStringLiteral("chartsDock"));
    m_chartsDock->setWidget(charts);
    addDockWidget(Qt::BottomDockWidgetArea, m_chartsDock);
    connect(m_stepModel, &StepTableModel::currentRowChanged, this, [this](int row) {
        if (row >= 0) {
            m_stepTable->scrollTo(m_stepModel->index(row, 0));
        }
    });
    connect(m_stepTable, &QTableView::clicked, this, [this](const QModelIndex& index) {
        m_session->pause();
        m_session->setCurrentStep(index.row());
    });

    m_partialsPanel = new PartialsPanel(m_session, this);
    m_partialsDock = new QDockWidget(tr("Partial derivatives"), this);
    m_partialsDock->setObjectName(QStringLiteral("partialsDock"));
    m_partialsDock->setWidget(scrollable(m_partialsPanel));
    addDockWidget(Qt::RightDockWidgetArea, m_partialsDock);

    // The charts take the width under the views only; the side docks keep their full height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
}

void MainWindow::createStatusBar()
{
    m_stepLabel = new QLabel(this);
    m_valueLabel = new QLabel(this);
    m_gradientLabel = new QLabel(this);
    for (QLabel* label : {m_stepLabel, m_valueLabel, m_gradientLabel}) {
        label->setMinimumWidth(
            label->fontMetrics().horizontalAdvance(QStringLiteral("‖∇f‖ = -0.000000e-000")));
        statusBar()->addPermanentWidget(label);
    }
}

int MainWindow::selectedRunId() const
{
    return m_raceList->selectedRunId();
}

void MainWindow::setSelectedRunId(int id)
{
    m_raceList->setSelectedRunId(id);
}

QString MainWindow::statusText() const
{
    return QStringList{m_stepLabel->text(), m_valueLabel->text(), m_gradientLabel->text()}.join(
        QStringLiteral("   "));
}

void MainWindow::updateStatus()
{
    const RunEntry* entry = m_session->runById(selectedRunId());
    if (!entry) {
        m_stepLabel->setText(tr("step %1").arg(m_session->currentStep()));
        m_valueLabel->clear();
        m_gradientLabel->clear();
        return;
    }
    const StepRecord& record = entry->recordAt(m_session->currentStep());
    const auto number = [this](double value) {
        return std::isfinite(value) ? QString::number(value, 'g', 6) : tr("undefined");
    };
    m_stepLabel->setText(
        m_session->raceAlignment() == RaceAlignment::Evaluations
            ? tr("step %1, cost %2").arg(record.index).arg(raceCost(record, entry->settings.method))
            : tr("step %1").arg(record.index));
    m_valueLabel->setText(tr("f = %1").arg(number(record.f)));
    m_gradientLabel->setText(tr("‖∇f‖ = %1").arg(number(record.gradient.norm())));
}

void MainWindow::sendRunPointToProbe()
{
    const RunEntry* entry = m_session->runById(selectedRunId());
    if (!entry) {
        statusBar()->showMessage(tr("Select a run first: its point goes to the probe."), 4000);
        return;
    }
    m_session->setProbe(entry->recordAt(m_session->currentStep()).point);
}

void MainWindow::setPresenterMode(bool on)
{
    if (on == m_presenterMode) {
        return;
    }
    m_presenterMode = on;
    {
        const QSignalBlocker blocker(action(Action::PresenterMode));
        action(Action::PresenterMode)->setChecked(on);
    }
    if (!m_presenterKeys) {
        m_presenterKeys =
            new PresenterKeys(action(Action::StepForward), action(Action::StepBackward),
                              action(Action::PlayPause), this);
        connect(m_presenterKeys, &PresenterKeys::leaveRequested, this,
                [this] { setPresenterMode(false); });
    }
    if (on) {
        qApp->installEventFilter(m_presenterKeys);
        m_geometryBeforePresenter = saveGeometry();
        m_stateBeforePresenter = saveState(windowStateVersion);
        m_maximizedBeforePresenter = isMaximized();
        m_fontBeforePresenter = font();
        // Readable from the back of a lecture hall: half as big again.
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.5);
        setFont(big);
        for (QDockWidget* dock : findChildren<QDockWidget*>()) {
            dock->setVisible(dock == m_functionDock);
        }
        menuBar()->hide();
        fitWidth(static_cast<QScrollArea*>(m_functionDock->widget()));
        showFullScreen();
    } else {
        qApp->removeEventFilter(m_presenterKeys);
        setFont(m_fontBeforePresenter);
        fitWidth(static_cast<QScrollArea*>(m_functionDock->widget()));
        menuBar()->show();
        if (m_maximizedBeforePresenter) {
            showMaximized();
        } else {
            showNormal();
            restoreGeometry(m_geometryBeforePresenter);
        }
        // The docks' sizes once the window has its old size back (after the resize has been
        // handled), so they come back exactly.
        restoreState(m_stateBeforePresenter, windowStateVersion);
        QTimer::singleShot(0, this, [this] {
            if (!m_presenterMode) {
                restoreState(m_stateBeforePresenter, windowStateVersion);
            }
        });
    }
}

QImage MainWindow::windowImage()
{
    return grabWithSurface(this, m_surfaceView);
}

bool MainWindow::exportImage(const QString& target, QString* error)
{
    QWidget* view = m_views->currentWidget();
    m_contourView->finishHeatMap(); // an export shows the current function, not the last picture
    const bool pdf =
        QFileInfo(target).suffix().compare(QStringLiteral("pdf"), Qt::CaseInsensitive) == 0;
    // Through a temporary file beside the target: a failed export keeps the old file.
    return writeAtomically(
        target,
        [&](const QString& path) {
            if (view == m_linkedViews && !isSurfaceShown()) {
                // The contour view alone: QCustomPlot writes PDF as vectors.
                const QSize size = m_contourView->size();
                return pdf ? m_contourView->plot()->savePdf(path, size.width(), size.height())
                           : m_contourView->render(size).save(path);
            }
            const QImage image = grabWithSurface(view, m_surfaceView);
            if (!pdf) {
                return image.save(path);
            }
            QPdfWriter writer(path);
            writer.setResolution(72); // one widget pixel per PDF point
            writer.setPageSize(QPageSize(view->size(), QPageSize::Point));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter;
            if (!painter.begin(&writer)) {
                return false;
            }
            painter.drawImage(QRect(QPoint(0, 0), view->size()), image);
            return painter.end();
        },
        error);
}

void MainWindow::askExportImage()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export image"), QStringLiteral("gradlab.png"),
                                     tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing "
                                        "(*.svg)"));
    if (path.isEmpty()) {
        return;
    }
    // SVG: the current view's plots as vectors, text as text (a 3-D surface as an image).
    const bool svg =
        QFileInfo(path).suffix().compare(QStringLiteral("svg"), Qt::CaseInsensitive) == 0;
    QString error;
    m_contourView->finishHeatMap();
    if (svg ? writeWidgetSvg(*m_views->currentWidget(), path, &error) : exportImage(path, &error)) {
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    } else {
        statusBar()->showMessage(error.isEmpty() ? tr("Could not write %1").arg(path) : error);
    }
}

void MainWindow::openDefaultScene()
{
    // The scene chosen to teach: the elongated bowl, plain gradient descent, and a learning rate
    // of 0.9 · 2/λmax of the Hessian at the start. Along the steep axis each step multiplies the
    // distance by 1 − η·λmax = −0.8: the path zig-zags across the valley while it creeps along.
    const Preset& preset = defaultPreset();
    m_session->loadPreset(preset);
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = m_session->suggestedLearningRate(settings);
    m_optimizerPanel->setSettings(settings);
    setSelectedRunId(m_session->addRun(settings));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        resize(screen->availableSize() * 0.85);
    }
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_dockStateRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray(),
                                       windowStateVersion);
    m_linkedViewsRestored = m_linkedViews->restoreState(
        settings.value(QStringLiteral("window/linkedViews")).toByteArray());
    if (settings.contains(QStringLiteral("view/surface"))) {
        setSurfaceShown(settings.value(QStringLiteral("view/surface")).toBool() &&
                        m_surfaceView->isAvailable());
    }
    action(Action::ToggleGradientField)
        ->setChecked(settings.value(QStringLiteral("view/gradientField"), false).toBool());
    action(Action::KeepLearningRates)
        ->setChecked(settings.value(QStringLiteral("options/keepLearningRates"), false).toBool());
    m_views->setCurrentIndex(settings.value(QStringLiteral("view/tab"), 0).toInt());

    QVariantMap scene;
    for (const QString& group :
         {QStringLiteral("function"), QStringLiteral("descent"), QStringLiteral("playback")}) {
        settings.beginGroup(group);
        QVariantMap values;
        for (const QString& key : settings.childKeys()) {
            values.insert(key, settings.value(key));
        }
        settings.endGroup();
        scene.insert(group, values);
    }
    if (!applyScene(scene)) {
        openDefaultScene();
    }
}

QVariantMap MainWindow::scene() const
{
    const Preset* preset = m_session->preset();
    const Domain domain = m_session->domain();
    QVariantList parameters;
    for (const ParameterData& parameter : m_session->parameters()) {
        parameters.append(QVariantMap{{QStringLiteral("name"), parameter.name},
                                      {QStringLiteral("value"), parameter.value},
                                      {QStringLiteral("minimum"), parameter.minimum},
                                      {QStringLiteral("maximum"), parameter.maximum}});
    }
    const QVariantMap function{
        {QStringLiteral("text"), m_session->expressionText()},
        {QStringLiteral("preset"), preset ? QString::fromStdString(preset->name) : QString()},
        {QStringLiteral("domain"),
         QVariantList{domain.xMin, domain.xMax, domain.yMin, domain.yMax}},
        {QStringLiteral("parameters"), parameters},
        {QStringLiteral("probe"), toVariant(m_session->probe())},
    };
    QVariantList runs;
    int selected = -1;
    for (const RunEntry& entry : m_session->runs()) {
        QVariantMap map = toVariant(entry.settings);
        map.insert(QStringLiteral("visible"), entry.visible);
        map.insert(QStringLiteral("color"), entry.color.name());
        if (entry.id == selectedRunId()) {
            selected = static_cast<int>(runs.size());
        }
        runs.append(map);
    }
    const QVariantMap descent{
        {QStringLiteral("start"), toVariant(m_session->startPoint())},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("selected"), selected},
        {QStringLiteral("panel"), toVariant(m_optimizerPanel->settings())},
    };
    QVariantMap playback{{QStringLiteral("speed"), m_session->speed()},
                         {QStringLiteral("step"), m_session->currentStep()}};
    // Written only for a fair race, so that scenarios of step-aligned races stay as they were.
    if (m_session->raceAlignment() == RaceAlignment::Evaluations) {
        playback.insert(QStringLiteral("alignment"), QStringLiteral("evaluations"));
    }
    return {{QStringLiteral("function"), function},
            {QStringLiteral("descent"), descent},
            {QStringLiteral("playback"), playback}};
}

bool MainWindow::applyScene(const QVariantMap& map)
{
    const std::optional<SceneFile> scene = sceneFromVariant(map);
    if (scene) {
        showScene(*scene);
    }
    return scene.has_value();
}

void MainWindow::showScene(const SceneFile& scene)
{
    if (const Preset* preset = findPreset(scene.preset.toStdString())) {
        m_session->loadPreset(*preset);
    }
    if (scene.text != m_session->expressionText()) {
        m_session->setExpressionText(scene.text);
    }
    if (scene.domain) {
        m_session->setDomain(*scene.domain);
    }
    for (const SceneParameter& parameter : scene.parameters) {
        m_session->setParameter(
            ParameterData{parameter.name, parameter.value, parameter.minimum, parameter.maximum});
    }
    if (scene.start) {
        m_session->setStartPoint(*scene.start);
    }
    if (scene.probe) {
        m_session->setProbe(*scene.probe);
    }
    m_session->clearRuns();
    std::vector<int> ids;
    for (const SceneRun& run : scene.runs) {
        // The run keeps its colour: the race looks as it did when it was saved.
        const int id = m_session->addRun(run.settings, QColor(run.color));
        m_session->setRunVisible(id, run.visible);
        ids.push_back(id);
    }
    if (scene.selected >= 0) {
        setSelectedRunId(ids[static_cast<std::size_t>(scene.selected)]);
    }
    if (scene.panel) {
        m_optimizerPanel->setSettings(*scene.panel);
    }
    if (scene.speed) {
        m_session->setSpeed(*scene.speed);
    }
    m_session->setRaceAlignment(scene.alignByEvaluations ? RaceAlignment::Evaluations
                                                         : RaceAlignment::Steps);
    m_session->setCurrentStep(scene.step);
}

void MainWindow::saveSettings() const
{
    if (m_startup == Startup::Blank) {
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"),
                      m_presenterMode ? m_stateBeforePresenter : saveState(windowStateVersion));
    settings.setValue(QStringLiteral("window/linkedViews"), m_linkedViews->saveState());
    settings.setValue(QStringLiteral("view/surface"), isSurfaceShown());
    settings.setValue(QStringLiteral("view/gradientField"),
                      action(Action::ToggleGradientField)->isChecked());
    settings.setValue(QStringLiteral("view/tab"), m_views->currentIndex());
    settings.setValue(QStringLiteral("options/keepLearningRates"),
                      action(Action::KeepLearningRates)->isChecked());
    const QVariantMap values = scene();
    for (auto group = values.begin(); group != values.end(); ++group) {
        settings.remove(group.key());
        settings.beginGroup(group.key());
        const QVariantMap entries = group.value().toMap();
        for (auto entry = entries.begin(); entry != entries.end(); ++entry) {
            settings.setValue(entry.key(), entry.value());
        }
        settings.endGroup();
    }
}

QString raceReportPath(const QString& scenarioPath)
{
    const QFileInfo info(scenarioPath);
    const QString base =
        info.suffix() == QLatin1String("gradlab") ? info.completeBaseName() : info.fileName();
    return info.dir().filePath(base + QStringLiteral(".race.csv"));
}

bool MainWindow::saveScenario(const QString& path, QString* error) const
{
    QSaveFile file(path);
    QJsonObject document = QJsonObject::fromVariantMap(scene());
    document.insert(QStringLiteral("gradlab"), QStringLiteral(GRADLAB_VERSION));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(document).toJson()) < 0 ||
        !file.commit()) {
        if (error) {
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    // The race's report goes with it, at the tolerance the report dialog shows.
    if (!m_session->runs().empty()) {
        const double tolerance = m_raceReport ? m_raceReport->tolerance() : kDefaultRaceTolerance;
        return writeRaceReport(*m_session, tolerance, raceReportPath(path), error);
    }
    return true;
}

bool MainWindow::openScenario(const QString& path, QString* error)
{
    const SceneRead read = readSceneFile(path);
    if (!read.scene) {
        if (error) {
            *error = read.error;
        }
        return false;
    }
    showScene(*read.scene);
    return true;
}

void MainWindow::askOpenScenario()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                      tr("Gradient Lab scenario (*.gradlab)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (openScenario(path, &error)) {
        statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(path).fileName()), 4000);
    } else {
        statusBar()->showMessage(error);
    }
}

void MainWindow::askSaveScenario()
{
    QString path =
        QFileDialog::getSaveFileName(this, tr("Save scenario"), QStringLiteral("scenario.gradlab"),
                                     tr("Gradient Lab scenario (*.gradlab)"));
    if (path.isEmpty()) {
        return;
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QStringLiteral(".gradlab");
    }
    QString error;
    if (saveScenario(path, &error)) {
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    } else {
        statusBar()->showMessage(error);
    }
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_shownOnce) {
        m_shownOnce = true;
        if (!m_dockStateRestored) {
            resizeDocks({m_functionDock, m_partialsDock}, {380, 380}, Qt::Horizontal);
            resizeDocks({m_chartsDock}, {240}, Qt::Vertical);
            // The function dock as tall as its panel; the descent dock (with the race list)
            // takes the rest.
            const int functionHeight = m_functionPanel->sizeHint().height() + 8;
            resizeDocks(
                {m_functionDock, m_descentDock},
                {functionHeight, std::max(200, m_functionDock->height() + m_descentDock->height() -
                                                   functionHeight)},
                Qt::Vertical);
        }
        if (!m_dockStateRestored) {
            const int width = m_chartsSplitter->width();
            m_chartsSplitter->setSizes({width / 2, width - width / 2});
        }
        if (!m_linkedViewsRestored) {
            // 3 : 2 for the contour view, which keeps x and y at 1:1.
            const int width = m_linkedViews->width();
            m_linkedViews->setSizes({width * 3 / 5, width - width * 3 / 5});
        }
    }
    if (m_stepModel->currentRow() >= 0) {
        m_stepTable->scrollTo(m_stepModel->index(m_stepModel->currentRow(), 0));
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    if (m_autosave && !m_restoreBar->isVisible()) {
        // A clean exit: the settings hold the scene; nothing to offer back next time.
        m_autosave->discard();
    }
    event->accept();
}

} // namespace gradlab
