// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "derivativeslab/labplot.h"

#include <Eigen/Core>
#include <array>
#include <optional>

namespace gradlab {

class FitSession;

/// \brief The data of the Fit lab and the current model over it: the fitted line, the logistic
/// curve, or logistic2's decision boundary over its probability shading. The rows of the current
/// mini-batch are ringed. Left click on empty space adds a row (a label 1 above ½, 0 below; for
/// logistic2 label 1, with Shift label 0), a left drag moves a row, a right click deletes one.
class DataPlot : public LabPlot
{
    Q_OBJECT

public:
    explicit DataPlot(FitSession* session, QWidget* parent = nullptr);

    /// The row nearest to \a pixel within a few pixels, if any.
    std::optional<std::size_t> rowAt(const QPointF& pixel) const;
    /// The pixel of row \a row's marker.
    QPointF pixelOf(std::size_t row) const;
    /// The model curve or boundary as drawn (for tests): its points in plot coordinates.
    QVector<QPointF> modelPoints() const;

private:
    void frame();
    void rebuildPoints();
    void rebuildModel();
    /// The model at \a parameters across the visible range, appended to \a keys and \a values.
    void appendModel(const Eigen::Vector2d& parameters, QVector<double>& keys,
                     QVector<double>& values) const;
    void press(QMouseEvent* event);
    void move(QMouseEvent* event);
    /// The row a click at plot coordinates (\a x, \a y) describes: (x1, x2, target).
    std::array<double, 3> rowFor(double x, double y, bool shift) const;

    FitSession* m_session;
    QCPGraph* m_points = nullptr;         ///< regression rows
    QCPGraph* m_label0 = nullptr;         ///< classification rows labelled 0 (below ½)
    QCPGraph* m_label1 = nullptr;         ///< and 1 (from ½)
    QCPGraph* m_batch = nullptr;          ///< rings around the current batch
    QCPCurve* m_model = nullptr;          ///< line, sigmoid or boundary
    QCPCurve* m_trail = nullptr;          ///< the model at earlier steps, fading
    QCPColorMap* m_probability = nullptr; ///< logistic2: σ(w₁x₁ + w₂x₂) as a faint shading
    std::optional<std::size_t> m_dragged;
};

} // namespace gradlab
