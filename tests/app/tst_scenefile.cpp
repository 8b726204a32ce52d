// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "scenefile.h"
#include "scenesettings.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

using namespace gradlab;

namespace {

QVariantMap sceneWith(const QVariantMap& function, const QVariantMap& descent = {},
                      const QVariantMap& playback = {})
{
    return {{QStringLiteral("function"), function},
            {QStringLiteral("descent"), descent},
            {QStringLiteral("playback"), playback}};
}

QByteArray json(const QVariantMap& map)
{
    return QJsonDocument(QJsonObject::fromVariantMap(map)).toJson();
}

} // namespace

class TestSceneFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatTheWindowWrites()
    {
        OptimizerSettings adam = defaultSettings(Method::Adam);
        adam.learningRate = 0.05;
        adam.maxSteps = 300;
        QVariantMap run = settingsToVariant(adam);
        run.insert(QStringLiteral("visible"), false);
        run.insert(QStringLiteral("color"), QStringLiteral("#3182bd"));
        const QVariantMap function{
            {QStringLiteral("text"), QStringLiteral("x^2 + k*y^2")},
            {QStringLiteral("preset"), QString()},
            {QStringLiteral("domain"), QVariantList{-2.0, 2.0, -1.0, 3.0}},
            {QStringLiteral("viewport"), QVariantList{-1.0, 0.5, 0.0, 1.5}},
            {QStringLiteral("parameters"),
             QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("k")},
                                      {QStringLiteral("value"), 3.0},
                                      {QStringLiteral("minimum"), 0.0},
                                      {QStringLiteral("maximum"), 10.0}}}},
            {QStringLiteral("probe"), QVariantList{0.5, 0.25}}};
        const QVariantMap descent{{QStringLiteral("start"), QVariantList{-1.5, 2.0}},
                                  {QStringLiteral("runs"), QVariantList{run}},
                                  {QStringLiteral("selected"), 0},
                                  {QStringLiteral("panel"), settingsToVariant(adam)}};
        const QVariantMap playback{{QStringLiteral("speed"), 12.0},
                                   {QStringLiteral("step"), 40},
                                   {QStringLiteral("alignment"), QStringLiteral("evaluations")}};
        const SceneRead read = readScene(json(sceneWith(function, descent, playback)), "a");
        QVERIFY2(read.scene, qPrintable(read.error));
        const SceneFile& scene = *read.scene;
        QCOMPARE(scene.text, QStringLiteral("x^2 + k*y^2"));
        QVERIFY(scene.domain && scene.domain->xMin == -2.0 && scene.domain->yMax == 3.0);
        QVERIFY(scene.viewport && scene.viewport->xMax == 0.5 && scene.viewport->yMin == 0.0);
        QCOMPARE(scene.parameters.size(), std::size_t{1});
        QCOMPARE(scene.parameters[0].value, 3.0);
        QVERIFY(scene.probe && *scene.probe == Eigen::Vector2d(0.5, 0.25));
        QVERIFY(scene.start && *scene.start == Eigen::Vector2d(-1.5, 2.0));
        QCOMPARE(scene.runs.size(), std::size_t{1});
        QVERIFY(scene.runs[0].settings == adam);
        QVERIFY(!scene.runs[0].visible);
        QCOMPARE(scene.runs[0].color, QStringLiteral("#3182bd"));
        QCOMPARE(scene.selected, 0);
        QVERIFY(scene.panel && *scene.panel == adam);
        QVERIFY(scene.speed && *scene.speed == 12.0);
        QCOMPARE(scene.step, 40);
        QVERIFY(scene.alignByEvaluations);
    }

    void rejectsWithReasons_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        QTest::newRow("not JSON") << QByteArray("x^2 + y^2") << "s.gradlab is not a scenario: ";
        QTest::newRow("truncated") << QByteArray(R"({"function": {"text": "x^2")") << " at byte ";
        QTest::newRow("an array") << QByteArray("[1, 2]") << "not a Gradient Lab scenario";
        QTest::newRow("no text") << QByteArray(R"({"function": {}})")
                                 << "not a Gradient Lab scenario";
        QTest::newRow("text that does not parse")
            << QByteArray(R"({"function": {"text": "x +* y"}})") << "not a Gradient Lab scenario";
        QTest::newRow("text not a string")
            << QByteArray(R"({"function": {"text": 3}})") << "not a Gradient Lab scenario";
    }

    void rejectsWithReasons()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        const SceneRead read = readScene(bytes, QStringLiteral("s.gradlab"));
        QVERIFY(!read.scene);
        QVERIFY2(read.error.contains(says), qPrintable(read.error));
        QVERIFY2(read.error.startsWith(QStringLiteral("s.gradlab ")), qPrintable(read.error));
    }

    void leavesOutWhatCannotBeShown()
    {
        const double inf = std::numeric_limits<double>::infinity();
        const QVariantMap function{
            {QStringLiteral("text"), QStringLiteral("x*y")},
            {QStringLiteral("domain"), QVariantList{1.0, -1.0, 0.0, 1.0}}, // empty
            {QStringLiteral("parameters"),
             QVariantList{QVariantMap{{QStringLiteral("name"), QStringLiteral("a")},
                                      {QStringLiteral("value"), 0.0},
                                      {QStringLiteral("minimum"), -inf},
                                      {QStringLiteral("maximum"), 1.0}},
                          QVariantMap{{QStringLiteral("name"), QStringLiteral("b")},
                                      {QStringLiteral("value"), 2.0},
                                      {QStringLiteral("minimum"), 3.0},
                                      {QStringLiteral("maximum"), 1.0}},
                          QVariantMap{{QStringLiteral("name"), QStringLiteral("c")},
                                      {QStringLiteral("value"), QStringLiteral("1")},
                                      {QStringLiteral("minimum"), 0.0},
                                      {QStringLiteral("maximum"), 2.0}}}},
            {QStringLiteral("probe"), QVariantList{1.0}}};
        QVariantList runs;
        QVariantMap huge = settingsToVariant(defaultSettings(Method::GradientDescent));
        huge.insert(QStringLiteral("maxSteps"), 2'000'000'000);
        for (int i = 0; i < 100; ++i) {
            runs.append(huge);
        }
        const QVariantMap descent{{QStringLiteral("runs"), runs},
                                  {QStringLiteral("selected"), 500},
                                  {QStringLiteral("start"), QVariantList{"a", "b"}}};
        const QVariantMap playback{{QStringLiteral("step"), 2'000'000'000},
                                   {QStringLiteral("speed"), QStringLiteral("fast")}};
        const std::optional<SceneFile> scene =
            sceneFromVariant(sceneWith(function, descent, playback));
        QVERIFY(scene);
        QVERIFY(!scene->domain);
        QVERIFY(!scene->viewport); // absent: the view shows the domain
        QVERIFY(scene->parameters.empty());
        QVERIFY(!scene->probe);
        QVERIFY(!scene->start);
        QCOMPARE(static_cast<int>(scene->runs.size()), kMaxSceneRuns);
        for (const SceneRun& run : scene->runs) {
            QCOMPARE(run.settings.maxSteps, kMaxSceneSteps);
        }
        QCOMPARE(scene->selected, -1);
        QCOMPARE(scene->step, kMaxSceneSteps);
        QVERIFY(!scene->speed);
    }

    void settingsOutOfRangeKeepTheirDefaults()
    {
        QVariantMap run = settingsToVariant(defaultSettings(Method::Adam));
        run.insert(QStringLiteral("lr"), -0.5);   // below 0
        run.insert(QStringLiteral("beta2"), 1.0); // β2 < 1
        run.insert(QStringLiteral("beta1"), 0.5); // in range: taken
        const std::optional<SceneFile> scene =
            sceneFromVariant(sceneWith({{QStringLiteral("text"), QStringLiteral("x^2+y^2")}},
                                       {{QStringLiteral("runs"), QVariantList{run}}}, {}));
        QVERIFY(scene);
        QCOMPARE(scene->runs.size(), std::size_t{1});
        const OptimizerSettings defaults = defaultSettings(Method::Adam);
        QCOMPARE(scene->runs[0].settings.learningRate, defaults.learningRate);
        QCOMPARE(scene->runs[0].settings.beta2, defaults.beta2);
        QCOMPARE(scene->runs[0].settings.beta1, 0.5);
    }

    void boundedFiles()
    {
        QTemporaryDir directory;
        const QString large = directory.filePath(QStringLiteral("large.gradlab"));
        {
            QFile file(large);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(kMaxSceneFileBytes + 10));
        }
        SceneRead read = readSceneFile(large);
        QVERIFY(!read.scene);
        QVERIFY2(read.error.contains(QStringLiteral("larger than 16 MiB")), qPrintable(read.error));
        // A device that never ends is read only so far.
        read = readSceneFile(QStringLiteral("/dev/zero"));
        QVERIFY(!read.scene);
        QVERIFY2(read.error.contains(QStringLiteral("larger than")), qPrintable(read.error));
        read = readSceneFile(directory.filePath(QStringLiteral("missing.gradlab")));
        QVERIFY(!read.scene);
        QVERIFY2(read.error.startsWith(QStringLiteral("Could not read ")), qPrintable(read.error));
    }
};

QTEST_GUILESS_MAIN(TestSceneFile)
#include "tst_scenefile.moc"
