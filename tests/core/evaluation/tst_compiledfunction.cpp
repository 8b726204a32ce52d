// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"
#include "evaluation/compiledfunction.h"
#include "expression/builtins.h"
#include "expression/parser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

using namespace gradlab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

NodePtr X()
{
    return var(Variable::X);
}
NodePtr Y()
{
    return var(Variable::Y);
}
NodePtr square(NodePtr a)
{
    return pow(std::move(a), num(2));
}

/// The hand-derived f, ∇f and Hessian a compiled function must reproduce.
using Formula = std::function<PointValue(double, double)>;

PointValue point(double f, double fx, double fy, double fxx, double fxy, double fyy)
{
    PointValue p;
    p.f = f;
    p.gradient = {fx, fy};
    p.hessian << fxx, fxy, fxy, fyy;
    return p;
}

/// Equal bits, or both NaN: what "grid equals point" means.
bool sameBits(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) ||
           std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

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

NodePtr parsed(const char* text, const std::vector<std::string>& parameters = {})
{
    ParseOptions options;
    options.parameters = parameters;
    const ParseResult result = parse(text, options);
    if (result.hasError()) {
        qWarning("parse failed: %s: %s", text, result.error.message.c_str());
    }
    return result.expression;
}

// The benchmark suite and a few functions with poles and undefined regions.
NodePtr rosenbrock()
{
    return parsed("(1-x)^2 + 100(y-x^2)^2");
}
NodePtr trigMix()
{
    return parsed("sin(x)cos(y) + exp(-(x^2+y^2)) + sigmoid(x y)");
}
NodePtr ackley()
{
    return parsed("-20exp(-0.2sqrt(0.5(x^2+y^2))) - exp(0.5(cos(2pi x)+cos(2pi y))) + e + 20");
}
NodePtr himmelblau()
{
    return parsed("(x^2+y-11)^2 + (x+y^2-7)^2");
}

} // namespace

Q_DECLARE_METATYPE(Formula)
Q_DECLARE_METATYPE(gradlab::NodePtr)
Q_DECLARE_METATYPE(gradlab::GridSpec)

class TestCompiledFunction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handDerived_data();
    void handDerived();
    void reference_data();
    void reference();
    void sharesSubexpressions_data();
    void sharesSubexpressions();
    void equalSubtreesShareOneInstruction_data();
    void equalSubtreesShareOneInstruction();
    void parameters();
    void undeclaredParameterIsNaN();
    void copiesKeepTheirOwnParameters();
    void domainErrors_data();
    void domainErrors();
    void builtinsMatchTheTable_data();
    void builtinsMatchTheTable();
    void integerPowers_data();
    void integerPowers();
    void halfPowerOfNegativeZero();
    void gridEqualsPoint_data();
    void gridEqualsPoint();
    void batchEqualsPoint_data();
    void batchEqualsPoint();
    void batchWithOnePartial();
    void gridReusesStorage();
    void valueOnlyHasNoGradient();
    void invalidFunction();
};

void TestCompiledFunction::handDerived_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<Formula>("formula");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");

    struct Case
    {
        const char* name;
        NodePtr expression;
        Formula formula;
    };
    const std::vector<Case> cases{
        {"quadratic form", add(add(square(X()), mul(mul(num(3), X()), Y())), square(Y())),
         [](double x, double y) {
             return point(x * x + 3 * x * y + y * y, 2 * x + 3 * y, 3 * x + 2 * y, 2, 3, 2);
         }},
        {"rosenbrock", add(square(sub(num(1), X())), mul(num(100), square(sub(Y(), square(X()))))),
         [](double x, double y) {
             const double r = y - x * x;
             return point((1 - x) * (1 - x) + 100 * r * r, -2 * (1 - x) - 400 * x * r, 200 * r,
                          2 - 400 * r + 800 * x * x, -400 * x, 200);
         }},
        {"sine times cosine", mul(call(Builtin::Sin, X()), call(Builtin::Cos, Y())),
         [](double x, double y) {
             const double s = std::sin(x), c = std::cos(x), sy = std::sin(y), cy = std::cos(y);
             return point(s * cy, c * cy, -s * sy, -s * cy, -c * sy, -s * cy);
         }},
        {"gaussian bump", call(Builtin::Exp, neg(add(square(X()), square(Y())))),
         [](double x, double y) {
             const double g = std::exp(-(x * x + y * y));
             return point(g, -2 * x * g, -2 * y * g, (4 * x * x - 2) * g, 4 * x * y * g,
                          (4 * y * y - 2) * g);
         }},
        {"sigmoid of a product", call(Builtin::Sigmoid, mul(X(), Y())),
         [](double x, double y) {
             const double s = 1 / (1 + std::exp(-x * y));
             const double d = s * (1 - s);      // σ'
             const double dd = d * (1 - 2 * s); // σ''
             return point(s, y * d, x * d, y * y * dd, d + x * y * dd, x * x * dd);
         }},
        {"quotient", div(X(), add(num(1), square(Y()))),
         [](double x, double y) {
             const double q = 1 + y * y;
             return point(x / q, 1 / q, -2 * x * y / (q * q), 0, -2 * y / (q * q),
                          x * (6 * y * y - 2) / (q * q * q));
         }},
        {"logarithm", call(Builtin::Log, add(add(square(X()), square(Y())), num(1))),
         [](double x, double y) {
             const double q = x * x + y * y + 1;
             return point(std::log(q), 2 * x / q, 2 * y / q, (2 * q - 4 * x * x) / (q * q),
                          -4 * x * y / (q * q), (2 * q - 4 * y * y) / (q * q));
         }},
        {"cube and inverse square", add(pow(X(), num(3)), pow(Y(), num(-2))),
         [](double x, double y) {
             return point(x * x * x + 1 / (y * y), 3 * x * x, -2 / (y * y * y), 6 * x, 0,
                          6 / (y * y * y * y));
         }},
        {"square root", call(Builtin::Sqrt, add(square(X()), mul(num(2), square(Y())))),
         [](double x, double y) {
             const double q = x * x + 2 * y * y, r = std::sqrt(q);
             return point(r, x / r, 2 * y / r, 2 * y * y / (q * r), -2 * x * y / (q * r),
                          2 * x * x / (q * r));
         }},
    };
    const std::vector<std::pair<double, double>> points{{0.3, -1.2}, {-1.7, 0.4}, {1.1, 2.5}};
    for (const Case& c : cases) {
        for (const auto& [x, y] : points) {
            QTest::addRow("%s at (%g, %g)", c.name, x, y) << c.expression << c.formula << x << y;
        }
    }
}

void TestCompiledFunction::handDerived()
{
    QFETCH(NodePtr, expression);
    QFETCH(Formula, formula);
    QFETCH(double, x);
    QFETCH(double, y);

    const CompiledFunction function = CompiledFunction::compile(expression);
    QVERIFY(function.isValid());
    const PointValue actual = function.evaluate(x, y);
    const PointValue expected = formula(x, y);
    const auto check = [](const char* what, double a, double e) {
        if (!close(a, e, 1e-10, 1e-12)) {
            qWarning("%s: got %.17g, expected %.17g", what, a, e);
            return false;
        }
        return true;
    };
    QVERIFY(check("f", actual.f, expected.f));
    QVERIFY(check("f_x", actual.gradient.x(), expected.gradient.x()));
    QVERIFY(check("f_y", actual.gradient.y(), expected.gradient.y()));
    QVERIFY(check("f_xx", actual.hessian(0, 0), expected.hessian(0, 0)));
    QVERIFY(check("f_xy", actual.hessian(0, 1), expected.hessian(0, 1)));
    QVERIFY(check("f_yx", actual.hessian(1, 0), expected.hessian(1, 0)));
    QVERIFY(check("f_yy", actual.hessian(1, 1), expected.hessian(1, 1)));
    QCOMPARE(function.value(x, y), actual.f);
}

void TestCompiledFunction::reference_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<QJsonArray>(
        "expected"); // f, f_x, f_y, f_xx, f_xy, f_yy; null: not a real number

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
        QTest::addRow("line %d: %s", line, qPrintable(expression))
            << expression << x << y << expected;
    }
    QVERIFY(line > 0);
}

void TestCompiledFunction::reference()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(QJsonArray, expected);

    const ParseResult parsedExpression = parse(expression.toStdString());
    QVERIFY2(parsedExpression.isValid(), parsedExpression.error.message.c_str());
    const CompiledFunction function = CompiledFunction::compile(parsedExpression.expression);
    const PointValue p = function.evaluate(x, y);
    const double actual[] = {
        p.f, p.gradient.x(), p.gradient.y(), p.hessian(0, 0), p.hessian(0, 1), p.hessian(1, 1)};
    const char* names[] = {"f", "f_x", "f_y", "f_xx", "f_xy", "f_yy"};
    for (int k = 0; k < 6; ++k) {
        const QJsonValue e = expected.at(k);
        if (k > 0 && expected.at(0).isNull() && std::isnan(actual[k])) {
            // Where f is not real, neither are its partials as real functions: NaN is right for
            // them, and so is the number SymPy's formula gives (the reference README).
            continue;
        }
        if (e.isNull()) {
            // Not a real number there: NaN, or ±inf at a pole; never a made-up finite value.
            QVERIFY2(!std::isfinite(actual[k]),
                     qPrintable(QStringLiteral("%1 = %2, expected undefined")
                                    .arg(QLatin1String(names[k]))
                                    .arg(actual[k], 0, 'g', 17)));
        } else {
            QVERIFY2(close(actual[k], e.toDouble(), 1e-8, 1e-9),
                     qPrintable(QStringLiteral("%1 = %2, expected %3")
                                    .arg(QLatin1String(names[k]))
                                    .arg(actual[k], 0, 'g', 17)
                                    .arg(e.toDouble(), 0, 'g', 17)));
        }
    }
}

void TestCompiledFunction::sharesSubexpressions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::newRow("sine times cosine") << QStringLiteral("sin(x)cos(y)");
    QTest::newRow("gaussian bump") << QStringLiteral("exp(-(x^2+y^2))");
    QTest::newRow("sigmoid of a product") << QStringLiteral("sigmoid(x y)");
    QTest::newRow("rosenbrock") << QStringLiteral("(1-x)^2 + 100(y-x^2)^2");
}

void TestCompiledFunction::sharesSubexpressions()
{
    QFETCH(QString, expression);
    const NodePtr f = parsed(expression.toUtf8().constData());
    QVERIFY(f);
    const NodePtr fx = simplify(differentiate(f, Variable::X));
    const NodePtr fy = simplify(differentiate(f, Variable::Y));
    const std::size_t together =
        CompiledFunction::compile(f, {}, DerivativeOrder::Gradient).instructionCount();
    const std::size_t separately =
        CompiledFunction::compile(f, {}, DerivativeOrder::Value).instructionCount() +
        CompiledFunction::compile(fx, {}, DerivativeOrder::Value).instructionCount() +
        CompiledFunction::compile(fy, {}, DerivativeOrder::Value).instructionCount();
    QVERIFY2(
        together < separately,
        qPrintable(QStringLiteral("%1 together, %2 separately").arg(together).arg(separately)));
}

void TestCompiledFunction::equalSubtreesShareOneInstruction_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<int>("instructions");
    // Two separately built, structurally equal subtrees; operands of + and · in either order.
    QTest::newRow("sin(x) + sin(x)") << add(call(Builtin::Sin, X()), call(Builtin::Sin, X())) << 2;
    QTest::newRow("x·y − y·x") << sub(mul(X(), Y()), mul(Y(), X())) << 2;
    QTest::newRow("(x+1)² · (x+1)") << mul(square(add(X(), num(1))), add(X(), num(1))) << 3;
}

void TestCompiledFunction::equalSubtreesShareOneInstruction()
{
    QFETCH(NodePtr, expression);
    QFETCH(int, instructions);
    const CompiledFunction function =
        CompiledFunction::compile(expression, {}, DerivativeOrder::Value);
    QCOMPARE(static_cast<int>(function.instructionCount()), instructions);
}

void TestCompiledFunction::parameters()
{
    const NodePtr f = parsed("a x^2 + b y", {"a", "b"});
    QVERIFY(f);
    // The order of parameterNames fixes the order of setParameters, whatever the formula's.
    CompiledFunction function = CompiledFunction::compile(f, {"b", "a"});
    QCOMPARE(function.parameterNames(), (std::vector<std::string>{"b", "a"}));
    const std::array<double, 2> values{3.0, 2.0};
    function.setParameters(values);
    const PointValue p = function.evaluate(1.5, -2.0);
    QCOMPARE(p.f, 2.0 * 1.5 * 1.5 + 3.0 * -2.0);
    QCOMPARE(p.gradient.x(), 4.0 * 1.5);
    QCOMPARE(p.gradient.y(), 3.0);
    QCOMPARE(p.hessian(0, 0), 4.0);

    const GridValues grid = function.evaluateGrid({{-1, 1, -1, 1}, 5, 3}, true, 1);
    QCOMPARE(grid.at(4, 2), 2.0 * 1 * 1 + 3.0 * 1);
    QCOMPARE(grid.dfdy[0], 3.0);

    const std::array<double, 2> changed{-1.0, 0.5};
    function.setParameters(changed);
    QCOMPARE(function.value(2.0, 4.0), 0.5 * 4.0 - 4.0);
}

void TestCompiledFunction::undeclaredParameterIsNaN()
{
    const NodePtr f = parsed("a x + k", {"a", "k"});
    QVERIFY(f);
    CompiledFunction function = CompiledFunction::compile(f, {"a"});
    const std::array<double, 1> a{2.0};
    function.setParameters(a);
    QVERIFY(std::isnan(function.value(1.0, 1.0)));

    // Declared but never given a value: NaN too, not a made-up zero.
    const CompiledFunction unset = CompiledFunction::compile(f, {"a", "k"});
    QVERIFY(std::isnan(unset.value(1.0, 1.0)));
}

void TestCompiledFunction::copiesKeepTheirOwnParameters()
{
    const NodePtr f = parsed("a x", {"a"});
    QVERIFY(f);
    CompiledFunction original = CompiledFunction::compile(f, {"a"});
    const std::array<double, 1> two{2.0};
    original.setParameters(two);
    CompiledFunction copy = original;
    const std::array<double, 1> five{5.0};
    copy.setParameters(five);
    QCOMPARE(original.value(3.0, 0.0), 6.0);
    QCOMPARE(copy.value(3.0, 0.0), 15.0);
    const Objective objective = original.objective();
    original.setParameters(five);
    QCOMPARE(objective(Eigen::Vector2d(3.0, 0.0)).f, 6.0); // bound to the parameters as they were
}

void TestCompiledFunction::domainErrors_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("expected"); // NaN or ±inf

    QTest::newRow("log of a negative") << call(Builtin::Log, X()) << -1.0 << 0.0 << kNaN;
    QTest::newRow("log at zero") << call(Builtin::Log, X()) << 0.0 << 0.0 << -kInf;
    QTest::newRow("reciprocal at zero") << div(num(1), X()) << 0.0 << 0.0 << kInf;
    QTest::newRow("reciprocal at negative zero") << div(num(1), X()) << -0.0 << 0.0 << -kInf;
    QTest::newRow("zero over zero") << div(X(), Y()) << 0.0 << 0.0 << kNaN;
    QTest::newRow("square root of a negative") << call(Builtin::Sqrt, X()) << -4.0 << 0.0 << kNaN;
    QTest::newRow("half power of a negative") << pow(X(), num(0.5)) << -1.0 << 0.0 << kNaN;
    QTest::newRow("fractional power of a negative") << pow(X(), num(1.5)) << -1.0 << 0.0 << kNaN;
    QTest::newRow("inverse square at zero") << pow(X(), num(-2)) << 0.0 << 0.0 << kInf;
    QTest::newRow("arcsine outside [-1, 1]") << call(Builtin::Asin, X()) << 2.0 << 0.0 << kNaN;
    QTest::newRow("infinity minus infinity")
        << sub(call(Builtin::Exp, X()), call(Builtin::Exp, Y())) << 1000.0 << 1000.0 << kNaN;
}

void TestCompiledFunction::domainErrors()
{
    QFETCH(NodePtr, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, expected);

    const CompiledFunction function = CompiledFunction::compile(expression);
    const std::array<double, 1> xs{x};
    const std::array<double, 1> ys{y};
    std::array<double, 1> batch{0.0};
    function.evaluateBatch(xs, ys, batch);
    for (const double actual : {function.value(x, y), function.evaluate(x, y).f, batch[0]}) {
        if (std::isnan(expected)) {
            QVERIFY2(std::isnan(actual), qPrintable(QString::number(actual)));
        } else {
            QCOMPARE(actual, expected);
        }
    }
}

void TestCompiledFunction::builtinsMatchTheTable_data()
{
    QTest::addColumn<int>("builtin");
    for (const BuiltinInfo& info : builtins()) {
        QTest::newRow(std::string(info.name).c_str()) << static_cast<int>(info.id);
    }
}

void TestCompiledFunction::builtinsMatchTheTable()
{
    QFETCH(int, builtin);
    const BuiltinInfo& info = builtinInfo(static_cast<Builtin>(builtin));
    const CompiledFunction function =
        CompiledFunction::compile(call(info.id, X()), {}, DerivativeOrder::Value);
    const std::vector<double> us{-1e300, -710.0, -100.0, -3.5, -1.0,  -0.5, -1e-300,
                                 -0.0,   0.0,    1e-300, 0.25, 0.5,   1.0,  2.5,
                                 40.0,   710.0,  1e300,  kInf, -kInf, kNaN};
    std::vector<double> batch(us.size());
    function.evaluateBatch(us, std::vector<double>(us.size(), 0.0), batch);
    for (std::size_t k = 0; k < us.size(); ++k) {
        const double expected = info.evaluate(us[k]);
        QVERIFY2(sameBits(function.value(us[k], 0.0), expected),
                 qPrintable(QString::number(us[k])));
        QVERIFY2(sameBits(batch[k], expected), qPrintable(QString::number(us[k])));
    }
}

void TestCompiledFunction::integerPowers_data()
{
    QTest::addColumn<double>("exponent");
    for (const double n : {2.0, 3.0, 4.0, 5.0, 7.0, 16.0, -1.0, -2.0, -3.0, 0.0, 1.0}) {
        QTest::addRow("x^%g", n) << n;
    }
}

void TestCompiledFunction::integerPowers()
{
    QFETCH(double, exponent);
    // Compiled as repeated multiplication: within a few ulps of pow, with pow's poles and zeros.
    const CompiledFunction function =
        CompiledFunction::compile(pow(X(), num(exponent)), {}, DerivativeOrder::Value);
    for (const double x : {0.37, -1.9, 2.0, 1.0000001, -13.25}) {
        const double expected = std::pow(x, exponent);
        QVERIFY2(close(function.value(x, 0.0), expected,
                       16 * std::numeric_limits<double>::epsilon(), 0.0),
                 qPrintable(QString::number(x)));
    }
    for (const double x : {0.0, -0.0, kInf, -kInf, kNaN}) {
        QVERIFY2(sameBits(function.value(x, 0.0), std::pow(x, exponent)),
                 qPrintable(QString::number(x)));
    }
}

void TestCompiledFunction::halfPowerOfNegativeZero()
{
    // pow(−0, ½) is +0 while √−0 is −0: the rewrite x^½ → √x must keep pow's sign, or the
    // derivative ½x^−½ would jump from +inf to −inf.
    const CompiledFunction half =
        CompiledFunction::compile(pow(X(), num(0.5)), {}, DerivativeOrder::Value);
    QVERIFY(sameBits(half.value(-0.0, 0.0), std::pow(-0.0, 0.5)));
    const CompiledFunction inverse =
        CompiledFunction::compile(pow(X(), num(-0.5)), {}, DerivativeOrder::Value);
    QCOMPARE(inverse.value(-0.0, 0.0), std::pow(-0.0, -0.5));
}

void TestCompiledFunction::gridEqualsPoint_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<GridSpec>("grid");
    QTest::addColumn<int>("threads");

    const GridSpec small{{-2.0, 2.0, -1.5, 1.5}, 64, 48};
    const GridSpec wide{{-3.0, 1.0, -0.5, 2.0}, 700, 5}; // rows longer than a block
    const std::vector<std::pair<const char*, NodePtr>> functions{
        {"rosenbrock", rosenbrock()},
        {"trig mix", trigMix()},
        {"ackley", ackley()},
        {"himmelblau", himmelblau()},
        {"pole on a line", parsed("1/(x - y) + log(x)")},
        {"y only", parsed("y^3 + cos(y)")},
        {"x only", parsed("tanh(x) + abs(x)")},
        {"just x", parsed("x")},
        {"just y", parsed("y")},
        {"a constant", parsed("2.5")},
    };
    for (const auto& [name, expression] : functions) {
        for (const int threads : {1, 2, 3}) {
            QTest::addRow("%s, %d thread(s)", name, threads) << expression << small << threads;
        }
        QTest::addRow("%s, 700 columns", name) << expression << wide << 2;
    }
}

void TestCompiledFunction::gridEqualsPoint()
{
    QFETCH(NodePtr, expression);
    QFETCH(GridSpec, grid);
    QFETCH(int, threads);
    QVERIFY(expression);

    const CompiledFunction function = CompiledFunction::compile(expression);
    const GridValues values = function.evaluateGrid(grid, true, threads);
    QCOMPARE(values.spec, grid);
    QCOMPARE(values.f.size(), grid.size());
    QCOMPARE(values.dfdx.size(), grid.size());
    QCOMPARE(values.dfdy.size(), grid.size());
    const GridValues valueOnly = function.evaluateGrid(grid, false, threads);
    QVERIFY(valueOnly.dfdx.empty());
    for (int j = 0; j < grid.rows; ++j) {
        for (int i = 0; i < grid.columns; ++i) {
            const std::size_t k = static_cast<std::size_t>(j) * grid.columns + i;
            const PointValue p = function.evaluate(grid.x(i), grid.y(j));
            const QByteArray where = QStringLiteral("cell (%1, %2)").arg(i).arg(j).toUtf8();
            QVERIFY2(sameBits(values.f[k], p.f), where.constData());
            QVERIFY2(sameBits(values.dfdx[k], p.gradient.x()), where.constData());
            QVERIFY2(sameBits(values.dfdy[k], p.gradient.y()), where.constData());
            QVERIFY2(sameBits(valueOnly.f[k], p.f), where.constData());
        }
    }
}

void TestCompiledFunction::batchEqualsPoint_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::newRow("rosenbrock") << rosenbrock();
    QTest::newRow("trig mix") << trigMix();
    QTest::newRow("ackley") << ackley();
    QTest::newRow("pole on a line") << parsed("1/(x - y) + log(x)");
}

void TestCompiledFunction::batchEqualsPoint()
{
    QFETCH(NodePtr, expression);
    QVERIFY(expression);
    const CompiledFunction function = CompiledFunction::compile(expression);
    std::mt19937 random(7);
    std::uniform_real_distribution<double> coordinate(-3.0, 3.0);
    const std::size_t count = 1000; // several blocks and a partial one
    std::vector<double> xs(count), ys(count), f(count), dfdx(count), dfdy(count);
    for (std::size_t k = 0; k < count; ++k) {
        xs[k] = coordinate(random);
        ys[k] = k % 10 == 0 ? xs[k] : coordinate(random); // some points on the pole x = y
    }
    function.evaluateBatch(xs, ys, f, dfdx, dfdy);
    for (std::size_t k = 0; k < count; ++k) {
        const PointValue p = function.evaluate(xs[k], ys[k]);
        QVERIFY2(sameBits(f[k], p.f), qPrintable(QString::number(k)));
        QVERIFY2(sameBits(dfdx[k], p.gradient.x()), qPrintable(QString::number(k)));
        QVERIFY2(sameBits(dfdy[k], p.gradient.y()), qPrintable(QString::number(k)));
    }
}

void TestCompiledFunction::batchWithOnePartial()
{
    const CompiledFunction function = CompiledFunction::compile(parsed("x^2 y + exp(y)"));
    const std::vector<double> xs{1.0, -2.0, 0.5};
    const std::vector<double> ys{3.0, 0.25, -1.0};
    std::vector<double> f(3), dfdy(3);
    function.evaluateBatch(xs, ys, f, {}, dfdy);
    for (std::size_t k = 0; k < xs.size(); ++k) {
        const PointValue p = function.evaluate(xs[k], ys[k]);
        QCOMPARE(f[k], p.f);
        QCOMPARE(dfdy[k], p.gradient.y());
    }
}

void TestCompiledFunction::gridReusesStorage()
{
    const CompiledFunction function = CompiledFunction::compile(rosenbrock());
    const GridSpec grid{{-2.0, 2.0, -1.0, 3.0}, 40, 30};
    GridValues values;
    function.evaluateGrid(grid, values, true, 2);
    const double* storage = values.f.data();
    function.evaluateGrid(grid, values, false, 2);
    QCOMPARE(values.f.data(), storage);
    QVERIFY(values.dfdx.empty());
    QCOMPARE(values.at(7, 11), function.value(grid.x(7), grid.y(11)));
}

void TestCompiledFunction::valueOnlyHasNoGradient()
{
    const CompiledFunction function =
        CompiledFunction::compile(rosenbrock(), {}, DerivativeOrder::Value);
    QCOMPARE(function.order(), DerivativeOrder::Value);
    const PointValue p = function.evaluate(0.5, 0.5);
    QCOMPARE(p.f, 0.25 + 100 * 0.0625);
    QVERIFY(std::isnan(p.gradient.x()));
    QVERIFY(std::isnan(p.hessian(1, 1)));
    const GridValues grid = function.evaluateGrid({{-1, 1, -1, 1}, 4, 4}, true, 1);
    QVERIFY(std::isnan(grid.dfdx[5]));
    QVERIFY(std::isfinite(grid.f[5]));

    const CompiledFunction gradient =
        CompiledFunction::compile(rosenbrock(), {}, DerivativeOrder::Gradient);
    QVERIFY(std::isfinite(gradient.evaluate(0.5, 0.5).gradient.y()));
    QVERIFY(std::isnan(gradient.evaluate(0.5, 0.5).hessian(0, 0)));
}

void TestCompiledFunction::invalidFunction()
{
    const CompiledFunction function = CompiledFunction::compile(nullptr);
    QVERIFY(!function.isValid());
    QVERIFY(std::isnan(function.value(0.0, 0.0)));
    QVERIFY(std::isnan(function.evaluate(0.0, 0.0).f));
    const GridValues grid = function.evaluateGrid({{-1, 1, -1, 1}, 3, 3}, true, 1);
    QCOMPARE(grid.f.size(), std::size_t{9});
    QVERIFY(std::isnan(grid.f[4]));
    QVERIFY(std::isnan(grid.dfdy[4]));
}

QTEST_APPLESS_MAIN(TestCompiledFunction)
#include "tst_compiledfunction.moc"
