// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "printer.h"

#include "builtins.h"
#include "printerparts.h"

#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

namespace gradlab {
namespace printerparts {

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

} // namespace printerparts

namespace {

using printerparts::Printer;
using printerparts::Style;

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
