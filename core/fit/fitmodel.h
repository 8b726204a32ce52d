// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "evaluation/grid.h"
#include "evaluation/pointvalue.h"
#include "fit/dataset.h"

#include <Eigen/Core>
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace gradlab {

/// The models a fit can train; each has two parameters p = (p₁, p₂).
enum class FitModel {
    Line,     ///< ŷ = w·x + b, mean squared error; p = (w, b)
    Logistic, ///< P(label 1) = σ(w·x + b), mean binary cross-entropy; p = (w, b)
    Logistic2 ///< P(label 1) = σ(w₁x₁ + w₂x₂), mean binary cross-entropy; p = (w₁, w₂)
};

/// "line", "logistic", "logistic2"
std::string_view modelName(FitModel model);
std::optional<FitModel> modelFromName(std::string_view name);
std::vector<FitModel> allModels();
/// The data the model is fitted to.
DataKind dataKind(FitModel model);
/// The names of p₁ and p₂: "w", "b" or "w1", "w2".
std::array<std::string_view, 2> parameterNames(FitModel model);

/// The model's output at an input: ŷ for the line, the probability of label 1 otherwise.
double predict(FitModel model, const Eigen::Vector2d& parameters, double x1, double x2);

/// The logit z of a row: w·x + b or w₁x₁ + w₂x₂ (the line's ŷ).
double logit(FitModel model, const Eigen::Vector2d& parameters, double x1, double x2);

/// σ(z) = 1/(1 + e^−z), written so that neither branch overflows.
double sigmoid(double z);

/// Binary cross-entropy of a logit z against a label y, stably as torch's
/// binary_cross_entropy_with_logits: max(z, 0) − z·y + log(1 + e^−|z|).
double crossEntropyFromLogit(double z, double y);

/// The mean loss over the rows \a rows of \a data (every row when \a rows is empty) with its
/// gradient with respect to the parameters and, when \a withHessian, its Hessian (NaN otherwise).
/// A data set with no rows has loss NaN.
PointValue evaluateLoss(FitModel model, const DataSet& data, const Eigen::Vector2d& parameters,
                        std::span<const std::size_t> rows = {}, bool withHessian = false);

/// The mean loss over every row, value only: the landscape's inner loop.
double lossValue(FitModel model, const DataSet& data, const Eigen::Vector2d& parameters);

/// The full-data loss at each point of \a spec (x is p₁, y is p₂), row-major as GridValues.
GridValues lossLandscape(FitModel model, const DataSet& data, const GridSpec& spec);

/// \brief How the gradient of a random mini-batch scatters around the full gradient.
struct GradientSpread
{
    Eigen::Vector2d mean{0, 0}; ///< the full gradient (the mean over all batches)
    Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();
};

/// Mean and covariance of the mini-batch gradient over all batches of \a batchSize distinct rows
/// (every subset equally likely): with g_i the gradient of row i's loss, S their population
/// covariance, the batch mean has covariance S·(n − B)/(B·(n − 1)) (sampling without
/// replacement); zero when B ≥ n.
GradientSpread gradientSpread(FitModel model, const DataSet& data,
                              const Eigen::Vector2d& parameters, std::size_t batchSize);

} // namespace gradlab
