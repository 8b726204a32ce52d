// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"
#include "expression/builtins.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <QTest>
#include <limits>

using namespace gradlab;

namespace {

constexpr int kTerms = 100'000;

NodePtr X()
{
    return var(Variable::X);
}

/// A chain of kTerms x's joined by \a join, left-leaning as the parser builds it.
template <typename Join>
NodePtr chain(Join join)
{
    NodePtr f = X();
    for (int k = 1; k < kTerms; ++k) {
        f = join(f);
    }
    return f;
}

} // namespace

Q_DECLARE_METATYPE(gradlab::NodePtr)

/// \brief 100 000-term sums, products, quotients and compositions through every walk over the
/// tree: printing, differentiating, simplifying, evaluating and destroying, none recursive.
class TestBigExpressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chains_data();
    void chains();
    void productRuleStaysLinear();
};

void TestBigExpressions::chains_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<QString>("derivative"); // simplified, as printed; empty: too long to compare
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("slope");
    QTest::addRow("sum") << chain([](const NodePtr& f) { return add(f, X()); })
                         << QStringLiteral("1e+05") << 1.0 << 1e5;
    QTest::addRow("product") << chain([](const NodePtr& f) { return mul(f, X()); })
                             << QStringLiteral("1e+05x^99999") << 1.0 << 1e5;
    // x/x/…/x with 99 999 divisions is x^(−99 998).
    QTest::addRow("quotient") << chain([](const NodePtr& f) { return div(f, X()); }) << QString()
                              << 1.0 << -99998.0;
    // sin(sin(…(x))) at 0: every cosine in the chain rule's product is 1.
    QTest::addRow("nested sines") << chain([](const NodePtr& f) { return call(Builtin::Sin, f); })
                                  << QString() << 0.0 << 1.0;
}

void TestBigExpressions::chains()
{
    QFETCH(NodePtr, expression);
    QFETCH(QString, derivative);
    QFETCH(double, x);
    QFETCH(double, slope);
    constexpr std::size_t kAll = std::numeric_limits<std::size_t>::max();
    const bool call = expression->kind() == NodeKind::Call;
    // A chain of n x's and n − 1 operators, or n − 1 calls around one x.
    QCOMPARE(printedSize(*expression, kAll),
             static_cast<std::size_t>(call ? kTerms : 2 * kTerms - 1));
    QVERIFY(toPlainText(expression).size() >= static_cast<std::size_t>(kTerms));
    QCOMPARE(evaluateTree(differentiate(expression, Variable::X), x, 0.0), slope);
    const NodePtr d = simplify(differentiate(expression, Variable::X));
    QVERIFY(d);
    QCOMPARE(evaluateTree(d, x, 0.0), slope);
    if (!derivative.isEmpty()) {
        QCOMPARE(QString::fromStdString(toPlainText(d)), derivative);
    } else {
        // The shared parts printed at each use: far more than anyone reads, counted all the same.
        QVERIFY(printedSize(*d, kAll) > 1'000'000U);
    }
}

void TestBigExpressions::productRuleStaysLinear()
{
    // (x+1)(x+2)…(x+n): the simplified derivative is the product rule's nested sum, its printed
    // size about n²; simplifying it must not read every inner product again (kept whole above 64
    // parts), so 2 000 factors are as quick as a few hundred. Checked by its value at x = 0:
    // n!·(1 + 1/2 + … + 1/n), for n = 20 within double rounding.
    NodePtr f = add(X(), num(1));
    for (int k = 2; k <= 2000; ++k) {
        f = mul(f, add(X(), num(k)));
    }
    const NodePtr d = simplify(differentiate(f, Variable::X));
    QVERIFY(printedSize(*d, std::numeric_limits<std::size_t>::max()) > 10'000U);
    NodePtr g = add(X(), num(1));
    double factorial = 1.0;
    double harmonic = 1.0;
    for (int k = 2; k <= 20; ++k) {
        g = mul(g, add(X(), num(k)));
        factorial *= k;
        harmonic += 1.0 / k;
    }
    const double expected = factorial * harmonic;
    const double actual = evaluateTree(simplify(differentiate(g, Variable::X)), 0.0, 0.0);
    QVERIFY2(std::fabs(actual - expected) <= 1e-12 * expected,
             qPrintable(QStringLiteral("%1, expected %2").arg(actual, 0, 'g', 17).arg(expected)));
}

QTEST_APPLESS_MAIN(TestBigExpressions)
#include "tst_bigexpressions.moc"
