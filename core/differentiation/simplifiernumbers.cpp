// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// The simplifier's folding of numbers: sums, products, quotients and powers of numbers folded
// only when the result is finite, and exact or a short decimal.
#include "simplifierparts.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace gradlab {
namespace simplifierparts {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A folded number is snapped to the decimal of at most this many significant digits lying within
// kSnapUlps units in the last place: 0.1 + 0.2 becomes 0.3, but 1/3 has no such decimal.
constexpr int kSnapDigits = 12;
constexpr double kSnapUlps = 2.0;

/// A sum or product of numbers: folded whenever it is finite (never into NaN or ±inf).
std::optional<double> foldFinite(double value)
{
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    return withoutNegativeZero(shortDecimal(value).value_or(value));
}

} // namespace

bool isInteger(double value)
{
    return std::isfinite(value) && value == std::trunc(value);
}

double withoutNegativeZero(double value)
{
    return value == 0 ? 0.0 : value;
}

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

std::optional<double> foldSum(double a, double b)
{
    return foldFinite(a + b);
}

std::optional<double> foldProduct(double a, double b)
{
    return foldFinite(a * b);
}

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

} // namespace simplifierparts
} // namespace gradlab
