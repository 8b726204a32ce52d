// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// MainWindow: the scene in and out — the settings kept between sessions, scenario files, the
// default scene.
#include "charts/racereportdialog.h"
#include "functions/presets.h"
#include "mainwindow.h"
#include "panels/optimizerpanel.h"
#include "scenefile.h"
#include "scenesettings.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>

namespace gradlab {

namespace {

QVariantMap toVariant(const OptimizerSettings& settings)
{
    return settingsToVariant(settings);
}

QVariantList toVariant(const Eigen::Vector2d& point)
{
    return {point.x(), point.y()};
}

} // namespace

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
                                       kWindowStateVersion);
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
    QVariantMap function{
        {QStringLiteral("text"), m_session->expressionText()},
        {QStringLiteral("preset"), preset ? QString::fromStdString(preset->name) : QString()},
        {QStringLiteral("domain"),
         QVariantList{domain.xMin, domain.xMax, domain.yMin, domain.yMax}},
        {QStringLiteral("parameters"), parameters},
        {QStringLiteral("probe"), toVariant(m_session->probe())},
    };
    // Written only once the view was panned or zoomed: other scenarios stay as they were.
    if (const Domain viewport = m_session->viewport(); !(viewport == domain)) {
        function.insert(QStringLiteral("viewport"),
                        QVariantList{viewport.xMin, viewport.xMax, viewport.yMin, viewport.yMax});
    }
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
    if (scene.viewport) {
        m_session->setViewport(*scene.viewport);
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
                      m_presenterMode ? m_stateBeforePresenter : saveState(kWindowStateVersion));
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

} // namespace gradlab
