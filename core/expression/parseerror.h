// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

namespace gradlab {

/// Why an input was rejected. Each code names an example input and where the error points.
enum class ParseErrorCode {
    None,                ///< no error
    EmptyExpression,     ///< "" or "   " → at 0
    UnexpectedEnd,       ///< "2+sin(" → at 6 (the end)
    UnexpectedToken,     ///< "x +* y" → '*' at 3
    UnknownFunction,     ///< "foo(x)" → 'foo' at 0, length 3
    UnknownIdentifier,   ///< "a*x" with no parameter a declared → 'a' at 0, suggests declaring it
    MissingCloseParen,   ///< "(x+1" → the '(' at 0
    UnmatchedCloseParen, ///< "x+1)" → ')' at 3
    InvalidNumber,       ///< "1e+", "1.2.3", "1e999" (out of range), "nan" → at 0
    InvalidCharacter,    ///< "x # y" → '#' at 2; "x²" → at 1, length 2 (UTF-8 bytes)
    WrongArgumentCount,  ///< "sin(x, y)" → at 0
    MissingArgument,     ///< "sin x" or "sin()" → at the function name
    NestedTooDeeply,     ///< 100 000 × "(" → at the first '(' past 256 levels
    InputTooLong,        ///< more than 1 MiB (1 048 576 bytes) of text → at byte 1 048 576
};

/// \brief Where and why parsing failed: a code, a 0-based character position, a length, a message.
struct ParseError
{
    ParseErrorCode code = ParseErrorCode::None;
    std::size_t position = 0; ///< 0-based index into the input (bytes; the grammar is ASCII)
    std::size_t length = 0;   ///< bytes the error covers (at least 1 where there is input)
    /// English, for the CLI; the UI may word codes itself. It quotes the offending text but not
    /// its position, which the caller adds ("unknown function 'foo'" + " at 0").
    std::string message;
};

} // namespace gradlab
