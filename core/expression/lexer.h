// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "builtins.h"
#include "parseerror.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace gradlab {

/// What a token is. The lexer produces Name for every word; the parser resolves names into
/// Function, Variable, Constant or Parameter tokens (a word such as "xy" into several).
enum class TokenKind {
    Number,
    Name,
    Function,
    Variable,
    Constant,
    Parameter,
    Plus,
    Minus,
    Star,  ///< "*"
    Slash, ///< "/"
    Caret, ///< "^" or "**"
    LeftParen,
    RightParen,
    Comma,
    End,
    Error, ///< a malformed piece of input: error() says what and where
};

/// \brief One token: its kind, where it is (byte offset and length) and what it carries.
struct Token
{
    TokenKind kind = TokenKind::End;
    std::size_t position = 0;
    std::size_t length = 0;
    double value = 0.0;              ///< Number, Constant
    Variable variable = Variable::X; ///< Variable
    Builtin builtin = Builtin::Sin;  ///< Function
    ParseError error;                ///< Error
};

/// \brief Splits expression text into tokens, one at a time, left to right.
///
/// Numbers are `2`, `2.5`, `.5`, `2.`, `1e-3`, `1E+3`; an `e` after a number starts an exponent
/// only when a digit or a sign follows it (`2e` is 2·e, `2ex` is 2·e·x, but `1e+` is malformed).
/// Names are `[A-Za-z_][A-Za-z0-9_]*`. `**` is read as `^`. Anything else, including every
/// non-ASCII character, is an Error token covering that character's UTF-8 bytes.
class Lexer
{
public:
    explicit Lexer(std::string_view text)
        : m_text(text)
    {}

    /// The next token; End at the end of the text, and End again after an Error.
    Token next();

private:
    Token number(std::size_t start);
    Token invalidCharacter(std::size_t start);

    std::string_view m_text;
    std::size_t m_position = 0;
    bool m_failed = false;
};

/// The text of a token, for messages: "'*'" style quoting is the caller's.
inline std::string_view tokenText(std::string_view text, const Token& token)
{
    return text.substr(token.position, token.length);
}

} // namespace gradlab
