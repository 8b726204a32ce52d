// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/node.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gradlab {

/// What the simplifier's parts (simplifier*.cpp) share: the Simplifier pass, the forms it reads
/// sums and products into, and the folding of numbers. Not for use outside the simplifier.
namespace simplifierparts {

// Every integer up to 2^53 is a double, so integer arithmetic below it is exact.
inline constexpr double kExactIntegerLimit = 9007199254740992.0;

// Folding numbers (simplifiernumbers.cpp)

bool isInteger(double value);
double withoutNegativeZero(double value);
/// The short decimal \a value stands for, if there is one (see kSnapDigits in
/// simplifiernumbers.cpp).
std::optional<double> shortDecimal(double value);
std::optional<double> foldSum(double a, double b);
std::optional<double> foldProduct(double a, double b);
/// a / b, folded only when the quotient is exact or a short decimal: 1/4 → 0.25, 1/10 → 0.1,
/// while 1/3 stays a fraction and 1/0 stays a pole.
std::optional<double> foldQuotient(double a, double b);
/// a^b, folded only when the power is exact (whole numbers below 2^53) or a short decimal.
std::optional<double> foldPower(double a, double b);
/// The value of a Number, or of a negated Number, when it is finite.
std::optional<double> numericValue(const Node& node);

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

} // namespace simplifierparts
} // namespace gradlab
