// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// The Printer's pieces: numbers, superscripts, minus signs and product marks, and whether two
// factors may stand side by side.
#include "builtins.h"
#include "printerparts.h"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace gradlab::printerparts {

constexpr std::array<std::string_view, 10> kSuperscriptDigits{"⁰", "¹", "²", "³", "⁴",
                                                              "⁵", "⁶", "⁷", "⁸", "⁹"};

/// Superscript forms of the letters that have one in Unicode (q has none).
std::optional<std::string_view> superscriptLetter(char letter)
{
    constexpr std::array<std::string_view, 26> letters{"ᵃ", "ᵇ", "ᶜ", "ᵈ", "ᵉ", "ᶠ", "ᵍ", "ʰ", "ⁱ",
                                                       "ʲ", "ᵏ", "ˡ", "ᵐ", "ⁿ", "ᵒ", "ᵖ", "",  "ʳ",
                                                       "ˢ", "ᵗ", "ᵘ", "ᵛ", "ʷ", "ˣ", "ʸ", "ᶻ"};
    if (letter < 'a' || letter > 'z' || letters[letter - 'a'].empty()) {
        return std::nullopt;
    }
    return letters[letter - 'a'];
}

/// "-12" in superscript digits: "⁻¹²".
std::string superscriptInteger(std::string_view digits)
{
    std::string result;
    for (char c : digits) {
        if (c == '-') {
            result += "⁻";
        } else if (c >= '0' && c <= '9') {
            result += kSuperscriptDigits[static_cast<std::size_t>(c - '0')];
        }
    }
    return result;
}

/// The shortest decimal that reads back as exactly \a value ("0.1", "1e-05", "1e+22").
std::string shortestDecimal(double value)
{
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

std::string escapeHtml(std::string_view text)
{
    std::string result;
    for (char c : text) {
        switch (c) {
        case '&':
            result += "&amp;";
            break;
        case '<':
            result += "&lt;";
            break;
        case '>':
            result += "&gt;";
            break;
        case '"':
            result += "&quot;";
            break;
        default:
            result += c;
        }
    }
    return result;
}

bool isScientific(double value)
{
    return std::isfinite(value) && shortestDecimal(value).find('e') != std::string::npos;
}

// A signed operand that may follow "*", "/" or "^" as it is: signs over a power or an atom.
bool Printer::isSignedFactor(const Node& node) const
{
    const Node* inner = &node;
    while (inner->kind() == NodeKind::Negate) {
        inner = inner->child(0).get();
    }
    return precedence(*inner) >= 4 ||
           (inner->kind() == NodeKind::Number && precedence(*inner) == 2);
}

bool Printer::isBareRadical(const Node& node) const
{
    if (m_style == Style::Plain || node.kind() != NodeKind::Call ||
        node.builtin() != Builtin::Sqrt || node.children().size() != 1) {
        return false;
    }
    const Node& argument = *node.child(0);
    switch (argument.kind()) {
    case NodeKind::Number:
        return std::isfinite(argument.value()) && !std::signbit(argument.value()) &&
               !isScientific(argument.value());
    case NodeKind::Variable:
    case NodeKind::Constant:
    case NodeKind::Parameter:
        return true;
    default:
        return false;
    }
}

/// The exponent in superscript characters when it is short and simple: an integer, a letter,
/// a product such as 2x, any of these negated (x⁻¹, e⁻ˣ, e²ˣ). Otherwise nothing.
std::optional<std::string> Printer::superscript(const Node& exponent) const
{
    const Node* node = &exponent;
    std::string sign;
    if (node->kind() == NodeKind::Negate) {
        sign = "⁻";
        node = node->child(0).get();
    }
    // The factors of a short product, left to right.
    std::vector<const Node*> factors;
    while (node->kind() == NodeKind::Multiply && factors.size() < 4) {
        factors.push_back(node->child(1).get());
        node = node->child(0).get();
    }
    factors.push_back(node);
    if (factors.size() > 4) {
        return std::nullopt;
    }
    std::string raised = sign;
    for (std::size_t i = factors.size(); i-- > 0;) {
        const Node& factor = *factors[i];
        const bool first = i + 1 == factors.size();
        std::optional<std::string_view> letter;
        switch (factor.kind()) {
        case NodeKind::Number: {
            const double value = factor.value();
            if (!first || !std::isfinite(value) || value != std::trunc(value) ||
                std::fabs(value) >= 1e15 || (std::signbit(value) && !sign.empty())) {
                return std::nullopt;
            }
            raised += superscriptInteger(shortestDecimal(value));
            continue;
        }
        case NodeKind::Variable:
            letter = superscriptLetter(factor.variable() == Variable::X ? 'x' : 'y');
            break;
        case NodeKind::Constant:
        case NodeKind::Parameter:
            if (factor.name().size() == 1 &&
                !(factor.kind() == NodeKind::Constant && factor.name() != "e")) {
                letter = superscriptLetter(factor.name()[0]);
            }
            break;
        default:
            break;
        }
        if (!letter) {
            return std::nullopt;
        }
        raised += *letter;
    }
    return raised;
}

Edge Printer::tail(const Node& left, bool parenthesised) const
{
    if (parenthesised) {
        return Edge::Parenthesis;
    }
    switch (left.kind()) {
    case NodeKind::Number:
        return precedence(left) == 5 ? Edge::Number : Edge::Other;
    case NodeKind::Variable:
        return Edge::Variable;
    case NodeKind::Constant:
        return Edge::Constant;
    case NodeKind::Parameter:
        return m_style != Style::Plain && left.name().size() == 1 ? Edge::Letter : Edge::Parameter;
    case NodeKind::Call:
        return isBareRadical(left) ? Edge::Radical : Edge::Call;
    case NodeKind::Power:
        if (m_style == Style::Plain) {
            return Edge::Caret;
        }
        return m_style == Style::Html || superscript(*left.child(1)) ? Edge::Superscript
                                                                     : Edge::Caret;
    case NodeKind::Multiply: {
        const Node& last = *left.child(1);
        const Edge edge = tail(last, needsParentheses(left, 1, last));
        return edge == Edge::Number ? Edge::InnerNumber : edge;
    }
    case NodeKind::Divide:
        return Edge::Quotient;
    default:
        return Edge::Other;
    }
}

Edge Printer::head(const Node& right, bool parenthesised) const
{
    if (parenthesised) {
        return Edge::Parenthesis;
    }
    switch (right.kind()) {
    case NodeKind::Number:
        return Edge::Number;
    case NodeKind::Variable:
        return Edge::Variable;
    case NodeKind::Constant:
        return Edge::Constant;
    case NodeKind::Parameter:
        return m_style != Style::Plain && right.name().size() == 1 ? Edge::Letter : Edge::Parameter;
    case NodeKind::Call:
        return Edge::Call;
    case NodeKind::Power: {
        const Node& base = *right.child(0);
        return head(base, needsParentheses(right, 0, base));
    }
    default:
        return Edge::Other;
    }
}

// Side by side where it reads naturally and, in plain text, reads back as the same tree:
// 2x, 2pi, 2sin(x), 3(x + 1), xy, x(y + 1), (x + 1)(y - 1), sin(x)cos(y). Parameters always get
// a '*' in plain text (2*a, a*x): a declared name could run into its neighbours.
bool Printer::sideBySide(Edge left, Edge right) const
{
    if (right == Edge::Number || right == Edge::Other) {
        return false;
    }
    if ((left == Edge::Parenthesis || left == Edge::Call) && right == Edge::Parenthesis) {
        return true;
    }
    if (left == Edge::Call && right == Edge::Call) {
        return true;
    }
    const bool symbol = right == Edge::Variable || right == Edge::Constant || right == Edge::Letter;
    if (left == Edge::Number) {
        return symbol || right == Edge::Call || right == Edge::Parenthesis;
    }
    if (m_style == Style::Plain) {
        return left == Edge::Variable &&
               ((right == Edge::Variable && m_variablesSideBySide) || right == Edge::Parenthesis);
    }
    const bool leftSymbol = left == Edge::Variable || left == Edge::Constant ||
                            left == Edge::Letter || left == Edge::Superscript;
    return leftSymbol && (symbol || right == Edge::Parenthesis);
}

std::string Printer::number(double value) const
{
    if (std::isnan(value)) {
        return m_style == Style::Plain ? "(0/0)" : "NaN";
    }
    if (std::isinf(value)) {
        if (m_style == Style::Plain) {
            return value > 0 ? "(1/0)" : "(-1/0)";
        }
        const std::string infinity = m_style == Style::Html ? "&infin;" : "∞";
        return value > 0 ? infinity : minus() + infinity;
    }
    std::string text = shortestDecimal(value);
    if (m_style == Style::Plain) {
        return text;
    }
    std::string sign;
    if (text.front() == '-') {
        sign = minus();
        text.erase(0, 1);
    }
    const std::size_t e = text.find('e');
    if (e == std::string::npos) {
        return sign + text;
    }
    // 1.5e+20 → 1.5×10²⁰
    const std::string mantissa = text.substr(0, e);
    std::string exponent = text.substr(e + 1);
    if (exponent.front() == '+') {
        exponent.erase(0, 1);
    }
    const bool negative = exponent.front() == '-';
    if (negative) {
        exponent.erase(0, 1);
    }
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    if (m_style == Style::Html) {
        return sign + mantissa + "&times;10<sup>" + (negative ? minus() : "") + exponent + "</sup>";
    }
    return sign + mantissa + "×10" + superscriptInteger((negative ? "-" : "") + exponent);
}

std::string Printer::minus() const
{
    switch (m_style) {
    case Style::Plain:
        return "-";
    case Style::Pretty:
        return "−";
    case Style::Html:
        return "&minus;";
    }
    return "-";
}

std::string Printer::productMark() const
{
    switch (m_style) {
    case Style::Plain:
        return "*";
    case Style::Pretty:
        return "·";
    case Style::Html:
        return "&middot;";
    }
    return "*";
}

} // namespace gradlab::printerparts
