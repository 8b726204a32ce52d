// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "autosave.h"
#include "backproplab/backproplab.h"
#include "charts/racereportdialog.h"
#include "charts/runcharts.h"
#include "charts/steptablemodel.h"
#include "contourview/contourview.h"
#include "derivativeslab/derivativeslab.h"
#include "expression/parser.h"
#include "fitlab/fitlab.h"
#include "messages/divergencebar.h"
#include "panels/functionpanel.h"
#include "panels/optimizerpanel.h"
#include "panels/playbackbar.h"
#include "panels/racelist.h"
#include "partials/partialspanel.h"
#include "presenterkeys.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QScrollArea>
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
#include <optional>

namespace gradlab {

namespace {

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
          &Session::startPointChanged, &Session::parametersChanged, &Session::domainChanged,
          &Session::viewportChanged}) {
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
        m_stateBeforePresenter = saveState(kWindowStateVersion);
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
        restoreState(m_stateBeforePresenter, kWindowStateVersion);
        QTimer::singleShot(0, this, [this] {
            if (!m_presenterMode) {
                restoreState(m_stateBeforePresenter, kWindowStateVersion);
            }
        });
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
