// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/randomexpression.h"
#include "differentiation/simplifier.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

NodePtr parsed(const QString& text)
{
    ParseOptions options;
    options.parameters = {"a", "b"};
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

double at(const NodePtr& expression, double x, double y)
{
    return evaluateTree(expression, x, y);
}

} // namespace

class TestSimplifier : public QObject
{
    Q_OBJECT

private slots:
    void testSimplify_data();
    void testSimplify();
    void testCanonicalShapes();
    void testNumbersAreNeverNegative();
    void testSharedSubtrees();
    void testDeepInput();
    void testRandomExpressions();
};

void TestSimplifier::testSimplify_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");

    QTest::newRow("whole product") << "2*3"
                                   << "6";
    QTest::newRow("half") << "1/2"
                          << "0.5";
    QTest::newRow("third stays a fraction") << "1/3"
                                            << "1/3";
    QTest::newRow("fraction reduced") << "2/6"
                                      << "1/3";
    QTest::newRow("decimal sum") << "0.1 + 0.2"
                                 << "0.3";
    QTest::newRow("tenth") << "1/10"
                           << "0.1";
    QTest::newRow("whole power") << "2^10"
                                 << "1024";
    QTest::newRow("irrational root stays") << "2^0.5"
                                           << "2^0.5";
    QTest::newRow("exact root") << "4^0.5"
                                << "2";
    QTest::newRow("sin 0") << "sin(0)"
                           << "0";
    QTest::newRow("exp 0") << "exp(0)"
                           << "1";
    QTest::newRow("sin 1 stays") << "sin(1)"
                                 << "sin(1)";
    QTest::newRow("ln e") << "log(e)"
                          << "1";
    QTest::newRow("zero times") << "0*x"
                                << "0";
    QTest::newRow("times zero") << "x*0"
                                << "0";
    QTest::newRow("one times") << "1*y"
                               << "y";
    QTest::newRow("times one") << "y*1"
                               << "y";
    QTest::newRow("power one") << "x^1"
                               << "x";
    QTest::newRow("power zero") << "x^0"
                                << "1";
    QTest::newRow("double negation") << "--x"
                                     << "x";
    QTest::newRow("minus negative") << "x - -y"
                                    << "x + y";
    QTest::newRow("plus negative") << "x + -y"
                                   << "x - y";
    QTest::newRow("plus zero") << "x + 0"
                               << "x";
    QTest::newRow("zero plus") << "0 + x"
                               << "x";
    QTest::newRow("minus zero") << "x - 0"
                                << "x";
    QTest::newRow("like terms") << "x + x"
                                << "2x";
    QTest::newRow("like monomials") << "3x*y - x*y"
                                    << "2xy";
    QTest::newRow("cancelled terms") << "x*y - x*y"
                                     << "0";
    QTest::newRow("like factors") << "x*x"
                                  << "x^2";
    QTest::newRow("power times factor") << "x^2*x"
                                        << "x^3";
    QTest::newRow("powers") << "x^2*x^3"
                            << "x^5";
    QTest::newRow("negative powers") << "x^-1*x^-2"
                                     << "1/x^3";
    QTest::newRow("number first") << "y*3*x"
                                  << "3xy";
    QTest::newRow("coefficient first") << "x*2"
                                       << "2x";
    QTest::newRow("x before y") << "3y + 2x"
                                << "2x + 3y";
    QTest::newRow("negative term") << "-3y + 2x"
                                   << "2x - 3y";
    QTest::newRow("degree order") << "y^2 + x*y + x^2"
                                  << "x^2 + xy + y^2";
    QTest::newRow("constant first kept") << "1 - x^2"
                                         << "1 - x^2";
    QTest::newRow("constant last") << "x^2 + 5 + 3x"
                                   << "x^2 + 3x + 5";
    QTest::newRow("constant written first") << "5 + x^2 + 3x"
                                            << "5 + x^2 + 3x";
    QTest::newRow("x over x kept") << "x/x"
                                   << "x/x";
    QTest::newRow("x squared over x kept") << "x^2/x"
                                           << "x^2/x";
    QTest::newRow("reciprocal kept") << "x*x^-1"
                                     << "x/x";
    QTest::newRow("zero over zero") << "0/0"
                                    << "0/0";
    QTest::newRow("pole") << "1/0"
                          << "1/0";
    QTest::newRow("x over zero") << "x/0"
                                 << "x/0";
    QTest::newRow("sigmoid derivative intact") << "sigmoid(x)*(1 - sigmoid(x))"
                                               << "sigmoid(x)(1 - sigmoid(x))";
    QTest::newRow("square of a product") << "(3x)^2"
                                         << "9x^2";
    QTest::newRow("square of variables") << "(x*y)^2"
                                         << "x^2*y^2";
    QTest::newRow("cube of a quotient") << "(x/y)^3"
                                        << "x^3/y^3";
    QTest::newRow("even power of a negation") << "(-x)^2"
                                              << "x^2";
    QTest::newRow("odd power of a negation") << "(-x)^3"
                                             << "-x^3";
    QTest::newRow("half power squared kept") << "(x^0.5)^2"
                                             << "(x^0.5)^2";
    QTest::newRow("power of a power") << "(x^2)^3"
                                      << "x^6";
    QTest::newRow("root of a square kept") << "(x^2)^0.5"
                                           << "(x^2)^0.5";
    QTest::newRow("negated sum") << "-(x + y)"
                                 << "-x - y";
    QTest::newRow("no distribution") << "2*(x + y)"
                                     << "2(x + y)";
    QTest::newRow("abs of negation") << "abs(-x)"
                                     << "abs(x)";
    QTest::newRow("abs of abs") << "abs(abs(x))"
                                << "abs(x)";
    QTest::newRow("constant after number") << "pi*2"
                                           << "2pi";
    QTest::newRow("constant before variable") << "x*pi*2"
                                              << "2pi*x";
    QTest::newRow("parameter terms") << "a*x + a*x"
                                     << "2*a*x";
    QTest::newRow("half of x") << "x/2"
                               << "0.5x";
    QTest::newRow("thirds") << "x/3 + x/3"
                            << "2x/3";
    QTest::newRow("decimal coefficient") << "6x/4"
                                         << "1.5x";
    QTest::newRow("y over y kept") << "x*y/y"
                                   << "xy/y";
    QTest::newRow("leading negation") << "-x + y"
                                      << "-x + y";
    QTest::newRow("negative product") << "x*(-3)"
                                      << "-3x";
    QTest::newRow("square of a call") << "sqrt(x)*sqrt(x)"
                                      << "sqrt(x)^2";
    QTest::newRow("square of a symbolic power") << "x^y*x^y"
                                                << "(x^y)^2";
    QTest::newRow("one to a power") << "1^x"
                                    << "1";
    QTest::newRow("zero to x kept") << "0^x"
                                    << "0^x";
    QTest::newRow("zero squared") << "0^2"
                                  << "0";
}

void TestSimplifier::testSimplify()
{
    QFETCH(QString, input);
    QFETCH(QString, output);

    const NodePtr simplified = simplify(parsed(input));
    QCOMPARE(plain(simplified), output);
    // Simplifying again changes nothing.
    QVERIFY(structurallyEqual(*simplify(simplified), *simplified));
}

void TestSimplifier::testCanonicalShapes()
{
    // The shapes agreed with the printers.
    const NodePtr x = var(Variable::X);
    const NodePtr y = var(Variable::Y);
    QVERIFY(structurallyEqual(*simplify(parsed("3y + x*2")), *add(mul(num(2), x), mul(num(3), y))));
    QVERIFY(structurallyEqual(*simplify(parsed("-2y + 3x")), *sub(mul(num(3), x), mul(num(2), y))));
    QVERIFY(structurallyEqual(*simplify(parsed("x*x")), *pow(x, num(2))));
    QVERIFY(structurallyEqual(*simplify(parsed("y*x*3")), *mul(mul(num(3), x), y)));
    QVERIFY(structurallyEqual(*simplify(parsed("y - x")), *add(neg(x), y)));
    const NodePtr sigma = call(Builtin::Sigmoid, x);
    QVERIFY(structurallyEqual(*simplify(mul(sub(num(1), sigma), sigma)),
                              *mul(sub(num(1), sigma), sigma)));
}

void TestSimplifier::testNumbersAreNeverNegative()
{
    // A negative number is Negate(number), as the parser reads "-3", whatever the input held.
    const NodePtr folded = simplify(sub(num(2), num(5)));
    QCOMPARE(folded->kind(), NodeKind::Negate);
    QVERIFY(folded->child(0)->isNumber(3.0));
    const NodePtr power = simplify(pow(var(Variable::X), num(-2)));
    QCOMPARE(plain(power), QString("1/x^2"));
    QVERIFY(simplify(mul(num(-1), num(0)))->isNumber(0.0));
    QVERIFY(!std::signbit(simplify(mul(num(-1), num(0)))->value()));
}

void TestSimplifier::testSharedSubtrees()
{
    // Sixty levels of u = u·u share every subtree: a tree walk would take 2^60 steps.
    NodePtr power = add(var(Variable::X), num(1));
    for (int i = 0; i < 60; ++i) {
        power = mul(power, power);
    }
    const NodePtr simplified = simplify(power);
    QCOMPARE(plain(simplified), QString("(x + 1)^1152921504606846976"));
    // Equal results are one node: like terms found by identity.
    const NodePtr sum =
        simplify(add(call(Builtin::Sin, var(Variable::X)), call(Builtin::Sin, var(Variable::X))));
    QCOMPARE(plain(sum), QString("2sin(x)"));
}

void TestSimplifier::testDeepInput()
{
    // Far deeper than a recursive walk could go; the simplifier is iterative.
    const NodePtr x = var(Variable::X);
    NodePtr sum = x;
    NodePtr product = x;
    NodePtr negations = x;
    NodePtr nested = x;
    for (int i = 1; i < 5000; ++i) {
        sum = add(sum, x);
        product = mul(product, x);
        negations = neg(negations);
        nested = call(Builtin::Abs, nested);
    }
    QCOMPARE(plain(simplify(sum)), QString("5000x"));
    QCOMPARE(plain(simplify(product)), QString("x^5000"));
    QCOMPARE(plain(simplify(negations)), QString("-x")); // 4999 minus signs
    QCOMPARE(plain(simplify(nested)), QString("abs(x)"));
}

void TestSimplifier::testRandomExpressions()
{
    // 1000 random expressions, each simplified: the value is kept at random points wherever the
    // input is defined, and simplifying twice gives the same tree.
    RandomExpression random(7);
    int compared = 0;
    for (int i = 0; i < 1000; ++i) {
        const NodePtr f = random.next();
        const NodePtr simplified = simplify(f);
        if (!structurallyEqual(*simplify(simplified), *simplified)) {
            QFAIL(qPrintable("not idempotent: " + plain(f) + " → " + plain(simplified) + " → " +
                             plain(simplify(simplified))));
        }
        for (int j = 0; j < 5; ++j) {
            const double x = random.between(-3, 3);
            const double y = random.between(-3, 3);
            const double value = at(f, x, y);
            if (!std::isfinite(value)) {
                continue; // undefined there: simplification may define it (0·u, u − u)
            }
            // Tolerance rule: rearranging changes rounding, so the values may differ by what
            // the expression makes of a relative change of the input of 1e-12; points where that
            // change exceeds 1e-7·(1 + |f|) are too ill-conditioned to compare.
            const double nearby = at(f, x * (1 + 1e-12), y * (1 + 1e-12));
            if (!(std::fabs(nearby - value) <= 1e-7 * (1 + std::fabs(value)))) {
                continue;
            }
            ++compared;
            const double result = at(simplified, x, y);
            if (!(std::fabs(result - value) <= 1e-9 * (1 + std::fabs(value)))) {
                QFAIL(qPrintable(QString("%1 → %2 is %3 at (%4, %5), was %6")
                                     .arg(plain(f), plain(simplified))
                                     .arg(result)
                                     .arg(x)
                                     .arg(y)
                                     .arg(value)));
            }
        }
    }
    qInfo("%d values compared", compared);
    QVERIFY(compared > 2500);
}

QTEST_APPLESS_MAIN(TestSimplifier)
#include "tst_simplifier.moc"
