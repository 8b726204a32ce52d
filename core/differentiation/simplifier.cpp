// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "simplifier.h"

#include "expression/builtins.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gradlab {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Every integer up to 2^53 is a double, so integer arithmetic below it is exact.
constexpr double kExactIntegerLimit = 9007199254740992.0;
// A folded number is snapped to the decimal of at most this many significant digits lying within
// kSnapUlps units in the last place: 0.1 + 0.2 becomes 0.3, but 1/3 has no such decimal.
constexpr int kSnapDigits = 12;
constexpr double kSnapUlps = 2.0;

bool isInteger(double value)
{
    return std::isfinite(value) && value == std::trunc(value);
}

double withoutNegativeZero(double value)
{
    return value == 0 ? 0.0 : value;
}

/// The short decimal \a value stands for, if there is one (see kSnapDigits).
std::optional<double> shortDecimal(double value)
{
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    if (value == 0) {
        return 0.0;
    }
    const double magnitude = std::fabs(value);
    const double ulp = std::nextafter(magnitude, kInfinity) - magnitude;
    char buffer[64];
    for (int digits = 1; digits <= kSnapDigits; ++digits) {
        const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                                std::chars_format::general, digits);
        if (error != std::errc()) {
            return std::nullopt;
        }
        double decimal = 0;
        std::from_chars(buffer, end, decimal);
        if (std::fabs(decimal - value) <= kSnapUlps * ulp) {
            return withoutNegativeZero(decimal);
        }
    }
    return std::nullopt;
}

/// A sum or product of numbers: folded whenever it is finite (never into NaN or ±inf).
std::optional<double> foldFinite(double value)
{
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    return withoutNegativeZero(shortDecimal(value).value_or(value));
}

std::optional<double> foldSum(double a, double b)
{
    return foldFinite(a + b);
}

std::optional<double> foldProduct(double a, double b)
{
    return foldFinite(a * b);
}

/// a / b, folded only when the quotient is exact or a short decimal: 1/4 → 0.25, 1/10 → 0.1,
/// while 1/3 stays a fraction and 1/0 stays a pole.
std::optional<double> foldQuotient(double a, double b)
{
    if (b == 0) {
        return std::nullopt;
    }
    const double quotient = a / b;
    if (!std::isfinite(quotient)) {
        return std::nullopt;
    }
    // q·b − a, computed with a single rounding, is zero only when the division was exact.
    if (std::fma(quotient, b, -a) == 0) {
        return withoutNegativeZero(quotient);
    }
    return shortDecimal(quotient);
}

/// a^b, folded only when the power is exact (whole numbers below 2^53) or a short decimal.
std::optional<double> foldPower(double a, double b)
{
    const double power = std::pow(a, b);
    if (!std::isfinite(power)) {
        return std::nullopt;
    }
    if (isInteger(a) && isInteger(b) && b >= 0 && std::fabs(power) <= kExactIntegerLimit) {
        return withoutNegativeZero(power);
    }
    return shortDecimal(power);
}

/// The value of a Number, or of a negated Number, when it is finite.
std::optional<double> numericValue(const Node& node)
{
    if (node.kind() == NodeKind::Number && std::isfinite(node.value())) {
        return node.value();
    }
    if (node.kind() == NodeKind::Negate && node.child(0)->kind() == NodeKind::Number &&
        std::isfinite(node.child(0)->value())) {
        return -node.child(0)->value();
    }
    return std::nullopt;
}

bool isFiniteNonzeroNumber(const Node& node)
{
    return node.kind() == NodeKind::Number && std::isfinite(node.value()) && node.value() != 0;
}

/// A node as a key of the unique table: two nodes are the same once their children are unique
/// when they agree in kind, payload and child identity. The key is the node itself, so a lookup
/// copies neither the name nor the list of children.
struct NodeKey
{
    const Node* node = nullptr;

    /// The variable or the builtin, 0 for other kinds.
    static int indexOf(const Node& node)
    {
        if (node.kind() == NodeKind::Variable) {
            return static_cast<int>(node.variable());
        }
        return node.kind() == NodeKind::Call ? static_cast<int>(node.builtin()) : 0;
    }

    bool operator==(const NodeKey& other) const
    {
        const Node& a = *node;
        const Node& b = *other.node;
        if (a.kind() != b.kind() ||
            std::bit_cast<std::uint64_t>(a.value()) != std::bit_cast<std::uint64_t>(b.value()) ||
            indexOf(a) != indexOf(b) || a.name() != b.name() ||
            a.children().size() != b.children().size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.children().size(); ++i) {
            if (a.child(i) != b.child(i)) {
                return false;
            }
        }
        return true;
    }
};

struct NodeKeyHash
{
    std::size_t operator()(const NodeKey& key) const
    {
        const Node& node = *key.node;
        std::size_t hash = std::hash<int>()(static_cast<int>(node.kind()));
        const auto mix = [&hash](std::size_t value) {
            hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
        };
        mix(std::hash<std::uint64_t>()(std::bit_cast<std::uint64_t>(node.value())));
        mix(std::hash<int>()(NodeKey::indexOf(node)));
        mix(std::hash<std::string>()(node.name()));
        for (const NodePtr& child : node.children()) {
            mix(std::hash<const Node*>()(child.get()));
        }
        return hash;
    }
};

/// base^exponent inside a product; the base is a unique node, the exponent a nonzero number.
struct Factor
{
    NodePtr base;
    double exponent = 1.0;
};

/// coefficient · ∏ factors, the factors in the order they first appeared.
struct Product
{
    double coefficient = 1.0;
    std::vector<Factor> factors;
};

/// coefficient · monomial, one term of a sum; no factors means the constant term.
struct Term
{
    double coefficient = 0.0;
    std::vector<Factor> factors;
    std::size_t order = 0; ///< position of first appearance
};

/// A simplified product (or sum) of more parts than this that is a part of a larger one stays
/// whole there: reading its parts again at every use would cost the square of the length of a
/// chain of products such as the product rule builds, (uv)′ = u′v + uv′ with u a product itself.
constexpr std::size_t kMaxFlattenedParts = 64;

/// Whether the chain of ·, / (\a product) or +, − at \a root has more than kMaxFlattenedParts
/// parts. Walks at most that many.
bool isLongChain(const Node& root, bool product)
{
    std::vector<const Node*> stack{&root};
    std::size_t parts = 0;
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        const NodeKind kind = node->kind();
        const bool inner = kind == NodeKind::Negate ||
                           (product ? kind == NodeKind::Multiply || kind == NodeKind::Divide
                                    : kind == NodeKind::Add || kind == NodeKind::Subtract);
        if (!inner) {
            if (++parts > kMaxFlattenedParts) {
                return true;
            }
            continue;
        }
        for (const NodePtr& child : node->children()) {
            stack.push_back(child.get());
        }
    }
    return false;
}

/// Sort order of factors in a printed product: 3·π·a·x·y·sin(x).
int factorCategory(const Node& base)
{
    switch (base.kind()) {
    case NodeKind::Number:
        return 0;
    case NodeKind::Constant:
        return 1;
    case NodeKind::Parameter:
        return 2;
    case NodeKind::Variable:
        return base.variable() == Variable::X ? 3 : 4;
    default:
        return 5;
    }
}

/// A factor that makes its product undefined whatever the coefficient: 1/0, or a literal ±inf.
bool isPole(const Factor& factor)
{
    const Node& base = *factor.base;
    return base.kind() == NodeKind::Number &&
           (!std::isfinite(base.value()) || (base.value() == 0 && factor.exponent < 0));
}

bool hasPole(const std::vector<Factor>& factors)
{
    return std::any_of(factors.begin(), factors.end(), isPole);
}

/// Whether u^a·u^b may become u^(a+b) without changing the value anywhere the product is defined
/// (and without defining it where it was not: x/x stays, since it is undefined at 0).
bool canMergeExponents(const Node& base, double a, double b)
{
    if (isFiniteNonzeroNumber(base)) {
        return true;
    }
    if ((a > 0) != (b > 0)) {
        return false;
    }
    // x^0.5·x^0.5 would be x, defined for x < 0 where the product is not.
    return (isInteger(a) && isInteger(b)) || !isInteger(a + b);
}

/// Whether (u^a)^n may become u^(a·n): whole n, and no whole a·n from a fractional a
/// ((x^0.5)^2 is not x for x < 0).
bool canRaiseExponent(double a, double n)
{
    return isInteger(n) && std::isfinite(a * n) && (isInteger(a) || !isInteger(a * n));
}

/// The simplification of one expression: a single bottom-up pass over the tree (shared subtrees
/// visited once), iterative so that depth costs heap, not stack. Chains of + and − are simplified
/// as one sum, chains of · and / as one product. Every node it builds is unique (hash-consed), so
/// equal subexpressions are the same pointer and like terms are found by identity.
class Simplifier
{
public:
    NodePtr run(const NodePtr& root);

private:
    struct Frame
    {
        NodePtr node;
        bool expanded = false;
    };
    struct Done
    {
        NodePtr input; ///< kept alive so that its address is never reused while it is a key
        NodePtr result;
    };
    /// Accumulates factors, merging like ones.
    class ProductBuilder
    {
    public:
        explicit ProductBuilder(Simplifier& simplifier)
            : m_simplifier(simplifier)
        {}
        void multiplyCoefficient(double value, double sign);
        void addFactor(const NodePtr& base, double exponent);
        void multiply(const Product& product, double sign);
        Product take();

    private:
        Simplifier& m_simplifier;
        Product m_product;
        std::unordered_map<const Node*, std::vector<std::size_t>> m_positions;
    };
    /// Accumulates terms, merging like ones.
    class SumBuilder
    {
    public:
        void addTerm(double coefficient, const std::vector<Factor>& factors);
        std::vector<Term>& terms() { return m_terms; }

    private:
        using MonomialKey = std::vector<std::pair<const Node*, double>>;
        struct MonomialKeyHash
        {
            std::size_t operator()(const MonomialKey& key) const;
        };
        std::vector<Term> m_terms;
        std::unordered_map<MonomialKey, std::size_t, MonomialKeyHash> m_positions;
    };

    void countParents(const NodePtr& root);
    /// Whether an inner node of a chain is simplified on its own rather than as part of the
    /// chain: it is when several nodes share it, so that it is simplified once, not once per user.
    bool isOwnUnit(const NodePtr& node, const NodePtr& root) const
    {
        return node != root && m_parentCounts.at(node.get()) > 1;
    }
    void collectOperands(const NodePtr& node, std::vector<NodePtr>& operands) const;
    /// The leaves of the chain at \a root; of an input chain (\a input) without the shared inner
    /// nodes, which are leaves themselves.
    void sumLeaves(const NodePtr& root, bool input,
                   std::vector<std::pair<NodePtr, double>>& leaves) const;
    void productLeaves(const NodePtr& root, bool input,
                       std::vector<std::pair<NodePtr, double>>& leaves) const;
    const NodePtr& result(const NodePtr& input) const { return m_done.at(input.get()).result; }

    NodePtr combine(const NodePtr& node);
    NodePtr combineLeaf(const NodePtr& node);
    NodePtr combineSum(const NodePtr& node);
    NodePtr combineProduct(const NodePtr& node);
    NodePtr combinePower(const NodePtr& node);
    NodePtr combineCall(const NodePtr& node);

    Product productOf(const NodePtr& simplified);
    void addTerms(const NodePtr& simplified, double sign, SumBuilder& sum);
    NodePtr buildSum(std::vector<Term> terms);
    NodePtr buildProduct(const Product& product);
    NodePtr buildMagnitude(double magnitude, const std::vector<Factor>& factors);

    NodePtr unique(NodePtr node);
    NodePtr number(double value);
    NodePtr negated(NodePtr operand) { return unique(Node::negate(std::move(operand))); }
    NodePtr binary(NodeKind kind, NodePtr left, NodePtr right)
    {
        return unique(Node::binary(kind, std::move(left), std::move(right)));
    }

    std::unordered_map<const Node*, Done> m_done;
    std::unordered_map<const Node*, int> m_parentCounts;
    std::unordered_map<NodeKey, NodePtr, NodeKeyHash> m_unique;
};

NodePtr Simplifier::unique(NodePtr node)
{
    // A new node is its own key: the table keeps it alive with its value.
    auto [position, inserted] = m_unique.try_emplace(NodeKey{node.get()}, node);
    return position->second;
}

NodePtr Simplifier::number(double value)
{
    value = withoutNegativeZero(value);
    // Numbers are never negative in the result: −3 is Negate(3), as the parser reads "-3".
    if (value < 0) {
        return negated(unique(Node::number(-value)));
    }
    return unique(Node::number(value));
}

void Simplifier::countParents(const NodePtr& root)
{
    std::vector<const Node*> stack{root.get()};
    m_parentCounts[root.get()] = 1;
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        for (const NodePtr& child : node->children()) {
            if (m_parentCounts[child.get()]++ == 0) {
                stack.push_back(child.get());
            }
        }
    }
}

NodePtr Simplifier::run(const NodePtr& root)
{
    countParents(root);
    std::vector<Frame> stack{{root, false}};
    std::vector<NodePtr> operands;
    while (!stack.empty()) {
        if (m_done.contains(stack.back().node.get())) {
            stack.pop_back();
            continue;
        }
        if (!stack.back().expanded) {
            stack.back().expanded = true;
            operands.clear();
            collectOperands(stack.back().node, operands);
            for (const NodePtr& operand : operands) {
                if (!m_done.contains(operand.get())) {
                    stack.push_back({operand, false});
                }
            }
            continue;
        }
        NodePtr node = std::move(stack.back().node);
        stack.pop_back();
        NodePtr simplified = combine(node);
        const Node* key = node.get();
        m_done.emplace(key, Done{std::move(node), std::move(simplified)});
    }
    return result(root);
}

void Simplifier::collectOperands(const NodePtr& node, std::vector<NodePtr>& operands) const
{
    std::vector<std::pair<NodePtr, double>> leaves;
    switch (node->kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Negate:
        sumLeaves(node, true, leaves);
        break;
    case NodeKind::Multiply:
    case NodeKind::Divide:
        productLeaves(node, true, leaves);
        break;
    default:
        operands = node->children();
        return;
    }
    for (auto& leaf : leaves) {
        operands.push_back(std::move(leaf.first));
    }
}

// The terms of a chain of +, − and unary −, left to right, each with its sign.
void Simplifier::sumLeaves(const NodePtr& root, bool input,
                           std::vector<std::pair<NodePtr, double>>& leaves) const
{
    std::vector<std::pair<const NodePtr*, double>> stack{{&root, 1.0}};
    while (!stack.empty()) {
        const auto [node, sign] = stack.back();
        stack.pop_back();
        if (input && isOwnUnit(*node, root)) {
            leaves.emplace_back(*node, sign);
            continue;
        }
        switch ((*node)->kind()) {
        case NodeKind::Add:
            stack.emplace_back(&(*node)->child(1), sign);
            stack.emplace_back(&(*node)->child(0), sign);
            break;
        case NodeKind::Subtract:
            stack.emplace_back(&(*node)->child(1), -sign);
            stack.emplace_back(&(*node)->child(0), sign);
            break;
        case NodeKind::Negate:
            stack.emplace_back(&(*node)->child(0), -sign);
            break;
        default:
            leaves.emplace_back(*node, sign);
        }
    }
}

// The factors of a chain of · and /, left to right, each with exponent +1 or −1.
void Simplifier::productLeaves(const NodePtr& root, bool input,
                               std::vector<std::pair<NodePtr, double>>& leaves) const
{
    std::vector<std::pair<const NodePtr*, double>> stack{{&root, 1.0}};
    while (!stack.empty()) {
        const auto [node, exponent] = stack.back();
        stack.pop_back();
        if (input && isOwnUnit(*node, root)) {
            leaves.emplace_back(*node, exponent);
            continue;
        }
        switch ((*node)->kind()) {
        case NodeKind::Multiply:
            stack.emplace_back(&(*node)->child(1), exponent);
            stack.emplace_back(&(*node)->child(0), exponent);
            break;
        case NodeKind::Divide:
            stack.emplace_back(&(*node)->child(1), -exponent);
            stack.emplace_back(&(*node)->child(0), exponent);
            break;
        default:
            leaves.emplace_back(*node, exponent);
        }
    }
}

NodePtr Simplifier::combine(const NodePtr& node)
{
    switch (node->kind()) {
    case NodeKind::Add:
    case NodeKind::Subtract:
    case NodeKind::Negate:
        return combineSum(node);
    case NodeKind::Multiply:
    case NodeKind::Divide:
        return combineProduct(node);
    case NodeKind::Power:
        return combinePower(node);
    case NodeKind::Call:
        return combineCall(node);
    default:
        return combineLeaf(node);
    }
}

NodePtr Simplifier::combineLeaf(const NodePtr& node)
{
    if (node->kind() == NodeKind::Number && std::isfinite(node->value())) {
        return number(node->value());
    }
    return unique(node);
}

NodePtr Simplifier::combineSum(const NodePtr& node)
{
    std::vector<std::pair<NodePtr, double>> leaves;
    sumLeaves(node, true, leaves);
    SumBuilder sum;
    for (const auto& [leaf, sign] : leaves) {
        addTerms(result(leaf), sign, sum);
    }
    return buildSum(std::move(sum.terms()));
}

NodePtr Simplifier::combineProduct(const NodePtr& node)
{
    std::vector<std::pair<NodePtr, double>> leaves;
    productLeaves(node, true, leaves);
    ProductBuilder product(*this);
    for (const auto& [leaf, exponent] : leaves) {
        product.multiply(productOf(result(leaf)), exponent);
    }
    return buildProduct(product.take());
}

NodePtr Simplifier::combinePower(const NodePtr& node)
{
    const NodePtr& base = result(node->child(0));
    const NodePtr& exponent = result(node->child(1));
    const std::optional<double> baseValue = numericValue(*base);
    if (base->isNumber(1.0)) {
        return base; // 1^u = 1 for every u, as pow has it
    }
    const std::optional<double> power = numericValue(*exponent);
    if (!power) {
        return binary(NodeKind::Power, base, exponent);
    }
    const double n = *power;
    if (n == 0) {
        return number(1); // u^0 = 1, even where u is undefined, as pow has it
    }
    if (n == 1) {
        return base;
    }
    if (baseValue) {
        if (const std::optional<double> folded = foldPower(*baseValue, n)) {
            return number(*folded);
        }
    }
    if (base->isNumber(0.0) && n > 0) {
        return number(0);
    }
    ProductBuilder raised(*this);
    if (!isInteger(n)) {
        raised.addFactor(base, n);
        return buildProduct(raised.take());
    }
    // (c·∏ bᵢ^eᵢ)ⁿ = cⁿ·∏ bᵢ^(eᵢ·n) for whole n; the sign of c survives odd n only.
    const Product product = productOf(base);
    const double magnitude = std::fabs(product.coefficient);
    const bool odd = std::fmod(std::fabs(n), 2.0) == 1.0;
    if (product.coefficient < 0 && odd) {
        raised.multiplyCoefficient(-1, 1);
    }
    if (magnitude != 1) {
        if (const std::optional<double> folded = foldPower(magnitude, n)) {
            raised.multiplyCoefficient(*folded, 1);
        } else {
            raised.addFactor(number(magnitude), n);
        }
    }
    for (const Factor& factor : product.factors) {
        if (canRaiseExponent(factor.exponent, n)) {
            raised.addFactor(factor.base, factor.exponent * n);
        } else {
            raised.addFactor(buildMagnitude(1, {factor}), n);
        }
    }
    return buildProduct(raised.take());
}

NodePtr Simplifier::combineCall(const NodePtr& node)
{
    std::vector<NodePtr> arguments;
    for (const NodePtr& child : node->children()) {
        arguments.push_back(result(child));
    }
    const BuiltinInfo& info = builtinInfo(node->builtin());
    if (arguments.size() == 1) {
        const NodePtr& argument = arguments.front();
        if (const std::optional<double> value = numericValue(*argument)) {
            if (const std::optional<double> folded = shortDecimal(info.evaluate(*value))) {
                return number(*folded);
            }
        }
        // ln e = 1
        if (node->builtin() == Builtin::Log && argument->kind() == NodeKind::Constant &&
            argument->name() == "e") {
            return number(1);
        }
        if (node->builtin() == Builtin::Abs) {
            // |−u| = |u| and ||u|| = |u|
            if (argument->kind() == NodeKind::Negate) {
                return unique(call(Builtin::Abs, argument->child(0)));
            }
            if (argument->kind() == NodeKind::Call && argument->builtin() == Builtin::Abs) {
                return argument;
            }
        }
    }
    return unique(Node::call(node->builtin(), std::move(arguments)));
}

// Reads a simplified node as coefficient · ∏ factors.
Product Simplifier::productOf(const NodePtr& simplified)
{
    if (isLongChain(*simplified, true)) {
        return Product{1.0, {Factor{simplified, 1.0}}};
    }
    ProductBuilder product(*this);
    std::vector<std::pair<const NodePtr*, double>> stack{{&simplified, 1.0}};
    while (!stack.empty()) {
        const auto [node, exponent] = stack.back();
        stack.pop_back();
        const Node& current = **node;
        switch (current.kind()) {
        case NodeKind::Negate:
            product.multiplyCoefficient(-1, 1);
            stack.emplace_back(&current.child(0), exponent);
            break;
        case NodeKind::Multiply:
            stack.emplace_back(&current.child(1), exponent);
            stack.emplace_back(&current.child(0), exponent);
            break;
        case NodeKind::Divide:
            stack.emplace_back(&current.child(1), -exponent);
            stack.emplace_back(&current.child(0), exponent);
            break;
        case NodeKind::Power:
            if (const std::optional<double> power = numericValue(*current.child(1))) {
                product.addFactor(current.child(0), *power * exponent);
            } else {
                product.addFactor(*node, exponent);
            }
            break;
        default:
            product.addFactor(*node, exponent);
        }
    }
    return product.take();
}

void Simplifier::addTerms(const NodePtr& simplified, double sign, SumBuilder& sum)
{
    if (isLongChain(*simplified, false)) {
        sum.addTerm(sign, {Factor{simplified, 1.0}});
        return;
    }
    std::vector<std::pair<NodePtr, double>> terms;
    sumLeaves(simplified, false, terms);
    for (const auto& [term, termSign] : terms) {
        const Product product = productOf(term);
        sum.addTerm(product.coefficient * sign * termSign, product.factors);
    }
}

NodePtr Simplifier::buildSum(std::vector<Term> terms)
{
    std::erase_if(terms,
                  [](const Term& term) { return term.coefficient == 0 && !hasPole(term.factors); });
    // A polynomial in x and y (numbers, constants and parameters as coefficients) is written by
    // degree, x before y: x² + 3xy + y². The constant stays first if it came first (1 − x²),
    // otherwise it goes last (3x² + 5x − 7). Any other sum keeps the order it was written in.
    struct Degree
    {
        bool polynomial = true;
        double total = 0;
        double x = 0;
    };
    std::vector<Degree> degrees(terms.size());
    bool polynomial = true;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        for (const Factor& factor : terms[i].factors) {
            const int category = factorCategory(*factor.base);
            if (category >= 3 && category <= 4 && factor.exponent > 0 &&
                isInteger(factor.exponent)) {
                degrees[i].total += factor.exponent;
                degrees[i].x += category == 3 ? factor.exponent : 0;
            } else if (category > 2) {
                degrees[i].polynomial = false;
            }
        }
        polynomial = polynomial && degrees[i].polynomial;
        terms[i].order = i;
    }
    if (polynomial && terms.size() > 1) {
        const bool constantFirst = degrees.front().total == 0;
        std::stable_sort(terms.begin(), terms.end(), [&](const Term& a, const Term& b) {
            const Degree& p = degrees[a.order];
            const Degree& q = degrees[b.order];
            const bool pFirst = constantFirst && p.total == 0;
            const bool qFirst = constantFirst && q.total == 0;
            if (pFirst != qFirst) {
                return pFirst;
            }
            if (p.total != q.total) {
                return p.total > q.total;
            }
            return p.x > q.x;
        });
    }
    NodePtr sum;
    for (const Term& term : terms) {
        NodePtr magnitude = buildMagnitude(std::fabs(term.coefficient), term.factors);
        const bool negative = term.coefficient < 0;
        if (!sum) {
            sum = negative ? negated(std::move(magnitude)) : std::move(magnitude);
        } else {
            sum = binary(negative ? NodeKind::Subtract : NodeKind::Add, std::move(sum),
                         std::move(magnitude));
        }
    }
    return sum ? sum : number(0);
}

NodePtr Simplifier::buildProduct(const Product& product)
{
    if (product.coefficient == 0 && !hasPole(product.factors)) {
        return number(0); // 0·u = 0
    }
    // −(u + v) is written −u − v: a sum the same length, with one minus sign less.
    if (product.coefficient == -1 && product.factors.size() == 1 &&
        product.factors.front().exponent == 1) {
        const NodeKind kind = product.factors.front().base->kind();
        if (kind == NodeKind::Add || kind == NodeKind::Subtract) {
            SumBuilder sum;
            addTerms(product.factors.front().base, -1, sum);
            return buildSum(std::move(sum.terms()));
        }
    }
    NodePtr magnitude = buildMagnitude(std::fabs(product.coefficient), product.factors);
    return product.coefficient < 0 ? negated(std::move(magnitude)) : magnitude;
}

// |coefficient| · ∏ factors as a node: numbers first, then constants, parameters, x, y and the
// rest as they came; factors with negative exponents form the denominator (3x/y², not 3xy^-2).
NodePtr Simplifier::buildMagnitude(double magnitude, const std::vector<Factor>& factors)
{
    if (magnitude == 0) {
        // 0 times a pole (0·x/0) is undefined whatever the other factors: written 0/0.
        return binary(NodeKind::Divide, number(0), number(0));
    }
    // A division by zero is written last and alone, u/0, never as a factor 0 in a denominator.
    bool dividedByZero = false;
    std::vector<const Factor*> ordered;
    for (const Factor& factor : factors) {
        if (factor.base->isNumber(0.0) && factor.exponent < 0) {
            dividedByZero = true;
        } else {
            ordered.push_back(&factor);
        }
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const Factor* a, const Factor* b) {
        return factorCategory(*a->base) < factorCategory(*b->base);
    });
    const auto power = [this](const Factor& factor, double exponent) {
        return exponent == 1 ? factor.base : binary(NodeKind::Power, factor.base, number(exponent));
    };
    NodePtr numerator;
    NodePtr denominator;
    bool numeratorHasFactors = false;
    for (const Factor* factor : ordered) {
        numeratorHasFactors = numeratorHasFactors || factor->exponent > 0;
    }
    if (magnitude != 1 || !numeratorHasFactors) {
        numerator = number(magnitude);
    }
    for (const Factor* factor : ordered) {
        NodePtr& side = factor->exponent > 0 ? numerator : denominator;
        NodePtr node = power(*factor, std::fabs(factor->exponent));
        side = side ? binary(NodeKind::Multiply, side, std::move(node)) : std::move(node);
    }
    NodePtr quotient = denominator
                           ? binary(NodeKind::Divide, std::move(numerator), std::move(denominator))
                           : std::move(numerator);
    return dividedByZero ? binary(NodeKind::Divide, std::move(quotient), number(0)) : quotient;
}

void Simplifier::ProductBuilder::multiplyCoefficient(double value, double sign)
{
    double& coefficient = m_product.coefficient;
    const std::optional<double> folded =
        sign > 0 ? foldProduct(coefficient, value) : foldQuotient(coefficient, value);
    if (folded) {
        coefficient = *folded;
        return;
    }
    // Not foldable (1/3, an overflow, a division by zero): the number stays a factor.
    if (value < 0) {
        coefficient = -coefficient;
    }
    addFactor(m_simplifier.number(std::fabs(value)), sign);
}

void Simplifier::ProductBuilder::multiply(const Product& product, double sign)
{
    multiplyCoefficient(product.coefficient, sign);
    for (const Factor& factor : product.factors) {
        addFactor(factor.base, factor.exponent * sign);
    }
}

void Simplifier::ProductBuilder::addFactor(const NodePtr& base, double exponent)
{
    if (const std::optional<double> value = numericValue(*base)) {
        // bⁿ for whole n is the number b^|n| to the power ±1, when that power is exact: 1/3² = 1/9.
        if (*value >= 0 && isInteger(exponent) && std::fabs(exponent) > 1) {
            if (const std::optional<double> power = foldPower(*value, std::fabs(exponent))) {
                addFactor(m_simplifier.number(*power), exponent > 0 ? 1.0 : -1.0);
                return;
            }
        }
        if (*value < 0) {
            // (−b)^e for whole e is ±b^e; otherwise −b stays the base.
            if (isInteger(exponent)) {
                if (std::fmod(std::fabs(exponent), 2.0) == 1.0) {
                    m_product.coefficient = -m_product.coefficient;
                }
                addFactor(base->child(0), exponent);
                return;
            }
        } else if (exponent == 1 || exponent == -1) {
            // A plain number joins the coefficient when the result is exact or short.
            const std::optional<double> folded = exponent > 0
                                                     ? foldProduct(m_product.coefficient, *value)
                                                     : foldQuotient(m_product.coefficient, *value);
            if (folded) {
                m_product.coefficient = *folded;
                return;
            }
        } else if (const std::optional<double> power = foldPower(*value, exponent)) {
            if (const std::optional<double> folded = foldProduct(m_product.coefficient, *power)) {
                m_product.coefficient = *folded;
                return;
            }
        }
    }
    std::vector<std::size_t>& positions = m_positions[base.get()];
    for (std::size_t position : positions) {
        Factor& factor = m_product.factors[position];
        if (!canMergeExponents(*base, factor.exponent, exponent)) {
            continue;
        }
        if (const std::optional<double> sum = foldSum(factor.exponent, exponent)) {
            factor.exponent = *sum; // u^a·u^b = u^(a+b)
            return;
        }
    }
    positions.push_back(m_product.factors.size());
    m_product.factors.push_back({base, exponent});
}

Product Simplifier::ProductBuilder::take()
{
    // Numbers left as factors (1/3 = 3^-1) may now fold into the coefficient: 3·(1/3) = 1, and
    // whole fractions are reduced: 2/6 = 1/3.
    Product product = std::move(m_product);
    std::erase_if(product.factors, [](const Factor& factor) { return factor.exponent == 0; });
    for (Factor& factor : product.factors) {
        if (factor.base->isNumber(0.0) && factor.exponent < 0) {
            factor.exponent = -1; // 1/0^a is the pole 1/0 for every a > 0
            continue;
        }
        if (!isFiniteNonzeroNumber(*factor.base)) {
            continue;
        }
        // bⁿ for whole n becomes the number b^|n| to the power ±1 when exact: 3·3 = 9 in 1/(3·3).
        if (isInteger(factor.exponent) && std::fabs(factor.exponent) > 1) {
            if (const std::optional<double> power =
                    foldPower(factor.base->value(), std::fabs(factor.exponent))) {
                factor.base = m_simplifier.number(*power);
                factor.exponent = factor.exponent > 0 ? 1 : -1;
            }
        }
        const double base = factor.base->value();
        double& coefficient = product.coefficient;
        if (factor.exponent == 1) {
            if (const std::optional<double> folded = foldProduct(coefficient, base)) {
                coefficient = *folded;
                factor.exponent = 0;
            }
            continue;
        }
        if (factor.exponent == -1) {
            if (const std::optional<double> folded = foldQuotient(coefficient, base)) {
                coefficient = *folded;
                factor.exponent = 0;
            } else if (isInteger(coefficient) && isInteger(base) &&
                       std::fabs(coefficient) <= kExactIntegerLimit && base <= kExactIntegerLimit) {
                const auto divisor = std::gcd(static_cast<std::int64_t>(std::fabs(coefficient)),
                                              static_cast<std::int64_t>(base));
                if (divisor > 1) {
                    coefficient /= static_cast<double>(divisor);
                    factor.base = m_simplifier.number(base / static_cast<double>(divisor));
                }
            }
        }
    }
    std::erase_if(product.factors, [](const Factor& factor) { return factor.exponent == 0; });
    m_positions.clear();
    m_product = Product{};
    return product;
}

void Simplifier::SumBuilder::addTerm(double coefficient, const std::vector<Factor>& factors)
{
    MonomialKey key;
    for (const Factor& factor : factors) {
        key.emplace_back(factor.base.get(), factor.exponent);
    }
    std::sort(key.begin(), key.end());
    const auto found = m_positions.find(key);
    if (found != m_positions.end()) {
        Term& term = m_terms[found->second];
        // a·m + b·m = (a+b)·m
        if (const std::optional<double> sum = foldSum(term.coefficient, coefficient)) {
            term.coefficient = *sum;
            return;
        }
    }
    m_positions[std::move(key)] = m_terms.size();
    m_terms.push_back({coefficient, factors, 0});
}

std::size_t Simplifier::SumBuilder::MonomialKeyHash::operator()(const MonomialKey& key) const
{
    std::size_t hash = key.size();
    for (const auto& [base, exponent] : key) {
        hash ^= std::hash<const Node*>()(base) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
        hash ^= std::hash<double>()(exponent) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    }
    return hash;
}

} // namespace

NodePtr simplify(const NodePtr& expression)
{
    if (!expression) {
        return expression;
    }
    Simplifier simplifier;
    return simplifier.run(expression);
}

} // namespace gradlab
