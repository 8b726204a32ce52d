// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/numberedit.h"

#include <QDoubleValidator>
#include <QLocale>
#include <cmath>

namespace gradlab {

NumberEdit::NumberEdit(Sign sign, QWidget* parent)
    : QLineEdit(parent)
    , m_sign(sign)
{
    auto* validator = new QDoubleValidator(this);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c());
    if (sign != Sign::Any) {
        validator->setBottom(0.0);
    }
    setValidator(validator);
    m_value = sign == Sign::Positive ? 1.0 : 0.0;
    setText(QString::number(m_value, 'g', 10));
    connect(this, &QLineEdit::editingFinished, this, &NumberEdit::commit);
}

bool NumberEdit::accepts(double value) const
{
    if (!std::isfinite(value)) {
        return false;
    }
    switch (m_sign) {
    case Sign::Any:
        return true;
    case Sign::NonNegative:
        return value >= 0.0;
    case Sign::Positive:
        return value > 0.0;
    }
    return false;
}

void NumberEdit::setValue(double value)
{
    if (!accepts(value)) {
        return;
    }
    m_value = value;
    setText(QString::number(value, 'g', 10));
}

void NumberEdit::commit()
{
    bool ok = false;
    const double typed = QLocale::c().toDouble(text().trimmed(), &ok);
    if (!ok || !accepts(typed)) {
        // Back to the last accepted value rather than leaving a number nobody uses on screen.
        setText(QString::number(m_value, 'g', 10));
        return;
    }
    if (typed == m_value) {
        return;
    }
    m_value = typed;
    Q_EMIT valueEdited(m_value);
}

} // namespace gradlab
