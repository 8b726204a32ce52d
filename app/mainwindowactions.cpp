// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// MainWindow: its actions (with their shortcuts), the menus that hold them, the help pages.
#include "charts/racereportdialog.h"
#include "contourview/contourview.h"
#include "export/animationdialog.h"
#include "helpdialog.h"
#include "mainwindow.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QAction>
#include <QDockWidget>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QSignalBlocker>

namespace gradlab {

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

} // namespace gradlab
