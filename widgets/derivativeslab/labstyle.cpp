// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labstyle.h"

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFont>
#include <QLabel>
#include <cmath>

namespace gradlab::labstyle {

QString fixed(double value, int decimals)
{
    if (!std::isfinite(value)) {
        return QCoreApplication::translate("gradlab::DerivativesLab", "undefined");
    }
    QString text = QString::number(value, 'f', decimals);
    // −0.004 rounds to "-0.00": show it as the zero it reads as.
    if (text.startsWith(QLatin1Char('-')) && text.mid(1).toDouble() == 0.0) {
        text.remove(0, 1);
    }
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

QString significant(double value, int digits)
{
    if (!std::isfinite(value)) {
        return QCoreApplication::translate("gradlab::DerivativesLab", "undefined");
    }
    return QString::number(value, 'g', digits).replace(QLatin1Char('-'), QChar(0x2212));
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    label->setFont(font);
    label->setWordWrap(true);
    return label;
}

QLabel* paragraph(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* readout(QWidget* parent)
{
    auto* label = paragraph(QString(), parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

QDoubleSpinBox* xEditor(QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setDecimals(3);
    box->setSingleStep(0.1);
    box->setKeyboardTracking(false);
    return box;
}

} // namespace gradlab::labstyle
