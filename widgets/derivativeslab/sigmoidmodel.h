// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "curvemodel.h"

namespace gradlab {

/// \brief Fig. 5: σ(x) = 1/(1 + e⁻ˣ) with σ′ beneath, the identity σ′ = σ(1 − σ) checked at the
/// point (σ′ from the engine against the product), and the peak of σ′.
class SigmoidModel : public CurveModel
{
    Q_OBJECT

public:
    explicit SigmoidModel(QObject* parent = nullptr);

    /// σ(x₀)
    double sigma() const { return value(); }
    /// 1 − σ(x₀)
    double oneMinusSigma() const;
    /// σ(x₀)(1 − σ(x₀)), the right-hand side of the identity.
    double identityProduct() const;
    /// σ′(x₀) from the engine, the left-hand side.
    double engineDerivative() const { return slope(); }
    /// σ′(x₀) − σ(x₀)(1 − σ(x₀)): zero up to rounding.
    double identityDifference() const;

    /// Where σ′ is largest among the samples, and its value there (engine).
    double peakX() const { return m_peakX; }
    double peakValue() const { return m_peakValue; }

private:
    void findPeak();

    double m_peakX = 0.0;
    double m_peakValue = 0.0;
};

} // namespace gradlab
