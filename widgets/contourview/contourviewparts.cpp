// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "contourviewparts.h"

#include "charts/runlabel.h"
#include "session.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPixmap>
#include <cmath>
#include <qcustomplot.h>

namespace gradlab::contourparts {

QString formatNumber(double value, int digits)
{
    if (!std::isfinite(value)) {
        return ContourView::tr("undefined");
    }
    return QString::number(value, 'g', digits);
}

QString formatPoint(const Eigen::Vector2d& point)
{
    return QStringLiteral("(%1, %2)").arg(formatNumber(point.x(), 4), formatNumber(point.y(), 4));
}

QString wrapText(const QString& text, const QFontMetricsF& metrics, double width)
{
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        for (const QString& word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
            if (!line.isEmpty() &&
                (longer.size() > kWrapColumns || metrics.horizontalAdvance(longer) > width)) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QBrush hatchBrush()
{
    QPixmap tile(10, 10);
    tile.fill(QColor(226, 226, 226));
    QPainter painter(&tile);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(120, 120, 120), 1.5));
    painter.drawLine(QPointF(0, 10), QPointF(10, 0));
    painter.drawLine(QPointF(-1, 1), QPointF(1, -1));
    painter.drawLine(QPointF(9, 11), QPointF(11, 9));
    return QBrush(tile);
}

QCPLineEnding arrowHead()
{
    return QCPLineEnding(QCPLineEnding::esSpikeArrow, 10, 12);
}

bool isSane(const Eigen::Vector2d& point, const Domain& domain)
{
    const double reach = kSaneExtent * std::max(domain.width(), domain.height());
    return point.allFinite() && point.x() > domain.xMin - reach &&
           point.x() < domain.xMax + reach && point.y() > domain.yMin - reach &&
           point.y() < domain.yMax + reach;
}

QString runLabel(const RunEntry& entry)
{
    return gradlab::runLabel(entry.settings);
}

void setCurvePoints(QCPCurve* curve, const std::vector<QPointF>& points)
{
    QVector<double> xs;
    QVector<double> ys;
    xs.reserve(static_cast<qsizetype>(points.size()));
    ys.reserve(static_cast<qsizetype>(points.size()));
    for (const QPointF& point : points) {
        xs.push_back(point.x());
        ys.push_back(point.y());
    }
    curve->setData(xs, ys);
}

std::vector<QPointF> curvePoints(const QCPCurve* curve)
{
    std::vector<QPointF> points;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it) {
        points.emplace_back(it->key, it->value);
    }
    return points;
}

QRectF pixelRect(const QCPItemText* item)
{
    const QFontMetricsF metrics(item->font());
    QRectF box = metrics.boundingRect(QRectF(0, 0, 1e6, 1e6),
                                      Qt::TextDontClip | item->textAlignment(), item->text());
    const QMargins padding = item->padding();
    box.adjust(-padding.left(), -padding.top(), padding.right(), padding.bottom());
    const QPointF anchor = item->position->pixelPosition();
    const Qt::Alignment alignment = item->positionAlignment();
    const double x = alignment & Qt::AlignRight     ? anchor.x() - box.width()
                     : alignment & Qt::AlignHCenter ? anchor.x() - box.width() / 2
                                                    : anchor.x();
    const double y = alignment & Qt::AlignBottom    ? anchor.y() - box.height()
                     : alignment & Qt::AlignVCenter ? anchor.y() - box.height() / 2
                                                    : anchor.y();
    return QRectF(QPointF(x, y), box.size());
}

QCPItemText* makeNote(QCustomPlot* plot, QCPLayer* layer, double x, double y,
                      Qt::Alignment alignment)
{
    auto* note = new QCPItemText(plot);
    note->setLayer(layer);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(x, y);
    note->setPositionAlignment(alignment);
    note->setTextAlignment(Qt::AlignLeft);
    note->setBrush(QColor(255, 255, 255, 225));
    note->setPen(QPen(QColor(90, 90, 90)));
    note->setPadding(QMargins(6, 3, 6, 3));
    note->setVisible(false);
    return note;
}

QCPItemLine* makeArrow(QCustomPlot* plot, QCPLayer* layer, const QPen& pen)
{
    auto* arrow = new QCPItemLine(plot);
    arrow->setLayer(layer);
    arrow->setPen(pen);
    arrow->setHead(arrowHead());
    arrow->setVisible(false);
    return arrow;
}

void placeArrow(QCPItemLine* arrow, const Eigen::Vector2d& from, const Eigen::Vector2d& to)
{
    arrow->start->setCoords(from.x(), from.y());
    arrow->end->setCoords(to.x(), to.y());
}

} // namespace gradlab::contourparts
