// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "plotfonts.h"

#include <QFontMetricsF>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace gradlab {

namespace {

// QCPAxisTicker's own default, kept where there is room.
constexpr int kUsualTickCount = 5;
// Tick labels stand at least this many of their line heights apart, centre to centre: a line of
// label and a quarter of a line of air.
constexpr double kTickLabelSpacing = 1.25;

// The smallest distance in pixels between the ticks \a axis would have with \a count asked for.
double tickSpacing(QCPAxis* axis, int count)
{
    const QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    ticker->setTickCount(count);
    QVector<double> ticks;
    ticker->generate(axis->range(), axis->parentPlot()->locale(), QLatin1Char('g'), 6, ticks,
                     nullptr, nullptr);
    QVector<double> pixels;
    for (double tick : ticks) {
        if (axis->range().contains(tick)) {
            pixels.push_back(axis->coordToPixel(tick));
        }
    }
    std::sort(pixels.begin(), pixels.end());
    double spacing = std::numeric_limits<double>::infinity();
    for (qsizetype i = 1; i < pixels.size(); ++i) {
        spacing = std::min(spacing, pixels[i] - pixels[i - 1]);
    }
    return spacing;
}

} // namespace

PlotFonts::PlotFonts(const QWidget* widget)
    : m_widget(widget)
{}

QFont PlotFonts::derive(const QFont& base, PlotFontRole role)
{
    QFont font = base;
    if (base.pointSizeF() > 0) {
        font.setPointSizeF(base.pointSizeF() * role.scale);
    } else {
        font.setPixelSize(
            std::max(1, static_cast<int>(std::lround(base.pixelSize() * role.scale))));
    }
    if (role.bold) {
        font.setBold(true);
    }
    return font;
}

void PlotFonts::addAxis(QCPAxis* axis, PlotFontRole tickLabels, PlotFontRole label)
{
    add(axis, Part::TickLabels, tickLabels);
    add(axis, Part::AxisLabel, label);
}

void PlotFonts::addAxisRect(QCPAxisRect* rect, PlotFontRole tickLabels, PlotFontRole labels)
{
    for (QCPAxis* axis : rect->axes()) {
        addAxis(axis, tickLabels, labels);
    }
}

void PlotFonts::addLegend(QCPLegend* legend, PlotFontRole role)
{
    add(legend, Part::Legend, role);
}

void PlotFonts::addText(QCPTextElement* text, PlotFontRole role)
{
    add(text, Part::TextElement, role);
}

void PlotFonts::addText(QCPItemText* text, PlotFontRole role)
{
    add(text, Part::ItemText, role);
}

void PlotFonts::keepTickLabelsApart(QCPAxis* axis)
{
    QCustomPlot* plot = axis->parentPlot();
    // After the layout the axis rect has its size for this replot; the ticks of this replot are
    // made already, so a changed count takes effect at the next one.
    QObject::connect(plot, &QCustomPlot::afterLayout, axis, [axis, plot] {
        const double needed = kTickLabelSpacing * QFontMetricsF(axis->tickLabelFont()).height();
        const int before = axis->ticker()->tickCount();
        // The most ticks up to the usual five whose labels keep apart (one where none do).
        int count = kUsualTickCount;
        while (count > 1 && tickSpacing(axis, count) < needed) {
            --count;
        }
        axis->ticker()->setTickCount(count);
        if (count != before) {
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

void PlotFonts::apply()
{
    // Forget the elements deleted since, and those whose font was set from outside since.
    std::erase_if(m_entries, [](const Entry& entry) {
        return entry.element.isNull() || fontOf(entry) != entry.applied;
    });
    const QFont base = m_widget->font();
    std::vector<QCustomPlot*> plots;
    for (Entry& entry : m_entries) {
        entry.applied = derive(base, entry.role);
        setFont(entry, entry.applied);
        QCustomPlot* plot = static_cast<QCPLayerable*>(entry.element.data())->parentPlot();
        if (std::find(plots.begin(), plots.end(), plot) == plots.end()) {
            plots.push_back(plot);
        }
    }
    for (QCustomPlot* plot : plots) {
        // Wider tick labels take margin from the axis rect: the layout is redone at the replot.
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void PlotFonts::add(QObject* element, Part part, PlotFontRole role)
{
    // Items such as contour labels come and go: drop the entries of those deleted.
    std::erase_if(m_entries, [](const Entry& entry) { return entry.element.isNull(); });
    const auto same = [&](const Entry& entry) {
        return entry.element == element && entry.part == part;
    };
    auto entry = std::find_if(m_entries.begin(), m_entries.end(), same);
    if (entry == m_entries.end()) {
        entry = m_entries.insert(m_entries.end(), Entry{element, part, role, QFont()});
    }
    entry->role = role;
    entry->applied = derive(m_widget->font(), role);
    setFont(*entry, entry->applied);
}

QFont PlotFonts::fontOf(const Entry& entry)
{
    QObject* element = entry.element.data();
    switch (entry.part) {
    case Part::TickLabels:
        return static_cast<QCPAxis*>(element)->tickLabelFont();
    case Part::AxisLabel:
        return static_cast<QCPAxis*>(element)->labelFont();
    case Part::Legend:
        return static_cast<QCPLegend*>(element)->font();
    case Part::TextElement:
        return static_cast<QCPTextElement*>(element)->font();
    case Part::ItemText:
        return static_cast<QCPItemText*>(element)->font();
    }
    return {};
}

void PlotFonts::setFont(const Entry& entry, const QFont& font)
{
    // Selected elements are drawn bold, as QCustomPlot does by default.
    QFont selected = font;
    selected.setBold(true);
    QObject* element = entry.element.data();
    switch (entry.part) {
    case Part::TickLabels:
        static_cast<QCPAxis*>(element)->setTickLabelFont(font);
        static_cast<QCPAxis*>(element)->setSelectedTickLabelFont(selected);
        break;
    case Part::AxisLabel:
        static_cast<QCPAxis*>(element)->setLabelFont(font);
        static_cast<QCPAxis*>(element)->setSelectedLabelFont(selected);
        break;
    case Part::Legend:
        // QCPLegend passes both on to its items.
        static_cast<QCPLegend*>(element)->setFont(font);
        static_cast<QCPLegend*>(element)->setSelectedFont(selected);
        break;
    case Part::TextElement:
        static_cast<QCPTextElement*>(element)->setFont(font);
        static_cast<QCPTextElement*>(element)->setSelectedFont(selected);
        break;
    case Part::ItemText:
        static_cast<QCPItemText*>(element)->setFont(font);
        static_cast<QCPItemText*>(element)->setSelectedFont(selected);
        break;
    }
}

} // namespace gradlab
