// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functionpage.h"

#include "derivativetablemodel.h"
#include "expression/printer.h"
#include "functionmodel.h"
#include "labplot.h"
#include "labstyle.h"
#include "panels/expressionedit.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

namespace gradlab {
namespace {

// The formula typed and its derivative read larger than the text around them.
constexpr PlotFontRole kEditorFont{1.25};

} // namespace

FunctionPage::FunctionPage(QWidget* parent)
    : CurvePage(parent)
    , m_model(new FunctionModel(this))
    , m_table(new DerivativeTableModel(this))
{
    plot()->xAxis->setRange(m_model->xMinimum(), m_model->xMaximum());
    plot()->xAxis->setLabel(QStringLiteral("x"));
    plot()->yAxis->setLabel(QStringLiteral("y"));
    QCPAxisRect* rect = plot()->axisRect();
    m_curve = plot()->addCurve(rect, QPen(labstyle::kCurve, 3));
    m_derivative = plot()->addCurve(rect, QPen(labstyle::kDerivative, 2.5, Qt::DashLine));
    m_tangent = new QCPItemStraightLine(plot());
    m_tangent->setPen(QPen(labstyle::kDerivative, 1.5));
    m_kinks = plot()->addMarker(rect, labstyle::kInk, 12.0, false);
    m_kinks->setName(tr("corner: no tangent"));
    m_kinkSlopes = plot()->addMarker(rect, labstyle::kDerivative, 9.0);
    m_kinkSlopes->setName(tr("f′ at a corner, by convention"));
    m_point = plot()->addMarker(rect, labstyle::kPoint, 13.0);
    m_point->removeFromLegend();
    showLegend();

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* editorRow = new QHBoxLayout;
    auto* prompt = new QLabel(tr("f(x) ="), left);
    labstyle::followFont(prompt, kEditorFont);
    m_editor = new ExpressionEdit(left);
    labstyle::followFont(m_editor, kEditorFont);
    m_editor->setText(m_model->text());
    m_editor->setPlaceholderText(tr("a function of x, e.g. x^3 - 2x or sigmoid(2x)"));
    m_editor->setToolTip(tr("The plot follows as you type; x is the variable"));
    editorRow->addWidget(prompt);
    editorRow->addWidget(m_editor, 1);
    leftLayout->addLayout(editorRow);
    m_status = labstyle::paragraph(QString(), left);
    leftLayout->addWidget(m_status);
    leftLayout->addWidget(plot(), 1);

    QVBoxLayout* sideLayout = addSidePanel(left, 380, 460);
    QWidget* side = sideLayout->parentWidget();
    sideLayout->setContentsMargins(6, 0, 0, 0);
    m_result = labstyle::readout(side);
    labstyle::followFont(m_result, {labstyle::kReadoutFont.scale * kEditorFont.scale});
    sideLayout->addWidget(m_result);
    m_steps = labstyle::paragraph(QString(), side);
    sideLayout->addWidget(m_steps);
    m_kinkNote = labstyle::paragraph(QString(), side);
    sideLayout->addWidget(m_kinkNote);
    auto* pointRow = new QHBoxLayout;
    pointRow->addWidget(new QLabel(tr("x₀"), side));
    pointRow->addWidget(xEditor());
    m_readout = labstyle::paragraph(QString(), side);
    pointRow->addWidget(m_readout, 1);
    sideLayout->addLayout(pointRow);
    sideLayout->addWidget(labstyle::heading(tr("A small table to memorize"), side));
    m_tableView = new QTableView(side);
    m_tableView->setModel(m_table);
    m_tableView->verticalHeader()->setVisible(false);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tableView->setWordWrap(false);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    labstyle::fitHeightToRows(m_tableView, 6);
    m_tableView->setCursor(Qt::PointingHandCursor);
    sideLayout->addWidget(m_tableView);
    sideLayout->addWidget(labstyle::paragraph(
        tr("Click a row to plot it. With the sum rule, the constant multiple rule and the chain "
           "rule, this table derives every derivative of a neural network."),
        side));
    sideLayout->addStretch(1);

    // As in the main window's editor: parsed a moment after the last keystroke, or at once on
    // Return; a text that does not parse is marked and the last good function stays.
    m_parseTimer = new QTimer(this);
    m_parseTimer->setSingleShot(true);
    m_parseTimer->setInterval(kParseDelay);
    connect(m_parseTimer, &QTimer::timeout, this, &FunctionPage::commitText);
    connect(m_editor, &QLineEdit::textEdited, m_parseTimer, qOverload<>(&QTimer::start));
    connect(m_editor, &QLineEdit::returnPressed, this, [this] {
        m_parseTimer->stop();
        commitText();
    });
    connect(m_tableView, &QTableView::clicked, this,
            [this](const QModelIndex& index) { loadTableRow(index.row()); });
    connect(m_model, &FunctionModel::inputRejected, this, &FunctionPage::showRejection);
    connect(m_model, &CurveModel::functionChanged, this, &FunctionPage::updateFunction);
    updateFunction();
    followPoint(m_model);
}

void FunctionPage::loadTableRow(int row)
{
    if (row < 0 || row >= m_table->entryCount()) {
        return;
    }
    const DerivativeTableEntry& entry = m_table->entry(row);
    m_parseTimer->stop();
    m_editor->setText(entry.formula);
    m_editor->clearError();
    m_model->load(entry.formula, entry.x);
    m_tableView->selectRow(row);
}

void FunctionPage::commitText()
{
    if (m_editor->text() == m_model->text()) {
        // Typed back to the function shown: nothing to parse, nothing wrong.
        updateFunction();
        return;
    }
    m_model->setExpressionText(m_editor->text());
}

void FunctionPage::showRejection()
{
    const FunctionInput& input = m_model->lastInput();
    m_editor->setErrorRange(input.position, input.length);
    m_status->setText(
        tr("<span style=\"color:#b4232d\">%1</span> Still showing f(x) = %2.")
            .arg(input.message.toHtmlEscaped(), m_model->functionText().toHtmlEscaped()));
}

void FunctionPage::updateFunction()
{
    m_editor->clearError();
    m_status->setText(tr("f in teal, f′ in amber (dashed), the tangent at x₀ in thin amber. "
                         "Drag on the plot to move the point."));
    nameCurves();
    LabPlot::setCurveData(m_curve, m_model->sampleX(), m_model->sampleValues());
    // f′ jumps at a corner: a gap just after each corner keeps the line from joining the two
    // sides, and a dot shows the value the convention gives at the corner itself.
    QVector<double> derivativeX = m_model->sampleX();
    QVector<double> derivativeY = m_model->sampleDerivatives();
    QVector<double> kinkValues;
    QVector<double> kinkSlopes;
    for (double corner : m_model->kinks()) {
        const auto after = std::upper_bound(derivativeX.begin(), derivativeX.end(), corner);
        const auto at = after - derivativeX.begin();
        derivativeX.insert(at, corner + 1e-9 * std::max(1.0, std::fabs(corner)));
        derivativeY.insert(at, std::numeric_limits<double>::quiet_NaN());
        kinkValues << m_model->function().value(corner);
        kinkSlopes << m_model->function().derivative(corner);
    }
    LabPlot::setCurveData(m_derivative, derivativeX, derivativeY);
    m_kinks->setData(m_model->kinks(), kinkValues);
    m_kinkSlopes->setData(m_model->kinks(), kinkSlopes);
    for (QCPGraph* marker : {m_kinks, m_kinkSlopes}) {
        if (m_model->kinks().isEmpty()) {
            marker->removeFromLegend();
        } else {
            marker->addToLegend();
        }
    }
    const auto [low, high] = m_model->valueRange();
    plot()->yAxis->setRange(low, high);

    const Derivation& derivation = m_model->derivation();
    const QString derivativeHtml =
        derivation.result ? QString::fromStdString(toHtml(derivation.result)) : QString();
    m_result->setText(tr("f′(x) = <b>%1</b>").arg(derivativeHtml));
    QString steps = tr("<b>How, rule by rule:</b>");
    for (const DerivationStep& step : m_model->shownSteps()) {
        // Rich text collapses spaces: indent the parts of a rule with non-breaking ones.
        steps += QStringLiteral("<br>") + QStringLiteral("&nbsp;").repeated(4 * step.depth) +
                 (step.depth > 0 ? QStringLiteral("↳ ") : QString()) +
                 QString::fromStdString(step.text).toHtmlEscaped();
    }
    m_steps->setText(steps);
    m_kinkNote->setText(m_model->kinkNote());
    m_kinkNote->setVisible(!m_model->kinks().isEmpty());
}

void FunctionPage::nameCurves()
{
    // The legend fits the narrowest plot beside the axis's labels, its marks and its margins
    // (about 180 pixels): a longer formula is cut short there and read whole beside the plot.
    const QFontMetrics metrics(plot()->legend->font());
    const int room = plot()->minimumWidth() - 180;
    m_curve->setName(
        metrics.elidedText(tr("f(x) = %1").arg(m_model->functionText()), Qt::ElideRight, room));
    m_derivative->setName(
        metrics.elidedText(tr("f′(x) = %1").arg(m_model->derivativeText()), Qt::ElideRight, room));
}

void FunctionPage::changeEvent(QEvent* event)
{
    CurvePage::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        nameCurves();
        plot()->replot();
    }
}

void FunctionPage::updatePoint()
{
    const double y = m_model->value();
    placeOnPoint(m_point, m_tangent);
    m_tangent->setVisible(std::isfinite(y) && std::isfinite(m_model->slope()));
    m_readout->setText(
        tr("f(x₀) = %1, &nbsp;<b>f′(x₀) = %2</b>")
            .arg(labstyle::significant(y, 6), labstyle::significant(m_model->slope(), 6)));
}

} // namespace gradlab
