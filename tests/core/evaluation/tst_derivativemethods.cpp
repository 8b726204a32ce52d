// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/randomexpression.h"
#include "evaluation/compiledfunction.h"
#include "evaluation/program.h"
#include "expression/builtins.h"
#include "expression/parser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <bit>
#include <cmath>
#include <limits>

using namespace gradlab;

namespace {

bool close(double actual, double expected, double relative, double absolute)
{
    if (std::isnan(expected)) {
        return std::isnan(actual);
    }
    if (std::isinf(expected)) {
        return actual == expected;
    }
    return std::fabs(actual - expected) <= relative * std::fabs(expected) + absolute;
}

bool sameBits(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) ||
           std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

NodePtr X()
{
    return var(Variable::X);
}
NodePtr Y()
{
    return var(Variable::Y);
}

/// (x + 1)(x + 2)…(x + n) · y, built as the parser would: a left-leaning chain of products.
NodePtr product(int n)
{
    NodePtr f = add(X(), num(1));
    for (int k = 2; k <= n; ++k) {
        f = mul(f, add(X(), num(k)));
    }
    return mul(f, Y());
}

/// p = (x + 1)…(x + n) at x: p, p′ = p·Σ 1/(x + k), p″ = p·((Σ 1/(x + k))² − Σ 1/(x + k)²).
std::array<double, 3> productAndDerivatives(int n, double x)
{
    double p = 1.0;
    double s1 = 0.0;
    double s2 = 0.0;
    for (int k = 1; k <= n; ++k) {
        p *= x + k;
        s1 += 1.0 / (x + k);
        s2 += 1.0 / ((x + k) * (x + k));
    }
    return {p, p * s1, p * (s1 * s1 - s2)};
}

std::vector<double> partsOf(const PointValue& p)
{
    return {p.f, p.gradient.x(), p.gradient.y(), p.hessian(0, 0), p.hessian(0, 1), p.hessian(1, 1)};
}

} // namespace

Q_DECLARE_METATYPE(gradlab::DerivativeMethod)

/// \brief The symbolic and the forward-mode derivatives of a compiled function: both right, the
/// automatic choice on each side of its threshold, forward mode at linear size and any depth.
class TestDerivativeMethods : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reference_data();
    void reference();
    void methodsAgree();
    void automaticChoice_data();
    void automaticChoice();
    void forwardIsLinear();
    void forwardGridEqualsPoint();
    void deepChains_data();
    void deepChains();
    void fewRegisters_data();
    void fewRegisters();
};

void TestDerivativeMethods::reference_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<QJsonArray>("expected"); // f, f_x, f_y, f_xx, f_xy, f_yy; null: not real
    QTest::addColumn<DerivativeMethod>("method");

    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/derivatives.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), "derivatives.jsonl not found");
    int line = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++line;
        if (text.isEmpty()) {
            continue;
        }
        const QJsonObject row = QJsonDocument::fromJson(text).object();
        const QJsonArray g = row.value(QLatin1String("g")).toArray();
        const QJsonArray h = row.value(QLatin1String("h")).toArray();
        const QJsonArray expected{
            row.value(QLatin1String("f")), g.at(0), g.at(1), h.at(0), h.at(1), h.at(2)};
        const QString expression = row.value(QLatin1String("expr")).toString();
        const double x = row.value(QLatin1String("x")).toDouble();
        const double y = row.value(QLatin1String("y")).toDouble();
        for (const auto& [name, method] : {std::pair{"symbolic", DerivativeMethod::Symbolic},
                                           std::pair{"forward", DerivativeMethod::Forward}}) {
            QTest::addRow("%s, line %d: %s", name, line, qPrintable(expression))
                << expression << x << y << expected << method;
        }
    }
    QVERIFY(line > 0);
}

void TestDerivativeMethods::reference()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(QJsonArray, expected);
    QFETCH(DerivativeMethod, method);

    const ParseResult parsed = parse(expression.toStdString());
    QVERIFY2(parsed.isValid(), parsed.error.message.c_str());
    const CompiledFunction function =
        CompiledFunction::compile(parsed.expression, {}, DerivativeOrder::Hessian, method);
    QCOMPARE(function.derivativeMethod(), method);
    const std::vector<double> actual = partsOf(function.evaluate(x, y));
    const char* names[] = {"f", "f_x", "f_y", "f_xx", "f_xy", "f_yy"};
    // Where f is not real, neither are its partials as real functions: NaN is right for them,
    // and so is the number SymPy's formula gives (see the reference README).
    const bool fIsReal = !expected.at(0).isNull();
    for (int k = 0; k < 6; ++k) {
        const QJsonValue e = expected.at(k);
        const double a = actual[static_cast<std::size_t>(k)];
        if (e.isNull()) {
            QVERIFY2(!std::isfinite(a), qPrintable(QStringLiteral("%1 = %2, expected undefined")
                                                       .arg(QLatin1String(names[k]))
                                                       .arg(a, 0, 'g', 17)));
        } else if (!(k > 0 && !fIsReal && std::isnan(a))) {
            QVERIFY2(close(a, e.toDouble(), 1e-8, 1e-9),
                     qPrintable(QStringLiteral("%1 = %2, expected %3")
                                    .arg(QLatin1String(names[k]))
                                    .arg(a, 0, 'g', 17)
                                    .arg(e.toDouble(), 0, 'g', 17)));
        }
    }
}

void TestDerivativeMethods::methodsAgree()
{
    // Random formulas at random points: where both are finite, the two methods agree to rounding.
    RandomExpression random(20);
    std::mt19937_64 points(7);
    std::uniform_real_distribution<double> coordinate(-2.0, 2.0);
    int compared = 0;
    for (int i = 0; i < 300; ++i) {
        const NodePtr f = random.next();
        const CompiledFunction symbolic =
            CompiledFunction::compile(f, {}, DerivativeOrder::Hessian, DerivativeMethod::Symbolic);
        const CompiledFunction forward =
            CompiledFunction::compile(f, {}, DerivativeOrder::Hessian, DerivativeMethod::Forward);
        const double x = coordinate(points);
        const double y = coordinate(points);
        const std::vector<double> s = partsOf(symbolic.evaluate(x, y));
        const std::vector<double> a = partsOf(forward.evaluate(x, y));
        QVERIFY(sameBits(s[0], a[0])); // f itself is the same program
        for (std::size_t k = 1; k < s.size(); ++k) {
            if (std::isfinite(s[k]) && std::isfinite(a[k]) && std::fabs(s[k]) < 1e12) {
                QVERIFY2(close(a[k], s[k], 1e-7, 1e-9),
                         qPrintable(QStringLiteral("formula %1, part %2: forward %3, symbolic %4")
                                        .arg(i)
                                        .arg(k)
                                        .arg(a[k], 0, 'g', 17)
                                        .arg(s[k], 0, 'g', 17)));
                ++compared;
            }
        }
    }
    QVERIFY(compared > 500);
}

void TestDerivativeMethods::automaticChoice_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<int>("factors");
    QTest::addColumn<DerivativeMethod>("chosen");
    // (x+1)…(x+n)·y has 2n operations: 2 and 30 factors are at most the symbolic limit of
    // 64 operations, but their symbolic programs are longer than the forward ones (287 and 203
    // for 30); 33 factors are above the limit. Rosenbrock's is shorter (17 and 24). Four nested
    // sigmoids and ten Horner steps are below it, but their symbolic Hessians are longer (171 and
    // 84, 150 and 95).
    QTest::newRow("rosenbrock: symbolic")
        << parse("(1-x)^2 + 100(y-x^2)^2").expression << 0 << DerivativeMethod::Symbolic;
    QTest::newRow("four nested sigmoids: forward, shorter")
        << parse("sigmoid(sigmoid(sigmoid(sigmoid(x y))))").expression << 0
        << DerivativeMethod::Forward;
    QTest::newRow("2 factors: forward, shorter") << product(2) << 2 << DerivativeMethod::Forward;
    QTest::newRow("30 factors: forward, shorter") << product(30) << 30 << DerivativeMethod::Forward;
    QTest::newRow("ten Horner steps: forward, shorter")
        << parse("((((((((y x + y) x + y/2) x + y/3) x + y/4) x + y/5) x + y/6) x + y/7) x + "
                 "y/8) x + y/9")
               .expression
        << 0 << DerivativeMethod::Forward;
    QTest::newRow("33 factors: forward, above the limit")
        << product(33) << 33 << DerivativeMethod::Forward;
}

void TestDerivativeMethods::automaticChoice()
{
    QFETCH(NodePtr, expression);
    QFETCH(int, factors);
    QFETCH(DerivativeMethod, chosen);
    const CompiledFunction function = CompiledFunction::compile(expression);
    QCOMPARE(function.derivativeMethod(), chosen);
    if (factors == 0) {
        return;
    }
    // f = p(x)·y: f_x = p′y, f_y = p, f_xx = p″y, f_xy = p′, f_yy = 0.
    const double x = 0.25;
    const double y = -1.5;
    const auto [p, dp, ddp] = productAndDerivatives(factors, x);
    const std::vector<double> actual = partsOf(function.evaluate(x, y));
    const std::vector<double> expected{p * y, dp * y, p, ddp * y, dp, 0.0};
    for (std::size_t k = 0; k < actual.size(); ++k) {
        QVERIFY2(close(actual[k], expected[k], 1e-12, 1e-12),
                 qPrintable(QStringLiteral("part %1: %2, expected %3")
                                .arg(k)
                                .arg(actual[k], 0, 'g', 17)
                                .arg(expected[k], 0, 'g', 17)));
    }
}

void TestDerivativeMethods::forwardIsLinear()
{
    // Doubling the factors doubles the program, gradient and Hessian included (symbolically the
    // Hessian of a product of n factors has some n³/2 factors).
    const auto count = [](int n) {
        return static_cast<double>(CompiledFunction::compile(product(n), {},
                                                             DerivativeOrder::Hessian,
                                                             DerivativeMethod::Forward)
                                       .instructionCount());
    };
    const double small = count(500);
    const double large = count(1000);
    QVERIFY2(large / small < 2.05, qPrintable(QStringLiteral("%1 → %2").arg(small).arg(large)));
    // A small constant times f's operations: here 2n.
    QVERIFY2(large < 10.0 * 2000.0, qPrintable(QString::number(large)));
}

void TestDerivativeMethods::forwardGridEqualsPoint()
{
    const NodePtr f = parse("sin(x y) / (1 + x^2) + sqrt(x^2 + y^2) * exp(-y) - x^y").expression;
    const CompiledFunction function =
        CompiledFunction::compile(f, {}, DerivativeOrder::Hessian, DerivativeMethod::Forward);
    GridSpec grid;
    grid.domain = {-2.0, 2.0, -1.5, 2.5};
    grid.columns = 37;
    grid.rows = 23;
    const GridValues values = function.evaluateGrid(grid, true, 2);
    for (int j = 0; j < grid.rows; ++j) {
        for (int i = 0; i < grid.columns; ++i) {
            const PointValue p = function.evaluate(grid.x(i), grid.y(j));
            const std::size_t k = static_cast<std::size_t>(j) * grid.columns + i;
            QVERIFY(sameBits(values.f[k], p.f));
            QVERIFY(sameBits(values.dfdx[k], p.gradient.x()));
            QVERIFY(sameBits(values.dfdy[k], p.gradient.y()));
        }
    }
}

void TestDerivativeMethods::deepChains_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("f");
    QTest::addColumn<double>("dfdx");
    QTest::addColumn<double>("d2fdx2");
    constexpr int n = 100'000;
    NodePtr sum = X();
    NodePtr quotient = X();
    NodePtr sines = X();
    NodePtr powers = X();
    for (int k = 1; k < n; ++k) {
        sum = add(sum, X());
        quotient = div(quotient, X());
        sines = call(Builtin::Sin, sines);
        powers = mul(powers, X());
    }
    // x + x + … + x = n·x; x/x/…/x, n − 1 divisions, = x^(2−n) at x = 1: 1, 2 − n, (2 − n)(1 − n).
    QTest::newRow("sum of 100 000 terms") << sum << 0.5 << 0.5 * n << double(n) << 0.0;
    QTest::newRow("99 999 divisions") << quotient << 1.0 << 1.0 << 2.0 - n << (2.0 - n) * (1.0 - n);
    // sin(sin(…(x))) at 0: 0, slope 1, curvature 0.
    QTest::newRow("100 000 nested sines") << sines << 0.0 << 0.0 << 1.0 << 0.0;
    // x·x·…·x = xⁿ at 1: 1, n, n(n − 1).
    QTest::newRow("100 000 factors") << powers << 1.0 << 1.0 << double(n) << double(n) * (n - 1);
}

void TestDerivativeMethods::deepChains()
{
    QFETCH(NodePtr, expression);
    QFETCH(double, x);
    QFETCH(double, f);
    QFETCH(double, dfdx);
    QFETCH(double, d2fdx2);
    const CompiledFunction function = CompiledFunction::compile(expression);
    QCOMPARE(function.derivativeMethod(), DerivativeMethod::Forward);
    const PointValue p = function.evaluate(x, 2.0);
    QCOMPARE(p.f, f);
    QCOMPARE(p.gradient.x(), dfdx);
    QCOMPARE(p.gradient.y(), 0.0);
    QCOMPARE(p.hessian(0, 0), d2fdx2);
    QCOMPARE(p.hessian(1, 1), 0.0);
}

void TestDerivativeMethods::fewRegisters_data()
{
    QTest::addColumn<NodePtr>("expression");
    constexpr int n = 5'000;
    NodePtr sum;
    NodePtr chain = Y();
    NodePtr composition = X();
    NodePtr quotient = X();
    for (int k = 1; k <= n; ++k) {
        const NodePtr term = pow(sub(X(), div(Y(), num(k))), num(2));
        sum = sum ? add(sum, term) : term;
        chain = add(mul(chain, X()), div(Y(), num(k)));
        composition = call(Builtin::Sin, add(mul(num(0.9), composition), mul(X(), Y())));
        quotient = div(quotient, add(X(), num(k)));
    }
    QTest::newRow("product of 5 000 factors") << product(n);
    QTest::newRow("sum of 5 000 squares") << sum;
    QTest::newRow("Horner chain of 5 000 steps") << chain;
    QTest::newRow("5 000 nested sines") << composition;
    QTest::newRow("5 000 divisions") << quotient;
}

void TestDerivativeMethods::fewRegisters()
{
    // Each value of f runs next to its tangents and a register is reused after its last read, so
    // that f, ∇f and the Hessian at a point work in a few cache lines however long f is.
    QFETCH(NodePtr, expression);
    const std::shared_ptr<const Program> program =
        Program::build(expression, {}, DerivativeOrder::Hessian);
    QCOMPARE(program->method(), DerivativeMethod::Forward);
    const int registers = program->scalarCode(true).registerCount;
    QVERIFY2(registers <= 64, qPrintable(QString::number(registers)));
    QVERIFY(program->scalarCode(false).registerCount <= registers);
}

QTEST_APPLESS_MAIN(TestDerivativeMethods)
#include "tst_derivativemethods.moc"
