// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "differentiation/differentiator.h"
#include "evaluation/pointvalue.h"
#include "functions/presets.h"

#include <Eigen/Core>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace gradlab {

class Session;

/// \brief A slice of f through the probe with one variable held fixed, and its tangent line.
struct SliceData
{
    Variable variable = Variable::X; ///< the variable that moves (x for the slice y = y₀)
    double fixedValue = 0;           ///< the held variable's value (y₀ for the x slice)
    double at = 0;                   ///< the moving variable's probe value (x₀)
    double value = 0;                ///< f at the probe
    double slope = 0;                ///< the partial derivative: slope of the tangent
    QVector<double> t;               ///< samples of the moving variable
    QVector<double> f;               ///< f along the slice (NaN where undefined)
    QVector<double> tangentT;        ///< two points of the tangent line
    QVector<double> tangentF;
};

/// \brief Everything the partials inspector shows at the probe, computed from the session:
/// values, symbolic partials with their derivations, gradient, directional derivative, Hessian,
/// tangent plane and the two slices. Views only format it.
class PartialsModel : public QObject
{
    Q_OBJECT

public:
    explicit PartialsModel(Session* session, QObject* parent = nullptr);

    Session* session() const { return m_session; }
    Eigen::Vector2d probe() const { return m_probe; }
    const PointValue& value() const { return m_value; }
    double f() const { return m_value.f; }
    double dfdx() const { return m_value.gradient.x(); }
    double dfdy() const { return m_value.gradient.y(); }
    double gradientNorm() const { return m_value.gradient.norm(); }
    /// Direction of ∇f in degrees, counter-clockwise from the +x axis, in (−180, 180].
    double gradientAngle() const;
    /// ∇f / ‖∇f‖ (NaN where ∇f = 0: no direction).
    Eigen::Vector2d gradientUnit() const;

    const Derivation& derivationX() const { return m_derivationX; }
    const Derivation& derivationY() const { return m_derivationY; }
    /// Plain text of the simplified partials: "2x + 3y".
    QString partialXText() const;
    QString partialYText() const;
    QString partialXHtml() const;
    QString partialYHtml() const;
    /// The derivation's steps, indented by depth, as the tutorial writes them.
    QStringList derivationSteps(Variable variable) const;

    Eigen::Vector2d direction() const;
    /// D_u f = ∇f·u for the session's probe direction u.
    double directionalDerivative() const;
    /// D_u f for a direction at \a degrees from the +x axis.
    double directionalDerivativeAt(double degrees) const;
    /// The angle between u and ∇f in degrees (NaN where ∇f = 0).
    double angleToGradient() const;

    const Eigen::Matrix2d& hessian() const { return m_value.hessian; }
    Eigen::Vector2d hessianEigenvalues() const;
    CriticalKind curvatureKind() const;
    /// What the eigenvalues mean, in words: "curves up in every direction — a bowl …".
    QString curvatureMeaning() const;
    /// z = f₀ + f_x (x − x₀) + f_y (y − y₀), with the numbers.
    QString tangentPlaneText() const;

    const SliceData& slice(Variable moving) const
    {
        return moving == Variable::X ? m_sliceX : m_sliceY;
    }

    static constexpr int kSliceSamples = 201;

Q_SIGNALS:
    /// The symbolic partials changed (a new function).
    void derivationChanged();
    /// The numbers at the probe changed (probe moved, function or parameters changed).
    void valuesChanged();

private:
    void updateDerivations();
    void updateValues();
    SliceData computeSlice(Variable moving) const;

    Session* m_session;
    const void* m_derivedExpression = nullptr;
    Derivation m_derivationX;
    Derivation m_derivationY;
    Eigen::Vector2d m_probe{0, 0};
    PointValue m_value;
    SliceData m_sliceX;
    SliceData m_sliceY;
};

/// Formats a number for the panel: up to 6 significant digits, "undefined" when not finite.
QString formatNumber(double value, int precision = 6);

} // namespace gradlab
