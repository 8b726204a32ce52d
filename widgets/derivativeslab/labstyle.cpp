// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "labstyle.h"

#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <algorithm>
#include <cmath>
#include <vector>

namespace gradlab::labstyle {

namespace {

/// Watches the font changes of a widget's parent and sets the widget's font, derived from the
/// parent's current font.
class FontFollower : public QObject
{
public:
    FontFollower(QWidget* target, PlotFontRole role)
        : QObject(target)
        , m_target(target)
        , m_base(target->parentWidget())
        , m_role(role)
    {
        m_base->installEventFilter(this);
        follow();
    }

    void setRole(PlotFontRole role)
    {
        m_role = role;
        follow();
    }

    /// The follower of \a target, or null if it has none yet.
    static FontFollower* of(const QWidget* target)
    {
        // not findChild: without Q_OBJECT its qobject_cast would match any QObject
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
    void follow() { m_target->setFont(PlotFonts::derive(m_base->font(), m_role)); }

    // The base is the target's parent, so it outlives this child of the target.
    QWidget* m_target = nullptr;
    QWidget* m_base = nullptr;
    PlotFontRole m_role;
};

/// Keeps a table view as tall as its rows in its current font.
class RowFitter : public QObject
{
public:
    RowFitter(QTableView* view, int padding)
        : QObject(view)
        , m_view(view)
        , m_padding(padding)
    {
        m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        m_view->installEventFilter(this);
        // The header takes the table's font (a style may give headers their own, which would
        // stay small in presenter mode). Its filter, installed after this one, runs first.
        followFont(m_view->horizontalHeader(), {});
        connect(m_view->model(), &QAbstractItemModel::modelReset, this, &RowFitter::fit);
        connect(m_view->model(), &QAbstractItemModel::rowsInserted, this, &RowFitter::fit);
        connect(m_view->model(), &QAbstractItemModel::rowsRemoved, this, &RowFitter::fit);
        fit();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_view && event->type() == QEvent::FontChange) {
            fit();
        }
        return false;
    }

private:
    void fit()
    {
        const int rowHeight = m_view->fontMetrics().height() + m_padding;
        m_view->verticalHeader()->setMinimumSectionSize(rowHeight);
        m_view->verticalHeader()->setDefaultSectionSize(rowHeight);
        // The header's own height follows its font, as its sizeHint() says.
        const int header = !m_view->horizontalHeader()->isHidden()
                               ? m_view->horizontalHeader()->sizeHint().height()
                               : 0;
        const int frame = 2 * m_view->frameWidth();
        m_view->setFixedHeight(header + rowHeight * m_view->model()->rowCount() + frame);
    }

    QTableView* m_view;
    int m_padding;
};

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

QPair<double, double> shownRange(const QVector<double>& values)
{
    std::vector<double> finite;
    std::copy_if(values.begin(), values.end(), std::back_inserter(finite),
                 [](double v) { return std::isfinite(v); });
    if (finite.empty()) {
        return {-1.0, 1.0};
    }
    std::sort(finite.begin(), finite.end());
    const auto at = [&finite](double fraction) {
        return finite[static_cast<std::size_t>(fraction * static_cast<double>(finite.size() - 1))];
    };
    double low = std::min(at(0.02), 0.0);
    double high = std::max(at(0.98), 0.0);
    if (high - low < 1.0) {
        const double middle = 0.5 * (high + low);
        low = middle - 0.5;
        high = middle + 0.5;
    }
    // 8 % of the span above and below, so the curve does not touch the frame.
    const double margin = 0.08 * (high - low);
    return {low - margin, high + margin};
}

void followFont(QWidget* widget, PlotFontRole role)
{
    if (FontFollower* follower = FontFollower::of(widget)) {
        follower->setRole(role);
    } else {
        new FontFollower(widget, role);
    }
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

void fitHeightToRows(QTableView* view, int padding)
{
    new RowFitter(view, padding);
}

} // namespace gradlab::labstyle
