// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/expressionedit.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace gradlab {

ExpressionEdit::ExpressionEdit(QWidget* parent)
    : QLineEdit(parent)
{
    connect(this, &QLineEdit::textChanged, this, [this] { update(); });
}

void ExpressionEdit::setErrorRange(int position, int length)
{
    m_errorPosition = std::max(0, position);
    m_errorLength = std::max(0, length);
    update();
}

void ExpressionEdit::clearError()
{
    m_errorPosition = -1;
    m_errorLength = 0;
    update();
}

int ExpressionEdit::xForIndex(int index) const
{
    // QLineEdit exposes only the cursor's rectangle; its centre is the cursor's x, which lies
    // advance(text[0, cursor)) to the right of where the text starts once scrolled.
    const QFontMetrics metrics(font());
    const QString content = displayText();
    const int cursor = std::clamp(cursorPosition(), 0, static_cast<int>(content.size()));
    const int origin = cursorRect().center().x() - metrics.horizontalAdvance(content.left(cursor));
    index = std::clamp(index, 0, static_cast<int>(content.size()));
    return origin + metrics.horizontalAdvance(content.left(index));
}

QRect ExpressionEdit::errorRect() const
{
    if (!hasError()) {
        return {};
    }
    const int left = xForIndex(m_errorPosition);
    int right = xForIndex(m_errorPosition + m_errorLength);
    // An error at the end of the text (or of zero length) still gets a visible mark.
    const int minimumWidth = QFontMetrics(font()).horizontalAdvance(QLatin1Char('m'));
    right = std::max(right, left + minimumWidth);
    const int baseline = cursorRect().bottom() - 1;
    return QRect(QPoint(left, baseline - 2), QPoint(right, std::min(baseline + 2, height() - 2)));
}

void ExpressionEdit::paintEvent(QPaintEvent* event)
{
    QLineEdit::paintEvent(event);
    if (!hasError()) {
        return;
    }
    const QRect area = errorRect().intersected(rect().adjusted(2, 0, -2, 0));
    if (area.isEmpty()) {
        return;
    }
    // A spell-checker's wavy line: half a sine period every 3 px, amplitude 1.5 px.
    QPainterPath wave;
    const double middle = area.center().y() + 0.5;
    wave.moveTo(area.left(), middle);
    for (int x = area.left(); x <= area.right(); ++x) {
        wave.lineTo(x, middle + 1.5 * std::sin((x - area.left()) * M_PI / 3.0));
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(220, 30, 30), 1.4));
    painter.drawPath(wave);
}

} // namespace gradlab
