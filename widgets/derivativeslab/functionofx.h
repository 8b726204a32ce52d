// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/compiledfunction.h"
#include "expression/node.h"
#include "expression/parseerror.h"

#include <QString>
#include <QVector>

namespace gradlab {

/// Why a typed f(x) was not accepted.
enum class FunctionInputProblem {
    None,   ///< accepted
    Syntax, ///< the parser rejected it ("x +* 2"): code, position and length are the parser's
    UsesY,  ///< "x*y": the lab plots functions of x only; points at the first y
};

/// \brief The outcome of reading a typed f(x): the expression, or where and why it was rejected.
struct FunctionInput
{
    NodePtr expression; ///< null when rejected
    FunctionInputProblem problem = FunctionInputProblem::None;
    ParseErrorCode code = ParseErrorCode::None; ///< the parser's code when problem is Syntax
    int position = 0;                           ///< 0-based character index into the text
    int length = 0;                             ///< characters the problem covers
    QString message;                            ///< in words, for the user

    bool isValid() const { return expression != nullptr; }
};

/// Parses \a text as a function of x alone; y, unknown names and syntax errors are rejected with
/// a position (in characters of \a text) and a translated message.
FunctionInput readFunctionOfX(const QString& text);

/// \brief f(x) compiled with its derivative: the engine behind every page of the lab. f and f′
/// come from CompiledFunction at (x, 0): value(x, 0) and evaluate(x, 0).gradient.x().
class FunctionOfX
{
public:
    FunctionOfX() = default;
    /// Compiles \a expression, which must not use y.
    explicit FunctionOfX(NodePtr expression);
    /// The function a fixed formula of the lab stands for ("x^2"); invalid if it does not parse.
    static FunctionOfX fromText(const QString& text);

    bool isValid() const { return m_expression != nullptr && m_compiled.isValid(); }
    const NodePtr& expression() const { return m_expression; }

    /// f(x); NaN where undefined.
    double value(double x) const;
    /// f′(x) from the compiled gradient; NaN where undefined.
    double derivative(double x) const;
    /// f and f′ at each of \a xs.
    void sample(const QVector<double>& xs, QVector<double>& values,
                QVector<double>& derivatives) const;

private:
    NodePtr m_expression;
    CompiledFunction m_compiled;
};

} // namespace gradlab
