// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "lexer.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <system_error>

namespace gradlab {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isNameCharacter(char c)
{
    return isLetter(c) || isDigit(c);
}
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Token errorToken(ParseErrorCode code, std::size_t position, std::size_t length, std::string message)
{
    Token token;
    token.kind = TokenKind::Error;
    token.position = position;
    token.length = length;
    token.error = ParseError{code, position, length, std::move(message)};
    return token;
}

/// What to write instead of a character people paste from typeset mathematics.
struct Hint
{
    char32_t codePoint;
    std::string_view advice;
};

constexpr std::array<Hint, 27> kHints{{
    {U'\u00B2', "write powers with ^, as in x^2"},
    {U'\u00B3', "write powers with ^, as in x^3"},
    {U'\u00B9', "write powers with ^, as in x^1"},
    {U'\u2070', "write powers with ^, as in x^0"},
    {U'\u2074', "write powers with ^, as in x^4"},
    {U'\u2075', "write powers with ^, as in x^5"},
    {U'\u2076', "write powers with ^, as in x^6"},
    {U'\u2077', "write powers with ^, as in x^7"},
    {U'\u2078', "write powers with ^, as in x^8"},
    {U'\u2079', "write powers with ^, as in x^9"},
    {U'\u207B', "write powers with ^, as in x^-1"},
    {U'\u00D7', "use * to multiply"},
    {U'\u00B7', "use * to multiply"},
    {U'\u22C5', "use * to multiply"},
    {U'\u2219', "use * to multiply"},
    {U'\u2217', "use * to multiply"},
    {U'\u00F7', "use / to divide"},
    {U'\u2215', "use / to divide"},
    {U'\u2212', "use - for minus"},
    {U'\u2013', "use - for minus"},
    {U'\u2014', "use - for minus"},
    {U'\u03C0', "write pi"},
    {U'\u221A', "write sqrt(...)"},
    {U'\u03C3', "write sigmoid(...)"},
    {U'\u00A0', "use an ordinary space"},
    {U'\u2009', "use an ordinary space"},
    {U'\u200B', "delete it (it is an invisible zero-width space)"},
}};

std::string codePointName(char32_t codePoint)
{
    constexpr std::string_view digits = "0123456789ABCDEF";
    std::string name = "U+";
    const int width = codePoint > 0xFFFF ? 6 : 4;
    for (int shift = (width - 1) * 4; shift >= 0; shift -= 4) {
        name += digits[(codePoint >> shift) & 0xF];
    }
    return name;
}

} // namespace

Token Lexer::next()
{
    if (m_failed) {
        Token end;
        end.position = m_text.size();
        return end;
    }
    while (m_position < m_text.size() && isSpace(m_text[m_position])) {
        ++m_position;
    }
    const std::size_t start = m_position;
    Token token;
    token.position = start;
    token.length = 1;
    if (start == m_text.size()) {
        token.kind = TokenKind::End;
        token.length = 0;
        return token;
    }
    const char c = m_text[start];
    if (isDigit(c) || (c == '.' && start + 1 < m_text.size() && isDigit(m_text[start + 1]))) {
        return number(start);
    }
    if (isLetter(c)) {
        std::size_t end = start + 1;
        while (end < m_text.size() && isNameCharacter(m_text[end])) {
            ++end;
        }
        token.kind = TokenKind::Name;
        token.length = end - start;
        m_position = end;
        return token;
    }
    switch (c) {
    case '+':
        token.kind = TokenKind::Plus;
        break;
    case '-':
        token.kind = TokenKind::Minus;
        break;
    case '*':
        token.kind = TokenKind::Star;
        if (start + 1 < m_text.size() && m_text[start + 1] == '*') {
            token.kind = TokenKind::Caret; // "**" is "^"
            token.length = 2;
        }
        break;
    case '/':
        token.kind = TokenKind::Slash;
        break;
    case '^':
        token.kind = TokenKind::Caret;
        break;
    case '(':
        token.kind = TokenKind::LeftParen;
        break;
    case ')':
        token.kind = TokenKind::RightParen;
        break;
    case ',':
        token.kind = TokenKind::Comma;
        break;
    default:
        m_failed = true;
        return invalidCharacter(start);
    }
    m_position = start + token.length;
    return token;
}

// number   = mantissa [ exponent ]
// mantissa = digits [ "." { digit } ] | "." digits
// exponent = ("e" | "E") [ "+" | "-" ] digits
Token Lexer::number(std::size_t start)
{
    std::size_t end = start;
    std::size_t dots = 0;
    while (end < m_text.size() && (isDigit(m_text[end]) || m_text[end] == '.')) {
        dots += m_text[end] == '.' ? 1 : 0;
        ++end;
    }
    bool incompleteExponent = false;
    if (end < m_text.size() && (m_text[end] == 'e' || m_text[end] == 'E')) {
        const std::size_t afterE = end + 1;
        const bool hasSign =
            afterE < m_text.size() && (m_text[afterE] == '+' || m_text[afterE] == '-');
        const std::size_t digitsStart = hasSign ? afterE + 1 : afterE;
        if (digitsStart < m_text.size() && isDigit(m_text[digitsStart])) {
            end = digitsStart;
            while (end < m_text.size() && isDigit(m_text[end])) {
                ++end;
            }
        } else if (hasSign) {
            // "1e+" is a number whose exponent is missing; "2e" alone is 2·e.
            end = digitsStart;
            incompleteExponent = true;
        }
    }
    // Digits, dots or letters glued to the end make the whole run one malformed number
    // ("1.2.3", "1e5.2"), except letters, which start an implicit product ("2x").
    std::size_t runEnd = end;
    while (runEnd < m_text.size() && (isDigit(m_text[runEnd]) || m_text[runEnd] == '.')) {
        ++runEnd;
    }
    const std::string_view literal = m_text.substr(start, runEnd - start);
    if (dots > 1 || runEnd != end) {
        m_failed = true;
        return errorToken(ParseErrorCode::InvalidNumber, start, literal.size(),
                          "invalid number '" + std::string(literal) + "'");
    }
    if (incompleteExponent) {
        m_failed = true;
        return errorToken(ParseErrorCode::InvalidNumber, start, literal.size(),
                          "invalid number '" + std::string(literal) +
                              "': the exponent has no digits (write 1e+3, or 2*e for the "
                              "constant e)");
    }
    double value = 0.0;
    const auto [pointer, error] = std::from_chars(literal.data(), literal.data() + literal.size(),
                                                  value, std::chars_format::general);
    if (error == std::errc::result_out_of_range) {
        m_failed = true;
        return errorToken(ParseErrorCode::InvalidNumber, start, literal.size(),
                          "number out of range: '" + std::string(literal) +
                              "' (numbers lie between about 1e-308 and 1e308 in size)");
    }
    if (error != std::errc() || pointer != literal.data() + literal.size()) {
        m_failed = true;
        return errorToken(ParseErrorCode::InvalidNumber, start, literal.size(),
                          "invalid number '" + std::string(literal) + "'");
    }
    Token token;
    token.kind = TokenKind::Number;
    token.position = start;
    token.length = literal.size();
    token.value = value;
    m_position = end;
    return token;
}

Token Lexer::invalidCharacter(std::size_t start)
{
    const auto lead = static_cast<unsigned char>(m_text[start]);
    if (lead < 0x80) {
        std::string shown;
        if (lead < 0x20 || lead == 0x7F) {
            shown = "control character " + codePointName(lead);
        } else {
            shown = "'" + std::string(1, static_cast<char>(lead)) + "'";
        }
        std::string message = shown + " is not part of the syntax";
        switch (lead) {
        case '[':
        case ']':
        case '{':
        case '}':
            message += ": use ( and ) for grouping";
            break;
        case '|':
            message += ": write abs(...)";
            break;
        case '=':
            message += ": type only the right-hand side, such as x^2 + y^2";
            break;
        default:
            break;
        }
        return errorToken(ParseErrorCode::InvalidCharacter, start, 1, std::move(message));
    }
    // The length of a UTF-8 sequence from its lead byte; a malformed sequence is one bad byte.
    std::size_t length = 0;
    char32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        codePoint = lead & 0x07;
    }
    bool wellFormed = length > 0 && start + length <= m_text.size();
    for (std::size_t i = 1; wellFormed && i < length; ++i) {
        const auto continuation = static_cast<unsigned char>(m_text[start + i]);
        wellFormed = (continuation & 0xC0) == 0x80;
        codePoint = (codePoint << 6) | (continuation & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not characters either.
    wellFormed = wellFormed && !(length == 3 && codePoint < 0x800) &&
                 !(length == 4 && (codePoint < 0x10000 || codePoint > 0x10FFFF)) &&
                 !(codePoint >= 0xD800 && codePoint <= 0xDFFF);
    if (!wellFormed) {
        constexpr std::string_view digits = "0123456789ABCDEF";
        const std::string hex{'0', 'x', digits[lead >> 4], digits[lead & 0xF]};
        return errorToken(ParseErrorCode::InvalidCharacter, start, 1,
                          "byte " + hex + " is not valid UTF-8 text");
    }
    std::string message = "'" + std::string(m_text.substr(start, length)) + "' (" +
                          codePointName(codePoint) + ") is not part of the syntax";
    for (const Hint& hint : kHints) {
        if (hint.codePoint == codePoint) {
            message += ": ";
            message += hint.advice;
            break;
        }
    }
    return errorToken(ParseErrorCode::InvalidCharacter, start, length, std::move(message));
}

} // namespace gradlab
