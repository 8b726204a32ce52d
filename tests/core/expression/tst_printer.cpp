// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/randomexpression.h"
#include "common/treebuilders.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <QTest>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::NodePtr)

namespace {

using namespace gradlab::testing;
NodePtr sigmoid(NodePtr u)
{
    return call(Builtin::Sigmoid, std::move(u));
}

/// The parameter names a tree uses, for reading its plain text back.
std::vector<std::string> parametersOf(const NodePtr& root)
{
    std::set<std::string> names;
    std::vector<const Node*> stack{root.get()};
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (node->kind() == NodeKind::Parameter) {
            names.insert(node->name());
        }
        for (const NodePtr& child : node->children()) {
            stack.push_back(child.get());
        }
    }
    return {names.begin(), names.end()};
}

ParseResult readBack(const NodePtr& expression)
{
    ParseOptions options;
    options.parameters = parametersOf(expression);
    return parse(toPlainText(expression), options);
}

bool identical(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) ||
           std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

QByteArray parsedAs(const char* text, std::string (*printer)(const NodePtr&))
{
    ParseOptions options;
    options.parameters = {"a", "lambda"};
    const ParseResult result = parse(text, options);
    if (result.hasError()) {
        return QByteArray("error: ") + result.error.message.c_str();
    }
    return QByteArray::fromStdString(printer(result.expression));
}

} // namespace

class TestPrinter : public QObject
{
    Q_OBJECT

private slots:
    void testPlain_data();
    void testPlain();
    void testPretty_data();
    void testPretty();
    void testHtml_data();
    void testHtml();
    void testRoundTrip_data();
    void testRoundTrip();
    void testNormalisedRoundTrip();
    void testDeepTrees();
};

void TestPrinter::testPlain_data()
{
    QTest::addColumn<NodePtr>("expression");
    QTest::addColumn<QByteArray>("expected");
    // Shapes the simplifier builds: coefficient first, negative terms as subtractions.
    QTest::newRow("gradient of the tutorial")
        << add(mul(num(2), X()), mul(num(3), Y())) << QByteArray("2x + 3y");
    QTest::newRow("difference") << sub(mul(num(3), X()), mul(num(2), Y())) << QByteArray("3x - 2y");
    QTest::newRow("square") << pow(X(), num(2)) << QByteArray("x^2");
    QTest::newRow("sigmoid identity")
        << mul(sigmoid(X()), sub(num(1), sigmoid(X()))) << QByteArray("sigmoid(x)(1 - sigmoid(x))");
    QTest::newRow("three x y") << mul(mul(num(3), X()), Y()) << QByteArray("3xy");
    QTest::newRow("negated product") << neg(mul(num(2), X())) << QByteArray("-2x");
    QTest::newRow("negated sum") << neg(add(X(), Y())) << QByteArray("-(x + y)");
    QTest::newRow("double negation") << neg(neg(X())) << QByteArray("- -x");
    QTest::newRow("negated factor on the left") << mul(neg(num(2)), X()) << QByteArray("(-2)*x");
    QTest::newRow("negated factor on the right") << mul(num(2), neg(X())) << QByteArray("2*-x");
    QTest::newRow("signed factor, then a product")
        << mul(mul(X(), neg(Y())), X()) << QByteArray("x*-y*x");
    QTest::newRow("signed product on the right")
        << mul(X(), neg(mul(num(2), Y()))) << QByteArray("x(-2y)");
    QTest::newRow("negated difference subtracted")
        << sub(X(), neg(sub(Y(), num(1)))) << QByteArray("x - -(y - 1)");
    QTest::newRow("product on the right") << mul(X(), mul(num(2), Y())) << QByteArray("x(2y)");
    QTest::newRow("power then variable") << mul(pow(X(), num(2)), Y()) << QByteArray("x^2*y");
    QTest::newRow("coefficient, power, variable")
        << mul(mul(num(3), pow(X(), num(2))), Y()) << QByteArray("3x^2*y");
    QTest::newRow("number inside a product") << mul(mul(X(), num(2)), Y()) << QByteArray("x*2*y");
    QTest::newRow("parameter coefficient") << mul(num(2), P("a")) << QByteArray("2*a");
    QTest::newRow("parameter times x") << mul(P("a"), X()) << QByteArray("a*x");
    QTest::newRow("x times parameter") << mul(X(), P("a")) << QByteArray("x*a");
    QTest::newRow("parameter times group")
        << mul(P("k"), add(X(), num(1))) << QByteArray("k*(x + 1)");
    QTest::newRow("a parameter named xy keeps x and y apart")
        << add(mul(X(), Y()), P("xy")) << QByteArray("x*y + xy");
    QTest::newRow("two pi") << mul(num(2), pi()) << QByteArray("2pi");
    QTest::newRow("pi x") << mul(pi(), X()) << QByteArray("pi*x");
    QTest::newRow("two e") << mul(num(2), e()) << QByteArray("2e");
    QTest::newRow("two e x") << mul(mul(num(2), e()), X()) << QByteArray("2e*x");
    QTest::newRow("number times function")
        << mul(num(2), call(Builtin::Sin, X())) << QByteArray("2sin(x)");
    QTest::newRow("function times function")
        << mul(call(Builtin::Sin, X()), call(Builtin::Cos, Y())) << QByteArray("sin(x)cos(y)");
    QTest::newRow("variable times function")
        << mul(X(), call(Builtin::Sin, X())) << QByteArray("x*sin(x)");
    QTest::newRow("number times power of a number")
        << mul(X(), pow(num(2), X())) << QByteArray("x*2^x");
    QTest::newRow("quotient of a product") << div(X(), mul(num(2), Y())) << QByteArray("x/(2y)");
    QTest::newRow("product of a quotient") << mul(div(num(1), num(2)), X()) << QByteArray("1/2*x");
    QTest::newRow("quotients to the left") << div(div(X(), Y()), num(2)) << QByteArray("x/y/2");
    QTest::newRow("quotient to the right") << div(X(), div(Y(), num(2))) << QByteArray("x/(y/2)");
    QTest::newRow("difference to the right")
        << sub(X(), sub(Y(), num(1))) << QByteArray("x - (y - 1)");
    QTest::newRow("power of a power") << pow(pow(X(), num(2)), num(3)) << QByteArray("(x^2)^3");
    QTest::newRow("tower") << pow(X(), pow(Y(), num(2))) << QByteArray("x^y^2");
    QTest::newRow("power of a negation") << pow(neg(X()), num(2)) << QByteArray("(-x)^2");
    QTest::newRow("negative exponent") << pow(X(), neg(num(1))) << QByteArray("x^-1");
    QTest::newRow("negated exponent") << pow(e(), neg(X())) << QByteArray("e^-x");
    QTest::newRow("negated square exponent")
        << pow(e(), neg(pow(X(), num(2)))) << QByteArray("e^-x^2");
    QTest::newRow("negated product exponent")
        << pow(e(), neg(mul(num(2), X()))) << QByteArray("e^(-2x)");
    QTest::newRow("power of a function")
        << pow(call(Builtin::Sin, X()), num(2)) << QByteArray("sin(x)^2");
    QTest::newRow("log is log") << call(Builtin::Log, X()) << QByteArray("log(x)");
    QTest::newRow("tenth") << num(0.1) << QByteArray("0.1");
    QTest::newRow("shortest round trip") << num(0.1 + 0.2) << QByteArray("0.30000000000000004");
    QTest::newRow("small") << num(1e-5) << QByteArray("1e-05");
    QTest::newRow("large") << num(1e22) << QByteArray("1e+22");
    QTest::newRow("whole") << num(123456789) << QByteArray("123456789");
    QTest::newRow("small coefficient") << mul(num(1e-5), X()) << QByteArray("1e-05x");
    // Numbers below zero (the parser makes Negate(2), not Number(-2)) and values that are not
    // numbers at all read back as equal values.
    QTest::newRow("negative number") << num(-2) << QByteArray("-2");
    QTest::newRow("negative number on the right") << mul(X(), num(-2)) << QByteArray("x*-2");
    QTest::newRow("negative number subtracted") << sub(X(), num(-1)) << QByteArray("x - -1");
    QTest::newRow("negative number exponent") << pow(X(), num(-1)) << QByteArray("x^-1");
    QTest::newRow("infinity") << num(std::numeric_limits<double>::infinity())
                              << QByteArray("(1/0)");
    QTest::newRow("minus infinity")
        << mul(num(2), num(-std::numeric_limits<double>::infinity())) << QByteArray("2*(-1/0)");
    QTest::newRow("not a number") << num(std::numeric_limits<double>::quiet_NaN())
                                  << QByteArray("(0/0)");
}

void TestPrinter::testPlain()
{
    QFETCH(NodePtr, expression);
    QFETCH(QByteArray, expected);
    const QByteArray text = QByteArray::fromStdString(toPlainText(expression));
    QCOMPARE(text, expected);
    const ParseResult back = readBack(expression);
    QVERIFY2(back.isValid(), back.error.message.c_str());
    for (const auto& [x, y] : {std::pair{0.75, -1.25}, std::pair{2.0, 3.0}}) {
        QVERIFY(identical(evaluateTree(back.expression, x, y, {{"a", 2}, {"k", 3}, {"xy", 5}}),
                          evaluateTree(expression, x, y, {{"a", 2}, {"k", 3}, {"xy", 5}})));
    }
}

void TestPrinter::testPretty_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("tutorial") << QByteArray("x^2 + 3xy + y^2") << QByteArray("x² + 3xy + y²");
    QTest::newRow("gradient") << QByteArray("2x + 3y") << QByteArray("2x + 3y");
    QTest::newRow("minus sign") << QByteArray("3x - 2y") << QByteArray("3x − 2y");
    QTest::newRow("sigmoid identity")
        << QByteArray("sigmoid(x)(1 - sigmoid(x))") << QByteArray("σ(x)(1 − σ(x))");
    QTest::newRow("root of a symbol") << QByteArray("sqrt(x)") << QByteArray("√x");
    QTest::newRow("root of a sum") << QByteArray("sqrt(x + 1)") << QByteArray("√(x + 1)");
    QTest::newRow("square of a root") << QByteArray("sqrt(x)^2") << QByteArray("(√x)²");
    QTest::newRow("coefficient of a root") << QByteArray("2sqrt(x)") << QByteArray("2√x");
    QTest::newRow("reciprocal") << QByteArray("x^-1") << QByteArray("x⁻¹");
    QTest::newRow("decay") << QByteArray("e^-x") << QByteArray("e⁻ˣ");
    QTest::newRow("growth") << QByteArray("e^(2x)") << QByteArray("e²ˣ");
    QTest::newRow("two digits") << QByteArray("x^10") << QByteArray("x¹⁰");
    QTest::newRow("power of two") << QByteArray("2^x") << QByteArray("2ˣ");
    QTest::newRow("parameter exponent") << QByteArray("x^a") << QByteArray("xᵃ");
    QTest::newRow("complex exponent") << QByteArray("e^(-x^2)") << QByteArray("e^(−x²)");
    QTest::newRow("fractional exponent") << QByteArray("x^0.5") << QByteArray("x^0.5");
    QTest::newRow("square of a sum") << QByteArray("(x + 1)^2") << QByteArray("(x + 1)²");
    QTest::newRow("square times y") << QByteArray("x^2 y") << QByteArray("x²y");
    QTest::newRow("square times group") << QByteArray("x^2(y + 1)") << QByteArray("x²(y + 1)");
    QTest::newRow("natural log") << QByteArray("log(x) + ln(y)") << QByteArray("ln(x) + ln(y)");
    QTest::newRow("inverse sine") << QByteArray("asin(x)") << QByteArray("arcsin(x)");
    QTest::newRow("relu") << QByteArray("relu(x)") << QByteArray("ReLU(x)");
    QTest::newRow("numbers") << QByteArray("2*3") << QByteArray("2·3");
    QTest::newRow("number on the right") << QByteArray("x*2") << QByteArray("x·2");
    QTest::newRow("symbol before function") << QByteArray("x sin(x)") << QByteArray("x·sin(x)");
    QTest::newRow("pi") << QByteArray("2pi x") << QByteArray("2πx");
    QTest::newRow("parameters") << QByteArray("a x^2 + lambda y") << QByteArray("ax² + lambda·y");
    QTest::newRow("negation") << QByteArray("-x") << QByteArray("−x");
    QTest::newRow("minus a negation") << QByteArray("x - -y") << QByteArray("x − (−y)");
    QTest::newRow("double negation") << QByteArray("- -x") << QByteArray("−(−x)");
    QTest::newRow("signed factor") << QByteArray("2*-x") << QByteArray("2(−x)");
    QTest::newRow("small number") << QByteArray("1e-5") << QByteArray("1×10⁻⁵");
    QTest::newRow("large number") << QByteArray("1.5e20") << QByteArray("1.5×10²⁰");
    QTest::newRow("quotient") << QByteArray("1/(2x)") << QByteArray("1/(2x)");
}

void TestPrinter::testPretty()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(parsedAs(text.constData(), toPrettyText), expected);
}

void TestPrinter::testHtml_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("tutorial") << QByteArray("x^2 + 3xy")
                              << QByteArray("<i>x</i><sup>2</sup> + 3<i>x</i><i>y</i>");
    QTest::newRow("minus") << QByteArray("x - y") << QByteArray("<i>x</i> &minus; <i>y</i>");
    QTest::newRow("negation") << QByteArray("-x") << QByteArray("&minus;<i>x</i>");
    QTest::newRow("product mark") << QByteArray("2*3") << QByteArray("2&middot;3");
    QTest::newRow("exponent needs no parentheses")
        << QByteArray("e^(x + 1)") << QByteArray("e<sup><i>x</i> + 1</sup>");
    QTest::newRow("nested exponent")
        << QByteArray("e^(-x^2)") << QByteArray("e<sup>&minus;<i>x</i><sup>2</sup></sup>");
    QTest::newRow("sigmoid") << QByteArray("sigmoid(x)") << QByteArray("σ(<i>x</i>)");
    QTest::newRow("root") << QByteArray("sqrt(x)") << QByteArray("√<i>x</i>");
    QTest::newRow("pi") << QByteArray("2pi") << QByteArray("2π");
    QTest::newRow("parameter") << QByteArray("a x") << QByteArray("<i>a</i><i>x</i>");
    QTest::newRow("small number") << QByteArray("1e-5")
                                  << QByteArray("1&times;10<sup>&minus;5</sup>");
}

void TestPrinter::testHtml()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    QCOMPARE(parsedAs(text.constData(), toHtml), expected);
}

void TestPrinter::testRoundTrip_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("depth");
    QTest::newRow("shallow") << quint64(1) << 3;
    QTest::newRow("medium") << quint64(2) << 5;
    QTest::newRow("deep") << quint64(3) << 8;
}

void TestPrinter::testRoundTrip()
{
    QFETCH(quint64, seed);
    QFETCH(int, depth);
    RandomExpression::Options options;
    options.maxDepth = depth;
    options.parameters = {"a", "k", "lambda"};
    RandomExpression random(seed, options);
    for (int i = 0; i < 1000; ++i) {
        const NodePtr expression = random.next();
        const std::string text = toPlainText(expression);
        const ParseResult back = readBack(expression);
        QVERIFY2(back.isValid(), (text + ": " + back.error.message).c_str());
        QVERIFY2(structurallyEqual(*back.expression, *expression),
                 (text + " reads back as " + toPlainText(back.expression)).c_str());
        // The other notations have balanced markup.
        const std::string html = toHtml(expression);
        const auto count = [&html](std::string_view tag) {
            std::size_t found = 0;
            for (std::size_t at = html.find(tag); at != std::string::npos;
                 at = html.find(tag, at + 1)) {
                ++found;
            }
            return found;
        };
        QCOMPARE(count("<sup>"), count("</sup>"));
        QCOMPARE(count("<i>"), count("</i>"));
        QVERIFY(!toPrettyText(expression).empty());
    }
}

void TestPrinter::testNormalisedRoundTrip()
{
    // Negative Number nodes print as a minus sign and a number, which read back as a negation:
    // a different tree with the same value everywhere.
    RandomExpression::Options options;
    options.negativeNumbers = true;
    RandomExpression random(7, options);
    for (int i = 0; i < 1000; ++i) {
        const NodePtr expression = random.next();
        const ParseResult back = readBack(expression);
        QVERIFY2(back.isValid(), (toPlainText(expression) + ": " + back.error.message).c_str());
        for (int point = 0; point < 3; ++point) {
            const double x = random.between(-3, 3);
            const double y = random.between(-3, 3);
            QVERIFY2(identical(evaluateTree(back.expression, x, y), evaluateTree(expression, x, y)),
                     toPlainText(expression).c_str());
        }
    }
}

void TestPrinter::testDeepTrees()
{
    // The printers use no recursion: trees far deeper than the parser builds print too.
    const int depth = 100000;
    NodePtr negations = X();
    NodePtr powers = X();
    NodePtr products = X();
    for (int i = 0; i < depth; ++i) {
        negations = neg(negations);
        powers = pow(num(2), powers);
        products = mul(products, Y());
    }
    QCOMPARE(toPlainText(negations).size(), std::size_t(depth) * 2); // "- - … -x"
    QCOMPARE(toPlainText(powers).size(), std::size_t(depth) * 2 + 1);
    QCOMPARE(toPrettyText(products).size(), std::size_t(depth) + 1);
    QVERIFY(!toHtml(powers).empty());
}

QTEST_APPLESS_MAIN(TestPrinter)
#include "tst_printer.moc"
