// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "partialsmodel.h"

#include "analysis/criticalpoints.h"
#include "expression/printer.h"
#include "session.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace gradlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString signedTerm(double coefficient, const QString& what)
{
    const QString magnitude = formatNumber(std::fabs(coefficient));
    return (coefficient < 0 ? QStringLiteral(" − ") : QStringLiteral(" + ")) + magnitude + what;
}

} // namespace

QString formatNumber(double value, int precision)
{
    if (std::isnan(value)) {
        return QObject::tr("undefined");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    if (value == 0) {
        return QStringLiteral("0"); // no "-0"
    }
    QString text = QString::number(value, 'g', precision);
    text.replace(QLatin1Char('-'), QStringLiteral("−"));
    return text;
}

PartialsModel::PartialsModel(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
    connect(m_session, &Session::functionChanged, this, [this] {
        updateDerivations();
        updateValues();
    });
    connect(m_session, &Session::probeChanged, this, &PartialsModel::updateValues);
    // the slices span what the contour view shows
    connect(m_session, &Session::viewportChanged, this, &PartialsModel::updateValues);
    updateDerivations();
    updateValues();
}

void PartialsModel::updateDerivations()
{
    // The symbolic partials depend on the expression only; parameters and domain don't change them.
    const NodePtr expression = m_session->expression();
    if (!expression || expression.get() == m_derivedExpression) {
        return;
    }
    m_derivedExpression = expression.get();
    m_derivationX = derive(expression, Variable::X);
    m_derivationY = derive(expression, Variable::Y);
    Q_EMIT derivationChanged();
}

void PartialsModel::updateValues()
{
    m_probe = m_session->probe();
    m_value = m_session->evaluate(m_probe);
    m_sliceX = computeSlice(Variable::X);
    m_sliceY = computeSlice(Variable::Y);
    Q_EMIT valuesChanged();
}

SliceData PartialsModel::computeSlice(Variable moving) const
{
    SliceData slice;
    slice.variable = moving;
    const bool alongX = moving == Variable::X;
    const Domain domain = m_session->viewport();
    slice.at = alongX ? m_probe.x() : m_probe.y();
    slice.fixedValue = alongX ? m_probe.y() : m_probe.x();
    slice.value = m_value.f;
    slice.slope = alongX ? m_value.gradient.x() : m_value.gradient.y();
    const double lo = alongX ? domain.xMin : domain.yMin;
    const double hi = alongX ? domain.xMax : domain.yMax;
    slice.t.resize(kSliceSamples);
    slice.f.resize(kSliceSamples);
    std::vector<double> xs(kSliceSamples);
    std::vector<double> ys(kSliceSamples);
    for (int i = 0; i < kSliceSamples; ++i) {
        const double t = lo + (hi - lo) * i / (kSliceSamples - 1);
        slice.t[i] = t;
        xs[static_cast<std::size_t>(i)] = alongX ? t : slice.fixedValue;
        ys[static_cast<std::size_t>(i)] = alongX ? slice.fixedValue : t;
    }
    m_session->function().evaluateBatch(xs, ys, std::span<double>(slice.f.data(), slice.f.size()));
    // The tangent line at t₀: f₀ + slope·(t − t₀), drawn across the slice's range.
    slice.tangentT = {lo, hi};
    slice.tangentF = {slice.value + slice.slope * (lo - slice.at),
                      slice.value + slice.slope * (hi - slice.at)};
    return slice;
}

double PartialsModel::gradientAngle() const
{
    const Eigen::Vector2d g = m_value.gradient;
    if (!g.allFinite() || g.isZero(0)) {
        return kNaN;
    }
    return std::atan2(g.y(), g.x()) * 180.0 / std::numbers::pi;
}

Eigen::Vector2d PartialsModel::gradientUnit() const
{
    const double norm = gradientNorm();
    if (!(norm > 0) || !std::isfinite(norm)) {
        return Eigen::Vector2d::Constant(kNaN);
    }
    return m_value.gradient / norm;
}

QString PartialsModel::partialXText() const
{
    return m_derivationX.result ? QString::fromStdString(toPlainText(m_derivationX.result))
                                : QString();
}

QString PartialsModel::partialYText() const
{
    return m_derivationY.result ? QString::fromStdString(toPlainText(m_derivationY.result))
                                : QString();
}

QString PartialsModel::partialXHtml() const
{
    return m_derivationX.result ? QString::fromStdString(toHtml(m_derivationX.result)) : QString();
}

QString PartialsModel::partialYHtml() const
{
    return m_derivationY.result ? QString::fromStdString(toHtml(m_derivationY.result)) : QString();
}

QStringList PartialsModel::derivationSteps(Variable variable) const
{
    const Derivation& derivation = variable == Variable::X ? m_derivationX : m_derivationY;
    QStringList lines;
    for (const DerivationStep& step : derivation.steps) {
        lines << QString(step.depth * 2, QLatin1Char(' ')) + QString::fromStdString(step.text);
    }
    return lines;
}

Eigen::Vector2d PartialsModel::direction() const
{
    return m_session->probeDirection();
}

double PartialsModel::directionalDerivative() const
{
    return m_value.gradient.dot(direction());
}

double PartialsModel::directionalDerivativeAt(double degrees) const
{
    const double radians = degrees * std::numbers::pi / 180.0;
    // D_u f = ∇f · u with u = (cos θ, sin θ).
    return m_value.gradient.dot(Eigen::Vector2d(std::cos(radians), std::sin(radians)));
}

double PartialsModel::angleToGradient() const
{
    const double norm = gradientNorm();
    if (!(norm > 0) || !std::isfinite(norm)) {
        return kNaN;
    }
    // φ = atan2(|∇f × u|, ∇f·u): accurate near 0° and 180°, where acos of the cosine is not.
    const Eigen::Vector2d u = direction();
    const Eigen::Vector2d g = m_value.gradient;
    return std::atan2(std::fabs(g.x() * u.y() - g.y() * u.x()), g.dot(u)) * 180.0 /
           std::numbers::pi;
}

Eigen::Vector2d PartialsModel::hessianEigenvalues() const
{
    if (!m_value.hessian.allFinite()) {
        return Eigen::Vector2d::Constant(kNaN);
    }
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(m_value.hessian, Eigen::EigenvaluesOnly);
    return solver.eigenvalues(); // ascending
}

CriticalKind PartialsModel::curvatureKind() const
{
    if (!m_value.hessian.allFinite()) {
        return CriticalKind::Degenerate;
    }
    // Relative tolerance: an eigenvalue below 1e-9 of the Hessian's scale counts as zero.
    const double scale = std::max(1.0, m_value.hessian.cwiseAbs().maxCoeff());
    return classifyHessian(m_value.hessian, 1e-9 * scale);
}

QString PartialsModel::curvatureMeaning() const
{
    if (!m_value.hessian.allFinite()) {
        return tr("The Hessian is undefined here.");
    }
    QString text;
    switch (curvatureKind()) {
    case CriticalKind::Minimum:
        text = tr("Both eigenvalues are positive: f curves up in every direction — a bowl.");
        break;
    case CriticalKind::Maximum:
        text = tr("Both eigenvalues are negative: f curves down in every direction — a dome.");
        break;
    case CriticalKind::Saddle:
        text = tr("The eigenvalues have opposite signs: f curves up along one direction and down "
                  "along the other — a saddle.");
        break;
    case CriticalKind::Degenerate:
        text = tr("An eigenvalue is zero: f is flat to second order along that direction, so the "
                  "Hessian alone cannot tell the shape.");
        break;
    }
    const double norm = gradientNorm();
    if (norm < 1e-9) {
        const CriticalKind kind = curvatureKind();
        text += QLatin1Char(' ') +
                (kind == CriticalKind::Minimum   ? tr("With ∇f = 0 this is a local minimum.")
                 : kind == CriticalKind::Maximum ? tr("With ∇f = 0 this is a local maximum.")
                 : kind == CriticalKind::Saddle  ? tr("With ∇f = 0 this is a saddle point.")
                                                : tr("∇f = 0 here: a degenerate critical point."));
    } else {
        text += QLatin1Char(' ') + tr("(∇f ≠ 0 here, so this is not a critical point.)");
    }
    return text;
}

QString PartialsModel::tangentPlaneText() const
{
    if (!std::isfinite(m_value.f) || !m_value.gradient.allFinite()) {
        return tr("No tangent plane: f or ∇f is undefined here.");
    }
    QString text = QStringLiteral("z = ") + formatNumber(m_value.f);
    text += signedTerm(m_value.gradient.x(),
                       QStringLiteral("·(x ") +
                           (m_probe.x() < 0 ? QStringLiteral("+ ") : QStringLiteral("− ")) +
                           formatNumber(std::fabs(m_probe.x())) + QStringLiteral(")"));
    text += signedTerm(m_value.gradient.y(),
                       QStringLiteral("·(y ") +
                           (m_probe.y() < 0 ? QStringLiteral("+ ") : QStringLiteral("− ")) +
                           formatNumber(std::fabs(m_probe.y())) + QStringLiteral(")"));
    return text;
}

} // namespace gradlab
