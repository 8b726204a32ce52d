// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "printer.h"

#include "builtins.h"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace gradlab {
namespace {

enum class Style { Plain, Pretty, Html };

/// How the text of a factor ends (on the left of a product) or begins (on its right): what
/// decides whether two factors may stand side by side ("2x", "xy", "sin(x)(1 - x)").
enum class Edge {
    Number,      ///< a number that is the whole left factor: the 2 of "2x"
    InnerNumber, ///< a number closing a longer product: the 2 of "x*2"
    Variable,
    Constant,
    Letter, ///< a one-letter parameter (pretty and HTML only)
    Parameter,
    Call,        ///< "sin(x)"
    Radical,     ///< "√x" (pretty and HTML)
    Parenthesis, ///< "(…)"
    Superscript, ///< "x²", "x<sup>y</sup>"
    Caret,       ///< "x^2"
    Quotient,    ///< "x/y"
    Other,
};

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

/// \brief Writes a tree in one of the three notations, without recursion: a stack of pieces
/// still to write, each a text or a node (parenthesised or not).
class Printer
{
public:
    Printer(Style style, const Node& root);

    std::string print(const Node& root);

private:
    struct Piece
    {
        const Node* node = nullptr; ///< null: write text
        bool parenthesised = false;
        std::string text;
    };

    void write(const Node& node);
    void pushText(std::string text) { m_pieces.push_back({nullptr, false, std::move(text)}); }
    void pushChild(const Node& parent, std::size_t index)
    {
        const Node& child = *parent.child(index);
        m_pieces.push_back({&child, needsParentheses(parent, index, child), {}});
    }

    int precedence(const Node& node) const;
    bool needsParentheses(const Node& parent, std::size_t index, const Node& child) const;
    bool isBareRadical(const Node& node) const;
    bool isSignedFactor(const Node& node) const;
    std::optional<std::string> superscript(const Node& exponent) const;
    Edge tail(const Node& left, bool parenthesised) const;
    Edge head(const Node& right, bool parenthesised) const;
    bool sideBySide(Edge left, Edge right) const;

    std::string number(double value) const;
    std::string minus() const;
    std::string productMark() const;

    Style m_style = Style::Plain;
    /// False when a parameter such as "xy" would swallow juxtaposed variables on reading back.
    bool m_variablesSideBySide = true;
    std::vector<Piece> m_pieces;
    std::string m_output;
};

Printer::Printer(Style style, const Node& root)
    : m_style(style)
{
    if (m_style != Style::Plain) {
        return;
    }
    std::vector<const Node*> stack{&root};
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (node->kind() == NodeKind::Parameter && node->name().size() > 1 &&
            node->name().find_first_not_of("xy") == std::string::npos) {
            m_variablesSideBySide = false;
            return;
        }
        for (const NodePtr& child : node->children()) {
            stack.push_back(child.get());
        }
    }
}

std::string Printer::print(const Node& root)
{
    m_pieces.push_back({&root, false, {}});
    while (!m_pieces.empty()) {
        Piece piece = std::move(m_pieces.back());
        m_pieces.pop_back();
        if (!piece.node) {
            m_output += piece.text;
        } else if (piece.parenthesised) {
            pushText(")");
            m_pieces.push_back({piece.node, false, {}});
            pushText("(");
        } else {
            write(*piece.node);
        }
    }
    return std::move(m_output);
}

// Writes what it can at once and pushes the rest, last piece first.
void Printer::write(const Node& node)
{
    switch (node.kind()) {
    case NodeKind::Number:
        m_output += number(node.value());
        return;
    case NodeKind::Constant:
        if (m_style != Style::Plain && node.name() == "pi") {
            m_output += "π";
        } else {
            m_output += m_style == Style::Html ? escapeHtml(node.name()) : node.name();
        }
        return;
    case NodeKind::Variable: {
        const std::string_view name = node.variable() == Variable::X ? "x" : "y";
        if (m_style == Style::Html) {
            m_output += "<i>" + std::string(name) + "</i>";
        } else {
            m_output += name;
        }
        return;
    }
    case NodeKind::Parameter:
        if (m_style == Style::Html) {
            m_output += "<i>" + escapeHtml(node.name()) + "</i>";
        } else {
            m_output += node.name();
        }
        return;
    case NodeKind::Negate: {
        const Node& operand = *node.child(0);
        const bool parenthesised = needsParentheses(node, 0, operand);
        pushChild(node, 0);
        // "- -x": two signs, not a "--".
        pushText(!parenthesised && precedence(operand) == 2 ? minus() + " " : minus());
        return;
    }
    case NodeKind::Add:
    case NodeKind::Subtract:
        pushChild(node, 1);
        pushText(node.kind() == NodeKind::Add ? " + " : " " + minus() + " ");
        pushChild(node, 0);
        return;
    case NodeKind::Multiply: {
        const Node& left = *node.child(0);
        const Node& right = *node.child(1);
        const Edge leftEdge = tail(left, needsParentheses(node, 0, left));
        const Edge rightEdge = head(right, needsParentheses(node, 1, right));
        pushChild(node, 1);
        if (!sideBySide(leftEdge, rightEdge)) {
            pushText(productMark());
        }
        pushChild(node, 0);
        return;
    }
    case NodeKind::Divide:
        pushChild(node, 1);
        pushText("/");
        pushChild(node, 0);
        return;
    case NodeKind::Power:
        if (m_style == Style::Html) {
            pushText("</sup>");
            pushChild(node, 1);
            pushText("<sup>");
        } else if (const std::optional<std::string> raised =
                       m_style == Style::Pretty ? superscript(*node.child(1)) : std::nullopt) {
            pushText(*raised);
        } else {
            pushChild(node, 1);
            pushText("^");
        }
        pushChild(node, 0);
        return;
    case NodeKind::Call: {
        const BuiltinInfo& info = builtinInfo(node.builtin());
        if (m_style != Style::Plain && node.builtin() == Builtin::Sqrt &&
            node.children().size() == 1) {
            // √x for a lone symbol or number, √(…) otherwise.
            m_pieces.push_back({node.child(0).get(), !isBareRadical(node), {}});
            pushText("√");
            return;
        }
        pushText(")");
        for (std::size_t i = node.children().size(); i-- > 0;) {
            pushChild(node, i);
            if (i > 0) {
                pushText(", ");
            }
        }
        const std::string_view name = m_style == Style::Plain ? info.name : info.prettyName;
        pushText((m_style == Style::Html ? escapeHtml(name) : std::string(name)) + "(");
        return;
    }
    }
}

// 1: + and −; 2: a leading minus (it covers a whole product); 3: · and /; 4: ^; 5: atoms.
int Printer::precedence(const Node& node) const
{
    switch (node.kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
        return 1;
    case NodeKind::Negate:
        return 2;
    case NodeKind::Multiply:
    case NodeKind::Divide:
        return 3;
    case NodeKind::Power:
        return 4;
    case NodeKind::Number:
        if (std::isnan(node.value())) {
            return 5;
        }
        if (std::signbit(node.value())) {
            // Plain text writes −∞ as "(-1/0)", parenthesised already.
            return m_style == Style::Plain && std::isinf(node.value()) ? 5 : 2;
        }
        // "1.5×10²⁰" is a product.
        return m_style != Style::Plain && isScientific(node.value()) ? 3 : 5;
    case NodeKind::Call:
        // A radical sign reaches over its argument, so a power of it is parenthesised: (√x)².
        return m_style != Style::Plain && node.builtin() == Builtin::Sqrt ? 4 : 5;
    default:
        return 5;
    }
}

// Plain text gets the parentheses the grammar needs and no others, so that it never nests more
// deeply than any input that parses to the same tree (and so reads back within the parser's
// depth limit): "x - -y", "x*-y", "- -x", "e^-x^2". Pretty text and HTML, never read back, also
// parenthesise a signed operand for the reader: "x − (−y)", "2(−x)", "−(−x)".
bool Printer::needsParentheses(const Node& parent, std::size_t index, const Node& child) const
{
    const int inner = precedence(child);
    const bool plain = m_style == Style::Plain;
    switch (parent.kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
        return index == 1 && inner < (plain ? 2 : 3);
    case NodeKind::Negate:
        return inner < (plain ? 2 : 3);
    case NodeKind::Multiply:
    case NodeKind::Divide:
        if (index == 0) {
            return inner < 3;
        }
        if (plain && inner == 2) {
            return !isSignedFactor(child);
        }
        return inner < 4;
    case NodeKind::Power:
        if (index == 0) {
            return inner < 5;
        }
        if (m_style == Style::Html) {
            return false; // <sup> groups
        }
        if (m_style == Style::Pretty) {
            return inner < 5;
        }
        if (inner == 2) {
            return !isSignedFactor(child);
        }
        return inner < 4;
    default:
        return false;
    }
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

std::string print(Style style, const NodePtr& expression)
{
    if (!expression) {
        return {};
    }
    return Printer(style, *expression).print(*expression);
}

} // namespace

std::string toPlainText(const NodePtr& expression)
{
    return print(Style::Plain, expression);
}

std::string toPrettyText(const NodePtr& expression)
{
    return print(Style::Pretty, expression);
}

std::string toHtml(const NodePtr& expression)
{
    return print(Style::Html, expression);
}

} // namespace gradlab
