// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clioptimizer.h"
#include "commandline.h"
#include "optimization/hyperparameters.h"
#include "scenesettings.h"

#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace gradlab;

namespace {

/// The program's table and one row it does not have, which edits AdaGrad's lr_decay field for
/// Adam only.
std::vector<HyperParameter> tableWithFakeRow()
{
    std::vector<HyperParameter> table(hyperParameters().begin(), hyperParameters().end());
    HyperParameter fake;
    fake.name = "fake-knob";
    fake.sceneKey = "fakeKnob";
    fake.label = "Fake knob";
    fake.help = "a knob only the test has";
    fake.toolTip = "Turns nothing";
    fake.range = {0.0, 10.0, false, false};
    fake.editor = EditorKind::NonNegative;
    fake.methods = {Method::Adam};
    fake.get = [](const OptimizerSettings& s) {
        return s.learningRateDecay;
    };
    fake.set = [](OptimizerSettings& s, double v) {
        s.learningRateDecay = v;
    };
    table.push_back(fake);
    return table;
}

ParsedArguments parseWith(const OptimizerOptions& options, std::vector<std::string> words)
{
    return ParsedArguments::parse(words, options.options(), "descend", "");
}

/// The message of the CommandLineError \a action throws; empty if it throws none.
template <typename Action>
std::string errorOf(Action action)
{
    try {
        action();
    } catch (const CommandLineError& error) {
        return error.what();
    }
    return {};
}

} // namespace

class TestHyperParameterTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testFakeRowOnCommandLine();
    void testFakeRowInScene();
    void testProgramHelp_data();
    void testProgramHelp();
    void testSceneKeys();
    void testSceneRoundTrip_data();
    void testSceneRoundTrip();
    void testSceneFallbacks();
    void testEveryMethodNamed();
};

void TestHyperParameterTable::testFakeRowOnCommandLine()
{
    const std::vector<HyperParameter> table = tableWithFakeRow();
    const OptimizerOptions options(table);
    const auto found =
        std::find_if(options.options().begin(), options.options().end(),
                     [](const OptionSpec& option) { return option.name == "fake-knob"; });
    QVERIFY(found != options.options().end());
    QCOMPARE(std::string(found->valueName), std::string("V"));
    QCOMPARE(std::string(found->help), std::string("a knob only the test has (default 0)"));
    QVERIFY(options.synopsis().find("[--fake-knob V]") != std::string::npos);

    const OptimizerSettings settings =
        options.settings(parseWith(options, {"--fake-knob", "3.5"}), Method::Adam);
    QCOMPARE(settings.learningRateDecay, 3.5);
    QCOMPARE(
        errorOf([&] {
            options.settings(parseWith(options, {"--fake-knob", "3.5"}), Method::GradientDescent);
        }),
        std::string("--fake-knob does not apply to 'gd' (only to adam)"));
    QCOMPARE(errorOf([&] {
                 options.settings(parseWith(options, {"--fake-knob", "11"}), Method::Adam);
             }),
             std::string("--fake-knob: 11 is not in [0, 10]"));
}

void TestHyperParameterTable::testFakeRowInScene()
{
    const std::vector<HyperParameter> table = tableWithFakeRow();
    OptimizerSettings settings = defaultSettings(Method::Adam);
    settings.learningRateDecay = 4.25;
    const QVariantMap map = settingsToVariant(settings, table);
    QCOMPARE(map.value("fakeKnob").toDouble(), 4.25);
    QVariantMap edited = map;
    edited.insert("fakeKnob", 6.5);
    QCOMPARE(settingsFromVariant(edited, table).learningRateDecay, 6.5);
}

void TestHyperParameterTable::testProgramHelp_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("text");
    // Literal lines: the defaults are torch.optim's (and the learning rates the README lists).
    QTest::newRow("momentum") << "--momentum V"
                              << "momentum μ (default: momentum, nesterov 0.9; rmsprop 0)";
    QTest::newRow("eps") << "--eps V"
                         << "ε added to denominators (default: adagrad 1e-10; rmsprop, adam, "
                            "adamw 1e-08)";
    QTest::newRow("beta2") << "--beta2 V"
                           << "Adam second-moment decay β2 (default 0.999)";
    QTest::newRow("initial accumulator")
        << "--initial-accumulator V"
        << "AdaGrad's starting sum of squared gradients (default 0)";
    QTest::newRow("armijo") << "--armijo V"
                            << "line search: Armijo constant c1 (default 0.0001)";
    QTest::newRow("shrink") << "--shrink V"
                            << "line search: backtracking factor (default 0.5)";
    QTest::newRow("amsgrad") << "--amsgrad"
                             << "Adam: the AMSGrad variant (keeps the largest v̂)";
    QTest::newRow("history") << "--history N"
                             << "L-BFGS: curvature pairs kept (default 100)";
    QTest::newRow("line search")
        << "--line-search none|strong_wolfe"
        << "L-BFGS: the step lr·d as it is, or torch's strong-Wolfe search (default strong_wolfe)";
    QTest::newRow("weight decay")
        << "--weight-decay V"
        << "weight decay λ: adds λ·x to the gradient (adamw: x ← x·(1 − lr·λ)) (default: gd, "
           "momentum, nesterov, adagrad, rmsprop, adam 0; adamw 0.01)";
    QTest::newRow("learning rates") << "default learning rates:"
                                    << "gd 0.02, momentum 0.005, nesterov 0.005, adagrad 0.5, "
                                       "rmsprop 0.01, adam 0.1, adamw 0.1, newton 1, "
                                       "linesearch 1, lbfgs 1.";
}

void TestHyperParameterTable::testProgramHelp()
{
    QFETCH(QString, option);
    QFETCH(QString, text);
    const QString help = QString::fromStdString(commandLineHelp("descend"));
    const QRegularExpression line("\n( {2})?" + QRegularExpression::escape(option) + " +" +
                                  QRegularExpression::escape(text) + "\n");
    QVERIFY2(help.contains(line), qPrintable(help));
}

void TestHyperParameterTable::testSceneKeys()
{
    // The keys scene files have always had; a key renamed would lose the runs of old files.
    const QVariantMap map = settingsToVariant(defaultSettings(Method::RMSProp));
    for (const char* key : {"method", "lr", "momentum", "alpha", "beta1", "beta2", "eps", "lrDecay",
                            "initialAccumulator", "centered", "amsgrad", "armijo", "shrink",
                            "maxSteps", "tolerance"}) {
        QVERIFY2(map.contains(key), key);
    }
    QCOMPARE(map.value("method").toString(), QString("rmsprop"));
    QCOMPARE(map.value("centered").typeId(), QMetaType::Bool);
    QCOMPARE(map.value("maxSteps").typeId(), QMetaType::Int);
    QCOMPARE(map.value("alpha").typeId(), QMetaType::Double);
    QCOMPARE(map.value("alpha").toDouble(), 0.99);
}

void TestHyperParameterTable::testSceneRoundTrip_data()
{
    QTest::addColumn<int>("method");
    for (const Method method : allMethods()) {
        QTest::newRow(methodName(method).data()) << static_cast<int>(method);
    }
}

void TestHyperParameterTable::testSceneRoundTrip()
{
    QFETCH(int, method);
    OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    settings.learningRate = 0.0123;
    settings.momentum = 0.85;
    settings.epsilon = 1e-6;
    settings.initialAccumulator = 0.1;
    settings.centered = true;
    settings.armijo = 1e-3;
    settings.maxSteps = 321;
    settings.tolerance = 1e-5;
    QVERIFY(settingsFromVariant(settingsToVariant(settings)) == settings);
    settings.schedule =
        parseWarmup("10:0.1", parseSchedule("cosine:t_max=60,eta_min=0.001").settings).settings;
    const QVariantMap map = settingsToVariant(settings);
    QCOMPARE(map.value("schedule").toString(), QString("cosine:t_max=60,eta_min=0.001"));
    QCOMPARE(map.value("warmup").toString(), QString("10:0.1"));
    QVERIFY(settingsFromVariant(map) == settings);
}

void TestHyperParameterTable::testSceneFallbacks()
{
    // Missing keys, numbers that are not finite and an unknown method read as the defaults.
    const QVariantMap map{{"method", "adam"},
                          {"beta1", std::numeric_limits<double>::quiet_NaN()},
                          {"lr", "fast"},
                          {"maxSteps", 0}};
    OptimizerSettings expected = defaultSettings(Method::Adam);
    expected.maxSteps = 1;
    QVERIFY(settingsFromVariant(map) == expected);
    QVERIFY(settingsFromVariant({{"method", "sgd"}}) == defaultSettings(Method::GradientDescent));
}

void TestHyperParameterTable::testEveryMethodNamed()
{
    // Each method has its own name, and the CLI's --optimizer help lists it.
    const QString help = QString::fromStdString(commandLineHelp("descend"));
    std::vector<std::string> names;
    for (const Method method : allMethods()) {
        const std::string name(methodName(method));
        QVERIFY(!name.empty());
        QVERIFY(std::find(names.begin(), names.end(), name) == names.end());
        QCOMPARE(methodFromName(name), std::optional<Method>(method));
        QVERIFY2(help.contains(QString::fromStdString(name)), name.c_str());
        names.push_back(name);
    }
}

QTEST_GUILESS_MAIN(TestHyperParameterTable)
#include "tst_hyperparametertable.moc"
