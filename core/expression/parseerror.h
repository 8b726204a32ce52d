// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

namespace gradlab {

/// Why an input was rejected. Each code names an example input and where the error points.
enum class ParseErrorCode {
    None,               ///< no error
    EmptyExpression,    ///< "" or "   " → at 0
    UnexpectedEnd,      ///< "2+sin(" → at 6 (the end)
    UnexpectedToken,    ///< "x +* y" → '*' at 3
    UnknownFunction,    ///< "foo(x)" → 'foo' at 0, length 3
    UnknownIdentifier,  ///< "a*x" with no parameter a declared → 'a' at 0, suggests declaring it
    MissingCloseParen,  ///< "(x+1" → the '(' at 0
    UnmatchedCloseParen,///< "x+1)" → ')' at 3
    InvalidNumber,      ///< "1e+" or "1.2.3" → at 0
    InvalidCharacter,   ///< "x # y" → '#' at 2
    WrongArgumentCount, ///< "sin(x, y)" → at 0
    MissingArgument,    ///< "sin x" or "sin()" → at the function name
    NestedTooDeeply,    ///< 100 000 × "(" → at the first '(' past the limit
};

/// \brief Where and why parsing failed: a code, a 0-based character position, a length, a message.
struct ParseError
{
    ParseErrorCode code = ParseErrorCode::None;
    std::size_t position = 0; ///< 0-based index into the input (bytes; the grammar is ASCII)
    std::size_t length = 0;   ///< characters the error covers (at least 1 where there is input)
    std::string message;      ///< English, for the CLI; the UI may word codes itself
};

} // namespace gradlab
