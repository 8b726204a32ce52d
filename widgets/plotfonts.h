// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QPointer>
#include <vector>

class QCPAxis;
class QCPAxisRect;
class QCPItemText;
class QCPLegend;
class QCPTextElement;
class QWidget;

namespace gradlab {

/// \brief A font relative to a widget's: \c scale times its size, bold or in the widget's weight.
struct PlotFontRole
{
    double scale = 1.0;
    bool bold = false;
};

/// \brief Keeps the fonts of QCustomPlot axes, legends, titles and text items derived from a
/// widget's font, so that plots grow and shrink with it (presenter mode) as Qt's widgets do.
///
/// QCustomPlot copies a font into each of these elements when it is created and never looks at
/// the widget's font again. Each element handed to PlotFonts gets a role (a size relative to the
/// widget's font, and a weight) and its font now; apply() derives every font again from the
/// widget's current font. A view calls apply() from changeEvent() on QEvent::FontChange.
class PlotFonts
{
public:
    /// Fonts follow \a widget's font; \a widget outlives this object (it is usually its owner).
    explicit PlotFonts(const QWidget* widget);
    PlotFonts(const PlotFonts&) = delete;
    PlotFonts& operator=(const PlotFonts&) = delete;

    /// \a base in \a role: its size (in points, or pixels if it is given in pixels) times the
    /// role's scale, bold if the role asks for it; family and style stay \a base's.
    static QFont derive(const QFont& base, PlotFontRole role);

    // Each add sets the element's font in its role now, and again at each apply().

    /// The tick labels and the label of \a axis.
    void addAxis(QCPAxis* axis, PlotFontRole tickLabels = {}, PlotFontRole label = {});
    /// The four axes of \a rect.
    void addAxisRect(QCPAxisRect* rect, PlotFontRole tickLabels = {}, PlotFontRole labels = {});
    /// \a legend and its items.
    void addLegend(QCPLegend* legend, PlotFontRole role = {});
    void addText(QCPTextElement* text, PlotFontRole role = {});
    void addText(QCPItemText* text, PlotFontRole role = {});

    /// Keeps the tick labels of \a axis, a vertical axis, apart in their font: where the usual
    /// five ticks would crowd its axis rect (a short chart, large fonts), it asks for fewer.
    static void keepTickLabelsApart(QCPAxis* axis);

    /// Derives every font again from the widget's current font and queues a replot of each plot
    /// concerned. An element deleted since is forgotten; one whose font was set from outside
    /// since (a page's own choice) keeps that font and is forgotten too.
    void apply();

private:
    /// Which font of an element an entry sets.
    enum class Part { TickLabels, AxisLabel, Legend, TextElement, ItemText };

    struct Entry
    {
        QPointer<QObject> element;
        Part part = Part::ItemText;
        PlotFontRole role;
        QFont applied; ///< the font this object set last: anything else was set from outside
    };

    void add(QObject* element, Part part, PlotFontRole role);
    static QFont fontOf(const Entry& entry);
    static void setFont(const Entry& entry, const QFont& font);

    const QWidget* m_widget = nullptr;
    std::vector<Entry> m_entries;
};

} // namespace gradlab
