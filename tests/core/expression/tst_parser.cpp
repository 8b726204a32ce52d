// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "common/treebuilders.h"
#include "expression/builtins.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <numbers>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::ParseErrorCode)
Q_DECLARE_METATYPE(gradlab::NodePtr)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using namespace gradlab::testing;

QByteArray plain(const NodePtr& expression)
{
    return QByteArray::fromStdString(toPlainText(expression));
}

/// Equal, both NaN, or within a relative 1e-12 (the tree and the formula may round apart).
bool sameValue(double actual, double expected)
{
    if (std::isnan(expected)) {
        return std::isnan(actual);
    }
    if (std::isinf(expected)) {
        return actual == expected;
    }
    return std::fabs(actual - expected) <= 1e-12 * std::fmax(1.0, std::fabs(expected));
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT

private slots:
    void testAccepted_data();
    void testAccepted();
    void testStructure_data();
    void testStructure();
    void testValue_data();
    void testValue();
    void testRejected_data();
    void testRejected();
    void testMessage_data();
    void testMessage();
    void testParameters_data();
    void testParameters();
    void testDeepInput_data();
    void testDeepInput();
    void testLongInput();
    void testReadBackAtTheLimit_data();
    void testReadBackAtTheLimit();
    void testReferenceExpressions_data();
    void testReferenceExpressions();
    void testEvaluateTree_data();
    void testEvaluateTree();
};

void TestParser::testAccepted_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected"); // toPlainText of the parse
    QTest::newRow("tutorial example")
        << QByteArray("x^2 + 3xy + y^2") << QByteArray("x^2 + 3xy + y^2");
    QTest::newRow("no spaces") << QByteArray("x^2+3xy+y^2") << QByteArray("x^2 + 3xy + y^2");
    QTest::newRow("minus before power") << QByteArray("-x^2") << QByteArray("-x^2");
    QTest::newRow("tower") << QByteArray("2^3^2") << QByteArray("2^3^2");
    QTest::newRow("signed exponent") << QByteArray("2^-1") << QByteArray("2^-1");
    QTest::newRow("double star") << QByteArray("x**2 + y ** 3") << QByteArray("x^2 + y^3");
    QTest::newRow("number times x") << QByteArray("2x") << QByteArray("2x");
    QTest::newRow("number times group") << QByteArray("3(x+1)") << QByteArray("3(x + 1)");
    QTest::newRow("group times group") << QByteArray("(x+1)(y-1)") << QByteArray("(x + 1)(y - 1)");
    QTest::newRow("number space function") << QByteArray("2 sin(x)") << QByteArray("2sin(x)");
    QTest::newRow("space product") << QByteArray("x y") << QByteArray("xy");
    QTest::newRow("two pi") << QByteArray("2pi") << QByteArray("2pi");
    QTest::newRow("variable times group") << QByteArray("x(y+1)") << QByteArray("x(y + 1)");
    QTest::newRow("half x") << QByteArray("1/2x") << QByteArray("1/2*x");
    QTest::newRow("coefficient of a square") << QByteArray("2x^2") << QByteArray("2x^2");
    QTest::newRow("sigmoid derivative")
        << QByteArray("sigmoid(x)(1 - sigmoid(x))") << QByteArray("sigmoid(x)(1 - sigmoid(x))");
    QTest::newRow("word xyx") << QByteArray("xyx") << QByteArray("xyx");
    QTest::newRow("minus a product") << QByteArray("-2x") << QByteArray("-2x");
    QTest::newRow("signed factor") << QByteArray("x*-y") << QByteArray("x*-y");
    QTest::newRow("exp of minus x") << QByteArray("e^-x") << QByteArray("e^-x");
    QTest::newRow("gaussian") << QByteArray("exp(-(x^2+y^2))") << QByteArray("exp(-(x^2 + y^2))");
    QTest::newRow("ln is log") << QByteArray("ln(x)") << QByteArray("log(x)");
    QTest::newRow("explicit numbers") << QByteArray("2*3") << QByteArray("2*3");
    QTest::newRow("number on the right") << QByteArray("x*2") << QByteArray("x*2");
    QTest::newRow("variable times function") << QByteArray("x sin(x)") << QByteArray("x*sin(x)");
    QTest::newRow("function times function")
        << QByteArray("sin(x) cos(y)") << QByteArray("sin(x)cos(y)");
    QTest::newRow("leading dot") << QByteArray(".5x") << QByteArray("0.5x");
    QTest::newRow("trailing dot") << QByteArray("2.") << QByteArray("2");
    QTest::newRow("exponent") << QByteArray("1e-3") << QByteArray("0.001");
    QTest::newRow("capital exponent") << QByteArray("1E+3") << QByteArray("1000");
    QTest::newRow("small exponent times x") << QByteArray("1e-5x") << QByteArray("1e-05x");
    QTest::newRow("two e") << QByteArray("2e") << QByteArray("2e");
    QTest::newRow("two e x") << QByteArray("2ex") << QByteArray("2e*x");
    QTest::newRow("pi x") << QByteArray("pix") << QByteArray("pi*x");
    QTest::newRow("exp is a function, not e*x*p") << QByteArray("exp(x)") << QByteArray("exp(x)");
    QTest::newRow("minus minus") << QByteArray("x - (-y)") << QByteArray("x - -y");
    QTest::newRow("unary plus") << QByteArray("+x + +y") << QByteArray("x + y");
    QTest::newRow("redundant parentheses")
        << QByteArray("((x)^(-1) + y)") << QByteArray("x^-1 + y");
    QTest::newRow("left-associative minus") << QByteArray("x - y - 1") << QByteArray("x - y - 1");
    QTest::newRow("grouped minus") << QByteArray("x - (y - 1)") << QByteArray("x - (y - 1)");
    QTest::newRow("left-associative division") << QByteArray("x/y/2") << QByteArray("x/y/2");
    QTest::newRow("grouped division") << QByteArray("x/(y/2)") << QByteArray("x/(y/2)");
    QTest::newRow("power of a power") << QByteArray("(x^2)^3") << QByteArray("(x^2)^3");
    QTest::newRow("power of a negation") << QByteArray("(-x)^2") << QByteArray("(-x)^2");
    QTest::newRow("power after implicit product") << QByteArray("x^2y") << QByteArray("x^2*y");
    QTest::newRow("whitespace everywhere") << QByteArray("\t x \n+\r 1 ") << QByteArray("x + 1");
    QTest::newRow("function with space") << QByteArray("sin (x)") << QByteArray("sin(x)");
    QTest::newRow("all builtins")
        << QByteArray("sin(x)+cos(x)+tan(x)+asin(x)+acos(x)+atan(x)+sinh(x)+cosh(x)+tanh(x)+exp(x)"
                      "+log(x)+sqrt(x)+abs(x)+sigmoid(x)+relu(x)+sign(x)+step(x)")
        << QByteArray("sin(x) + cos(x) + tan(x) + asin(x) + acos(x) + atan(x) + sinh(x) + cosh(x) "
                      "+ tanh(x) + exp(x) + log(x) + sqrt(x) + abs(x) + sigmoid(x) + relu(x) + "
                      "sign(x) + step(x)");
}

void TestParser::testAccepted()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const ParseResult result = parse(text.toStdString());
    QVERIFY2(result.isValid(), result.error.message.c_str());
    QCOMPARE(result.error.code, ParseErrorCode::None);
    QCOMPARE(plain(result.expression), expected);
    // The printed form is itself accepted, as the same tree.
    const ParseResult again = parse(expected.toStdString());
    QVERIFY2(again.isValid(), again.error.message.c_str());
    QVERIFY(structurallyEqual(*again.expression, *result.expression));
}

void TestParser::testStructure_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<NodePtr>("expected");
    QTest::newRow("3xy") << QByteArray("3xy") << mul(mul(num(3), X()), Y());
    QTest::newRow("tutorial") << QByteArray("x^2 + 3xy + y^2")
                              << add(add(pow(X(), num(2)), mul(mul(num(3), X()), Y())),
                                     pow(Y(), num(2)));
    QTest::newRow("minus binds looser than power") << QByteArray("-x^2") << neg(pow(X(), num(2)));
    QTest::newRow("minus covers the product") << QByteArray("-2x") << neg(mul(num(2), X()));
    QTest::newRow("power is right-associative")
        << QByteArray("2^3^2") << pow(num(2), pow(num(3), num(2)));
    QTest::newRow("signed exponent") << QByteArray("2^-1") << pow(num(2), neg(num(1)));
    QTest::newRow("signed exponent takes one factor")
        << QByteArray("e^-x y") << mul(pow(e(), neg(X())), Y());
    QTest::newRow("implicit product binds like *")
        << QByteArray("1/2x") << mul(div(num(1), num(2)), X());
    QTest::newRow("implicit product before a power")
        << QByteArray("2x^2") << mul(num(2), pow(X(), num(2)));
    QTest::newRow("constants") << QByteArray("2pi e") << mul(mul(num(2), pi()), e());
    QTest::newRow("ln") << QByteArray("ln(x)") << call(Builtin::Log, X());
    QTest::newRow("function power")
        << QByteArray("sin(x)^2") << pow(call(Builtin::Sin, X()), num(2));
    QTest::newRow("products of groups")
        << QByteArray("(x+1)(y-1)") << mul(add(X(), num(1)), sub(Y(), num(1)));
    QTest::newRow("signed factor") << QByteArray("x*-y") << mul(X(), neg(Y()));
    QTest::newRow("subtraction is not a product") << QByteArray("2 -x") << sub(num(2), X());
    QTest::newRow("declared parameter before paren")
        << QByteArray("a(x+1)") << mul(P("a"), add(X(), num(1)));
    QTest::newRow("split word with parameter")
        << QByteArray("2axy") << mul(mul(mul(num(2), P("a")), X()), Y());
    QTest::newRow("longest name first") << QByteArray("abx") << mul(P("ab"), X());
}

void TestParser::testStructure()
{
    QFETCH(QByteArray, text);
    QFETCH(NodePtr, expected);
    ParseOptions options;
    options.parameters = {"a", "ab", "b"};
    const ParseResult result = parse(text.toStdString(), options);
    QVERIFY2(result.isValid(), result.error.message.c_str());
    QVERIFY2(structurallyEqual(*result.expression, *expected),
             (toPlainText(result.expression) + " vs " + toPlainText(expected)).c_str());
}

void TestParser::testValue_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("expected");
    const double x = 1.5;
    const double y = -0.75;
    QTest::newRow("tutorial") << QByteArray("x^2 + 3xy + y^2") << x << y
                              << x * x + 3 * x * y + y * y;
    QTest::newRow("tower") << QByteArray("2^3^2") << x << y << 512.0;
    QTest::newRow("minus square") << QByteArray("-x^2") << x << y << -(x * x);
    QTest::newRow("half x") << QByteArray("1/2x") << x << y << x / 2;
    QTest::newRow("reciprocal") << QByteArray("2^-1") << x << y << 0.5;
    QTest::newRow("exponent of a product") << QByteArray("e^(2x)") << x << y << std::exp(2 * x);
    QTest::newRow("rosenbrock") << QByteArray("(1-x)^2 + 100(y-x^2)^2") << x << y
                                << (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    QTest::newRow("sigmoid") << QByteArray("sigmoid(x y)") << x << y << 1 / (1 + std::exp(-x * y));
    QTest::newRow("left-associative minus") << QByteArray("x - y - 1") << x << y << x - y - 1;
    QTest::newRow("left-associative division") << QByteArray("x/y/2") << x << y << x / y / 2;
    QTest::newRow("log of a negative") << QByteArray("ln(y)") << x << y << kNaN;
    QTest::newRow("pole") << QByteArray("1/(x - x)") << x << y
                          << std::numeric_limits<double>::infinity();
}

void TestParser::testValue()
{
    QFETCH(QByteArray, text);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, expected);
    const ParseResult result = parse(text.toStdString());
    QVERIFY2(result.isValid(), result.error.message.c_str());
    const double value = evaluateTree(result.expression, x, y);
    QVERIFY2(sameValue(value, expected), qPrintable(QString::number(value, 'g', 17)));
}

void TestParser::testRejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ParseErrorCode>("code");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    using C = ParseErrorCode;
    QTest::newRow("empty") << QByteArray("") << C::EmptyExpression << 0 << 0;
    QTest::newRow("blank") << QByteArray("   ") << C::EmptyExpression << 0 << 3;
    QTest::newRow("ends in a call") << QByteArray("2+sin(") << C::UnexpectedEnd << 6 << 0;
    QTest::newRow("ends after operator") << QByteArray("x^") << C::UnexpectedEnd << 2 << 0;
    QTest::newRow("ends after minus and space") << QByteArray("x - ") << C::UnexpectedEnd << 4 << 0;
    QTest::newRow("two operators") << QByteArray("x +* y") << C::UnexpectedToken << 3 << 1;
    QTest::newRow("operator first") << QByteArray("*x") << C::UnexpectedToken << 0 << 1;
    QTest::newRow("double star after plus")
        << QByteArray("x +** y") << C::UnexpectedToken << 3 << 2;
    QTest::newRow("empty group") << QByteArray("()") << C::UnexpectedToken << 1 << 1;
    QTest::newRow("operator before close") << QByteArray("(x+)") << C::UnexpectedToken << 3 << 1;
    QTest::newRow("number after number") << QByteArray("2 3") << C::UnexpectedToken << 2 << 1;
    QTest::newRow("number after group") << QByteArray("(x+1)2") << C::UnexpectedToken << 5 << 1;
    QTest::newRow("number inside group") << QByteArray("(x 2)") << C::UnexpectedToken << 3 << 1;
    QTest::newRow("comma outside call") << QByteArray("x, y") << C::UnexpectedToken << 1 << 1;
    QTest::newRow("comma inside group") << QByteArray("(x, y)") << C::UnexpectedToken << 2 << 1;
    QTest::newRow("empty argument") << QByteArray("sin(x,)") << C::UnexpectedToken << 6 << 1;
    QTest::newRow("unknown function") << QByteArray("foo(x)") << C::UnknownFunction << 0 << 3;
    QTest::newRow("misspelt function") << QByteArray("1 + sine(x)") << C::UnknownFunction << 4 << 4;
    QTest::newRow("capitalised function") << QByteArray("Sin(x)") << C::UnknownFunction << 0 << 3;
    QTest::newRow("undeclared parameter") << QByteArray("a*x") << C::UnknownIdentifier << 0 << 1;
    QTest::newRow("undeclared long name")
        << QByteArray("x + lambda") << C::UnknownIdentifier << 4 << 6;
    QTest::newRow("undeclared letter before group")
        << QByteArray("k(x+1)") << C::UnknownIdentifier << 0 << 1;
    QTest::newRow("word that does not split") << QByteArray("xz") << C::UnknownIdentifier << 0 << 2;
    QTest::newRow("capital X") << QByteArray("X^2") << C::UnknownIdentifier << 0 << 1;
    QTest::newRow("digits in a name") << QByteArray("2x3") << C::UnknownIdentifier << 1 << 2;
    QTest::newRow("unclosed group") << QByteArray("(x+1") << C::MissingCloseParen << 0 << 1;
    QTest::newRow("unclosed inner group")
        << QByteArray("((x+1)*(y") << C::MissingCloseParen << 7 << 1;
    QTest::newRow("unclosed call") << QByteArray("x + sin(x") << C::MissingCloseParen << 7 << 1;
    QTest::newRow("stray close") << QByteArray("x+1)") << C::UnmatchedCloseParen << 3 << 1;
    QTest::newRow("close after call") << QByteArray("sin(x))") << C::UnmatchedCloseParen << 6 << 1;
    QTest::newRow("two dots") << QByteArray("1.2.3") << C::InvalidNumber << 0 << 5;
    QTest::newRow("exponent without digits") << QByteArray("1e+") << C::InvalidNumber << 0 << 3;
    QTest::newRow("signed exponent without digits")
        << QByteArray("x + 2e-x") << C::InvalidNumber << 4 << 3;
    QTest::newRow("dot after exponent") << QByteArray("1e5.2") << C::InvalidNumber << 0 << 5;
    QTest::newRow("overflow") << QByteArray("1e999") << C::InvalidNumber << 0 << 5;
    QTest::newRow("underflow") << QByteArray("x*1e-400") << C::InvalidNumber << 2 << 6;
    QTest::newRow("nan") << QByteArray("nan") << C::InvalidNumber << 0 << 3;
    QTest::newRow("inf") << QByteArray("2*inf") << C::InvalidNumber << 2 << 3;
    QTest::newRow("Infinity") << QByteArray("-Infinity") << C::InvalidNumber << 1 << 8;
    QTest::newRow("hash") << QByteArray("x # y") << C::InvalidCharacter << 2 << 1;
    QTest::newRow("lone dot") << QByteArray("x.") << C::InvalidCharacter << 1 << 1;
    QTest::newRow("equals") << QByteArray("x = 1") << C::InvalidCharacter << 2 << 1;
    QTest::newRow("superscript two") << QByteArray("x²+y") << C::InvalidCharacter << 1 << 2;
    QTest::newRow("times sign") << QByteArray("x × y") << C::InvalidCharacter << 2 << 2;
    QTest::newRow("unicode minus") << QByteArray("x − y") << C::InvalidCharacter << 2 << 3;
    QTest::newRow("emoji") << QByteArray("x + \xF0\x9F\x98\x80") << C::InvalidCharacter << 4 << 4;
    QTest::newRow("broken utf-8") << QByteArray("x\xC3") << C::InvalidCharacter << 1 << 1;
    QTest::newRow("stray continuation byte")
        << QByteArray("x \x80") << C::InvalidCharacter << 2 << 1;
    QTest::newRow("nul byte") << QByteArray("x\0y", 3) << C::InvalidCharacter << 1 << 1;
    QTest::newRow("two arguments") << QByteArray("sin(x, y)") << C::WrongArgumentCount << 0 << 9;
    QTest::newRow("function without parentheses")
        << QByteArray("sin x") << C::MissingArgument << 0 << 3;
    QTest::newRow("function at the end") << QByteArray("2 + cos") << C::MissingArgument << 4 << 3;
    QTest::newRow("empty call") << QByteArray("sin()") << C::MissingArgument << 0 << 3;
    QTest::newRow("power of a function name")
        << QByteArray("sin^2(x)") << C::MissingArgument << 0 << 3;
    // The first error from the left wins.
    QTest::newRow("syntax before unknown name")
        << QByteArray("x +* lambda") << C::UnexpectedToken << 3 << 1;
    QTest::newRow("unknown name before bad character")
        << QByteArray("lambda # 2") << C::UnknownIdentifier << 0 << 6;
}

void TestParser::testRejected()
{
    QFETCH(QByteArray, text);
    QFETCH(ParseErrorCode, code);
    QFETCH(int, position);
    QFETCH(int, length);
    const ParseResult result = parse(std::string_view(text.constData(), text.size()));
    QVERIFY(result.hasError());
    QVERIFY(!result.expression);
    QCOMPARE(result.error.code, code);
    QCOMPARE(result.error.position, static_cast<std::size_t>(position));
    QCOMPARE(result.error.length, static_cast<std::size_t>(length));
    QVERIFY(!result.error.message.empty());
}

void TestParser::testMessage_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("mentions");
    QTest::addColumn<QByteArray>("avoids");
    QTest::newRow("unknown function")
        << QByteArray("foo(x)") << QByteArray("unknown function 'foo'")
        << QByteArray("did you mean");
    QTest::newRow("one letter off")
        << QByteArray("sine(x)") << QByteArray("did you mean 'sin'?") << QByteArray();
    QTest::newRow("swapped letters")
        << QByteArray("sigmiod(x)") << QByteArray("did you mean 'sigmoid'?") << QByteArray();
    QTest::newRow("missing letter")
        << QByteArray("sqr(x)") << QByteArray("did you mean 'sqrt'?") << QByteArray();
    QTest::newRow("wrong case") << QByteArray("Exp(x)") << QByteArray("did you mean 'exp'?")
                                << QByteArray();
    QTest::newRow("unknown name")
        << QByteArray("lambda*x")
        << QByteArray("unknown name 'lambda': declare it as a parameter (e.g. --param lambda=1)")
        << QByteArray();
    QTest::newRow("case of a name")
        << QByteArray("PI*x") << QByteArray("did you mean 'pi'?") << QByteArray("--param");
    QTest::newRow("unclosed") << QByteArray("(x+1") << QByteArray("missing ')' for the '('")
                              << QByteArray();
    QTest::newRow("stray close") << QByteArray("x+1)") << QByteArray("no matching '('")
                                 << QByteArray();
    QTest::newRow("two operators")
        << QByteArray("x +* y") << QByteArray("unexpected '*'") << QByteArray();
    QTest::newRow("out of range") << QByteArray("1e999") << QByteArray("number out of range")
                                  << QByteArray();
    QTest::newRow("superscript") << QByteArray("x²") << QByteArray("'²'") << QByteArray();
    QTest::newRow("superscript hint") << QByteArray("x²") << QByteArray("x^2") << QByteArray();
    QTest::newRow("times sign") << QByteArray("2×x") << QByteArray("use *") << QByteArray();
    QTest::newRow("pi sign") << QByteArray("2π") << QByteArray("write pi") << QByteArray();
    QTest::newRow("power of sin") << QByteArray("sin^2(x)") << QByteArray("sin(x)^2")
                                  << QByteArray();
    QTest::newRow("number after operand")
        << QByteArray("x 2") << QByteArray("write * to multiply") << QByteArray();
    QTest::newRow("deep") << QByteArray(300, '(') << QByteArray("nested too deeply")
                          << QByteArray();
    QTest::newRow("argument count")
        << QByteArray("exp(x, y)") << QByteArray("exp takes 1 argument, not 2") << QByteArray();
}

void TestParser::testMessage()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, mentions);
    QFETCH(QByteArray, avoids);
    const ParseResult result = parse(text.toStdString());
    QVERIFY(result.hasError());
    const QByteArray message = QByteArray::fromStdString(result.error.message);
    QVERIFY2(message.contains(mentions), message.constData());
    if (!avoids.isEmpty()) {
        QVERIFY2(!message.contains(avoids), message.constData());
    }
}

void TestParser::testParameters_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("declared");
    QTest::addColumn<bool>("declareUnknown");
    QTest::addColumn<QStringList>("used");
    QTest::addColumn<QByteArray>("printed");
    QTest::newRow("declared") << QByteArray("k*x^2 + 3xy + y^2") << QStringList{"k"} << false
                              << QStringList{"k"} << QByteArray("k*x^2 + 3xy + y^2");
    QTest::newRow("order of appearance")
        << QByteArray("b*y + a*x + b") << QStringList{"a", "b", "c"} << false
        << QStringList{"b", "a"} << QByteArray("b*y + a*x + b");
    QTest::newRow("inside a word") << QByteArray("2ax^2") << QStringList{"a"} << false
                                   << QStringList{"a"} << QByteArray("2*a*x^2");
    QTest::newRow("long name") << QByteArray("lambda(x^2 + y^2)") << QStringList{"lambda"} << false
                               << QStringList{"lambda"} << QByteArray("lambda*(x^2 + y^2)");
    QTest::newRow("declared on the fly")
        << QByteArray("a x^2 + b x + c") << QStringList{} << true << QStringList{"a", "b", "c"}
        << QByteArray("a*x^2 + b*x + c");
    QTest::newRow("a whole unknown word is one parameter")
        << QByteArray("ax + a") << QStringList{} << true << QStringList{"ax", "a"}
        << QByteArray("ax + a");
    QTest::newRow("one letter before a group") << QByteArray("k(x-1)^2") << QStringList{} << true
                                               << QStringList{"k"} << QByteArray("k*(x - 1)^2");
    QTest::newRow("reserved names stay what they are")
        << QByteArray("x + e + sin(pi)") << QStringList{"x", "e", "sin", "pi"} << false
        << QStringList{} << QByteArray("x + e + sin(pi)");
    QTest::newRow("unused declarations are not listed")
        << QByteArray("x + y") << QStringList{"a"} << false << QStringList{} << QByteArray("x + y");
}

void TestParser::testParameters()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, declared);
    QFETCH(bool, declareUnknown);
    QFETCH(QStringList, used);
    QFETCH(QByteArray, printed);
    ParseOptions options;
    for (const QString& name : declared) {
        options.parameters.push_back(name.toStdString());
    }
    options.declareUnknownIdentifiers = declareUnknown;
    const ParseResult result = parse(text.toStdString(), options);
    QVERIFY2(result.isValid(), result.error.message.c_str());
    QStringList names;
    for (const std::string& name : result.parameters) {
        names << QString::fromStdString(name);
    }
    QCOMPARE(names, used);
    QCOMPARE(plain(result.expression), printed);
}

void TestParser::testDeepInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ParseErrorCode>("code");
    QTest::addColumn<int>("position");
    const QByteArray open(100000, '(');
    QTest::newRow("100000 open parentheses") << open << ParseErrorCode::NestedTooDeeply << 256;
    QTest::newRow("100000 balanced parentheses")
        << open + "x" + QByteArray(100000, ')') << ParseErrorCode::NestedTooDeeply << 256;
    QTest::newRow("100000 minus signs")
        << QByteArray(100000, '-') + "x" << ParseErrorCode::NestedTooDeeply << 256;
    QTest::newRow("100000 nested calls")
        << QByteArray("sin(").repeated(100000) << ParseErrorCode::NestedTooDeeply << 256 * 4 + 3;
    QTest::newRow("more than a MiB")
        << QByteArray("x+").repeated(1 << 19) + "x" << ParseErrorCode::InputTooLong << (1 << 20);
    QTest::newRow("a tower of 100000 powers") << QByteArray("2^").repeated(100000) + "2"
                                              << ParseErrorCode::NestedTooDeeply << 256 * 2 + 1;
    QTest::newRow("256 parentheses are fine")
        << QByteArray(256, '(') + "x" + QByteArray(256, ')') << ParseErrorCode::None << 0;
    QTest::newRow("256 minus signs are fine")
        << QByteArray(256, '-') + "x" << ParseErrorCode::None << 0;
}

void TestParser::testDeepInput()
{
    QFETCH(QByteArray, text);
    QFETCH(ParseErrorCode, code);
    QFETCH(int, position);
    const ParseResult result = parse(text.toStdString());
    QCOMPARE(result.error.code, code);
    QCOMPARE(result.error.position, static_cast<std::size_t>(position));
    if (code == ParseErrorCode::None) {
        QVERIFY(result.isValid());
        // Printing and evaluating need no recursion either.
        QVERIFY(!toPlainText(result.expression).empty());
        QVERIFY(std::isfinite(evaluateTree(result.expression, 1, 2)));
    }
}

void TestParser::testLongInput()
{
    // 100 000 terms make a tree 100 000 levels deep: parsed, printed and evaluated in loops.
    const int terms = 100000;
    const QByteArray text = QByteArray("x + ").repeated(terms - 1) + "x";
    const ParseResult result = parse(text.toStdString());
    QVERIFY2(result.isValid(), result.error.message.c_str());
    QCOMPARE(plain(result.expression), text);
    QCOMPARE(QByteArray::fromStdString(toPrettyText(result.expression)), text);
    QCOMPARE(evaluateTree(result.expression, 0.5, 0), terms * 0.5);
    const QByteArray product = QByteArray("x*").repeated(terms - 1) + "y";
    const ParseResult longProduct = parse(product.toStdString());
    QVERIFY2(longProduct.isValid(), longProduct.error.message.c_str());
    QCOMPARE(plain(longProduct.expression), QByteArray(terms - 1, 'x') + "y");
}

void TestParser::testReadBackAtTheLimit_data()
{
    // Inputs nested up to the limit: their plain text, with no parentheses beyond what the
    // grammar needs, nests no deeper and reads back.
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("a run of signs (found by fuzzing)") << "x" + QByteArray(133, '-') + "0";
    QTest::newRow("signs up to the limit") << "x" + QByteArray(256, '-') + "y";
    QTest::newRow("parentheses around a negation")
        << QByteArray(255, '(') + "x - -y" + QByteArray(255, ')');
    QTest::newRow("signed exponents") << QByteArray("2^-").repeated(128) + "2";
    QTest::newRow("signed groups") << QByteArray("x*-(").repeated(128) + "x" + QByteArray(128, ')');
    QTest::newRow("negated differences")
        << QByteArray("x - -(").repeated(128) + "x" + QByteArray(128, ')');
    QTest::newRow("negated exponents") << QByteArray("e^-x^").repeated(85) + "2";
}

void TestParser::testReadBackAtTheLimit()
{
    QFETCH(QByteArray, text);
    const ParseResult result = parse(text.toStdString());
    QVERIFY2(result.isValid(), result.error.message.c_str());
    const std::string printed = toPlainText(result.expression);
    const ParseResult again = parse(printed);
    QVERIFY2(again.isValid(), (printed + ": " + again.error.message).c_str());
    QVERIFY(structurallyEqual(*again.expression, *result.expression));
}

void TestParser::testReferenceExpressions_data()
{
    // Every expression of the SymPy reference parses, and its value agrees with SymPy's.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<QJsonValue>("expected"); // null: not a real number there
    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/derivatives.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int line = 0;
    while (!file.atEnd()) {
        const QJsonObject row = QJsonDocument::fromJson(file.readLine()).object();
        ++line;
        if (row.isEmpty()) {
            continue;
        }
        const QByteArray text = row.value("expr").toString().toUtf8();
        const double x = row.value("x").toDouble();
        const double y = row.value("y").toDouble();
        const QJsonValue expected = row.value("f");
        QTest::addRow("line %d: %s", line, text.constData()) << text << x << y << expected;
    }
    QVERIFY(line > 100);
}

void TestParser::testReferenceExpressions()
{
    QFETCH(QByteArray, text);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(QJsonValue, expected);
    const ParseResult result = parse(text.toStdString());
    QVERIFY2(result.isValid(), result.error.message.c_str());
    const double value = evaluateTree(result.expression, x, y);
    if (expected.isNull()) {
        QVERIFY2(!std::isfinite(value), qPrintable(QString::number(value, 'g', 17)));
    } else {
        const double reference = expected.toDouble();
        QVERIFY2(
            std::fabs(value - reference) <= 1e-8 * std::fabs(reference) + 1e-9,
            qPrintable(QString("%1, SymPy %2").arg(value, 0, 'g', 17).arg(reference, 0, 'g', 17)));
    }
    // What the printer makes of it reads back as the same tree.
    const ParseResult again = parse(toPlainText(result.expression));
    QVERIFY2(again.isValid(), toPlainText(result.expression).c_str());
    QVERIFY(structurallyEqual(*again.expression, *result.expression));
}

void TestParser::testEvaluateTree_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("expected");
    // At x = 2, y = 3 with a = 0.5; b is declared but has no value.
    QTest::newRow("parameter") << QByteArray("a*x + y") << 0.5 * 2 + 3;
    QTest::newRow("parameter without a value") << QByteArray("b*x") << kNaN;
    QTest::newRow("constants") << QByteArray("pi + e") << std::numbers::pi + std::numbers::e;
    QTest::newRow("builtin table")
        << QByteArray("sigmoid(x) + relu(-y) + step(x) + sign(-x) + abs(-y)")
        << 1 / (1 + std::exp(-2.0)) + 0 + 1 - 1 + 3;
    QTest::newRow("domain error") << QByteArray("sqrt(-x)") << kNaN;
}

void TestParser::testEvaluateTree()
{
    QFETCH(QByteArray, text);
    QFETCH(double, expected);
    ParseOptions options;
    options.parameters = {"a", "b"};
    const ParseResult result = parse(text.toStdString(), options);
    QVERIFY2(result.isValid(), result.error.message.c_str());
    const double value = evaluateTree(result.expression, 2, 3, {{"a", 0.5}});
    QVERIFY2(sameValue(value, expected), qPrintable(QString::number(value, 'g', 17)));
}

QTEST_APPLESS_MAIN(TestParser)
#include "tst_parser.moc"
