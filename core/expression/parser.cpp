// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "parser.h"

#include "builtins.h"
#include "editdistance.h"
#include "lexer.h"

#include <algorithm>
#include <numbers>
#include <optional>

namespace gradlab {
namespace {

/// Recursion limit: parentheses, function calls, signs and exponents together. Deeper input is
/// NestedTooDeeply instead of a stack overflow; 256 levels is far beyond what anyone types.
constexpr int kMaxDepth = 256;
/// Input length limit: a 100 000-term sum is some 200 KB; beyond a MiB the tokens alone would take
/// tens of MiB.
constexpr std::size_t kMaxInputBytes = std::size_t{1} << 20;

std::string lowercase(std::string_view text)
{
    std::string result(text);
    for (char& c : result) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return result;
}

/// x, y, the constants and the function names keep their meaning even when declared as
/// parameters.
bool isReservedName(std::string_view name)
{
    return name == "x" || name == "y" || name == "e" || name == "pi" || findBuiltin(name);
}

/// The builtin name closest to a mistyped one: one edit away for short names, two for names of
/// five letters or more; case is ignored. Nothing when no name is that close.
std::optional<std::string_view> closestBuiltin(std::string_view word)
{
    const std::string typed = lowercase(word);
    const std::size_t allowed = typed.size() >= 5 ? 2 : 1;
    std::optional<std::string_view> best;
    std::size_t bestDistance = allowed + 1;
    const auto consider = [&](std::string_view name) {
        const std::size_t gap =
            name.size() > typed.size() ? name.size() - typed.size() : typed.size() - name.size();
        if (gap > allowed) {
            return;
        }
        const std::size_t distance = editDistance(typed, name);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = name;
        }
    };
    for (const BuiltinInfo& info : builtins()) {
        consider(info.name);
    }
    consider("ln");
    return best;
}

std::string quoted(std::string_view text)
{
    return "'" + std::string(text) + "'";
}

/// \brief Recursive descent over the token list, one function per grammar rule.
class Parser
{
public:
    Parser(std::string_view text, const ParseOptions& options)
        : m_text(text)
        , m_options(options)
    {}

    ParseResult run();

private:
    /// \brief Counts one level of nesting for as long as it lives.
    class Nesting
    {
    public:
        explicit Nesting(int& depth)
            : m_depth(depth)
        {
            ++m_depth;
        }
        ~Nesting() { --m_depth; }
        Nesting(const Nesting&) = delete;
        Nesting& operator=(const Nesting&) = delete;
        bool isTooDeep() const { return m_depth > kMaxDepth; }

    private:
        int& m_depth;
    };

    void tokenize();
    void resolveName(const Token& word, bool beforeParenthesis);
    bool splitIntoKnownNames(const Token& word);
    Token resolvedPiece(std::size_t position, std::string_view name);
    void useParameter(std::string_view name);

    NodePtr parseExpression();
    NodePtr parseTerm();
    NodePtr parseProduct();
    NodePtr parseFactor();
    NodePtr parsePower();
    NodePtr parsePrimary();
    NodePtr parseCall();
    NodePtr parseGroup();

    const Token& peek() const { return m_tokens[m_index]; }
    const Token& advance()
    {
        const Token& token = m_tokens[m_index];
        if (token.kind != TokenKind::End && token.kind != TokenKind::Error) {
            ++m_index;
        }
        return token;
    }
    static bool startsImplicitFactor(const Token& token);

    NodePtr fail(ParseErrorCode code, std::size_t position, std::size_t length,
                 std::string message);
    NodePtr tooDeep(const Token& token);
    NodePtr expectedOperand(const Token& token);
    NodePtr unexpectedAfterOperand(const Token& token);

    std::string_view m_text;
    const ParseOptions& m_options;
    std::vector<std::string_view> m_knownNames; ///< what a word may be split into
    std::vector<Token> m_tokens;
    std::size_t m_index = 0;
    int m_depth = 0;
    ParseError m_error;
    std::vector<std::string> m_parameters;
};

ParseResult Parser::run()
{
    ParseResult result;
    if (m_text.size() > kMaxInputBytes) {
        fail(ParseErrorCode::InputTooLong, kMaxInputBytes, m_text.size() - kMaxInputBytes,
             "input too long: " + std::to_string(m_text.size()) + " bytes, more than " +
                 std::to_string(kMaxInputBytes));
        result.error = m_error;
        return result;
    }
    tokenize();
    if (m_tokens.front().kind == TokenKind::End) {
        fail(ParseErrorCode::EmptyExpression, 0, m_text.size(),
             "empty expression: type a function of x and y, such as x^2 + y^2");
        result.error = m_error;
        return result;
    }
    NodePtr expression = parseExpression();
    if (expression && peek().kind != TokenKind::End) {
        expression = unexpectedAfterOperand(peek());
    }
    if (!expression) {
        result.error = m_error;
        return result;
    }
    result.expression = std::move(expression);
    result.parameters = std::move(m_parameters);
    return result;
}

// The raw tokens, with each word resolved: a function, constant, variable or parameter, a
// product of such names ("xy"), or an error. The list ends with End or Error.
void Parser::tokenize()
{
    m_knownNames = {"x", "y", "e", "pi"};
    for (const std::string& name : m_options.parameters) {
        if (!name.empty() && !isReservedName(name)) {
            m_knownNames.push_back(name);
        }
    }
    Lexer lexer(m_text);
    Token token = lexer.next();
    while (true) {
        Token following =
            token.kind == TokenKind::End || token.kind == TokenKind::Error ? token : lexer.next();
        if (token.kind == TokenKind::Name) {
            resolveName(token, following.kind == TokenKind::LeftParen);
        } else {
            m_tokens.push_back(token);
        }
        if (m_tokens.back().kind == TokenKind::End || m_tokens.back().kind == TokenKind::Error) {
            return;
        }
        token = following;
    }
}

void Parser::resolveName(const Token& word, bool beforeParenthesis)
{
    const std::string_view name = tokenText(m_text, word);
    if (const BuiltinInfo* info = findBuiltin(name)) {
        Token function = word;
        function.kind = TokenKind::Function;
        function.builtin = info->id;
        m_tokens.push_back(function);
        return;
    }
    if (name == "x" || name == "y" || name == "e" || name == "pi" ||
        std::find(m_knownNames.begin(), m_knownNames.end(), name) != m_knownNames.end()) {
        m_tokens.push_back(resolvedPiece(word.position, name));
        return;
    }
    const std::string folded = lowercase(name);
    if (folded == "nan" || folded == "inf" || folded == "infinity") {
        Token error = word;
        error.kind = TokenKind::Error;
        error.error = {ParseErrorCode::InvalidNumber, word.position, word.length,
                       quoted(name) + " is not a number: expressions hold finite numbers only"};
        m_tokens.push_back(error);
        return;
    }
    if (splitIntoKnownNames(word)) {
        return;
    }
    Token error = word;
    error.kind = TokenKind::Error;
    if (beforeParenthesis && name.size() > 1) {
        std::string message = "unknown function " + quoted(name);
        if (const auto suggestion = closestBuiltin(name)) {
            message += "; did you mean " + quoted(*suggestion) + "?";
        }
        error.error = {ParseErrorCode::UnknownFunction, word.position, word.length,
                       std::move(message)};
        m_tokens.push_back(error);
        return;
    }
    if (m_options.declareUnknownIdentifiers) {
        Token parameter = word;
        parameter.kind = TokenKind::Parameter;
        useParameter(name);
        m_tokens.push_back(parameter);
        return;
    }
    std::string message = "unknown name " + quoted(name);
    if (folded == "x" || folded == "y" || folded == "e" || folded == "pi" || findBuiltin(folded)) {
        message += ": names are case-sensitive; did you mean " + quoted(folded) + "?";
    } else {
        message += ": declare it as a parameter (e.g. --param " + std::string(name) +
                   "=1) or check the spelling";
    }
    error.error = {ParseErrorCode::UnknownIdentifier, word.position, word.length,
                   std::move(message)};
    m_tokens.push_back(error);
}

// A word made entirely of x, y, e, pi and declared parameters is their product: "xy", "2pix".
// Longest names first, backing off when the rest of the word would not split.
bool Parser::splitIntoKnownNames(const Token& word)
{
    const std::string_view name = tokenText(m_text, word);
    // splits[i]: the text from i to the end splits into known names.
    std::vector<bool> splits(name.size() + 1, false);
    splits[name.size()] = true;
    const auto longestAt = [&](std::size_t i) -> std::size_t {
        std::size_t longest = 0;
        for (std::string_view known : m_knownNames) {
            if (known.size() > longest && name.substr(i).starts_with(known) &&
                splits[i + known.size()]) {
                longest = known.size();
            }
        }
        return longest;
    };
    for (std::size_t i = name.size(); i-- > 0;) {
        splits[i] = longestAt(i) > 0;
    }
    if (!splits[0]) {
        return false;
    }
    for (std::size_t i = 0; i < name.size();) {
        const std::size_t length = longestAt(i);
        m_tokens.push_back(resolvedPiece(word.position + i, name.substr(i, length)));
        i += length;
    }
    return true;
}

Token Parser::resolvedPiece(std::size_t position, std::string_view name)
{
    Token token;
    token.position = position;
    token.length = name.size();
    if (name == "x" || name == "y") {
        token.kind = TokenKind::Variable;
        token.variable = name == "x" ? Variable::X : Variable::Y;
    } else if (name == "e" || name == "pi") {
        token.kind = TokenKind::Constant;
        token.value = name == "e" ? std::numbers::e : std::numbers::pi;
    } else {
        token.kind = TokenKind::Parameter;
        useParameter(name);
    }
    return token;
}

void Parser::useParameter(std::string_view name)
{
    if (std::find(m_parameters.begin(), m_parameters.end(), name) == m_parameters.end()) {
        m_parameters.emplace_back(name);
    }
}

// expression = term { ("+" | "-") term }
NodePtr Parser::parseExpression()
{
    NodePtr left = parseTerm();
    while (left && (peek().kind == TokenKind::Plus || peek().kind == TokenKind::Minus)) {
        const NodeKind kind =
            advance().kind == TokenKind::Plus ? NodeKind::Add : NodeKind::Subtract;
        NodePtr right = parseTerm();
        if (!right) {
            return nullptr;
        }
        left = Node::binary(kind, std::move(left), std::move(right));
    }
    return left;
}

// term = ("+" | "-") term | product
// A leading sign covers the whole product: "-2x" is -(2x), "-x^2" is -(x^2).
NodePtr Parser::parseTerm()
{
    if (peek().kind != TokenKind::Plus && peek().kind != TokenKind::Minus) {
        return parseProduct();
    }
    const Nesting nesting(m_depth);
    if (nesting.isTooDeep()) {
        return tooDeep(peek());
    }
    const bool minus = advance().kind == TokenKind::Minus;
    NodePtr operand = parseTerm();
    if (!operand) {
        return nullptr;
    }
    return minus ? neg(std::move(operand)) : operand;
}

// product = power { ("*" | "/") factor | implicit-factor }
// implicit-factor = power that starts with a name or "(": "3xy", "2sin(x)", "(x+1)(y-1)"
NodePtr Parser::parseProduct()
{
    NodePtr left = parsePower();
    while (left) {
        const TokenKind operation = peek().kind;
        NodePtr right;
        NodeKind kind = NodeKind::Multiply;
        if (operation == TokenKind::Star || operation == TokenKind::Slash) {
            advance();
            kind = operation == TokenKind::Star ? NodeKind::Multiply : NodeKind::Divide;
            right = parseFactor();
        } else if (startsImplicitFactor(peek())) {
            right = parsePower();
        } else {
            break;
        }
        if (!right) {
            return nullptr;
        }
        left = Node::binary(kind, std::move(left), std::move(right));
    }
    return left;
}

// factor = ("+" | "-") factor | power
// The operand of "*", "/" and "^" may carry its own sign: "x*-y", "2^-1".
NodePtr Parser::parseFactor()
{
    if (peek().kind != TokenKind::Plus && peek().kind != TokenKind::Minus) {
        return parsePower();
    }
    const Nesting nesting(m_depth);
    if (nesting.isTooDeep()) {
        return tooDeep(peek());
    }
    const bool minus = advance().kind == TokenKind::Minus;
    NodePtr operand = parseFactor();
    if (!operand) {
        return nullptr;
    }
    return minus ? neg(std::move(operand)) : operand;
}

// power = primary [ ("^" | "**") factor ]
// Right-associative through factor → power: "2^3^2" is 2^(3^2).
NodePtr Parser::parsePower()
{
    NodePtr base = parsePrimary();
    if (!base || peek().kind != TokenKind::Caret) {
        return base;
    }
    const Nesting nesting(m_depth);
    if (nesting.isTooDeep()) {
        return tooDeep(peek());
    }
    advance();
    NodePtr exponent = parseFactor();
    if (!exponent) {
        return nullptr;
    }
    return pow(std::move(base), std::move(exponent));
}

// primary = number | variable | constant | parameter | call | "(" expression ")"
NodePtr Parser::parsePrimary()
{
    const Token& token = peek();
    switch (token.kind) {
    case TokenKind::Number:
        advance();
        return num(token.value);
    case TokenKind::Variable:
        advance();
        return var(token.variable);
    case TokenKind::Constant:
        advance();
        return Node::constant(std::string(tokenText(m_text, token)), token.value);
    case TokenKind::Parameter:
        advance();
        return Node::parameter(std::string(tokenText(m_text, token)));
    case TokenKind::Function:
        return parseCall();
    case TokenKind::LeftParen:
        return parseGroup();
    default:
        return expectedOperand(token);
    }
}

// call = function "(" expression { "," expression } ")"
NodePtr Parser::parseCall()
{
    const Token function = advance();
    const BuiltinInfo& info = builtinInfo(function.builtin);
    const std::string name(tokenText(m_text, function));
    if (peek().kind != TokenKind::LeftParen) {
        std::string message = name + " needs its argument in parentheses, as in " + name + "(x)";
        if (peek().kind == TokenKind::Caret) {
            message += "; for a power write " + name + "(x)^2";
        }
        return fail(ParseErrorCode::MissingArgument, function.position, function.length,
                    std::move(message));
    }
    const Token open = peek();
    const Nesting nesting(m_depth);
    if (nesting.isTooDeep()) {
        return tooDeep(open);
    }
    advance();
    if (peek().kind == TokenKind::RightParen) {
        return fail(ParseErrorCode::MissingArgument, function.position, function.length,
                    name + "() needs an argument, as in " + name + "(x)");
    }
    std::vector<NodePtr> arguments;
    while (true) {
        NodePtr argument = parseExpression();
        if (!argument) {
            return nullptr;
        }
        arguments.push_back(std::move(argument));
        if (peek().kind != TokenKind::Comma) {
            break;
        }
        advance();
    }
    if (peek().kind != TokenKind::RightParen) {
        if (peek().kind == TokenKind::End) {
            return fail(ParseErrorCode::MissingCloseParen, open.position, 1,
                        "missing ')' for the '('");
        }
        return unexpectedAfterOperand(peek());
    }
    const Token close = advance();
    if (arguments.size() != static_cast<std::size_t>(info.arity)) {
        return fail(ParseErrorCode::WrongArgumentCount, function.position,
                    close.position + 1 - function.position,
                    name + " takes " + std::to_string(info.arity) +
                        (info.arity == 1 ? " argument" : " arguments") + ", not " +
                        std::to_string(arguments.size()));
    }
    return Node::call(function.builtin, std::move(arguments));
}

// group = "(" expression ")"
NodePtr Parser::parseGroup()
{
    const Token open = peek();
    const Nesting nesting(m_depth);
    if (nesting.isTooDeep()) {
        return tooDeep(open);
    }
    advance();
    NodePtr inner = parseExpression();
    if (!inner) {
        return nullptr;
    }
    if (peek().kind == TokenKind::End) {
        return fail(ParseErrorCode::MissingCloseParen, open.position, 1, "missing ')' for the '('");
    }
    if (peek().kind != TokenKind::RightParen) {
        return unexpectedAfterOperand(peek());
    }
    advance();
    return inner;
}

bool Parser::startsImplicitFactor(const Token& token)
{
    switch (token.kind) {
    case TokenKind::Variable:
    case TokenKind::Constant:
    case TokenKind::Parameter:
    case TokenKind::Function:
    case TokenKind::LeftParen:
        return true;
    default:
        return false;
    }
}

NodePtr Parser::fail(ParseErrorCode code, std::size_t position, std::size_t length,
                     std::string message)
{
    if (m_error.code == ParseErrorCode::None) {
        m_error = {code, position, length, std::move(message)};
    }
    return nullptr;
}

NodePtr Parser::tooDeep(const Token& token)
{
    return fail(ParseErrorCode::NestedTooDeeply, token.position,
                std::max<std::size_t>(token.length, 1),
                "nested too deeply: more than " + std::to_string(kMaxDepth) +
                    " levels of parentheses, signs and powers");
}

// Where a number, a name or "(" should be.
NodePtr Parser::expectedOperand(const Token& token)
{
    if (token.kind == TokenKind::Error) {
        m_error = token.error;
        return nullptr;
    }
    std::string after;
    if (m_index > 0) {
        after = " after " + quoted(tokenText(m_text, m_tokens[m_index - 1]));
    }
    if (token.kind == TokenKind::End) {
        return fail(ParseErrorCode::UnexpectedEnd, m_text.size(), 0,
                    "unexpected end" + after + ": expected a number, a name or '('");
    }
    return fail(ParseErrorCode::UnexpectedToken, token.position, token.length,
                "unexpected " + quoted(tokenText(m_text, token)) + after +
                    ": expected a number, a name or '('");
}

// What is left over where an operator, ")" or the end should be.
NodePtr Parser::unexpectedAfterOperand(const Token& token)
{
    switch (token.kind) {
    case TokenKind::Error:
        m_error = token.error;
        return nullptr;
    case TokenKind::RightParen:
        return fail(ParseErrorCode::UnmatchedCloseParen, token.position, 1,
                    "')' has no matching '('");
    case TokenKind::Number:
        return fail(ParseErrorCode::UnexpectedToken, token.position, token.length,
                    "unexpected number " + quoted(tokenText(m_text, token)) +
                        ": write * to multiply by a number");
    case TokenKind::Comma:
        return fail(ParseErrorCode::UnexpectedToken, token.position, token.length,
                    "unexpected ',': commas only separate the arguments of a function");
    default:
        return fail(ParseErrorCode::UnexpectedToken, token.position, token.length,
                    "unexpected " + quoted(tokenText(m_text, token)));
    }
}

} // namespace

ParseResult parse(std::string_view text, const ParseOptions& options)
{
    return Parser(text, options).run();
}

} // namespace gradlab
