// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functionofx.h"

#include "expression/builtins.h"
#include "expression/parser.h"

#include <QCoreApplication>
#include <limits>
#include <span>
#include <vector>

namespace gradlab {
namespace {

QString translate(const char* text)
{
    return QCoreApplication::translate("gradlab::FunctionInput", text);
}

/// The index of the first y in \a text that the parser read as the variable y: any y in a run
/// of letters that is not a function's name, since the parser splits "3xy" into 3·x·y.
int firstY(const QString& text)
{
    int start = 0;
    while (start < text.size()) {
        if (!text[start].isLetter()) {
            ++start;
            continue;
        }
        int end = start;
        while (end < text.size() && (text[end].isLetterOrNumber() || text[end] == '_')) {
            ++end;
        }
        const QByteArray name = text.mid(start, end - start).toLatin1();
        const int y = static_cast<int>(text.mid(start, end - start).indexOf(QLatin1Char('y')));
        if (y >= 0 && findBuiltin(std::string_view(name.constData(), name.size())) == nullptr) {
            return start + y;
        }
        start = end;
    }
    return -1;
}

/// What a parse error code means, with the offending text quoted where there is one.
QString describe(ParseErrorCode code, const QString& excerpt)
{
    switch (code) {
    case ParseErrorCode::None:
        return QString();
    case ParseErrorCode::EmptyExpression:
        return translate("type a function of x, for example x^2");
    case ParseErrorCode::UnexpectedEnd:
        return translate("the expression ends too early");
    case ParseErrorCode::UnexpectedToken:
        return translate("“%1” is not expected here").arg(excerpt);
    case ParseErrorCode::UnknownFunction:
        return translate("there is no function “%1”").arg(excerpt);
    case ParseErrorCode::UnknownIdentifier:
        return translate("unknown name “%1”: the lab plots functions of x only").arg(excerpt);
    case ParseErrorCode::MissingCloseParen:
        return translate("this “(” is never closed");
    case ParseErrorCode::UnmatchedCloseParen:
        return translate("this “)” has no matching “(”");
    case ParseErrorCode::InvalidNumber:
        return translate("“%1” is not a number").arg(excerpt);
    case ParseErrorCode::InvalidCharacter:
        return translate("the character “%1” is not allowed").arg(excerpt);
    case ParseErrorCode::WrongArgumentCount:
        return translate("“%1” takes one argument").arg(excerpt);
    case ParseErrorCode::MissingArgument:
        return translate("“%1” needs an argument in parentheses").arg(excerpt);
    case ParseErrorCode::NestedTooDeeply:
        return translate("too many nested parentheses");
    case ParseErrorCode::InputTooLong:
        return translate("the expression is longer than a MiB");
    }
    return QString();
}

QString located(int position, const QString& what)
{
    return translate("At character %1: %2.").arg(position + 1).arg(what);
}

} // namespace

FunctionInput readFunctionOfX(const QString& text)
{
    FunctionInput input;
    const QByteArray utf8 = text.toUtf8();
    const ParseResult result = parse(std::string_view(utf8.constData(), utf8.size()));
    if (result.hasError()) {
        const auto bytes = static_cast<qsizetype>(result.error.position);
        const auto byteLength = static_cast<qsizetype>(result.error.length);
        // The parser counts bytes of UTF-8; the editor counts characters.
        input.position = static_cast<int>(QString::fromUtf8(utf8.left(bytes)).size());
        input.length = static_cast<int>(QString::fromUtf8(utf8.mid(bytes, byteLength)).size());
        input.problem = FunctionInputProblem::Syntax;
        input.code = result.error.code;
        const QString excerpt = text.mid(input.position, qMax(1, input.length));
        input.message = located(input.position, describe(input.code, excerpt));
        return input;
    }
    if (!result.expression->isConstantIn(Variable::Y)) {
        input.problem = FunctionInputProblem::UsesY;
        input.position = qMax(0, firstY(text));
        input.length = 1;
        input.message = located(input.position, translate("the lab plots functions of x only"));
        return input;
    }
    input.expression = result.expression;
    return input;
}

FunctionOfX::FunctionOfX(NodePtr expression)
    : m_expression(std::move(expression))
    , m_compiled(CompiledFunction::compile(m_expression, {}, DerivativeOrder::Gradient))
{}

FunctionOfX FunctionOfX::fromText(const QString& text)
{
    const FunctionInput input = readFunctionOfX(text);
    return input.isValid() ? FunctionOfX(input.expression) : FunctionOfX();
}

double FunctionOfX::value(double x) const
{
    if (!isValid()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return m_compiled.value(x, 0.0);
}

double FunctionOfX::derivative(double x) const
{
    if (!isValid()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // f′(x) is ∂f/∂x of f(x, y), which does not depend on y.
    return m_compiled.evaluate(x, 0.0).gradient.x();
}

void FunctionOfX::sample(const QVector<double>& xs, QVector<double>& values,
                         QVector<double>& derivatives) const
{
    values.fill(std::numeric_limits<double>::quiet_NaN(), xs.size());
    derivatives.fill(std::numeric_limits<double>::quiet_NaN(), xs.size());
    if (!isValid() || xs.isEmpty()) {
        return;
    }
    const std::vector<double> ys(static_cast<std::size_t>(xs.size()), 0.0);
    const auto count = static_cast<std::size_t>(xs.size());
    m_compiled.evaluateBatch(std::span<const double>(xs.constData(), count), ys,
                             std::span<double>(values.data(), count),
                             std::span<double>(derivatives.data(), count));
}

} // namespace gradlab
