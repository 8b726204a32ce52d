// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/fitmodel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// \brief One row's contribution: loss ℓ, ∂ℓ/∂z and ∂²ℓ/∂z² at its logit z, and the input
/// vector u with z = pᵀu (so ∇ℓ = ∂ℓ/∂z·u and ∇²ℓ = ∂²ℓ/∂z²·uuᵀ).
struct RowTerm
{
    double loss = 0;
    double slope = 0;
    double curvature = 0;
    Eigen::Vector2d input{0, 0};
};

RowTerm rowTerm(FitModel model, const DataSet& data, const Eigen::Vector2d& p, std::size_t i)
{
    RowTerm term;
    const double x1 = data.x1[i];
    const double y = data.y[i];
    term.input =
        model == FitModel::Logistic2 ? Eigen::Vector2d(x1, data.x2[i]) : Eigen::Vector2d(x1, 1.0);
    const double z = p.dot(term.input);
    if (model == FitModel::Line) {
        // ℓ = (z − y)², ∂ℓ/∂z = 2(z − y), ∂²ℓ/∂z² = 2
        const double residual = z - y;
        term.loss = residual * residual;
        term.slope = 2.0 * residual;
        term.curvature = 2.0;
    } else {
        // ℓ = max(z, 0) − z·y + log(1 + e^−|z|), ∂ℓ/∂z = σ(z) − y, ∂²ℓ/∂z² = σ(z)(1 − σ(z))
        const double s = sigmoid(z);
        term.loss = crossEntropyFromLogit(z, y);
        term.slope = s - y;
        term.curvature = s * (1.0 - s);
    }
    return term;
}

/// The mean of the row terms of \a count rows, row(k) the k-th.
template <typename RowIndex>
PointValue meanLoss(FitModel model, const DataSet& data, const Eigen::Vector2d& p,
                    std::size_t count, RowIndex row, bool withHessian)
{
    PointValue value;
    if (count == 0) {
        return value;
    }
    double loss = 0;
    Eigen::Vector2d gradient(0, 0);
    Eigen::Matrix2d hessian = Eigen::Matrix2d::Zero();
    for (std::size_t k = 0; k < count; ++k) {
        const RowTerm term = rowTerm(model, data, p, row(k));
        loss += term.loss;
        gradient += term.slope * term.input;
        if (withHessian) {
            hessian += term.curvature * term.input * term.input.transpose();
        }
    }
    const double n = static_cast<double>(count);
    value.f = loss / n;
    value.gradient = gradient / n;
    if (withHessian) {
        value.hessian = hessian / n;
    }
    return value;
}

} // namespace

std::string_view modelName(FitModel model)
{
    switch (model) {
    case FitModel::Line:
        return "line";
    case FitModel::Logistic:
        return "logistic";
    case FitModel::Logistic2:
        return "logistic2";
    }
    return {};
}

std::optional<FitModel> modelFromName(std::string_view name)
{
    for (const FitModel model : allModels()) {
        if (modelName(model) == name) {
            return model;
        }
    }
    return std::nullopt;
}

std::vector<FitModel> allModels()
{
    return {FitModel::Line, FitModel::Logistic, FitModel::Logistic2};
}

DataKind dataKind(FitModel model)
{
    switch (model) {
    case FitModel::Line:
        return DataKind::Regression;
    case FitModel::Logistic:
        return DataKind::Classification;
    case FitModel::Logistic2:
        return DataKind::Classification2;
    }
    return DataKind::Regression;
}

std::array<std::string_view, 2> parameterNames(FitModel model)
{
    if (model == FitModel::Logistic2) {
        return {"w1", "w2"};
    }
    return {"w", "b"};
}

double sigmoid(double z)
{
    // for z < 0, e^z/(1 + e^z): e^−z would overflow for z < −709
    if (z >= 0) {
        return 1.0 / (1.0 + std::exp(-z));
    }
    const double e = std::exp(z);
    return e / (1.0 + e);
}

double crossEntropyFromLogit(double z, double y)
{
    // −y·log σ(z) − (1 − y)·log(1 − σ(z)) = max(z, 0) − z·y + log(1 + e^−|z|), no overflow
    return std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::fabs(z)));
}

double logit(FitModel model, const Eigen::Vector2d& parameters, double x1, double x2)
{
    if (model == FitModel::Logistic2) {
        return parameters.x() * x1 + parameters.y() * x2;
    }
    return parameters.x() * x1 + parameters.y();
}

double predict(FitModel model, const Eigen::Vector2d& parameters, double x1, double x2)
{
    const double z = logit(model, parameters, x1, x2);
    return model == FitModel::Line ? z : sigmoid(z);
}

PointValue evaluateLoss(FitModel model, const DataSet& data, const Eigen::Vector2d& parameters,
                        std::span<const std::size_t> rows, bool withHessian)
{
    if (rows.empty()) {
        return meanLoss(
            model, data, parameters, data.size(), [](std::size_t k) { return k; }, withHessian);
    }
    return meanLoss(
        model, data, parameters, rows.size(), [rows](std::size_t k) { return rows[k]; },
        withHessian);
}

double lossValue(FitModel model, const DataSet& data, const Eigen::Vector2d& parameters)
{
    const auto n = static_cast<Eigen::Index>(data.size());
    if (n == 0) {
        return nan;
    }
    // Eigen's array expressions: one pass, vectorised, several accumulators for the sum.
    const Eigen::Map<const Eigen::ArrayXd> x1(data.x1.data(), n);
    const Eigen::Map<const Eigen::ArrayXd> y(data.y.data(), n);
    const double p1 = parameters.x();
    const double p2 = parameters.y();
    if (model == FitModel::Line) {
        // (1/n)·Σ (w·xᵢ + b − yᵢ)²
        return ((p1 * x1 + p2) - y).square().sum() / static_cast<double>(n);
    }
    const auto crossEntropy = [&](const auto& logits) {
        // (1/n)·Σ max(zᵢ, 0) − zᵢ·yᵢ + log(1 + e^−|zᵢ|), the last sum taken as the log of a
        // product: Σ log(1 + e^−|zᵢ|) = log Π (1 + e^−|zᵢ|). Each factor lies in (1, 2], so a
        // product of up to 1000 factors stays below 2¹⁰⁰⁰ < DBL_MAX; one log per 1000 rows
        // instead of a log1p per row (the product's rounding is n·ε relative, 1e-13 absolute
        // in the log).
        const Eigen::ArrayXd z = logits;
        double sum = (z.max(0.0) - z * y).sum();
        constexpr Eigen::Index chunk = 1000;
        for (Eigen::Index begin = 0; begin < n; begin += chunk) {
            const Eigen::Index length = std::min(chunk, n - begin);
            sum += std::log((1.0 + (-z.segment(begin, length).abs()).exp()).prod());
        }
        return sum / static_cast<double>(n);
    };
    if (model == FitModel::Logistic) {
        return crossEntropy(p1 * x1 + p2);
    }
    const Eigen::Map<const Eigen::ArrayXd> x2(data.x2.data(), n);
    return crossEntropy(p1 * x1 + p2 * x2);
}

GridValues lossLandscape(FitModel model, const DataSet& data, const GridSpec& spec)
{
    GridValues grid;
    grid.spec = spec;
    grid.f.resize(spec.size());
    const auto at = [&](int i, int j) -> double& {
        return grid.f[static_cast<std::size_t>(j) * static_cast<std::size_t>(spec.columns) +
                      static_cast<std::size_t>(i)];
    };
    const auto n = static_cast<Eigen::Index>(data.size());
    // The logit of row k at sample (i, j) is zₖ = p₁ᵢ·aₖ + p₂ⱼ·cₖ (c = 1 for logistic, x₂ for
    // logistic2): along a column it grows by βₖ = Δp₂·cₖ per sample, so e^zₖ and e^−zₖ grow
    // geometrically, by e^βₖ and e^−βₖ. Two multiplications replace the exponential of each term
    // and e^−|z| = min(e^z, e^−z). The recurrence is exact but for n·200·ε of rounding; it loses
    // nothing where e^z or e^−z over- or underflows, as long as z cannot travel from |z| > 709
    // back into the range where e^−|z| counts: a column spanning |Δz| ≤ 600 leaves it below
    // e^−109. Wider columns, the line, and grids of one row take the direct loop.
    const bool recurrence = model != FitModel::Line && n > 0 && spec.rows > 1;
    const Eigen::Map<const Eigen::ArrayXd> a(data.x1.data(), n);
    const Eigen::Map<const Eigen::ArrayXd> y(data.y.data(), n);
    const Eigen::ArrayXd c =
        model == FitModel::Logistic2
            ? Eigen::ArrayXd(Eigen::Map<const Eigen::ArrayXd>(data.x2.data(), n))
            : Eigen::ArrayXd::Ones(n);
    const double delta = recurrence ? spec.y(1) - spec.y(0) : 0.0;
    const double span =
        recurrence ? c.abs().maxCoeff() * std::abs(spec.y(spec.rows - 1) - spec.y(0)) : 0.0;
    if (!recurrence || !(span <= 600.0)) {
        for (int j = 0; j < spec.rows; ++j) {
            for (int i = 0; i < spec.columns; ++i) {
                at(i, j) = lossValue(model, data, Eigen::Vector2d(spec.x(i), spec.y(j)));
            }
        }
        return grid;
    }
    const Eigen::ArrayXd grow = (delta * c).exp();
    const Eigen::ArrayXd shrink = (-delta * c).exp();
    // Σ zₖ·yₖ = p₁·Σ aₖyₖ + p₂·Σ cₖyₖ
    const double ay = (a * y).sum();
    const double cy = (c * y).sum();
    Eigen::ArrayXd along(n);
    Eigen::ArrayXd up(n);
    Eigen::ArrayXd down(n);
    constexpr Eigen::Index chunk = 1000; // a product of ≤ 1000 factors in (1, 2] stays finite
    for (int i = 0; i < spec.columns; ++i) {
        const double p1 = spec.x(i);
        along = p1 * a;
        up = (along + spec.y(0) * c).exp();
        down = (-(along + spec.y(0) * c)).exp();
        for (int j = 0; j < spec.rows; ++j) {
            const double p2 = spec.y(j);
            // Σ max(zₖ, 0) − Σ zₖ·yₖ + log Π (1 + e^−|zₖ|)
            double sum = (along + p2 * c).max(0.0).sum() - (p1 * ay + p2 * cy);
            for (Eigen::Index begin = 0; begin < n; begin += chunk) {
                const Eigen::Index length = std::min(chunk, n - begin);
                sum += std::log(
                    (1.0 + up.segment(begin, length).min(down.segment(begin, length))).prod());
            }
            at(i, j) = sum / static_cast<double>(n);
            up *= grow;
            down *= shrink;
        }
    }
    return grid;
}

GradientSpread gradientSpread(FitModel model, const DataSet& data,
                              const Eigen::Vector2d& parameters, std::size_t batchSize)
{
    GradientSpread spread;
    const std::size_t n = data.size();
    if (n == 0) {
        spread.mean = Eigen::Vector2d::Constant(nan);
        return spread;
    }
    std::vector<Eigen::Vector2d> gradients(n);
    for (std::size_t i = 0; i < n; ++i) {
        const RowTerm term = rowTerm(model, data, parameters, i);
        gradients[i] = term.slope * term.input;
        spread.mean += gradients[i];
    }
    spread.mean /= static_cast<double>(n);
    if (batchSize == 0 || batchSize >= n) {
        return spread;
    }
    // S = (1/n)·Σ (gᵢ − ḡ)(gᵢ − ḡ)ᵀ
    Eigen::Matrix2d scatter = Eigen::Matrix2d::Zero();
    for (const Eigen::Vector2d& g : gradients) {
        scatter += (g - spread.mean) * (g - spread.mean).transpose();
    }
    scatter /= static_cast<double>(n);
    // the finite-population correction (n − B)/(n − 1) of sampling B rows without replacement
    const double b = static_cast<double>(batchSize);
    spread.covariance =
        scatter * ((static_cast<double>(n) - b) / (b * (static_cast<double>(n) - 1)));
    return spread;
}

} // namespace gradlab
