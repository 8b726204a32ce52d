// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/randomexpression.h"
#include "differentiation/differentiator.h"
#include "differentiation/finitedifferences.h"
#include "differentiation/simplifier.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <unordered_set>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::Variable)
Q_DECLARE_METATYPE(gradlab::DerivativeRule)

namespace {

NodePtr parsed(const QString& text)
{
    ParseOptions options;
    options.parameters = {"a", "b", "k"};
    const ParseResult result = parse(text.toStdString(), options);
    if (result.hasError()) {
        qFatal("cannot parse \"%s\": %s", qPrintable(text), result.error.message.c_str());
    }
    return result.expression;
}

QString plain(const NodePtr& expression)
{
    return QString::fromStdString(toPlainText(expression));
}
QString pretty(const NodePtr& expression)
{
    return QString::fromStdString(toPrettyText(expression));
}

/// The first shape a simplified result must never contain (0·u, 1·u, u^1, u^0, −−u, u + 0,
/// u − −v, u + −v), or an empty string.
std::string forbiddenShape(const NodePtr& root)
{
    std::unordered_set<const Node*> visited;
    std::vector<const Node*> stack{root.get()};
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (!visited.insert(node).second) {
            continue;
        }
        const auto& children = node->children();
        switch (node->kind()) {
        case NodeKind::Multiply:
            for (const NodePtr& child : children) {
                if (child->isNumber(0.0) || child->isNumber(1.0)) {
                    return "a product with 0 or 1: " + toPlainText(NodePtr(root));
                }
            }
            break;
        case NodeKind::Power:
            if (children[1]->isNumber(1.0) || children[1]->isNumber(0.0)) {
                return "a power u^1 or u^0";
            }
            break;
        case NodeKind::Negate:
            if (children[0]->kind() == NodeKind::Negate || children[0]->isNumber(0.0)) {
                return "a double negation or −0";
            }
            break;
        case NodeKind::Add:
        case NodeKind::Subtract:
            if (children[0]->isNumber(0.0) || children[1]->isNumber(0.0)) {
                return "a sum with 0";
            }
            if (children[1]->kind() == NodeKind::Negate) {
                return "u + −v or u − −v";
            }
            break;
        default:
            break;
        }
        for (const NodePtr& child : children) {
            stack.push_back(child.get());
        }
    }
    return {};
}

double at(const NodePtr& expression, double x, double y)
{
    return evaluateTree(expression, x, y);
}

/// Central differences of f along one variable at (x, y), and whether they can be trusted there.
struct FiniteDifference
{
    bool reliable = false;
    double slope = 0;
};

FiniteDifference finiteDifference(const NodePtr& f, Variable variable, double x, double y)
{
    const auto along = [&](double t) {
        return variable == Variable::X ? at(f, t, y) : at(f, x, t);
    };
    const double t = variable == Variable::X ? x : y;
    const double h =
        std::cbrt(std::numeric_limits<double>::epsilon()) * std::max(1.0, std::fabs(t));
    FiniteDifference result;
    result.slope = centralDifference(along, t);
    const double wide = (along(t + 2 * h) - along(t - 2 * h)) / (4 * h);
    double largest = std::fabs(along(t));
    for (double s : {t - 2 * h, t - h, t + h, t + 2 * h}) {
        largest = std::max(largest, std::fabs(along(s)));
    }
    // Tolerance rule: the central difference is trusted when f is finite at all five points,
    // |f| ≤ 1e6 there (its rounding error ε|f|/h stays below ~4e-5), and the estimates with
    // steps h and 2h agree to 1e-7·(1 + |slope|): their difference is of the size of the
    // truncation error, while a kink, a jump or rounding noise inside [t − 2h, t + 2h] makes
    // them differ by far more.
    result.reliable = std::isfinite(largest) && largest <= 1e6 && std::isfinite(result.slope) &&
                      std::fabs(result.slope - wide) <= 1e-7 * (1 + std::fabs(result.slope));
    return result;
}

} // namespace

class TestDifferentiator : public QObject
{
    Q_OBJECT

private slots:
    void testDerivative_data();
    void testDerivative();
    void testTutorialTrace_data();
    void testTutorialTrace();
    void testSteps_data();
    void testSteps();
    void testInnerStepsAreDeeper();
    void testHeldConstants_data();
    void testHeldConstants();
    void testSigmoidIdentity();
    void testKinks_data();
    void testKinks();
    void testHessian_data();
    void testHessian();
    void testRawDerivativeIsUnsimplified();
    void testDeepInput_data();
    void testDeepInput();
    void testRandomExpressions();
};

void TestDifferentiator::testDerivative_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("dx");
    QTest::addColumn<QString>("dy");

    QTest::newRow("constant") << "7"
                              << "0"
                              << "0";
    QTest::newRow("named constant") << "pi*x"
                                    << "pi"
                                    << "0";
    QTest::newRow("parameter") << "a*x"
                               << "a"
                               << "0";
    QTest::newRow("variable") << "x"
                              << "1"
                              << "0";
    QTest::newRow("sum rule") << "x + y"
                              << "1"
                              << "1";
    QTest::newRow("difference") << "x - y"
                                << "1"
                                << "-1";
    QTest::newRow("constant multiple") << "3x"
                                       << "3"
                                       << "0";
    QTest::newRow("tutorial") << "x^2 + 3x*y + y^2"
                              << "2x + 3y"
                              << "3x + 2y";
    QTest::newRow("product of variables") << "x*y"
                                          << "y"
                                          << "x";
    QTest::newRow("power rule") << "x^3"
                                << "3x^2"
                                << "0";
    QTest::newRow("negative power") << "x^-2"
                                    << "-2/x^3"
                                    << "0";
    QTest::newRow("fractional power") << "x^0.5"
                                      << "0.5/x^0.5"
                                      << "0";
    QTest::newRow("symbolic exponent") << "x^y"
                                       << "yx^(y - 1)"
                                       << "x^y*log(x)";
    QTest::newRow("exponential base 2") << "2^x"
                                        << "2^x*log(2)"
                                        << "0";
    QTest::newRow("exponential base e") << "e^x"
                                        << "e^x"
                                        << "0";
    QTest::newRow("product rule") << "x*sin(x)"
                                  << "sin(x) + x*cos(x)"
                                  << "0";
    QTest::newRow("quotient rule") << "x/(1 + x)"
                                   << "1/(1 + x)^2"
                                   << "0";
    QTest::newRow("constant denominator") << "x^2/4"
                                          << "0.5x"
                                          << "0";
    QTest::newRow("constant numerator") << "1/x"
                                        << "-1/x^2"
                                        << "0";
    QTest::newRow("chain rule") << "sin(x^2)"
                                << "2x*cos(x^2)"
                                << "0";
    QTest::newRow("exp") << "exp(2x)"
                         << "2exp(2x)"
                         << "0";
    QTest::newRow("log") << "log(x)"
                         << "1/x"
                         << "0";
    QTest::newRow("sin") << "sin(y)"
                         << "0"
                         << "cos(y)";
    QTest::newRow("cos") << "cos(x)"
                         << "-sin(x)"
                         << "0";
    QTest::newRow("tan") << "tan(x)"
                         << "1/cos(x)^2"
                         << "0";
    QTest::newRow("asin") << "asin(x)"
                          << "1/sqrt(1 - x^2)"
                          << "0";
    QTest::newRow("acos") << "acos(x)"
                          << "-1/sqrt(1 - x^2)"
                          << "0";
    QTest::newRow("atan") << "atan(y)"
                          << "0"
                          << "1/(1 + y^2)";
    QTest::newRow("sinh") << "sinh(x)"
                          << "cosh(x)"
                          << "0";
    QTest::newRow("cosh") << "cosh(x)"
                          << "sinh(x)"
                          << "0";
    QTest::newRow("tanh identity") << "tanh(x)"
                                   << "1 - tanh(x)^2"
                                   << "0";
    QTest::newRow("sigmoid identity") << "sigmoid(x)"
                                      << "sigmoid(x)(1 - sigmoid(x))"
                                      << "0";
    QTest::newRow("sqrt") << "sqrt(x)"
                          << "0.5/sqrt(x)"
                          << "0";
    QTest::newRow("abs") << "abs(x)"
                         << "sign(x)"
                         << "0";
    QTest::newRow("relu") << "relu(x)"
                          << "step(x)"
                          << "0";
    QTest::newRow("relu chain") << "relu(2x)"
                                << "2step(2x)"
                                << "0";
    QTest::newRow("sign") << "sign(x)"
                          << "0"
                          << "0";
    QTest::newRow("square of a sum") << "(x + y)^2"
                                     << "2(x + y)"
                                     << "2(x + y)";
    QTest::newRow("mixed monomial") << "x^2*y^3"
                                    << "2xy^3"
                                    << "3x^2*y^2";
    QTest::newRow("parameters") << "a*x^2 + b*x*y"
                                << "2*a*x + b*y"
                                << "b*x";
}

void TestDifferentiator::testDerivative()
{
    QFETCH(QString, expression);
    QFETCH(QString, dx);
    QFETCH(QString, dy);

    const NodePtr f = parsed(expression);
    QCOMPARE(plain(derive(f, Variable::X).result), dx);
    QCOMPARE(plain(derive(f, Variable::Y).result), dy);
    QCOMPARE(plain(partialDerivative(f, Variable::X)), dx);
    QCOMPARE(plain(partialDerivative(f, Variable::Y)), dy);
}

void TestDifferentiator::testTutorialTrace_data()
{
    QTest::addColumn<Variable>("variable");
    QTest::addColumn<QString>("summary");

    // §13 of the tutorial, word for word.
    QTest::newRow("d/dx") << Variable::X
                          << "treat y as a constant; x² → 2x (power rule); 3xy → 3y (constant "
                             "multiple); y² → 0 (constant); sum rule: 2x + 3y";
    QTest::newRow("d/dy") << Variable::Y
                          << "treat x as a constant; x² → 0 (constant); 3xy → 3x (constant "
                             "multiple); y² → 2y (power rule); sum rule: 3x + 2y";
}

void TestDifferentiator::testTutorialTrace()
{
    QFETCH(Variable, variable);
    QFETCH(QString, summary);

    const Derivation derivation = derive(parsed("x^2 + 3x*y + y^2"), variable);
    QCOMPARE(QString::fromStdString(derivation.summary()), summary);
    QCOMPARE(derivation.variable, variable);
    QCOMPARE(derivation.steps.front().depth, 0);
    QCOMPARE(derivation.steps.back().rule, DerivativeRule::Sum);
}

void TestDifferentiator::testSteps_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<DerivativeRule>("rule");
    QTest::addColumn<QString>("ruleName");
    QTest::addColumn<QString>("text");

    QTest::newRow("constant") << "y^2" << DerivativeRule::Constant << "constant"
                              << "y² → 0 (constant)";
    QTest::newRow("variable") << "x" << DerivativeRule::Variable << "variable"
                              << "x → 1 (variable)";
    QTest::newRow("power rule") << "x^3" << DerivativeRule::Power << "power rule"
                                << "x³ → 3x² (power rule)";
    QTest::newRow("constant multiple")
        << "5x^2" << DerivativeRule::ConstantMultiple << "constant multiple"
        << "5x² → 10x (constant multiple)";
    QTest::newRow("product rule")
        << "x*sin(x)" << DerivativeRule::Product << "product rule"
        << "x·sin(x) → sin(x) + x·cos(x) (product rule: (uv)′ = u′v + uv′)";
    QTest::newRow("quotient rule")
        << "x/(1 + x)" << DerivativeRule::Quotient << "quotient rule"
        << "x/(1 + x) → 1/(1 + x)² (quotient rule: (u/v)′ = (u′v − uv′)/v²)";
    QTest::newRow("chain rule") << "sin(x^2)" << DerivativeRule::Chain << "chain rule"
                                << "sin(x²) → cos(x²)(2x) (chain rule: sin′ = cos, inner x² → 2x)";
    QTest::newRow("chain rule of a power")
        << "(x + y)^2" << DerivativeRule::Chain << "chain rule"
        << "(x + y)² → 2(x + y) (chain rule: u² → 2u, inner x + y → 1)";
    QTest::newRow("exponential") << "e^x" << DerivativeRule::Exponential << "exponential"
                                 << "eˣ → eˣ (exponential)";
    QTest::newRow("logarithm") << "log(x)" << DerivativeRule::Logarithm << "logarithm"
                               << "ln(x) → 1/x (logarithm)";
    QTest::newRow("trig") << "cos(x)" << DerivativeRule::Trig << "trig"
                          << "cos(x) → −sin(x) (trig)";
    QTest::newRow("sigmoid identity")
        << "sigmoid(x)" << DerivativeRule::SigmoidIdentity << "sigmoid identity"
        << "σ(x) → σ(x)(1 − σ(x)) (sigmoid identity)";
    QTest::newRow("tanh identity") << "tanh(x)" << DerivativeRule::TanhIdentity << "tanh identity"
                                   << "tanh(x) → 1 − tanh(x)² (tanh identity)";
    QTest::newRow("ReLU") << "relu(x)" << DerivativeRule::Relu << "ReLU"
                          << "ReLU(x) → step(x) (ReLU: 1 if u > 0, else 0; 0 at the kink)";
    QTest::newRow("abs") << "abs(x)" << DerivativeRule::Abs << "abs"
                         << "abs(x) → sign(x) (abs: −1 if u < 0, 1 if u > 0; 0 at the kink)";
    QTest::newRow("inverse trig") << "atan(x)" << DerivativeRule::Other << "inverse trig"
                                  << "arctan(x) → 1/(1 + x²) (inverse trig)";
    QTest::newRow("ReLU in a chain")
        << "relu(2x)" << DerivativeRule::Chain << "chain rule"
        << "ReLU(2x) → step(2x)·2 (chain rule: ReLU′ = 1 if u > 0, else 0; 0 at the kink, inner "
           "2x → 2)";
}

void TestDifferentiator::testSteps()
{
    QFETCH(QString, expression);
    QFETCH(DerivativeRule, rule);
    QFETCH(QString, ruleName);
    QFETCH(QString, text);

    const Derivation derivation = derive(parsed(expression), Variable::X);
    QVERIFY(derivation.steps.size() >= 2);
    const DerivationStep& step = derivation.steps[1]; // after "treat y as a constant"
    QCOMPARE(step.depth, 0);
    QCOMPARE(step.rule, rule);
    QCOMPARE(QString::fromStdString(step.ruleName), ruleName);
    QCOMPARE(QString::fromStdString(step.text), text);
    QVERIFY(structurallyEqual(*step.expression, *derivation.expression));
    QVERIFY(structurallyEqual(*step.derivative, *derivation.result));
}

void TestDifferentiator::testInnerStepsAreDeeper()
{
    const Derivation derivation = derive(parsed("sin(x^2) + 3x*y"), Variable::X);
    QStringList lines;
    for (const DerivationStep& step : derivation.steps) {
        lines << QString(step.depth * 2, QLatin1Char(' ')) + QString::fromStdString(step.text);
    }
    const QStringList expected{
        "treat y as a constant",
        "sin(x²) → cos(x²)(2x) (chain rule: sin′ = cos, inner x² → 2x)",
        "  x² → 2x (power rule)",
        "3xy → 3y (constant multiple)",
        "  3x → 3 (constant multiple)",
        "    x → 1 (variable)",
        "sum rule: 2x·cos(x²) + 3y",
    };
    QCOMPARE(lines, expected);
    QCOMPARE(QString::fromStdString(derivation.summary()),
             "treat y as a constant; sin(x²) → cos(x²)(2x) (chain rule: sin′ = cos, inner x² → "
             "2x); 3xy → 3y (constant multiple); sum rule: 2x·cos(x²) + 3y");
}

void TestDifferentiator::testHeldConstants_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<Variable>("variable");
    QTest::addColumn<QString>("first");

    QTest::newRow("x held") << "x*y" << Variable::Y << "treat x as a constant";
    QTest::newRow("one parameter") << "a*x" << Variable::X << "treat y and a as constants";
    QTest::newRow("parameters in order")
        << "k*x + a*b" << Variable::X << "treat y, k, a and b as constants";
}

void TestDifferentiator::testHeldConstants()
{
    QFETCH(QString, expression);
    QFETCH(Variable, variable);
    QFETCH(QString, first);

    const Derivation derivation = derive(parsed(expression), variable);
    QCOMPARE(QString::fromStdString(derivation.steps.front().text), first);
    QCOMPARE(derivation.steps.front().rule, DerivativeRule::Constant);
}

void TestDifferentiator::testSigmoidIdentity()
{
    const NodePtr x = var(Variable::X);
    const NodePtr sigma = call(Builtin::Sigmoid, x);
    const NodePtr derivative = partialDerivative(sigma, Variable::X);
    // σ′(x) = σ(x)(1 − σ(x)), in exactly that shape.
    QVERIFY(structurallyEqual(*derivative, *mul(sigma, sub(num(1), sigma))));
    QCOMPARE(pretty(derivative), QString("σ(x)(1 − σ(x))"));
    for (double point : {-4.0, -1.0, 0.0, 0.5, 3.0}) {
        const double s = 1 / (1 + std::exp(-point));
        QVERIFY(qFuzzyCompare(at(derivative, point, 0), s * (1 - s)));
        const FiniteDifference fd = finiteDifference(sigma, Variable::X, point, 0);
        QVERIFY(fd.reliable);
        QVERIFY(std::fabs(fd.slope - s * (1 - s)) < 1e-9);
    }
}

void TestDifferentiator::testKinks_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("slope");

    // relu′(0) = step(0) = 0 and abs′(0) = sign(0) = 0, as PyTorch and JAX have them.
    QTest::newRow("relu at its kink") << "relu(x)" << 0.0 << 0.0;
    QTest::newRow("relu right of it") << "relu(x)" << 0.5 << 1.0;
    QTest::newRow("relu left of it") << "relu(x)" << -0.5 << 0.0;
    QTest::newRow("shifted relu at its kink") << "relu(x - 1)" << 1.0 << 0.0;
    QTest::newRow("abs at its kink") << "abs(x)" << 0.0 << 0.0;
    QTest::newRow("abs left of it") << "abs(x)" << -2.0 << -1.0;
    QTest::newRow("scaled abs at its kink") << "abs(2x)" << 0.0 << 0.0;
    QTest::newRow("scaled abs right of it") << "abs(2x)" << 1.0 << 2.0;
}

void TestDifferentiator::testKinks()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, slope);

    const NodePtr derivative = derive(parsed(expression), Variable::X).result;
    QCOMPARE(at(derivative, x, 0), slope);
}

void TestDifferentiator::testHessian_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("dxx");
    QTest::addColumn<QString>("dxy");
    QTest::addColumn<QString>("dyy");

    QTest::newRow("tutorial") << "x^2 + 3x*y + y^2"
                              << "2"
                              << "3"
                              << "2";
    QTest::newRow("monomial") << "x^2*y^3"
                              << "2y^3"
                              << "6xy^2"
                              << "6x^2*y";
    QTest::newRow("tanh") << "tanh(x)"
                          << "-2tanh(x)(1 - tanh(x)^2)"
                          << "0"
                          << "0";
    QTest::newRow("exponential") << "exp(x*y)"
                                 << "y^2*exp(xy)"
                                 << "exp(xy) + xy*exp(xy)"
                                 << "x^2*exp(xy)";
}

void TestDifferentiator::testHessian()
{
    QFETCH(QString, expression);
    QFETCH(QString, dxx);
    QFETCH(QString, dxy);
    QFETCH(QString, dyy);

    const NodePtr f = parsed(expression);
    const NodePtr fx = partialDerivative(f, Variable::X);
    const NodePtr fy = partialDerivative(f, Variable::Y);
    QCOMPARE(plain(partialDerivative(fx, Variable::X)), dxx);
    QCOMPARE(plain(partialDerivative(fx, Variable::Y)), dxy);
    QCOMPARE(plain(partialDerivative(fy, Variable::Y)), dyy);
    // Mixed partials agree (Schwarz) at a few points.
    const NodePtr fyx = partialDerivative(fy, Variable::X);
    for (const auto& [x, y] : {std::pair{0.3, -1.2}, std::pair{1.7, 0.4}}) {
        const double a = at(partialDerivative(fx, Variable::Y), x, y);
        QVERIFY(std::fabs(a - at(fyx, x, y)) <= 1e-12 * (1 + std::fabs(a)));
    }
}

void TestDifferentiator::testRawDerivativeIsUnsimplified()
{
    // The raw rules of x² + 3xy: the constant multiple rule, not the product rule, for 3x·y.
    const NodePtr raw = differentiate(parsed("3x*y"), Variable::X);
    QCOMPARE(raw->kind(), NodeKind::Multiply);
    QVERIFY(structurallyEqual(*raw->child(0), *var(Variable::Y)));
    QCOMPARE(plain(simplify(raw)), QString("3y"));
    QVERIFY(differentiate(parsed("sin(y)*a"), Variable::X)->isNumber(0.0));
}

void TestDifferentiator::testDeepInput_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("5000 levels") << 5000;
}

void TestDifferentiator::testDeepInput()
{
    QFETCH(int, length);

    // Deeper than any recursion over the tree would survive with a small stack; the walks are
    // iterative. A long sum, a long quotient chain and a deep nesting of calls.
    const NodePtr x = var(Variable::X);
    const NodePtr y = var(Variable::Y);
    NodePtr sum = x;
    NodePtr quotient = x;
    NodePtr nested = x;
    for (int i = 1; i < length; ++i) {
        sum = add(sum, mul(num(2), x));
        quotient = div(quotient, y);
        nested = call(Builtin::Sin, nested);
    }
    QCOMPARE(at(partialDerivative(sum, Variable::X), 0.3, 0.1), 2.0 * length - 1);
    const double dy = at(partialDerivative(quotient, Variable::Y), 2.0, 1.0);
    QCOMPARE(dy, -(length - 1) * 2.0); // ∂/∂y of x·y^-(n−1) at (2, 1)
    const Derivation derivation = derive(nested, Variable::X);
    QVERIFY(derivation.steps.size() <= 201);
    for (const DerivationStep& step : derivation.steps) {
        QVERIFY(step.depth <= 8);
    }
    const double point = 0.7;
    const FiniteDifference fd = finiteDifference(nested, Variable::X, point, 0);
    QVERIFY(fd.reliable);
    QVERIFY(std::fabs(at(derivation.result, point, 0) - fd.slope) < 1e-8);
}

void TestDifferentiator::testRandomExpressions()
{
    // 1000 random expressions from a fixed seed: the simplified partials agree with the raw rule
    // output and with central differences (see finiteDifference for when those are trusted) at
    // random points, and contain none of the shapes simplification removes.
    RandomExpression random(20260117);
    int compared = 0;
    int agreedWithRaw = 0;
    for (int i = 0; i < 1000; ++i) {
        const NodePtr f = random.next();
        for (const Variable variable : {Variable::X, Variable::Y}) {
            const NodePtr raw = differentiate(f, variable);
            const NodePtr derivative = simplify(raw);
            const std::string shape = forbiddenShape(derivative);
            if (!shape.empty()) {
                QFAIL(qPrintable(
                    QString("%1 in ∂(%2) = %3")
                        .arg(QString::fromStdString(shape), plain(f), plain(derivative))));
            }
            for (int j = 0; j < 4; ++j) {
                const double x = random.between(-3, 3);
                const double y = random.between(-3, 3);
                const double symbolic = at(derivative, x, y);
                const double unsimplified = at(raw, x, y);
                // Simplification keeps the value wherever the raw derivative has one.
                if (std::isfinite(unsimplified) && std::fabs(unsimplified) < 1e6) {
                    if (std::fabs(symbolic - unsimplified) > 1e-9 * (1 + std::fabs(unsimplified))) {
                        QFAIL(qPrintable(QString("∂(%1) = %2 is %3 at (%4, %5), raw %6")
                                             .arg(plain(f), plain(derivative))
                                             .arg(symbolic)
                                             .arg(x)
                                             .arg(y)
                                             .arg(unsimplified)));
                    }
                    ++agreedWithRaw;
                }
                const FiniteDifference fd = finiteDifference(f, variable, x, y);
                if (!fd.reliable) {
                    continue;
                }
                ++compared;
                if (std::fabs(symbolic - fd.slope) > 1e-5 * (1 + std::fabs(fd.slope))) {
                    QFAIL(qPrintable(QString("∂(%1) = %2 is %3 at (%4, %5), central difference %6")
                                         .arg(plain(f), plain(derivative))
                                         .arg(symbolic)
                                         .arg(x)
                                         .arg(y)
                                         .arg(fd.slope)));
                }
            }
        }
    }
    qInfo("%d derivative values compared with central differences, %d with the raw derivative",
          compared, agreedWithRaw);
    // Most points must be usable, or the test would be checking nothing.
    QVERIFY(compared > 3000);
}

QTEST_APPLESS_MAIN(TestDifferentiator)
#include "tst_differentiator.moc"
