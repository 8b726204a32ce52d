// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differentiator.h"

#include "differentiation/simplifier.h"
#include "expression/builtins.h"
#include "expression/printer.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace gradlab {
namespace {

// The trace explains at most this many steps, nested at most this deep, and lists at most this
// many top-level terms one by one: it is read by people, and a fuzzed expression must not make
// it quadratic.
constexpr std::size_t kMaxTraceSteps = 200;
constexpr int kMaxTraceDepth = 8;
constexpr std::size_t kMaxListedTerms = 64;
// A step prints an expression only up to this many nodes (as a tree, shared parts counted each
// time they are printed) and "…" beyond: the derivative of sin nested n deep prints n² symbols.
constexpr std::size_t kMaxPrintedNodes = 2000;

std::string_view variableName(Variable variable)
{
    return variable == Variable::X ? "x" : "y";
}

bool isVariable(const Node& node, Variable variable)
{
    return node.kind() == NodeKind::Variable && node.variable() == variable;
}

bool isEulerNumber(const Node& node)
{
    return node.kind() == NodeKind::Constant && node.name() == "e";
}

/// \brief ∂/∂variable by the textbook rules, memoized over shared subtrees and iterative over
/// depth.
class RawDifferentiator
{
public:
    explicit RawDifferentiator(Variable variable)
        : m_variable(variable)
    {}

    Variable variable() const { return m_variable; }
    /// True when \a node contains the variable.
    bool depends(const NodePtr& node);
    /// The raw (unsimplified) derivative of \a node.
    NodePtr derivative(const NodePtr& node);

private:
    NodePtr rule(const NodePtr& node);
    const NodePtr& derivativeOf(const NodePtr& node) const
    {
        return m_derivatives.at(node.get()).second;
    }

    Variable m_variable = Variable::X;
    // Keyed by address; the input is kept in the value so that the address stays taken.
    std::unordered_map<const Node*, std::pair<NodePtr, bool>> m_depends;
    std::unordered_map<const Node*, std::pair<NodePtr, NodePtr>> m_derivatives;
    NodePtr m_zero = num(0);
    NodePtr m_one = num(1);
};

bool RawDifferentiator::depends(const NodePtr& root)
{
    std::vector<std::pair<NodePtr, bool>> stack{{root, false}};
    while (!stack.empty()) {
        auto& [node, expanded] = stack.back();
        if (m_depends.contains(node.get())) {
            stack.pop_back();
            continue;
        }
        if (!expanded) {
            expanded = true;
            const NodePtr current = node;
            for (const NodePtr& child : current->children()) {
                if (!m_depends.contains(child.get())) {
                    stack.emplace_back(child, false);
                }
            }
            continue;
        }
        bool result = isVariable(*node, m_variable);
        for (const NodePtr& child : node->children()) {
            result = result || m_depends.at(child.get()).second;
        }
        const Node* key = node.get();
        m_depends.emplace(key, std::make_pair(std::move(node), result));
        stack.pop_back();
    }
    return m_depends.at(root.get()).second;
}

NodePtr RawDifferentiator::derivative(const NodePtr& root)
{
    depends(root);
    std::vector<std::pair<NodePtr, bool>> stack{{root, false}};
    while (!stack.empty()) {
        auto& [node, expanded] = stack.back();
        if (m_derivatives.contains(node.get())) {
            stack.pop_back();
            continue;
        }
        // Constant rule: anything without the variable has derivative 0, whatever its inside.
        if (!expanded && m_depends.at(node.get()).second) {
            expanded = true;
            const NodePtr current = node;
            for (const NodePtr& child : current->children()) {
                if (!m_derivatives.contains(child.get())) {
                    stack.emplace_back(child, false);
                }
            }
            continue;
        }
        NodePtr result = m_depends.at(node.get()).second ? rule(node) : m_zero;
        const Node* key = node.get();
        m_derivatives.emplace(key, std::make_pair(std::move(node), std::move(result)));
        stack.pop_back();
    }
    return derivativeOf(root);
}

// One rule, applied to a node that contains the variable, its children already differentiated.
NodePtr RawDifferentiator::rule(const NodePtr& node)
{
    const auto& children = node->children();
    switch (node->kind()) {
    case NodeKind::Variable:
        return m_one; // dx/dx = 1
    case NodeKind::Negate:
        return neg(derivativeOf(children[0])); // (−u)′ = −u′
    case NodeKind::Add:
        return add(derivativeOf(children[0]), derivativeOf(children[1])); // (u + v)′ = u′ + v′
    case NodeKind::Subtract:
        return sub(derivativeOf(children[0]), derivativeOf(children[1])); // (u − v)′ = u′ − v′
    case NodeKind::Multiply: {
        const NodePtr& u = children[0];
        const NodePtr& v = children[1];
        if (!depends(u)) {
            return mul(u, derivativeOf(v)); // (c·v)′ = c·v′
        }
        if (!depends(v)) {
            return mul(v, derivativeOf(u)); // (u·c)′ = c·u′
        }
        // (u·v)′ = u′·v + u·v′
        return add(mul(derivativeOf(u), v), mul(u, derivativeOf(v)));
    }
    case NodeKind::Divide: {
        const NodePtr& u = children[0];
        const NodePtr& v = children[1];
        if (!depends(v)) {
            return div(derivativeOf(u), v); // (u/c)′ = u′/c
        }
        if (!depends(u)) {
            return neg(div(mul(u, derivativeOf(v)), pow(v, num(2)))); // (c/v)′ = −c·v′/v²
        }
        // (u/v)′ = (u′·v − u·v′)/v²
        return div(sub(mul(derivativeOf(u), v), mul(u, derivativeOf(v))), pow(v, num(2)));
    }
    case NodeKind::Power: {
        const NodePtr& u = children[0];
        const NodePtr& w = children[1];
        if (!depends(w)) {
            // (uⁿ)′ = n·uⁿ⁻¹·u′
            NodePtr lowered;
            if (w->kind() == NodeKind::Number) {
                lowered = num(w->value() - 1);
            } else if (w->kind() == NodeKind::Negate && w->child(0)->kind() == NodeKind::Number) {
                lowered = num(-w->child(0)->value() - 1);
            } else {
                lowered = sub(w, num(1));
            }
            return mul(mul(w, pow(u, lowered)), derivativeOf(u));
        }
        if (!depends(u)) {
            if (isEulerNumber(*u)) {
                return mul(node, derivativeOf(w)); // (eʷ)′ = eʷ·w′
            }
            // (aʷ)′ = aʷ·ln a·w′
            return mul(mul(node, call(Builtin::Log, u)), derivativeOf(w));
        }
        // (uʷ)′ = uʷ·(w′·ln u + w·u′/u)
        return mul(node, add(mul(derivativeOf(w), call(Builtin::Log, u)),
                             div(mul(w, derivativeOf(u)), u)));
    }
    case NodeKind::Call: {
        // Chain rule: f(u)′ = f′(u)·u′, f′ from the builtin table.
        const BuiltinInfo& info = builtinInfo(node->builtin());
        const NodePtr& u = children[0];
        return mul(info.derivative(u, node), derivativeOf(u));
    }
    default:
        return m_zero;
    }
}

/// The terms of a chain of + and −, left to right, each with its sign (unary minus is kept).
std::vector<std::pair<NodePtr, double>> sumTerms(const NodePtr& root)
{
    std::vector<std::pair<NodePtr, double>> terms;
    std::vector<std::pair<const NodePtr*, double>> stack{{&root, 1.0}};
    while (!stack.empty()) {
        const auto [node, sign] = stack.back();
        stack.pop_back();
        const NodeKind kind = (*node)->kind();
        if (kind == NodeKind::Add || kind == NodeKind::Subtract) {
            stack.emplace_back(&(*node)->child(1), kind == NodeKind::Add ? sign : -sign);
            stack.emplace_back(&(*node)->child(0), sign);
        } else {
            terms.emplace_back(*node, sign);
        }
    }
    return terms;
}

/// The parameters of an expression, in order of first appearance.
std::vector<std::string> parameterNames(const NodePtr& root)
{
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;
    std::unordered_set<const Node*> visited;
    std::vector<const Node*> stack{root.get()};
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        if (!visited.insert(node).second) {
            continue;
        }
        if (node->kind() == NodeKind::Parameter && seen.insert(node->name()).second) {
            names.push_back(node->name());
        }
        for (auto child = node->children().rbegin(); child != node->children().rend(); ++child) {
            stack.push_back(child->get());
        }
    }
    return names;
}

/// The pretty text of an expression a person can read, "…" for a larger one.
std::string stepText(const NodePtr& expression)
{
    return printedSize(*expression, kMaxPrintedNodes + 1) <= kMaxPrintedNodes
               ? toPrettyText(expression)
               : "…";
}

/// The rule in a builtin's own step, when its argument is the variable itself: "(trig)".
std::string builtinRuleDetail(const BuiltinInfo& info)
{
    return std::string(info.kinkRule.empty() ? info.rule : info.kinkRule);
}

/// The outer derivative as a chain-rule step names it: "sin′ = cos", "σ′(u) = σ(u)(1 − σ(u))".
std::string builtinOuterText(const BuiltinInfo& info)
{
    if (!info.kinkOuter.empty()) {
        return std::string(info.kinkOuter);
    }
    const std::string label(info.prettyName == "√" ? info.name : info.prettyName);
    const std::string_view text = info.derivativeText;
    const std::string_view argument = "(u)";
    const bool endsWithArgument =
        text.size() > argument.size() && text.substr(text.size() - argument.size()) == argument;
    if (endsWithArgument && text.find('u') == text.size() - 2) {
        return label + "′ = " + std::string(text.substr(0, text.size() - argument.size()));
    }
    return label + "′(u) = " + std::string(text);
}

/// \brief Builds the rule-by-rule explanation of one derivative.
class Tracer
{
public:
    explicit Tracer(Variable variable)
        : m_raw(variable)
    {}
    Derivation run(const NodePtr& expression);

private:
    void explain(const NodePtr& part, int depth, double sign);
    NodePtr simplifiedDerivative(const NodePtr& part);
    void addStep(DerivativeRule rule, std::string ruleName, NodePtr expression, NodePtr derivative,
                 int depth, std::string text);
    std::string innerText(const NodePtr& inner);

    RawDifferentiator m_raw;
    std::vector<DerivationStep> m_steps;
    // The simplified derivative of each part explained, by address (the part kept alive).
    std::unordered_map<const Node*, std::pair<NodePtr, NodePtr>> m_derivatives;
};

NodePtr Tracer::simplifiedDerivative(const NodePtr& part)
{
    const auto found = m_derivatives.find(part.get());
    if (found != m_derivatives.end()) {
        return found->second.second;
    }
    NodePtr derivative = simplify(m_raw.derivative(part));
    m_derivatives.emplace(part.get(), std::make_pair(part, derivative));
    return derivative;
}

void Tracer::addStep(DerivativeRule rule, std::string ruleName, NodePtr expression,
                     NodePtr derivative, int depth, std::string text)
{
    m_steps.push_back({rule, std::move(ruleName), std::move(expression), std::move(derivative),
                       depth, std::move(text)});
}

std::string Tracer::innerText(const NodePtr& inner)
{
    return "inner " + stepText(inner) + " → " + stepText(simplifiedDerivative(inner));
}

Derivation Tracer::run(const NodePtr& expression)
{
    Derivation derivation;
    derivation.variable = m_raw.variable();
    derivation.expression = expression;
    if (!expression) {
        return derivation;
    }
    derivation.result = simplifiedDerivative(expression);

    // "treat y as a constant", or "treat y, a and k as constants" with parameters.
    const Variable other = m_raw.variable() == Variable::X ? Variable::Y : Variable::X;
    std::vector<std::string> held{std::string(variableName(other))};
    for (std::string& name : parameterNames(expression)) {
        held.push_back(std::move(name));
    }
    std::string text = "treat ";
    for (std::size_t i = 0; i < held.size(); ++i) {
        text += (i == 0 ? "" : (i + 1 == held.size() ? " and " : ", ")) + held[i];
    }
    text += held.size() == 1 ? " as a constant" : " as constants";
    addStep(DerivativeRule::Constant, "constant", var(other), num(0), 0, std::move(text));

    const NodeKind kind = expression->kind();
    if (kind != NodeKind::Add && kind != NodeKind::Subtract) {
        explain(expression, 0, 1.0);
    } else {
        const auto terms = sumTerms(expression);
        for (std::size_t i = 0; i < terms.size() && i < kMaxListedTerms; ++i) {
            explain(terms[i].first, 0, terms[i].second);
        }
        if (terms.size() > kMaxListedTerms) {
            addStep(DerivativeRule::Sum, "sum rule", expression, derivation.result, 0,
                    "and " + std::to_string(terms.size() - kMaxListedTerms) + " more terms");
        }
        addStep(DerivativeRule::Sum, "sum rule", expression, derivation.result, 0,
                "sum rule: " + stepText(derivation.result));
    }
    derivation.steps = std::move(m_steps);
    return derivation;
}

// One step "part → derivative (rule)", then the steps of the parts the rule needed, one deeper.
// A negative sign shows a subtracted term with its minus: "−3xy → −3y".
void Tracer::explain(const NodePtr& part, int depth, double sign)
{
    if (m_steps.size() >= kMaxTraceSteps || depth > kMaxTraceDepth) {
        return;
    }
    const NodePtr derivative = simplifiedDerivative(part);
    const NodePtr shownPart = sign < 0 ? neg(part) : part;
    const auto shown = [sign](const NodePtr& node) {
        return sign < 0 ? simplify(neg(node)) : node;
    };
    const auto step = [&](DerivativeRule rule, std::string ruleName, const NodePtr& shownDerivative,
                          const std::string& detail) {
        addStep(rule, std::move(ruleName), part, derivative, depth,
                stepText(shownPart) + " → " + stepText(shownDerivative) + " (" + detail + ")");
    };
    const Variable variable = m_raw.variable();
    const auto& children = part->children();

    if (!m_raw.depends(part)) {
        step(DerivativeRule::Constant, "constant", shown(derivative), "constant");
        return;
    }
    switch (part->kind()) {
    case NodeKind::Variable:
        step(DerivativeRule::Variable, "variable", shown(derivative), "variable");
        return;
    case NodeKind::Negate:
        step(DerivativeRule::ConstantMultiple, "constant multiple", shown(derivative),
             "constant multiple");
        explain(children[0], depth + 1, 1.0);
        return;
    case NodeKind::Add:
    case NodeKind::Subtract:
        step(DerivativeRule::Sum, "sum rule", shown(derivative), "sum rule");
        for (const auto& [term, termSign] : sumTerms(part)) {
            explain(term, depth + 1, termSign);
        }
        return;
    case NodeKind::Multiply: {
        const bool leftConstant = !m_raw.depends(children[0]);
        const bool rightConstant = !m_raw.depends(children[1]);
        if (leftConstant || rightConstant) {
            step(DerivativeRule::ConstantMultiple, "constant multiple", shown(derivative),
                 "constant multiple");
            explain(leftConstant ? children[1] : children[0], depth + 1, 1.0);
            return;
        }
        step(DerivativeRule::Product, "product rule", shown(derivative),
             "product rule: (uv)′ = u′v + uv′");
        explain(children[0], depth + 1, 1.0);
        explain(children[1], depth + 1, 1.0);
        return;
    }
    case NodeKind::Divide:
        if (!m_raw.depends(children[1])) {
            step(DerivativeRule::ConstantMultiple, "constant multiple", shown(derivative),
                 "constant multiple");
            explain(children[0], depth + 1, 1.0);
        } else if (!m_raw.depends(children[0])) {
            step(DerivativeRule::ConstantMultiple, "constant multiple", shown(derivative),
                 "constant multiple: (c/v)′ = −c·v′/v²");
            explain(children[1], depth + 1, 1.0);
        } else {
            step(DerivativeRule::Quotient, "quotient rule", shown(derivative),
                 "quotient rule: (u/v)′ = (u′v − uv′)/v²");
            explain(children[0], depth + 1, 1.0);
            explain(children[1], depth + 1, 1.0);
        }
        return;
    case NodeKind::Power: {
        const NodePtr& base = children[0];
        const NodePtr& exponent = children[1];
        const NodePtr placeholder = Node::parameter("u");
        if (!m_raw.depends(exponent)) {
            if (isVariable(*base, variable)) {
                step(DerivativeRule::Power, "power rule", shown(derivative), "power rule");
                return;
            }
            // (uⁿ)′ = n·uⁿ⁻¹ with u′ behind it.
            const auto outer = [&exponent](const NodePtr& u) {
                return simplify(mul(exponent, pow(u, sub(exponent, num(1)))));
            };
            const NodePtr innerDerivative = simplifiedDerivative(base);
            const NodePtr outerAtBase = outer(base);
            step(DerivativeRule::Chain, "chain rule",
                 shown(innerDerivative->isNumber(1.0) ? outerAtBase
                                                      : mul(outerAtBase, innerDerivative)),
                 "chain rule: " + stepText(pow(placeholder, exponent)) + " → " +
                     stepText(outer(placeholder)) + ", " + innerText(base));
            explain(base, depth + 1, 1.0);
            return;
        }
        if (!m_raw.depends(base)) {
            // (aᵘ)′ = aᵘ·ln a with u′ behind it; ln e = 1.
            const auto outer = [&base](const NodePtr& u) {
                const NodePtr power = pow(base, u);
                return isEulerNumber(*base) ? power
                                            : simplify(mul(power, call(Builtin::Log, base)));
            };
            if (isVariable(*exponent, variable)) {
                step(DerivativeRule::Exponential, "exponential", shown(derivative),
                     isEulerNumber(*base) ? "exponential" : "exponential: aᵘ → aᵘ·ln a");
                return;
            }
            const NodePtr innerDerivative = simplifiedDerivative(exponent);
            const NodePtr outerAtExponent = outer(exponent);
            step(DerivativeRule::Chain, "chain rule",
                 shown(innerDerivative->isNumber(1.0) ? outerAtExponent
                                                      : mul(outerAtExponent, innerDerivative)),
                 "chain rule: " + stepText(pow(base, placeholder)) + " → " +
                     stepText(outer(placeholder)) + ", " + innerText(exponent));
            explain(exponent, depth + 1, 1.0);
            return;
        }
        step(DerivativeRule::Power, "power rule", shown(derivative),
             "power rule for u^v: (u^v)′ = u^v·(v′·ln u + v·u′/u)");
        explain(base, depth + 1, 1.0);
        explain(exponent, depth + 1, 1.0);
        return;
    }
    case NodeKind::Call: {
        const BuiltinInfo& info = builtinInfo(part->builtin());
        const NodePtr& argument = children[0];
        const std::string ruleName(info.rule);
        if (isVariable(*argument, variable)) {
            step(info.ruleKind, ruleName, shown(derivative), builtinRuleDetail(info));
            return;
        }
        const NodePtr outer = simplify(info.derivative(argument, part));
        const NodePtr innerDerivative = simplifiedDerivative(argument);
        step(DerivativeRule::Chain, "chain rule",
             shown(innerDerivative->isNumber(1.0) ? outer : mul(outer, innerDerivative)),
             "chain rule: " + builtinOuterText(info) + ", " + innerText(argument));
        explain(argument, depth + 1, 1.0);
        return;
    }
    default:
        step(DerivativeRule::Constant, "constant", shown(derivative), "constant");
        return;
    }
}

} // namespace

std::string Derivation::summary() const
{
    std::string text;
    for (const DerivationStep& step : steps) {
        if (step.depth != 0) {
            continue;
        }
        text += (text.empty() ? "" : "; ") + step.text;
    }
    return text;
}

NodePtr differentiate(const NodePtr& expression, Variable variable)
{
    if (!expression) {
        return expression;
    }
    RawDifferentiator differentiator(variable);
    return differentiator.derivative(expression);
}

NodePtr partialDerivative(const NodePtr& expression, Variable variable)
{
    return simplify(differentiate(expression, variable));
}

Derivation derive(const NodePtr& expression, Variable variable)
{
    Tracer tracer(variable);
    return tracer.run(expression);
}

} // namespace gradlab
