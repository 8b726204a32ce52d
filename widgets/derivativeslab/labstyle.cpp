// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labstyle.h"

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFont>
#include <QLabel>
#include <cmath>
#include <functional>
#include <qcustomplot.h>
#include <utility>

namespace gradlab::labstyle {

namespace {

/// Watches a base widget's font changes and sets the font of the object it is a child of, derived
/// from the base's current font.
class FontFollower : public QObject
{
public:
    using Apply = std::function<void(const QFont&)>;

    FontFollower(QObject* target, QWidget* base, PlotFontRole role, Apply apply)
        : QObject(target)
        , m_base(base)
        , m_role(role)
        , m_apply(std::move(apply))
    {
        base->installEventFilter(this);
        follow();
    }

    void setRole(PlotFontRole role)
    {
        m_role = role;
        follow();
    }

    /// The follower of \a target, or null if it has none yet.
    static FontFollower* of(const QObject* target)
    {
        for (QObject* child : target->children()) {
            if (auto* follower = dynamic_cast<FontFollower*>(child)) {
                return follower;
            }
        }
        return nullptr;
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        // Qt has given the base its new font already, and its children theirs: a child whose
        // size was set keeps it until now.
        if (watched == m_base && event->type() == QEvent::FontChange) {
            follow();
        }
        return false;
    }

private:
    void follow() { m_apply(PlotFonts::derive(m_base->font(), m_role)); }

    // The base is the target's parent (or its plot), so it outlives this child of the target.
    QWidget* m_base = nullptr;
    PlotFontRole m_role;
    Apply m_apply;
};

/// Makes \a target follow \a base's font in \a role, or changes the role it follows it in.
void follow(QObject* target, QWidget* base, PlotFontRole role, FontFollower::Apply apply)
{
    if (FontFollower* follower = FontFollower::of(target)) {
        follower->setRole(role);
    } else {
        new FontFollower(target, base, role, std::move(apply));
    }
}

} // namespace

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

void followFont(QWidget* widget, PlotFontRole role)
{
    follow(widget, widget->parentWidget(), role,
           [widget](const QFont& font) { widget->setFont(font); });
}

void followFont(QCPItemText* text, PlotFontRole role)
{
    follow(text, text->parentPlot(), role, [text](const QFont& font) {
        // Selected text is drawn bold, as QCustomPlot does by default.
        QFont selected = font;
        selected.setBold(true);
        text->setFont(font);
        text->setSelectedFont(selected);
        text->parentPlot()->replot(QCustomPlot::rpQueuedReplot);
    });
}

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    followFont(label, kHeadingFont);
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
    followFont(label, kReadoutFont);
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
