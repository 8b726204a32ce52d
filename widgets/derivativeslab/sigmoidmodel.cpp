// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "sigmoidmodel.h"

namespace gradlab {

SigmoidModel::SigmoidModel(QObject* parent)
    : CurveModel(QStringLiteral("sigmoid(x)"), 1.0, -8.0, 8.0, parent)
{
    findPeak();
}

double SigmoidModel::oneMinusSigma() const
{
    // 1 − σ(x₀)
    return 1.0 - sigma();
}

double SigmoidModel::identityProduct() const
{
    // σ(x₀)·(1 − σ(x₀))
    return sigma() * oneMinusSigma();
}

double SigmoidModel::identityDifference() const
{
    // σ′(x₀) − σ(x₀)(1 − σ(x₀))
    return engineDerivative() - identityProduct();
}

void SigmoidModel::findPeak()
{
    const QVector<double>& derivatives = sampleDerivatives();
    int best = -1;
    for (int i = 0; i < derivatives.size(); ++i) {
        if (best < 0 || derivatives[i] > derivatives[best]) {
            best = i;
        }
    }
    m_peakX = best < 0 ? 0.0 : sampleX()[best];
    m_peakValue = function().derivative(m_peakX);
}

} // namespace gradlab
