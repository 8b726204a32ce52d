// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFont>
#include <QFontMetrics>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QList>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QStyleOptionGroupBox>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

// Where the texts of a widget are, by geometry (not pixels): each visible text of its child
// widgets (labels, editors, buttons, tables, group titles) and of its plots (QCustomPlot text
// items, axis and tick labels, legends), as a rectangle in the widget's coordinates with the
// rectangle it must stay inside. layoutProblems() lists the texts that overlap one another or are
// cut off; checkTextLayout() fails the current test with that list.
//
// Use: show the widget at the size to check (showAt), let it lay out, then
//     QVERIFY2(layoutProblems(&widget).isEmpty(), ...)   or   checkTextLayout(&widget);
// presenterFont() enlarges a widget's font as the main window's presenter mode does.
namespace gradlab::testing {

/// \brief One text on screen: what it is, where it is drawn, and where it would be cut off.
struct TextBox
{
    QString what;
    QRect rect;    ///< the text's bounding rectangle, in the root widget's coordinates
    QRect visible; ///< the area it is drawn in: outside it the text is cut off
    const QObject* owner = nullptr; ///< the widget or plot element that draws it
    bool isContainer = false; ///< a rectangle texts may lie inside (a table), not a text itself
};

namespace detail {

/// Pixels of overlap or overhang forgiven: antialiasing and rounding of fractional metrics.
constexpr int kSlack = 1;

inline QString describe(const QObject* object)
{
    QString name = QString::fromLatin1(object->metaObject()->className());
    if (!object->objectName().isEmpty()) {
        name += QStringLiteral(" '%1'").arg(object->objectName());
    }
    return name;
}

inline QString shortened(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.size() > 48 ? text.left(45) + QStringLiteral("...") : text;
}

/// The part of \a widget's ancestors up to \a root that shows it, in root coordinates. A scroll
/// area shows its content past its viewport's edge in the directions it can scroll.
inline QRect visibleArea(const QWidget* widget, const QWidget* root)
{
    constexpr int kFar = 1 << 20;
    QRect area(-kFar, -kFar, 2 * kFar, 2 * kFar);
    bool scrollsVertically = false;
    bool scrollsHorizontally = false;
    for (const QWidget* ancestor = widget->parentWidget(); ancestor;
         ancestor = ancestor->parentWidget()) {
        if (auto* scroll = qobject_cast<const QAbstractScrollArea*>(ancestor->parentWidget());
            scroll && scroll->viewport() == ancestor) {
            scrollsVertically =
                scrollsVertically || scroll->verticalScrollBarPolicy() != Qt::ScrollBarAlwaysOff;
            scrollsHorizontally = scrollsHorizontally ||
                                  scroll->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff;
        }
        QRect own(ancestor->mapTo(root, QPoint(0, 0)), ancestor->size());
        if (scrollsVertically) {
            own.setTop(-kFar);
            own.setBottom(kFar);
        }
        if (scrollsHorizontally) {
            own.setLeft(-kFar);
            own.setRight(kFar);
        }
        area &= own;
        if (ancestor == root) {
            break;
        }
    }
    return area;
}

/// The rectangle \a size takes in \a frame when aligned by \a alignment.
inline QRect aligned(const QSize& size, const QRect& frame, Qt::Alignment alignment)
{
    return QStyle::alignedRect(Qt::LeftToRight, alignment, size, frame);
}

/// The text a label draws, laid out in its contents rectangle as QLabel lays it out.
inline QSize labelTextSize(const QLabel* label, const QRect& contents)
{
    const bool rich = label->textFormat() == Qt::RichText ||
                      (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    if (rich) {
        QTextDocument document;
        document.setDefaultFont(label->font());
        document.setDocumentMargin(0);
        document.setHtml(label->text());
        if (label->wordWrap()) {
            document.setTextWidth(contents.width());
        }
        return QSize(static_cast<int>(std::ceil(document.idealWidth())),
                     static_cast<int>(std::ceil(document.size().height())));
    }
    const int flags = label->wordWrap() ? Qt::TextWordWrap : Qt::TextSingleLine;
    const QFontMetrics metrics(label->font(), label);
    return metrics
        .boundingRect(QRect(0, 0, label->wordWrap() ? contents.width() : 1 << 20, 1 << 20), flags,
                      label->text())
        .size();
}

inline void addWidgetTexts(QWidget* widget, QWidget* root, QList<TextBox>& boxes);
inline void addPlotTexts(QCustomPlot* plot, QWidget* root, QList<TextBox>& boxes);

inline void addCellTexts(QAbstractItemView* view, QWidget* root, QList<TextBox>& boxes)
{
    QAbstractItemModel* model = view->model();
    if (!model) {
        return;
    }
    const QWidget* viewport = view->viewport();
    const QRect shown(viewport->mapTo(root, QPoint(0, 0)), viewport->size());
    // A cell's text and the margins a style leaves on either side of it.
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            const QRect cell = view->visualRect(index);
            const QString text = index.data(Qt::DisplayRole).toString();
            if (cell.isEmpty() || text.isEmpty() || !viewport->rect().intersects(cell)) {
                continue;
            }
            const QVariant fontData = index.data(Qt::FontRole);
            const QFont font =
                fontData.canConvert<QFont>() ? fontData.value<QFont>() : view->font();
            const QFontMetrics metrics(font, view);
            const QSize size(metrics.horizontalAdvance(text) + 2 * margin, metrics.height());
            const QRect frame(viewport->mapTo(root, cell.topLeft()), cell.size());
            boxes.append({QStringLiteral("cell (%1, %2) '%3' of %4")
                              .arg(row)
                              .arg(column)
                              .arg(shortened(text), describe(view)),
                          aligned(size, frame, Qt::AlignLeft | Qt::AlignVCenter), frame & shown,
                          view});
        }
    }
    if (auto* table = qobject_cast<QTableView*>(view)) {
        QHeaderView* header = table->horizontalHeader();
        for (int section = 0; header->isVisible() && section < header->count(); ++section) {
            const QString text = model->headerData(section, Qt::Horizontal).toString();
            if (text.isEmpty()) {
                continue;
            }
            const QFontMetrics metrics(header->font(), header);
            const QSize size(metrics.horizontalAdvance(text) + 2 * margin, metrics.height());
            const QRect frame(
                header->mapTo(root, QPoint(header->sectionViewportPosition(section), 0)),
                QSize(header->sectionSize(section), header->height()));
            boxes.append({QStringLiteral("header '%1' of %2").arg(shortened(text), describe(view)),
                          aligned(size, frame, Qt::AlignCenter), frame, header});
        }
    }
}

inline void addWidgetTexts(QWidget* widget, QWidget* root, QList<TextBox>& boxes)
{
    if (!widget->isVisible()) {
        return;
    }
    const QRect own(widget->mapTo(root, QPoint(0, 0)), widget->size());
    const QRect area = visibleArea(widget, root);
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        addPlotTexts(plot, root, boxes);
        return;
    }
    if (auto* label = qobject_cast<QLabel*>(widget)) {
        if (label->text().isEmpty()) {
            return;
        }
        const int inset = label->margin() + std::max(0, label->indent());
        const QRect contents = label->contentsRect().adjusted(inset, 0, -inset, 0);
        const QSize size = labelTextSize(label, contents);
        const QRect frame(label->mapTo(root, contents.topLeft()), contents.size());
        const QRect text = aligned(size, frame, label->alignment());
        // A label draws inside itself: past its edge the text is cut off.
        boxes.append(
            {QStringLiteral("label '%1'").arg(shortened(label->text())), text, area & own, label});
        return;
    }
    if (auto* view = qobject_cast<QAbstractItemView*>(widget)) {
        boxes.append({describe(view), own, area, view, true});
        addCellTexts(view, root, boxes);
        return;
    }
    const bool textWidget =
        qobject_cast<QLineEdit*>(widget) || qobject_cast<QAbstractSpinBox*>(widget) ||
        qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractButton*>(widget) ||
        qobject_cast<QTabBar*>(widget);
    if (textWidget) {
        // Its text is inside it; squeezed below its smallest size, the text is cut off.
        const QSize smallest = widget->minimumSizeHint();
        QRect text = own;
        if (!qobject_cast<QLineEdit*>(widget) && !qobject_cast<QTabBar*>(widget)) {
            text.setWidth(std::max(own.width(), smallest.width()));
        }
        text.setHeight(std::max(own.height(), std::min(smallest.height(), 1 << 16)));
        QString what = describe(widget);
        if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
            what += QStringLiteral(" '%1'").arg(shortened(edit->text()));
        } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
            what += QStringLiteral(" '%1'").arg(shortened(button->text()));
        }
        boxes.append({what, text, area & own, widget});
        return;
    }
    if (auto* group = qobject_cast<QGroupBox*>(widget); group && !group->title().isEmpty()) {
        QStyleOptionGroupBox option;
        option.initFrom(group);
        option.text = group->title();
        option.subControls = QStyle::SC_GroupBoxLabel;
        const QRect title = group->style()->subControlRect(QStyle::CC_GroupBox, &option,
                                                           QStyle::SC_GroupBoxLabel, group);
        const QFontMetrics metrics(group->font(), group);
        const QRect need(group->mapTo(root, title.topLeft()),
                         QSize(std::max(title.width(), metrics.horizontalAdvance(group->title())),
                               title.height()));
        boxes.append(
            {QStringLiteral("group title '%1'").arg(group->title()), need, area & own, group});
    }
    for (QObject* child : widget->children()) {
        if (auto* childWidget = qobject_cast<QWidget*>(child);
            childWidget && !childWidget->isWindow()) {
            addWidgetTexts(childWidget, root, boxes);
        }
    }
}

/// The size \a text takes in \a font on \a plot, as QCustomPlot measures it.
inline QSize plotTextSize(const QCustomPlot* plot, const QFont& font, const QString& text)
{
    const QFontMetrics metrics(font, const_cast<QCustomPlot*>(plot));
    return metrics.boundingRect(0, 0, 0, 0, Qt::TextDontClip, text).size();
}

inline void addAxisTexts(QCustomPlot* plot, QCPAxis* axis, const QPoint& origin, const QRect& shown,
                         QList<TextBox>& boxes)
{
    if (!axis->visible()) {
        return;
    }
    const QRect rect = axis->axisRect()->rect();
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    const bool outside = axis->tickLabelSide() == QCPAxis::lsOutside;
    // Distance from the axis line to the tick labels: offset, outer tick length, padding.
    const int tickGap =
        axis->offset() + (outside ? axis->tickLengthOut() : 0) + axis->tickLabelPadding();
    int deepest = 0; // the tick labels' extent away from the axis
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    for (int i = 0; axis->tickLabels() && outside && i < ticks.size() && i < labels.size(); ++i) {
        if (!axis->range().contains(ticks[i]) || labels[i].isEmpty()) {
            continue;
        }
        const QSize size = plotTextSize(plot, axis->tickLabelFont(), labels[i]);
        const double at = axis->coordToPixel(ticks[i]);
        QRect box;
        switch (axis->axisType()) {
        case QCPAxis::atBottom:
            box = QRect(qRound(at - size.width() / 2.0), rect.bottom() + 1 + tickGap, size.width(),
                        size.height());
            break;
        case QCPAxis::atTop:
            box = QRect(qRound(at - size.width() / 2.0), rect.top() - tickGap - size.height(),
                        size.width(), size.height());
            break;
        case QCPAxis::atLeft:
            box = QRect(rect.left() - tickGap - size.width(), qRound(at - size.height() / 2.0),
                        size.width(), size.height());
            break;
        case QCPAxis::atRight:
            box = QRect(rect.right() + 1 + tickGap, qRound(at - size.height() / 2.0), size.width(),
                        size.height());
            break;
        }
        deepest = std::max(deepest, horizontal ? size.height() : size.width());
        boxes.append({QStringLiteral("tick label '%1' of axis '%2'").arg(labels[i], axis->label()),
                      box.translated(origin), shown, axis});
    }
    if (axis->label().isEmpty()) {
        return;
    }
    const QSize size = plotTextSize(plot, axis->labelFont(), axis->label());
    const int gap = tickGap + deepest + axis->labelPadding();
    QRect box;
    switch (axis->axisType()) {
    case QCPAxis::atBottom:
        box = QRect(rect.center().x() - size.width() / 2, rect.bottom() + 1 + gap, size.width(),
                    size.height());
        break;
    case QCPAxis::atTop:
        box = QRect(rect.center().x() - size.width() / 2, rect.top() - gap - size.height(),
                    size.width(), size.height());
        break;
    case QCPAxis::atLeft: // drawn turned by −90°
        box = QRect(rect.left() - gap - size.height(), rect.center().y() - size.width() / 2,
                    size.height(), size.width());
        break;
    case QCPAxis::atRight: // drawn turned by 90°
        box = QRect(rect.right() + 1 + gap, rect.center().y() - size.width() / 2, size.height(),
                    size.width());
        break;
    }
    boxes.append({QStringLiteral("label of axis '%1'").arg(axis->label()), box.translated(origin),
                  shown, axis});
}

inline void addPlotTexts(QCustomPlot* plot, QWidget* root, QList<TextBox>& boxes)
{
    const QPoint origin = plot->mapTo(root, QPoint(0, 0));
    const QRect shown = visibleArea(plot, root) & QRect(origin, plot->size());
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(element); rect && rect->visible()) {
            for (QCPAxis* axis : rect->axes()) {
                addAxisTexts(plot, axis, origin, shown, boxes);
            }
        } else if (auto* legend = qobject_cast<QCPLegend*>(element);
                   legend && legend->realVisibility() && legend->itemCount() > 0) {
            boxes.append(
                {QStringLiteral("legend"), legend->outerRect().translated(origin), shown, legend});
        } else if (auto* title = qobject_cast<QCPTextElement*>(element);
                   title && title->realVisibility() && !title->text().isEmpty()) {
            const QSize size = plotTextSize(plot, title->font(), title->text());
            boxes.append({QStringLiteral("title '%1'").arg(title->text()),
                          aligned(size, title->rect(),
                                  Qt::Alignment(title->textFlags()) &
                                      (Qt::AlignHorizontal_Mask | Qt::AlignVertical_Mask))
                              .translated(origin),
                          shown, title});
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* item = qobject_cast<QCPItemText*>(plot->item(i));
        if (!item || !item->realVisibility() || item->text().isEmpty()) {
            continue;
        }
        // As QCPItemText::draw lays it out (unrotated): the text's bounds, its padding around
        // them, placed by the position alignment at the anchor's pixel.
        const QPointF anchor = item->position->pixelPosition();
        if (!std::isfinite(anchor.x()) || !std::isfinite(anchor.y())) {
            continue;
        }
        const QFontMetrics metrics(item->font(), plot);
        const QRect text = metrics.boundingRect(
            0, 0, 0, 0, Qt::TextDontClip | item->textAlignment(), item->text());
        const QMargins padding = item->padding();
        QRect box =
            text.adjusted(-padding.left(), -padding.top(), padding.right(), padding.bottom());
        QPointF topLeft = anchor;
        const Qt::Alignment alignment = item->positionAlignment();
        if (alignment & Qt::AlignHCenter) {
            topLeft.rx() -= box.width() * 0.5;
        } else if (alignment & Qt::AlignRight) {
            topLeft.rx() -= box.width();
        }
        if (alignment & Qt::AlignVCenter) {
            topLeft.ry() -= box.height() * 0.5;
        } else if (alignment & Qt::AlignBottom) {
            topLeft.ry() -= box.height();
        }
        box.moveTopLeft(topLeft.toPoint());
        QRect visible = shown;
        if (item->clipToAxisRect() && item->clipAxisRect()) {
            visible &= item->clipAxisRect()->rect().translated(origin);
        }
        boxes.append({QStringLiteral("plot text '%1'").arg(shortened(item->text())),
                      box.translated(origin), visible, item});
    }
}

} // namespace detail

/// Every visible text of \a root and its descendants, in \a root's coordinates.
inline QList<TextBox> textBoxesOf(QWidget* root)
{
    QList<TextBox> boxes;
    for (QObject* child : root->children()) {
        if (auto* widget = qobject_cast<QWidget*>(child); widget && !widget->isWindow()) {
            detail::addWidgetTexts(widget, root, boxes);
        }
    }
    if (auto* plot = qobject_cast<QCustomPlot*>(root)) {
        detail::addPlotTexts(plot, root, boxes);
    }
    return boxes;
}

/// The texts of \a root that are cut off (past the area they are drawn in) or overlap another
/// text, in words, one line each; empty if none.
inline QStringList layoutProblems(QWidget* root)
{
    using detail::kSlack;
    const QList<TextBox> boxes = textBoxesOf(root);
    QStringList problems;
    const auto format = [](const QRect& r) {
        return QStringLiteral("(%1, %2, %3×%4)")
            .arg(r.x())
            .arg(r.y())
            .arg(r.width())
            .arg(r.height());
    };
    for (const TextBox& box : boxes) {
        if (!box.visible.adjusted(-kSlack, -kSlack, kSlack, kSlack).contains(box.rect)) {
            problems << QStringLiteral("%1 at %2 is cut off by its area %3")
                            .arg(box.what, format(box.rect), format(box.visible));
        }
    }
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        for (qsizetype j = i + 1; j < boxes.size(); ++j) {
            const TextBox& a = boxes[i];
            const TextBox& b = boxes[j];
            // A table holds its own cells.
            if ((a.isContainer && (b.owner == a.owner || b.owner->parent() == a.owner)) ||
                (b.isContainer && (a.owner == b.owner || a.owner->parent() == b.owner))) {
                continue;
            }
            const QRect common = a.rect & b.rect;
            if (common.width() > kSlack && common.height() > kSlack) {
                problems << QStringLiteral("%1 at %2 overlaps %3 at %4")
                                .arg(a.what, format(a.rect), b.what, format(b.rect));
            }
        }
    }
    return problems;
}

/// Fails the current test with every layout problem of \a root (see layoutProblems()).
inline void checkTextLayout(QWidget* root, const QString& context = QString())
{
    const QStringList problems = layoutProblems(root);
    QVERIFY2(problems.isEmpty(),
             qPrintable(context + QStringLiteral(": ") + QString::number(problems.size()) +
                        QStringLiteral(" text layout problem(s):\n  ") +
                        problems.join(QStringLiteral("\n  "))));
}

/// \a widget's font \a factor times as large, as MainWindow::setPresenterMode sets it (1.5).
inline void presenterFont(QWidget* widget, double factor = 1.5)
{
    QFont big = widget->font();
    big.setPointSizeF(big.pointSizeF() * factor);
    widget->setFont(big);
}

/// Shows \a widget at \a size and waits until it is laid out and its plots replotted.
inline bool showAt(QWidget* widget, const QSize& size)
{
    widget->resize(size);
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget)) {
        return false;
    }
    QCoreApplication::processEvents();
    for (QCustomPlot* plot : widget->findChildren<QCustomPlot*>()) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    QCoreApplication::processEvents();
    return true;
}

} // namespace gradlab::testing
