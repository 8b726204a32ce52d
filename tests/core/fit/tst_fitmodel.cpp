// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/batchschedule.h"
#include "fit/builtindatasets.h"
#include "fit/fitmodel.h"
#include "fit/fitrun.h"
#include "fit/randomsource.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::FitModel)

namespace {

/// Random rows of the model's kind: inputs N(0, 1.5²), targets N(0, 2²) or labels in [0, 1].
DataSet randomData(FitModel model, int count, std::uint64_t seed)
{
    RandomSource random(seed);
    DataSet data;
    data.kind = dataKind(model);
    for (int i = 0; i < count; ++i) {
        const double x1 = random.normal(0.0, 1.5);
        const double x2 = random.normal(0.0, 1.5);
        const double y = model == FitModel::Line ? random.normal(0.0, 2.0) : random.uniform();
        data.append(x1, x2, y);
    }
    return data;
}

/// |a − b| ≤ tolerance·max(1, |b|)
bool close(double a, double b, double tolerance)
{
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

void addModelRows()
{
    QTest::addColumn<FitModel>("model");
    for (const FitModel model : allModels()) {
        QTest::newRow(std::string(modelName(model)).c_str()) << model;
    }
}

} // namespace

class TestFitModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testGradientAgainstCentralDifferences_data() { addModelRows(); }
    void testGradientAgainstCentralDifferences();
    void testHessianAgainstCentralDifferences_data() { addModelRows(); }
    void testHessianAgainstCentralDifferences();
    void testLossLiterals_data();
    void testLossLiterals();
    void testCrossEntropyIsStable_data();
    void testCrossEntropyIsStable();
    void testLandscapeMatchesLoss_data();
    void testLandscapeMatchesLoss();
    void testSpreadAgainstAllBatches_data();
    void testSpreadAgainstAllBatches();
    void testBatchesInFileOrder_data();
    void testBatchesInFileOrder();
    void testShuffledEpochs();
    void testRandomSourceLiterals();
    void testBuiltinDataSets();
    void testFitRunFullBatchGradientDescent();
    void testFitRunStopsOnDivergence();
};

void TestFitModel::testGradientAgainstCentralDifferences()
{
    QFETCH(FitModel, model);
    // 200 random data sets and parameter points, fixed seeds: the analytic gradient of the mean
    // loss of a random mini-batch against (L(p + h·eᵢ) − L(p − h·eᵢ))/2h, error O(h²).
    RandomSource random(2026);
    for (int trial = 0; trial < 200; ++trial) {
        const DataSet data = randomData(model, 1 + trial % 37, 1000 + trial);
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < data.size(); i += 1 + trial % 3) {
            rows.push_back(i);
        }
        const Eigen::Vector2d p(random.normal(0.0, 2.0), random.normal(0.0, 2.0));
        const PointValue value = evaluateLoss(model, data, p, rows);
        const double h = 1e-5;
        for (int axis = 0; axis < 2; ++axis) {
            const Eigen::Vector2d e = Eigen::Vector2d::Unit(axis) * h;
            const double difference = (evaluateLoss(model, data, p + e, rows).f -
                                       evaluateLoss(model, data, p - e, rows).f) /
                                      (2 * h);
            QVERIFY2(close(value.gradient[axis], difference, 1e-6),
                     qPrintable(QStringLiteral("trial %1, axis %2: %3 against %4")
                                    .arg(trial)
                                    .arg(axis)
                                    .arg(value.gradient[axis], 0, 'g', 17)
                                    .arg(difference, 0, 'g', 17)));
        }
    }
}

void TestFitModel::testHessianAgainstCentralDifferences()
{
    QFETCH(FitModel, model);
    RandomSource random(77);
    for (int trial = 0; trial < 100; ++trial) {
        const DataSet data = randomData(model, 2 + trial % 23, 5000 + trial);
        const Eigen::Vector2d p(random.normal(0.0, 2.0), random.normal(0.0, 2.0));
        const PointValue value = evaluateLoss(model, data, p, {}, true);
        const double h = 1e-5;
        for (int axis = 0; axis < 2; ++axis) {
            const Eigen::Vector2d e = Eigen::Vector2d::Unit(axis) * h;
            // column i of ∇²L is the central difference of ∇L along eᵢ
            const Eigen::Vector2d difference = (evaluateLoss(model, data, p + e).gradient -
                                                evaluateLoss(model, data, p - e).gradient) /
                                               (2 * h);
            for (int row = 0; row < 2; ++row) {
                QVERIFY2(
                    close(value.hessian(row, axis), difference[row], 1e-6),
                    qPrintable(QStringLiteral("trial %1, (%2, %3)").arg(trial).arg(row).arg(axis)));
            }
        }
    }
}

void TestFitModel::testLossLiterals_data()
{
    QTest::addColumn<FitModel>("model");
    QTest::addColumn<double>("w");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("dw");
    QTest::addColumn<double>("db");
    // rows (1, 2), (3, 5) [line: y; logistic: labels 1 and 0 via (1, 1), (3, 0)]
    // line at (1, 0): residuals −1, −2 → L = 5/2, ∇ = (2/2)(−1·1 − 2·3, −1 − 2) = (−7, −3)
    QTest::newRow("line") << FitModel::Line << 1.0 << 0.0 << 2.5 << -7.0 << -3.0;
    // logistic at (0, 0): every σ = ½, L = log 2, ∇ = ½((½ − 1)·1 + ½·3, (½ − 1) + ½) = (½, 0)
    QTest::newRow("logistic") << FitModel::Logistic << 0.0 << 0.0 << std::log(2.0) << 0.5 << 0.0;
    // logistic2 rows ((1, 2), 1), ((3, 5), 0) at (0, 0): ∇ = ½(−½·1 + ½·3, −½·2 + ½·5) = (½, ¾)
    QTest::newRow("logistic2") << FitModel::Logistic2 << 0.0 << 0.0 << std::log(2.0) << 0.5 << 0.75;
}

void TestFitModel::testLossLiterals()
{
    QFETCH(FitModel, model);
    QFETCH(double, w);
    QFETCH(double, b);
    QFETCH(double, loss);
    QFETCH(double, dw);
    QFETCH(double, db);
    DataSet data;
    data.kind = dataKind(model);
    if (model == FitModel::Line) {
        data.append(1, 0, 2);
        data.append(3, 0, 5);
    } else {
        data.append(1, 2, 1);
        data.append(3, 5, 0);
    }
    const PointValue value = evaluateLoss(model, data, {w, b});
    QVERIFY(close(value.f, loss, 1e-15));
    QVERIFY(close(value.gradient.x(), dw, 1e-15));
    QVERIFY(close(value.gradient.y(), db, 1e-15));
    QVERIFY(close(lossValue(model, data, {w, b}), loss, 1e-15));
}

void TestFitModel::testCrossEntropyIsStable_data()
{
    QTest::addColumn<double>("z");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("expected");
    // −log σ(z) for label 1 and −log(1 − σ(z)) = z − log σ(z) for label 0, by hand
    QTest::newRow("z 0") << 0.0 << 1.0 << std::log(2.0);
    QTest::newRow("large z, wrong label") << 800.0 << 0.0 << 800.0;
    QTest::newRow("large negative z, wrong label") << -800.0 << 1.0 << 800.0;
    QTest::newRow("large z, right label") << 800.0 << 1.0 << 0.0;
    // log(1 + e^−40) = e^−40 to double precision
    QTest::newRow("z 40, right label") << 40.0 << 1.0 << std::exp(-40.0);
    QTest::newRow("soft label") << 2.0 << 0.25 << 2.0 - 0.5 + std::log1p(std::exp(-2.0));
}

void TestFitModel::testCrossEntropyIsStable()
{
    QFETCH(double, z);
    QFETCH(double, y);
    QFETCH(double, expected);
    const double actual = crossEntropyFromLogit(z, y);
    QVERIFY2(std::abs(actual - expected) <= 1e-15 * std::max(1.0, std::abs(expected)) ||
                 (expected != 0 && std::abs(actual / expected - 1) < 1e-14),
             qPrintable(QString::number(actual, 'g', 17)));
    QVERIFY(std::isfinite(sigmoid(z)));
}

void TestFitModel::testLandscapeMatchesLoss_data()
{
    QTest::addColumn<FitModel>("model");
    QTest::addColumn<double>("across");
    QTest::addColumn<double>("up");
    QTest::addColumn<int>("rows");
    for (const FitModel model : allModels()) {
        const std::string name(modelName(model));
        // the logistic landscapes take e^±z along a column by recurrence: a usual rectangle;
        // one where p₁ makes |z| reach thousands, so that e^z and e^−z overflow; one whose
        // columns span more than |Δz| = 600 (the direct loop)
        QTest::addRow("%s, usual", name.c_str()) << model << 3.0 << 3.0 << 5;
        QTest::addRow("%s, overflowing", name.c_str()) << model << 400.0 << 3.0 << 9;
        QTest::addRow("%s, wide", name.c_str()) << model << 3.0 << 2000.0 << 9;
    }
}

void TestFitModel::testLandscapeMatchesLoss()
{
    QFETCH(FitModel, model);
    QFETCH(double, across);
    QFETCH(double, up);
    QFETCH(int, rows);
    const DataSet data = randomData(model, 53, 9);
    GridSpec spec;
    spec.domain = {-across, 0.7 * across, -0.4 * up, up};
    spec.columns = 7;
    spec.rows = rows;
    const GridValues grid = lossLandscape(model, data, spec);
    QCOMPARE(grid.f.size(), std::size_t(7 * rows));
    for (int j = 0; j < spec.rows; ++j) {
        for (int i = 0; i < spec.columns; ++i) {
            const double expected = evaluateLoss(model, data, {spec.x(i), spec.y(j)}).f;
            QVERIFY2(close(grid.at(i, j), expected, 1e-12),
                     qPrintable(QStringLiteral("(%1, %2): %3 against %4")
                                    .arg(i)
                                    .arg(j)
                                    .arg(grid.at(i, j), 0, 'g', 17)
                                    .arg(expected, 0, 'g', 17)));
        }
    }
}

void TestFitModel::testSpreadAgainstAllBatches_data()
{
    QTest::addColumn<FitModel>("model");
    QTest::addColumn<int>("batchSize");
    for (const FitModel model : allModels()) {
        for (const int batch : {1, 2, 3, 6}) {
            QTest::addRow("%s, batch %d", std::string(modelName(model)).c_str(), batch)
                << model << batch;
        }
    }
}

void TestFitModel::testSpreadAgainstAllBatches()
{
    QFETCH(FitModel, model);
    QFETCH(int, batchSize);
    // every subset of B rows of 6, enumerated by bit masks: mean and covariance of their mean
    // gradients, against the closed form
    const DataSet data = randomData(model, 6, 31);
    const Eigen::Vector2d p(0.4, -0.3);
    std::vector<Eigen::Vector2d> gradients;
    for (unsigned mask = 0; mask < 64; ++mask) {
        if (std::popcount(mask) != batchSize) {
            continue;
        }
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < 6; ++i) {
            if (mask & (1u << i)) {
                rows.push_back(i);
            }
        }
        gradients.push_back(evaluateLoss(model, data, p, rows).gradient);
    }
    Eigen::Vector2d mean(0, 0);
    for (const Eigen::Vector2d& g : gradients) {
        mean += g;
    }
    mean /= static_cast<double>(gradients.size());
    Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();
    for (const Eigen::Vector2d& g : gradients) {
        covariance += (g - mean) * (g - mean).transpose();
    }
    covariance /= static_cast<double>(gradients.size());
    const GradientSpread spread =
        gradientSpread(model, data, p, static_cast<std::size_t>(batchSize));
    QVERIFY((spread.mean - mean).norm() < 1e-13);
    QVERIFY((spread.mean - evaluateLoss(model, data, p).gradient).norm() < 1e-13);
    QVERIFY2((spread.covariance - covariance).norm() < 1e-13 * (1 + covariance.norm()),
             qPrintable(QString::number((spread.covariance - covariance).norm())));
}

void TestFitModel::testBatchesInFileOrder_data()
{
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("step");
    QTest::addColumn<std::vector<std::size_t>>("rows");
    QTest::newRow("first batch") << 10 << 4 << 0 << std::vector<std::size_t>{0, 1, 2, 3};
    QTest::newRow("second batch") << 10 << 4 << 1 << std::vector<std::size_t>{4, 5, 6, 7};
    QTest::newRow("wraps around the end") << 10 << 4 << 2 << std::vector<std::size_t>{8, 9, 0, 1};
    QTest::newRow("after the wrap") << 10 << 4 << 3 << std::vector<std::size_t>{2, 3, 4, 5};
    QTest::newRow("batch 1") << 3 << 1 << 7 << std::vector<std::size_t>{1};
    QTest::newRow("batch 0 is every row") << 3 << 0 << 5 << std::vector<std::size_t>{0, 1, 2};
    QTest::newRow("batch above n is every row") << 3 << 9 << 5 << std::vector<std::size_t>{0, 1, 2};
}

void TestFitModel::testBatchesInFileOrder()
{
    QFETCH(int, rowCount);
    QFETCH(int, batchSize);
    QFETCH(int, step);
    QFETCH(std::vector<std::size_t>, rows);
    BatchSchedule schedule(static_cast<std::size_t>(rowCount), static_cast<std::size_t>(batchSize));
    QCOMPARE(schedule.rows(step), rows);
}

void TestFitModel::testShuffledEpochs()
{
    // each epoch is a permutation; the seed decides it; epochs differ; the stream runs epoch
    // after epoch
    BatchSchedule schedule(10, 5, 42);
    BatchSchedule again(10, 5, 42);
    BatchSchedule other(10, 5, 43);
    std::vector<std::size_t> identity(10);
    std::iota(identity.begin(), identity.end(), std::size_t{0});
    for (long long epoch = 0; epoch < 4; ++epoch) {
        std::vector<std::size_t> order = schedule.epochOrder(epoch);
        QCOMPARE(order, again.epochOrder(epoch));
        std::vector<std::size_t> stream = schedule.rows(2 * epoch);
        const std::vector<std::size_t> second = schedule.rows(2 * epoch + 1);
        stream.insert(stream.end(), second.begin(), second.end());
        QCOMPARE(stream, order);
        std::sort(order.begin(), order.end());
        QCOMPARE(order, identity);
    }
    QVERIFY(schedule.epochOrder(0) != schedule.epochOrder(1));
    QVERIFY(schedule.epochOrder(0) != other.epochOrder(0));
    QVERIFY(schedule.epochOrder(0) != identity);
}

void TestFitModel::testRandomSourceLiterals()
{
    // The standard fixes mt19937_64's 10000th output of a default-seeded engine (5489):
    // 9981545732273789042; uniform() is its top 53 bits over 2⁵³.
    RandomSource random(5489);
    for (int i = 0; i < 9999; ++i) {
        random.uniform();
    }
    QCOMPARE(random.uniform(), static_cast<double>(9981545732273789042ULL >> 11) / 0x1.0p53);
    RandomSource normals(1);
    double sum = 0;
    double squares = 0;
    const int count = 20000;
    for (int i = 0; i < count; ++i) {
        const double z = normals.normal();
        sum += z;
        squares += z * z;
    }
    // mean within 4 standard errors of 0, variance within 4·√(2/n) of 1
    QVERIFY(std::abs(sum / count) < 4 / std::sqrt(count));
    QVERIFY(std::abs(squares / count - 1) < 4 * std::sqrt(2.0 / count));
    RandomSource draws(3);
    std::vector<int> counts(3, 0);
    for (int i = 0; i < 3000; ++i) {
        ++counts[static_cast<std::size_t>(draws.below(3))];
    }
    for (const int c : counts) {
        QVERIFY(c > 850 && c < 1150);
    }
}

void TestFitModel::testBuiltinDataSets()
{
    QVERIFY(builtinDataSets().size() >= 4);
    for (const BuiltinDataSet& set : builtinDataSets()) {
        const DataSet data = generate(set);
        QCOMPARE(data.size(), static_cast<std::size_t>(set.size));
        QCOMPARE(data.kind, set.kind);
        QCOMPARE(generate(set), data);
        QVERIFY(findBuiltinDataSet(set.name) == &set);
        QVERIFY(set.description.find("seed " + std::to_string(set.seed)) != std::string::npos);
    }
    // noisy-line is y = 1.5x − 0.5 + noise: least squares recovers the line roughly
    const DataSet line = generate(*findBuiltinDataSet("noisy-line"));
    FitSettings settings;
    settings.optimizer = defaultSettings(Method::Newton);
    settings.optimizer.learningRate = 1.0;
    FitRun run(FitModel::Line, line, {0, 0}, settings);
    run.advanceTo(3);
    QVERIFY(std::abs(run.steps().back().parameters.x() - 1.5) < 0.2);
    QVERIFY(std::abs(run.steps().back().parameters.y() + 0.5) < 0.3);
}

void TestFitModel::testFitRunFullBatchGradientDescent()
{
    // p_{k+1} = p_k − lr·∇L(p_k) by hand against the run
    const DataSet data = randomData(FitModel::Logistic, 17, 4);
    FitSettings settings;
    settings.optimizer = defaultSettings(Method::GradientDescent);
    settings.optimizer.learningRate = 0.3;
    FitRun run(FitModel::Logistic, data, {0.5, -1}, settings);
    run.advanceTo(10);
    QCOMPARE(run.steps().size(), std::size_t{11});
    Eigen::Vector2d p(0.5, -1);
    for (const FitStep& step : run.steps()) {
        QVERIFY((step.parameters - p).norm() < 1e-15);
        QCOMPARE(step.batchLoss, step.loss);
        QCOMPARE(step.batch.size(), data.size());
        p -= 0.3 * evaluateLoss(FitModel::Logistic, data, p).gradient;
    }
}

void TestFitModel::testFitRunStopsOnDivergence()
{
    // the line's loss has curvature 2·mean(x²) in w: lr 10 on x ~ N(0, 1.5²) runs away
    const DataSet data = randomData(FitModel::Line, 20, 8);
    FitSettings settings;
    settings.optimizer = defaultSettings(Method::GradientDescent);
    settings.optimizer.learningRate = 10;
    FitRun run(FitModel::Line, data, {0, 0}, settings);
    run.advanceTo(2000);
    QVERIFY(run.hasDiverged());
    QVERIFY(run.steps().size() < 2000);
}

QTEST_GUILESS_MAIN(TestFitModel)
#include "tst_fitmodel.moc"
