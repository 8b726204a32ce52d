// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The Simplifier's like terms and like factors: a simplified node read as coefficient · ∏ factors,
// products and sums collected, and written back as nodes in textbook order.
#include "simplifierparts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <optional>
#include <utility>
#include <vector>

namespace gradlab {
namespace simplifierparts {
namespace {

bool isFiniteNonzeroNumber(const Node& node)
{
    return node.kind() == NodeKind::Number && std::isfinite(node.value()) && node.value() != 0;
}

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

} // namespace

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

} // namespace simplifierparts
} // namespace gradlab
