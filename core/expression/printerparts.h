// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
// What printer.cpp and printerfactors.cpp share: the Printer class and its text helpers.
#pragma once

#include "node.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradlab::printerparts {

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

/// Superscript form of \a letter, if Unicode has one (q has none).
std::optional<std::string_view> superscriptLetter(char letter);
/// "¹²" for "12", "⁻³" for "-3".
std::string superscriptInteger(std::string_view digits);
/// The shortest decimal that reads back as \a value.
std::string shortestDecimal(double value);
/// \a text with <, > and & as HTML entities.
std::string escapeHtml(std::string_view text);
/// Whether \a value's shortest decimal is in scientific notation.
bool isScientific(double value);

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

} // namespace gradlab::printerparts
