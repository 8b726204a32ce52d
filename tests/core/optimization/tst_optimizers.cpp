// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"
#include "optimization/updaterule.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace gradlab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// f through the real engine: parse, then the compiled program with its Hessian.
Objective compiled(const QString& formula)
{
    const ParseResult parsed = parse(formula.toStdString());
    if (!parsed.isValid()) {
        return {};
    }
    return CompiledFunction::compile(parsed.expression).objective();
}

/// f = a·x² + b·y² + c·x·y with its derivatives by hand.
Objective quadratic(double a, double b, double c)
{
    return [a, b, c](const Eigen::Vector2d& p) {
        PointValue value;
        value.f = a * p.x() * p.x() + b * p.y() * p.y() + c * p.x() * p.y();
        value.gradient = {2 * a * p.x() + c * p.y(), 2 * b * p.y() + c * p.x()};
        value.hessian << 2 * a, c, c, 2 * b;
        return value;
    };
}

bool sameRecord(const StepRecord& a, const StepRecord& b)
{
    // bitwise equality, NaN included (no NaN is expected, but it must not pass unnoticed)
    const auto same = [](const auto& u, const auto& v) {
        return std::memcmp(u.data(), v.data(),
                           sizeof(double) * static_cast<std::size_t>(u.size())) == 0;
    };
    return a.index == b.index && same(a.point, b.point) &&
           std::memcmp(&a.f, &b.f, sizeof(double)) == 0 && same(a.gradient, b.gradient) &&
           same(a.step, b.step) && same(a.velocity, b.velocity) &&
           same(a.squaredGradients, b.squaredGradients) &&
           same(a.firstMomentHat, b.firstMomentHat) && same(a.secondMomentHat, b.secondMomentHat) &&
           same(a.newtonDirection, b.newtonDirection) && a.hessianModified == b.hessianModified &&
           a.note == b.note && a.trials == b.trials;
}

/// \brief The textbook form of each update, one coordinate at a time, written independently of
/// the library (no shared code, the formulas as in the papers and the torch documentation).
struct TextbookState
{
    double buffer[2] = {0, 0};
    double sum[2] = {0, 0};
    double average[2] = {0, 0};
    double gradientAverage[2] = {0, 0};
    double m[2] = {0, 0};
    double v[2] = {0, 0};
    double vMax[2] = {0, 0};
    int t = 0;
};

Eigen::Vector2d textbookStep(const OptimizerSettings& s, TextbookState& state,
                             const Eigen::Vector2d& x, const Eigen::Vector2d& g)
{
    ++state.t;
    Eigen::Vector2d next = x;
    for (int i = 0; i < 2; ++i) {
        switch (s.method) {
        case Method::GradientDescent:
            next[i] = x[i] - s.learningRate * g[i];
            break;
        case Method::Momentum:
            state.buffer[i] = state.t == 1 ? g[i] : s.momentum * state.buffer[i] + g[i];
            next[i] = x[i] - s.learningRate * state.buffer[i];
            break;
        case Method::Nesterov:
            state.buffer[i] = state.t == 1 ? g[i] : s.momentum * state.buffer[i] + g[i];
            next[i] = x[i] - s.learningRate * (g[i] + s.momentum * state.buffer[i]);
            break;
        case Method::AdaGrad: {
            const double rate = s.learningRate / (1 + (state.t - 1) * s.learningRateDecay);
            state.sum[i] += g[i] * g[i];
            next[i] = x[i] - rate * g[i] / (std::sqrt(state.sum[i]) + s.epsilon);
            break;
        }
        case Method::RMSProp: {
            state.average[i] = s.alpha * state.average[i] + (1 - s.alpha) * g[i] * g[i];
            double denominator = state.average[i];
            if (s.centered) {
                state.gradientAverage[i] =
                    s.alpha * state.gradientAverage[i] + (1 - s.alpha) * g[i];
                denominator -= state.gradientAverage[i] * state.gradientAverage[i];
            }
            denominator = std::sqrt(denominator) + s.epsilon;
            if (s.momentum > 0) {
                state.buffer[i] = s.momentum * state.buffer[i] + g[i] / denominator;
                next[i] = x[i] - s.learningRate * state.buffer[i];
            } else {
                next[i] = x[i] - s.learningRate * g[i] / denominator;
            }
            break;
        }
        case Method::Adam: {
            state.m[i] = s.beta1 * state.m[i] + (1 - s.beta1) * g[i];
            state.v[i] = s.beta2 * state.v[i] + (1 - s.beta2) * g[i] * g[i];
            state.vMax[i] = std::max(state.vMax[i], state.v[i]);
            const double mHat = state.m[i] / (1 - std::pow(s.beta1, state.t));
            const double vHat =
                (s.amsgrad ? state.vMax[i] : state.v[i]) / (1 - std::pow(s.beta2, state.t));
            next[i] = x[i] - s.learningRate * mHat / (std::sqrt(vHat) + s.epsilon);
            break;
        }
        default:
            break;
        }
    }
    return next;
}

} // namespace

class TestOptimizers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reference_data();
    void reference();
    void textbook_data();
    void textbook();
    void recordState();
    void newtonOneStep_data();
    void newtonOneStep();
    void newtonModifiesHessian_data();
    void newtonModifiesHessian();
    void lineSearch_data();
    void lineSearch();
    void divergence_data();
    void divergence();
    void toleranceStop();
    void stepLimit();
    void replay_data();
    void replay();
    void names();
    void noFallbackToGradientDescent();
    void evaluationCounts_data();
    void evaluationCounts();
    void rejectedNames_data();
    void rejectedNames();
    void defaults_data();
    void defaults();
};

void TestOptimizers::reference_data()
{
    QTest::addColumn<QByteArray>("line");
    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/optimizers.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int rows = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QTest::addRow("%s on %s", qPrintable(object.value(QLatin1String("optimizer")).toString()),
                      qPrintable(object.value(QLatin1String("expr")).toString()))
            << line;
        ++rows;
    }
    QVERIFY(rows >= 18);
}

void TestOptimizers::reference()
{
    QFETCH(QByteArray, line);
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    const Objective objective = compiled(object.value(QLatin1String("expr")).toString());
    QVERIFY(objective);
    const std::optional<Method> method =
        methodFromName(object.value(QLatin1String("optimizer")).toString().toStdString());
    QVERIFY(method);
    OptimizerSettings settings = defaultSettings(*method);
    const QJsonObject args = object.value(QLatin1String("args")).toObject();
    for (auto it = args.begin(); it != args.end(); ++it) {
        const double value = it.value().toDouble(kNaN);
        QVERIFY(std::isfinite(value));
        if (it.key() == QLatin1String("lr")) {
            settings.learningRate = value;
        } else if (it.key() == QLatin1String("momentum")) {
            settings.momentum = value;
        } else if (it.key() == QLatin1String("alpha")) {
            settings.alpha = value;
        } else if (it.key() == QLatin1String("beta1")) {
            settings.beta1 = value;
        } else if (it.key() == QLatin1String("beta2")) {
            settings.beta2 = value;
        } else if (it.key() == QLatin1String("eps")) {
            settings.epsilon = value;
        } else {
            QFAIL(qPrintable(QStringLiteral("unknown argument ") + it.key()));
        }
    }
    const int steps = object.value(QLatin1String("steps")).toInt();
    settings.maxSteps = steps;
    const QJsonArray from = object.value(QLatin1String("from")).toArray();
    Run run(objective, Eigen::Vector2d(from[0].toDouble(), from[1].toDouble()), settings);
    run.advanceTo(steps);
    const QJsonArray path = object.value(QLatin1String("path")).toArray();
    QCOMPARE(path.size(), steps + 1);
    QCOMPARE(static_cast<int>(run.records().size()), steps + 1);
    QCOMPARE(run.stopReason(), StopReason::MaxSteps);
    double worst = 0;
    for (int k = 0; k <= steps; ++k) {
        const QJsonArray expected = path[k].toArray();
        const Eigen::Vector2d reference(expected[0].toDouble(), expected[1].toDouble());
        const Eigen::Vector2d point = run.records()[static_cast<std::size_t>(k)].point;
        // relative to the size of the point: a coordinate passing through 0 has no digits of its
        // own to compare
        const double error = (point - reference).cwiseAbs().maxCoeff() /
                             std::max(reference.cwiseAbs().maxCoeff(), 1e-300);
        worst = std::max(worst, error);
        QVERIFY2(error <= 1e-9, qPrintable(QStringLiteral("step %1: (%2, %3) vs (%4, %5)")
                                               .arg(k)
                                               .arg(point.x(), 0, 'g', 17)
                                               .arg(point.y(), 0, 'g', 17)
                                               .arg(reference.x(), 0, 'g', 17)
                                               .arg(reference.y(), 0, 'g', 17)));
    }
    qDebug("worst relative deviation %.3g", worst);
}

void TestOptimizers::textbook_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<double>("lr");
    QTest::addColumn<bool>("variant"); // centered + momentum for rmsprop, amsgrad for adam,
                                       // a learning-rate decay for adagrad
    QTest::newRow("gd") << static_cast<int>(Method::GradientDescent) << 0.04 << false;
    QTest::newRow("momentum") << static_cast<int>(Method::Momentum) << 0.01 << false;
    QTest::newRow("nesterov") << static_cast<int>(Method::Nesterov) << 0.01 << false;
    QTest::newRow("adagrad") << static_cast<int>(Method::AdaGrad) << 0.5 << false;
    QTest::newRow("adagrad with decay") << static_cast<int>(Method::AdaGrad) << 0.5 << true;
    QTest::newRow("rmsprop") << static_cast<int>(Method::RMSProp) << 0.01 << false;
    QTest::newRow("rmsprop centered with momentum")
        << static_cast<int>(Method::RMSProp) << 0.01 << true;
    QTest::newRow("adam") << static_cast<int>(Method::Adam) << 0.1 << false;
    QTest::newRow("adam amsgrad") << static_cast<int>(Method::Adam) << 0.1 << true;
}

void TestOptimizers::textbook()
{
    QFETCH(int, method);
    QFETCH(double, lr);
    QFETCH(bool, variant);
    OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    settings.learningRate = lr;
    if (variant) {
        settings.learningRateDecay = 0.25;
        settings.centered = true;
        settings.momentum = settings.method == Method::RMSProp ? 0.5 : settings.momentum;
        settings.amsgrad = true;
    }
    // f = x² + 10y² + 3xy from (1.5, −0.8): a coupled, elongated bowl.
    const Objective objective = quadratic(1, 10, 3);
    Run run(objective, Eigen::Vector2d(1.5, -0.8), settings);
    run.advanceTo(3);
    QCOMPARE(run.records().size(), std::size_t{4});
    TextbookState state;
    Eigen::Vector2d x(1.5, -0.8);
    for (int k = 1; k <= 3; ++k) {
        x = textbookStep(settings, state, x, objective(x).gradient);
        const Eigen::Vector2d got = run.records()[static_cast<std::size_t>(k)].point;
        QVERIFY2((got - x).norm() <= 1e-12 * (1 + x.norm()),
                 qPrintable(QStringLiteral("step %1: (%2, %3) vs (%4, %5)")
                                .arg(k)
                                .arg(got.x(), 0, 'g', 17)
                                .arg(got.y(), 0, 'g', 17)
                                .arg(x.x(), 0, 'g', 17)
                                .arg(x.y(), 0, 'g', 17)));
    }
}

void TestOptimizers::recordState()
{
    // The fields views draw: after two Adam steps on f = x² + y² from (1, 2).
    OptimizerSettings settings = defaultSettings(Method::Adam);
    const Objective objective = quadratic(1, 1, 0);
    Run run(objective, Eigen::Vector2d(1, 2), settings);
    run.advanceTo(2);
    const std::vector<StepRecord>& records = run.records();
    QCOMPARE(records.size(), std::size_t{3});
    for (std::size_t k = 0; k < records.size(); ++k) {
        const StepRecord& record = records[k];
        QCOMPARE(record.index, static_cast<int>(k));
        const PointValue value = objective(record.point);
        QCOMPARE(record.f, value.f);
        QCOMPARE(record.gradient, value.gradient);
        if (k + 1 < records.size()) {
            QCOMPARE(record.step, Eigen::Vector2d(records[k + 1].point - record.point));
        } else {
            QCOMPARE(record.step, Eigen::Vector2d(0, 0));
        }
    }
    // m̂ = g₀ after the first step (bias correction undoes (1 − β₁)), v̂ = g₀²
    const Eigen::Vector2d g0 = records[0].gradient;
    QVERIFY((records[0].firstMomentHat - g0).norm() < 1e-12);
    QVERIFY((records[0].secondMomentHat - g0.cwiseProduct(g0)).norm() < 1e-9);
    QVERIFY((records[0].squaredGradients - (1 - settings.beta2) * g0.cwiseProduct(g0)).norm() <
            1e-12);
    // Adam's first step moves each coordinate by lr: m̂/√v̂ = sign(g)
    QVERIFY((records[0].step + settings.learningRate * Eigen::Vector2d(1, 1)).norm() < 1e-6);
}

void TestOptimizers::newtonOneStep_data()
{
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("c");
    QTest::addColumn<double>("x0");
    QTest::addColumn<double>("y0");
    QTest::newRow("round bowl") << 1.0 << 1.0 << 0.0 << 3.0 << -2.0;
    QTest::newRow("elongated bowl") << 1.0 << 10.0 << 0.0 << -2.5 << 1.2;
    QTest::newRow("coupled bowl") << 3.0 << 1.0 << 2.0 << 0.7 << 4.0;
    QTest::newRow("nearly flat valley (Matyas)") << 0.26 << 0.26 << -0.48 << 8.0 << -3.0;
}

void TestOptimizers::newtonOneStep()
{
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, c);
    QFETCH(double, x0);
    QFETCH(double, y0);
    // f = a·x² + b·y² + c·x·y + x − y: convex, its minimum where ∇f = 0 (Cramer's rule)
    const Objective bowl = quadratic(a, b, c);
    const Objective objective = [&bowl](const Eigen::Vector2d& p) {
        PointValue value = bowl(p);
        value.f += p.x() - p.y();
        value.gradient += Eigen::Vector2d(1, -1);
        return value;
    };
    const double det = 4 * a * b - c * c;
    const Eigen::Vector2d minimum((-2 * b - c) / det, (2 * a + c) / det);
    Run run(objective, Eigen::Vector2d(x0, y0), defaultSettings(Method::Newton));
    run.advanceTo(1);
    const StepRecord& first = run.records()[0];
    QVERIFY(!first.hessianModified);
    QVERIFY(first.note.empty());
    QVERIFY((run.records()[1].point - minimum).norm() < 1e-12 * (1 + minimum.norm()) * 1e2);
    QVERIFY((first.newtonDirection - (minimum - first.point)).norm() < 1e-10);
}

void TestOptimizers::newtonModifiesHessian_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<double>("x0");
    QTest::addColumn<double>("y0");
    QTest::newRow("saddle") << "x^2 - y^2" << 1.0 << 0.5;
    QTest::newRow("tutorial's saddle") << "x^2 + 3xy + y^2" << 1.0 << 0.2;
    QTest::newRow("hilltop") << "-(x^2 + 2y^2)" << 0.5 << -0.5;
    QTest::newRow("flat direction") << "x^2 + y" << 1.0 << 1.0;
}

void TestOptimizers::newtonModifiesHessian()
{
    QFETCH(QString, formula);
    QFETCH(double, x0);
    QFETCH(double, y0);
    const Objective objective = compiled(formula);
    QVERIFY(objective);
    Run run(objective, Eigen::Vector2d(x0, y0), defaultSettings(Method::Newton));
    run.advanceTo(1);
    const StepRecord& first = run.records()[0];
    QVERIFY(first.hessianModified);
    QVERIFY(first.note.find("not positive definite") != std::string::npos);
    // the modified Hessian is positive definite: the direction goes downhill
    QVERIFY(first.newtonDirection.dot(first.gradient) < 0);
    QVERIFY(run.records()[1].f < first.f);
}

void TestOptimizers::lineSearch_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("backtracks"); // the first trial t = 1 overshoots somewhere
    for (const char* name : {"bowl", "elongated", "rosenbrock", "himmelblau", "beale", "camel",
                             "rastrigin", "neuron", "goldsteinprice"}) {
        // the neuron's loss curves gently (Hessian eigenvalues below 1): t = 1 always descends
        QTest::newRow(name) << QString::fromLatin1(name) << (QByteArray(name) != "neuron");
    }
}

void TestOptimizers::lineSearch()
{
    QFETCH(QString, preset);
    QFETCH(bool, backtracks);
    const Preset* found = findPreset(preset.toStdString());
    QVERIFY(found);
    const Objective objective = compiled(QString::fromStdString(found->formula));
    QVERIFY(objective);
    OptimizerSettings settings = defaultSettings(Method::LineSearch);
    settings.maxSteps = 60;
    Run run(objective, found->start, settings);
    run.runToEnd();
    const std::vector<StepRecord>& records = run.records();
    QCOMPARE(run.stopReason(), StopReason::MaxSteps);
    QCOMPARE(records.size(), std::size_t{61});
    int rejected = 0;
    for (std::size_t k = 0; k + 1 < records.size(); ++k) {
        const StepRecord& record = records[k];
        QVERIFY2(records[k + 1].f <= record.f, qPrintable(QStringLiteral("step %1").arg(k)));
        QVERIFY(!record.trials.empty());
        const double slope = record.gradient.squaredNorm();
        double t = settings.learningRate;
        for (std::size_t trial = 0; trial < record.trials.size(); ++trial) {
            // trial points lie on the ray x − t·∇f with t halving
            QVERIFY((record.trials[trial] - (record.point - t * record.gradient)).norm() <=
                    1e-12 * (1 + record.point.norm()));
            const double f = objective(record.trials[trial]).f;
            const bool armijo = f <= record.f - settings.armijo * t * slope;
            const bool accepted = record.note.rfind("accepted", 0) == 0;
            if (trial + 1 < record.trials.size() || !accepted) {
                QVERIFY(!armijo);
                ++rejected;
            } else {
                QVERIFY(armijo);
                QCOMPARE(record.trials[trial], records[k + 1].point);
            }
            t *= settings.shrink;
        }
    }
    QCOMPARE(rejected > 0, backtracks);
}

void TestOptimizers::divergence_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("method");
    QTest::addColumn<double>("lr");
    QTest::addColumn<double>("x0");
    QTest::addColumn<double>("y0");
    QTest::addColumn<QStringList>("phrases");
    QTest::newRow("gd, lr beyond 2/λmax")
        << "x^2 + 10y^2"
        << "gd" << 0.2 << -2.5 << 1.2
        << QStringList{"Diverged at step", "λmax = 20", "2/λmax = 0.1",
                       "lr = 0.2",         "too large", "smaller learning rate"};
    QTest::newRow("momentum, lr beyond 2(1 + μ)/λmax")
        << "x^2 + 10y^2"
        << "momentum" << 0.2 << -2.5 << 1.2
        << QStringList{"λmax = 20", "2(1 + μ)/λmax = 0.19", "lr = 0.2", "too large"};
    QTest::newRow("nesterov, lr beyond its bound")
        << "x^2 + 10y^2"
        << "nesterov" << 0.1 << -2.5 << 1.2
        << QStringList{"λmax = 20", "2(1 + μ)/((1 + 2μ)·λmax) = 0.06786", "lr = 0.1"};
    QTest::newRow("gd on a quartic")
        << "x^4 + y^2"
        << "gd" << 0.1 << 2.5 << 0.0
        << QStringList{"λmax = 75", "2/λmax = 0.02667", "lr = 0.1 is too large"};
    QTest::newRow("gd, unbounded below")
        << "x^2 - y^2"
        << "gd" << 0.1 << 1.0 << 0.1 << QStringList{"f kept falling", "unbounded below"};
    QTest::newRow("gd, leaves where f is defined")
        << "log(x) + y^2"
        << "gd" << 2.0 << 1.0 << 1.0
        << QStringList{"Diverged at step 1", "not a number", "where f is defined"};
    QTest::newRow("adam, lr far too large")
        << "exp(x^2) + y^2"
        << "adam" << 10.0 << 1.0 << 0.0
        << QStringList{"Diverged at step 1", "Adam divides", "lr = 10", "smaller learning rate"};
    QTest::newRow("undefined start")
        << "sqrt(x) + y"
        << "gd" << 0.1 << -1.0 << 0.0 << QStringList{"not defined at the start"};
}

void TestOptimizers::divergence()
{
    QFETCH(QString, formula);
    QFETCH(QString, method);
    QFETCH(double, lr);
    QFETCH(double, x0);
    QFETCH(double, y0);
    QFETCH(QStringList, phrases);
    const Objective objective = compiled(formula);
    QVERIFY(objective);
    OptimizerSettings settings = defaultSettings(*methodFromName(method.toStdString()));
    settings.learningRate = lr;
    settings.maxSteps = 1000;
    Run run(objective, Eigen::Vector2d(x0, y0), settings);
    run.runToEnd();
    QCOMPARE(run.stopReason(), StopReason::Diverged);
    const QString explanation = QString::fromStdString(run.explanation());
    qDebug("%s", qPrintable(explanation));
    for (const QString& phrase : phrases) {
        QVERIFY2(explanation.contains(phrase), qPrintable(explanation));
    }
    QVERIFY(static_cast<int>(run.records().size()) < settings.maxSteps);
    for (const StepRecord& record : run.records()) {
        QVERIFY(record.point.allFinite());
    }
}

void TestOptimizers::toleranceStop()
{
    const Objective objective = compiled(QStringLiteral("x^2 + 10y^2"));
    QVERIFY(objective);
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = 0.04;
    settings.tolerance = 1e-6;
    settings.maxSteps = 10000;
    Run run(objective, Eigen::Vector2d(-2.5, 1.2), settings);
    run.runToEnd();
    QCOMPARE(run.stopReason(), StopReason::Converged);
    const std::vector<StepRecord>& records = run.records();
    QVERIFY(records.back().gradient.norm() < settings.tolerance);
    for (std::size_t k = 0; k + 1 < records.size(); ++k) {
        QVERIFY(records[k].gradient.norm() >= settings.tolerance);
    }
    QVERIFY(run.explanation().find("Converged at step") != std::string::npos);
    // without a tolerance the same run goes on to the step limit
    settings.tolerance = 0;
    Run endless(objective, Eigen::Vector2d(-2.5, 1.2), settings);
    endless.advanceTo(static_cast<int>(records.size()) + 5);
    QCOMPARE(endless.stopReason(), StopReason::Running);
}

void TestOptimizers::stepLimit()
{
    OptimizerSettings settings = defaultSettings(Method::Momentum);
    settings.maxSteps = 50;
    Run run(quadratic(1, 1, 0), Eigen::Vector2d(1, 1), settings);
    run.advanceTo(20);
    QCOMPARE(run.records().size(), std::size_t{21});
    QCOMPARE(run.stopReason(), StopReason::Running);
    QVERIFY(!run.isFinished());
    QVERIFY(run.explanation().empty());
    run.advanceTo(1000);
    QCOMPARE(run.records().size(), std::size_t{51});
    QCOMPARE(run.stopReason(), StopReason::MaxSteps);
    QVERIFY(run.isFinished());
}

void TestOptimizers::replay_data()
{
    QTest::addColumn<int>("method");
    for (Method method : allMethods()) {
        QTest::newRow(std::string(methodName(method)).c_str()) << static_cast<int>(method);
    }
}

void TestOptimizers::replay()
{
    QFETCH(int, method);
    const Preset* preset = findPreset("himmelblau");
    QVERIFY(preset);
    const Objective objective = compiled(QString::fromStdString(preset->formula));
    QVERIFY(objective);
    OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    settings.maxSteps = 40;
    // forward 10, "back" to 5 (nothing recomputed), forward to the end
    Run stepped(objective, preset->start, settings);
    stepped.advanceTo(10);
    const std::vector<StepRecord> firstTen = stepped.records();
    stepped.advanceTo(5);
    QCOMPARE(stepped.records().size(), firstTen.size());
    stepped.runToEnd();
    Run whole(objective, preset->start, settings);
    whole.runToEnd();
    QCOMPARE(stepped.records().size(), whole.records().size());
    QCOMPARE(stepped.stopReason(), whole.stopReason());
    // the records whose step had been taken are unchanged; the newest one gains its step
    for (std::size_t k = 0; k + 1 < firstTen.size(); ++k) {
        QVERIFY(sameRecord(firstTen[k], stepped.records()[k]));
    }
    QCOMPARE(firstTen.back().point, stepped.records()[firstTen.size() - 1].point);
    QCOMPARE(firstTen.back().step, Eigen::Vector2d(0, 0));
    for (std::size_t k = 0; k < whole.records().size(); ++k) {
        QVERIFY2(sameRecord(stepped.records()[k], whole.records()[k]),
                 qPrintable(QStringLiteral("record %1").arg(k)));
    }
    // a moved run keeps its records and goes on from where it was
    Run moved = std::move(stepped);
    QCOMPARE(moved.records().size(), whole.records().size());
    QCOMPARE(moved.settings(), settings);
    QCOMPARE(moved.start(), preset->start);
}

void TestOptimizers::names()
{
    const std::vector<Method> methods = allMethods();
    QCOMPARE(methods.size(), std::size_t{11});
    QStringList seen;
    for (Method method : methods) {
        const std::string_view name = methodName(method);
        QVERIFY(!name.empty());
        QVERIFY(!methodLabel(method).empty());
        QCOMPARE(methodFromName(name), std::optional<Method>(method));
        seen << QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
    seen.removeDuplicates();
    QCOMPARE(seen.size(), 11);
    QCOMPARE(methodName(Method::GradientDescent), std::string_view("gd"));
    QCOMPARE(methodName(Method::LineSearch), std::string_view("linesearch"));
}

void TestOptimizers::rejectedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << "";
    QTest::newRow("upper case") << "GD";
    QTest::newRow("torch's class name") << "sgd";
    QTest::newRow("trailing space") << "adam ";
    QTest::newRow("label instead of name") << "Gradient descent";
}

void TestOptimizers::rejectedNames()
{
    QFETCH(QString, name);
    QVERIFY(!methodFromName(name.toStdString()));
}

void TestOptimizers::defaults_data()
{
    QTest::addColumn<int>("method");
    for (Method method : allMethods()) {
        QTest::newRow(std::string(methodName(method)).c_str()) << static_cast<int>(method);
    }
}

void TestOptimizers::defaults()
{
    QFETCH(int, method);
    const OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    QCOMPARE(static_cast<int>(settings.method), method);
    QVERIFY(settings.learningRate > 0);
    QVERIFY(settings.maxSteps > 0);
    // torch.optim's defaults where torch has the method
    QCOMPARE(settings.alpha, 0.99);
    QCOMPARE(settings.beta1, 0.9);
    QCOMPARE(settings.beta2, 0.999);
    QCOMPARE(settings.epsilon, settings.method == Method::AdaGrad ? 1e-10 : 1e-8);
    QCOMPARE(settings.momentum, settings.method == Method::RMSProp ? 0.0 : 0.9);
    QVERIFY(!settings.centered && !settings.amsgrad);
    QCOMPARE(settings.learningRateDecay, 0.0);
    QCOMPARE(settings.initialAccumulator, 0.0);
    if (settings.method == Method::Newton) {
        QCOMPARE(settings.learningRate, 1.0);
    }
    // The default learning rate runs stably on the default scene for the first-order methods
    Run run(compiled(QString::fromStdString(defaultPreset().formula)), defaultPreset().start,
            settings);
    run.runToEnd();
    QVERIFY(run.stopReason() != StopReason::Diverged);
    QVERIFY(run.records().back().f < run.records().front().f);
}

void TestOptimizers::noFallbackToGradientDescent()
{
    // Every method has its own rule: none follows gradient descent's path with its own rate.
    const Objective bowl = quadratic(1, 10, 3);
    const Eigen::Vector2d start(2.0, -1.0);
    for (const Method method : allMethods()) {
        OptimizerSettings settings = defaultSettings(method);
        settings.maxSteps = 3;
        OptimizerSettings plain = defaultSettings(Method::GradientDescent);
        plain.learningRate = settings.learningRate;
        plain.maxSteps = 3;
        Run run(bowl, start, settings);
        Run reference(bowl, start, plain);
        run.runToEnd();
        reference.runToEnd();
        QCOMPARE(run.records().size(), std::size_t{4});
        const bool same = run.records().back().point == reference.records().back().point;
        QVERIFY2(same == (method == Method::GradientDescent), methodName(method).data());
    }
}

void TestOptimizers::evaluationCounts_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("steps");
    QTest::addColumn<long long>("function");
    QTest::addColumn<long long>("gradient");
    QTest::addColumn<long long>("hessian");
    // One f and ∇f per point for the gradient methods, the Hessian too for Newton.
    QTest::newRow("gd") << int(Method::GradientDescent) << 5 << 6LL << 6LL << 0LL;
    QTest::newRow("adam") << int(Method::Adam) << 5 << 6LL << 6LL << 0LL;
    QTest::newRow("newton") << int(Method::Newton) << 3 << 4LL << 4LL << 4LL;
    // Nelder–Mead: its three starting vertices, then per iteration 1 (reflection) to 4 (a
    // shrink) values and no gradient at all.
    QTest::newRow("nelder-mead start") << int(Method::NelderMead) << 0 << 3LL << 0LL << 0LL;
}

void TestOptimizers::evaluationCounts()
{
    QFETCH(int, method);
    QFETCH(int, steps);
    QFETCH(long long, function);
    QFETCH(long long, gradient);
    QFETCH(long long, hessian);
    OptimizerSettings settings = defaultSettings(static_cast<Method>(method));
    settings.maxSteps = steps;
    Run run(quadratic(1, 10, 3), Eigen::Vector2d(2.0, -1.0), settings);
    run.runToEnd();
    QCOMPARE(run.records().back().evaluations, (EvaluationCount{function, gradient, hessian}));
    // Counts only grow.
    for (std::size_t k = 1; k < run.records().size(); ++k) {
        QVERIFY(run.records()[k].evaluations.function > run.records()[k - 1].evaluations.function);
    }
}

QTEST_APPLESS_MAIN(TestOptimizers)

#include "tst_optimizers.moc"
