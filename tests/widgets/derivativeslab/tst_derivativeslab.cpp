// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "derivativeslab/curvemodel.h"
#include "derivativeslab/curvepage.h"
#include "derivativeslab/derivativeslab.h"
#include "derivativeslab/derivativetablemodel.h"
#include "derivativeslab/differencetablemodel.h"
#include "derivativeslab/exponentialpage.h"
#include "derivativeslab/formulaeditor.h"
#include "derivativeslab/functionmodel.h"
#include "derivativeslab/functionpage.h"
#include "derivativeslab/labplot.h"
#include "derivativeslab/secantmodel.h"
#include "derivativeslab/secantpage.h"
#include "derivativeslab/sigmoidmodel.h"
#include "derivativeslab/sigmoidpage.h"
#include "derivativeslab/slopemodel.h"
#include "derivativeslab/slopepage.h"
#include "derivativeslab/tangentpage.h"
#include "differentiation/finitedifferences.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "panels/expressionedit.h"

#include <QDoubleSpinBox>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>
#include <cmath>
#include <limits>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::FunctionInputProblem)
Q_DECLARE_METATYPE(gradlab::ParseErrorCode)
Q_DECLARE_METATYPE(gradlab::DerivativeRule)
Q_DECLARE_METATYPE(gradlab::DerivativesLab::Page)

namespace {

/// A text of the lab whose size is set relative to the font around it.
enum class LabText {
    SecantHeading,
    SecantReadout,
    SecantSlopes,
    FunctionEditor,
    FunctionResult,
    FunctionLegend
};

/// The font \a text of \a lab is drawn in now.
QFont fontOf(const DerivativesLab& lab, LabText text)
{
    switch (text) {
    case LabText::SecantHeading:
        return lab.secantPage()->title()->font();
    case LabText::SecantReadout:
        return lab.secantPage()->readout()->font();
    case LabText::SecantSlopes:
        return lab.secantPage()->slopes()->font();
    case LabText::FunctionEditor:
        return lab.functionPage()->editor()->font();
    case LabText::FunctionResult:
        return lab.functionPage()->result()->font();
    case LabText::FunctionLegend:
        return lab.functionPage()->plot()->legend->font();
    }
    return {};
}

/// |a − b| within \a tolerance relative to the larger magnitude (absolute below 1).
bool close(double a, double b, double tolerance)
{
    return std::fabs(a - b) <= tolerance * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/// f(x) for a formula of x, compiled independently of the lab (the test's own reference).
double referenceValue(const char* formula, double x)
{
    const ParseResult parsed = parse(formula);
    if (parsed.hasError()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return CompiledFunction::compile(parsed.expression, {}, DerivativeOrder::Value).value(x, 0.0);
}

/// The pixel of (x, y) on \a plot's main axes.
QPoint pixelOf(LabPlot* plot, double x, double y)
{
    return QPoint(qRound(plot->xAxis->coordToPixel(x)), qRound(plot->yAxis->coordToPixel(y)));
}

/// The model of \a lab's page \a page, one of the pages about a point on a curve.
CurveModel* curveModelOf(const DerivativesLab& lab, DerivativesLab::Page page)
{
    switch (page) {
    case DerivativesLab::Page::Tangent:
        return lab.tangentModel();
    case DerivativesLab::Page::Exponential:
        return lab.exponentialModel();
    case DerivativesLab::Page::Sigmoid:
        return lab.sigmoidModel();
    case DerivativesLab::Page::AnyFunction:
        return lab.functionModel();
    case DerivativesLab::Page::Slope:
    case DerivativesLab::Page::Secant:
        break;
    }
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(LabText)

class TestDerivativesLab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsMatchTheTutorial();
    void slopeOfALine_data();
    void slopeOfALine();
    void slopeStaysAlongTheLine_data();
    void slopeStaysAlongTheLine();
    void slopeDraggedWithTheMouse();
    void tangentSlope_data();
    void tangentSlope();
    void tangentDraggedWithTheMouse();
    void curvePageFollowsThePoint_data();
    void curvePageFollowsThePoint();
    void secantApproachesTangent_data();
    void secantApproachesTangent();
    void secantTableRows_data();
    void secantTableRows();
    void secantTableShowsRoundOff();
    void secantSliderIsLogarithmic_data();
    void secantSliderIsLogarithmic();
    void exponentialSlopeEqualsHeight_data();
    void exponentialSlopeEqualsHeight();
    void sigmoidIdentity_data();
    void sigmoidIdentity();
    void sigmoidPeak();
    void anyFunctionDerivative_data();
    void anyFunctionDerivative();
    void badExpressionKeepsLastGood_data();
    void badExpressionKeepsLastGood();
    void editorShowsRejection();
    void anyFunctionFollowsTyping();
    void tangentTakesAnyFunction();
    void secantTakesAnyFunction_data();
    void secantTakesAnyFunction();
    void tableEntryLoads_data();
    void tableEntryLoads();
    void reluKinkConvention();
    void showPage_data();
    void showPage();
    void textsFollowTheFont_data();
    void textsFollowTheFont();
    void screenshots();
};

void TestDerivativesLab::defaultsMatchTheTutorial()
{
    DerivativesLab lab;
    QCOMPARE(lab.currentPage(), static_cast<int>(DerivativesLab::Page::Slope));
    QCOMPARE(lab.slopeModel()->slope(), lab.slopeModel()->rise() / lab.slopeModel()->run());
    QCOMPARE(lab.tangentModel()->x(), 1.0);
    QCOMPARE(lab.tangentModel()->slope(), 2.0);
    QCOMPARE(lab.secantModel()->x(), 1.0);
    QCOMPARE(lab.secantModel()->h(), 1.5);
    // Fig. 3: ((1 + 1.5)² − 1²) / 1.5 = 3.50 beside the true tangent 2.00.
    QVERIFY(close(lab.secantModel()->secantSlope(), 3.5, 1e-15));
    QCOMPARE(lab.secantModel()->tangentSlope(), 2.0);
    QVERIFY(close(lab.exponentialModel()->slope(), lab.exponentialModel()->value(), 1e-15));
    QVERIFY(close(lab.exponentialModel()->value(), std::exp(1.0), 1e-15));
    QVERIFY(std::fabs(lab.sigmoidModel()->identityDifference()) < 1e-15);
    QCOMPARE(lab.functionModel()->text(), QString::fromLatin1(FunctionModel::kDefaultFormula));
    QVERIFY(!lab.functionModel()->hasError());
}

void TestDerivativesLab::slopeOfALine_data()
{
    QTest::addColumn<QPointF>("first");
    QTest::addColumn<QPointF>("second");
    QTest::addColumn<double>("run");
    QTest::addColumn<double>("rise");
    QTest::addColumn<double>("slope");
    QTest::newRow("rises by 2 per 1") << QPointF(1, 1) << QPointF(2, 3) << 1.0 << 2.0 << 2.0;
    QTest::newRow("falls by 1 per 1") << QPointF(0, 4) << QPointF(4, 0) << 4.0 << -4.0 << -1.0;
    QTest::newRow("flat") << QPointF(-1, 2) << QPointF(5, 2) << 6.0 << 0.0 << 0.0;
    QTest::newRow("points swapped") << QPointF(3, 5) << QPointF(1, 1) << -2.0 << -4.0 << 2.0;
    QTest::newRow("gentle") << QPointF(0, 0) << QPointF(4, 1) << 4.0 << 1.0 << 0.25;
}

void TestDerivativesLab::slopeOfALine()
{
    QFETCH(QPointF, first);
    QFETCH(QPointF, second);
    QFETCH(double, run);
    QFETCH(double, rise);
    QFETCH(double, slope);
    SlopeModel model;
    QSignalSpy changed(&model, &SlopeModel::pointsChanged);
    model.setPoint(0, first);
    model.setPoint(1, second);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.run(), run);
    QCOMPARE(model.rise(), rise);
    QCOMPARE(model.slope(), slope);
    QVERIFY(!model.isVertical());
}

void TestDerivativesLab::slopeStaysAlongTheLine_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QPointF>("target");
    QTest::newRow("first point far left") << 0 << QPointF(-0.5, 6.0);
    QTest::newRow("first point past the second") << 0 << QPointF(5.0, 0.0);
    QTest::newRow("second point near the first") << 1 << QPointF(1.25, -1.0);
    QTest::newRow("second point far right") << 1 << QPointF(6.5, 2.0);
}

void TestDerivativesLab::slopeStaysAlongTheLine()
{
    QFETCH(int, index);
    QFETCH(QPointF, target);
    SlopeModel model;
    const double before = model.slope();
    const QPointF other = model.point(1 - index);
    // Off the line, a free drag changes the slope...
    SlopeModel free;
    free.setPoint(index, target);
    QVERIFY(free.slope() != before);
    // ... while sliding along the line keeps it, whichever two points remain.
    model.setMovesAlongLine(true);
    model.setPoint(index, target);
    QCOMPARE(model.point(index).x(), target.x());
    QVERIFY(close(model.slope(), before, 1e-14));
    QCOMPARE(model.point(1 - index), other);
    // The moved point lies on the original line y = y₀ + slope·(x − x₀).
    QVERIFY(close(model.point(index).y(), other.y() + before * (target.x() - other.x()), 1e-14));
    // A move onto the other point is refused: two points are needed for a slope.
    model.setPoint(index, other);
    QVERIFY(model.point(index) != other);
}

void TestDerivativesLab::slopeDraggedWithTheMouse()
{
    SlopePage page;
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.plot()->replot();
    SlopeModel* model = page.model();
    const QPointF start = model->point(1);
    QTest::mousePress(page.plot(), Qt::LeftButton, {}, pixelOf(page.plot(), start.x(), start.y()));
    QTest::mouseMove(page.plot(), pixelOf(page.plot(), 5.0, 3.0));
    QTest::mouseRelease(page.plot(), Qt::LeftButton, {}, pixelOf(page.plot(), 5.0, 3.0));
    // The drag snaps to a 0.05 grid, within one pixel of the target.
    QVERIFY2(std::fabs(model->point(1).x() - 5.0) < 0.06,
             qPrintable(QString::number(model->point(1).x())));
    QVERIFY(std::fabs(model->point(1).y() - 3.0) < 0.06);
    QCOMPARE(model->slope(), model->rise() / model->run());
    QVERIFY(close(model->slope(), (3.0 - 1.0) / (5.0 - 1.0), 0.05));
}

void TestDerivativesLab::tangentSlope_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("slope");
    // §3 and §5: for y = x² the slope at 1 is 2, at −3 it is −6, at 0 it is 0.
    QTest::newRow("at one") << 1.0 << 2.0;
    QTest::newRow("at minus three") << -3.0 << -6.0;
    QTest::newRow("bottom of the bowl") << 0.0 << 0.0;
    QTest::newRow("at two and a half") << 2.5 << 5.0;
}

void TestDerivativesLab::tangentSlope()
{
    QFETCH(double, x);
    QFETCH(double, slope);
    TangentPage page;
    CurveModel* model = page.model();
    model->setX(0.5);
    QSignalSpy moved(model, &CurveModel::pointChanged);
    model->setX(x);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(model->x(), x);
    QCOMPARE(model->value(), x * x);
    QCOMPARE(model->slope(), slope);
    // The tangent passes through the point with that slope.
    QCOMPARE(model->tangentAt(x), x * x);
    QVERIFY(close(model->tangentAt(x + 1.0) - model->tangentAt(x), slope, 1e-14));
    // The exact-entry box follows the model.
    QCOMPARE(page.xEditor()->value(), x);
}

void TestDerivativesLab::tangentDraggedWithTheMouse()
{
    TangentPage page;
    page.resize(1000, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.plot()->replot();
    CurveModel* model = page.model();
    QTest::mousePress(page.plot(), Qt::LeftButton, {}, pixelOf(page.plot(), 1.0, 1.0));
    QTest::mouseMove(page.plot(), pixelOf(page.plot(), -2.0, 4.0));
    QTest::mouseRelease(page.plot(), Qt::LeftButton, {}, pixelOf(page.plot(), -2.0, 4.0));
    const double pixelWidth = page.plot()->xAxis->range().size() / page.plot()->axisRect()->width();
    QVERIFY2(std::fabs(model->x() + 2.0) <= pixelWidth, qPrintable(QString::number(model->x())));
    QCOMPARE(model->slope(), 2.0 * model->x());
}

void TestDerivativesLab::curvePageFollowsThePoint_data()
{
    QTest::addColumn<DerivativesLab::Page>("page");
    QTest::addColumn<double>("typed");
    QTest::addColumn<double>("dragged");
    QTest::newRow("tangent") << DerivativesLab::Page::Tangent << -2.5 << 3.0;
    QTest::newRow("exponential") << DerivativesLab::Page::Exponential << -1.25 << 1.5;
    QTest::newRow("sigmoid") << DerivativesLab::Page::Sigmoid << 2.5 << -4.0;
    QTest::newRow("any function") << DerivativesLab::Page::AnyFunction << 0.75 << -1.5;
}

void TestDerivativesLab::curvePageFollowsThePoint()
{
    QFETCH(DerivativesLab::Page, page);
    QFETCH(double, typed);
    QFETCH(double, dragged);
    DerivativesLab lab;
    lab.resize(1200, 800);
    lab.showPage(page);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    auto* curvePage = qobject_cast<CurvePage*>(lab.tabs()->widget(static_cast<int>(page)));
    QVERIFY(curvePage);
    CurveModel* model = curveModelOf(lab, page);
    QVERIFY(model);
    QDoubleSpinBox* editor = curvePage->xEditor();
    QCOMPARE(editor->minimum(), model->xMinimum());
    QCOMPARE(editor->maximum(), model->xMaximum());
    QCOMPARE(editor->value(), model->x());
    // A value typed in the x₀ box moves the point.
    QSignalSpy moved(model, &CurveModel::pointChanged);
    editor->setValue(typed);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(model->x(), typed);
    // A press and a drag on the plot move it under the mouse, and the box follows (3 decimals).
    LabPlot* plot = curvePage->plot();
    plot->replot();
    const double middle = plot->yAxis->range().center();
    QTest::mousePress(plot, Qt::LeftButton, {}, pixelOf(plot, 0.5 * (typed + dragged), middle));
    QTest::mouseMove(plot, pixelOf(plot, dragged, middle));
    QTest::mouseRelease(plot, Qt::LeftButton, {}, pixelOf(plot, dragged, middle));
    QVERIFY(moved.count() >= 3);
    const double pixelWidth = plot->xAxis->range().size() / plot->axisRect()->width();
    QVERIFY2(std::fabs(model->x() - dragged) <= pixelWidth,
             qPrintable(QString::number(model->x())));
    QVERIFY(std::fabs(editor->value() - model->x()) <= 0.5e-3 + 1e-12);
}

void TestDerivativesLab::secantApproachesTangent_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("h");
    // For x², (f(x+h) − f(x))/h = 2x + h: the secant's excess over the tangent is h.
    QTest::newRow("wide") << 1.0 << 1.0;
    QTest::newRow("tenth") << 1.0 << 0.1;
    QTest::newRow("hundredth") << 1.0 << 0.01;
    QTest::newRow("left of the bowl") << -2.0 << 0.5;
    QTest::newRow("at the bottom") << 0.0 << 0.25;
}

void TestDerivativesLab::secantApproachesTangent()
{
    QFETCH(double, x);
    QFETCH(double, h);
    SecantModel model;
    QSignalSpy changed(&model, &SecantModel::changed);
    model.setX(x);
    model.setH(h);
    QVERIFY(changed.count() >= 1);
    QCOMPARE(model.tangentSlope(), 2.0 * x);
    QVERIFY(close(model.secantSlope(), 2.0 * x + h, 1e-12));
    QVERIFY(close(model.secantSlope() - model.tangentSlope(), h, 1e-12));
    // The secant passes through both points.
    QCOMPARE(model.secantAt(x), x * x);
    QVERIFY(close(model.secantAt(x + h), (x + h) * (x + h), 1e-12));
}

void TestDerivativesLab::secantTableRows_data()
{
    QTest::addColumn<double>("x");
    QTest::newRow("at one") << 1.0;
    QTest::newRow("at minus two") << -2.0;
    QTest::newRow("at two point five") << 2.5;
}

void TestDerivativesLab::secantTableRows()
{
    QFETCH(double, x);
    SecantModel model;
    model.setX(x);
    const DifferenceTableModel* table = model.table();
    QCOMPARE(table->rowCount(), 13);
    QCOMPARE(table->exactDerivative(), 2.0 * x);
    const auto f = [](double t) {
        return referenceValue("x^2", t);
    };
    for (int row = 0; row < table->rowCount(); ++row) {
        const double h = std::pow(10.0, -row);
        QVERIFY(close(table->step(row), h, 1e-15));
        // The quotient is the forward difference computed in doubles, error its distance to 2x.
        QCOMPARE(table->quotient(row), (f(x + table->step(row)) - f(x)) / table->step(row));
        QCOMPARE(table->error(row), std::fabs(table->quotient(row) - 2.0 * x));
        const QModelIndex cell =
            table->index(row, static_cast<int>(DifferenceTableModel::Column::Error));
        QCOMPARE(table->data(cell, DifferenceTableModel::kValueRole).toDouble(), table->error(row));
    }
    // While truncation dominates, the error is about h: it shrinks tenfold per row.
    for (int row = 0; row < 4; ++row) {
        QVERIFY(close(table->error(row), table->step(row), 1e-6));
    }
}

void TestDerivativesLab::secantTableShowsRoundOff()
{
    SecantModel model;
    const DifferenceTableModel* table = model.table();
    const int best = table->bestRow();
    QVERIFY(best > 0 && best < table->rowCount() - 1);
    // Truncation ~h meets round-off ~ε/h near h = √ε ≈ 1.5e-8.
    const double h = table->step(best);
    QVERIFY2(h >= 1e-9 && h <= 1e-7, qPrintable(QString::number(h)));
    QVERIFY(table->showsRoundOff());
    QVERIFY(table->error(table->rowCount() - 1) > 10.0 * table->error(best));
    QVERIFY(table->error(best) < table->error(0));
    QVERIFY(model.tableNote().contains(QStringLiteral("grows")));
    // At x = 0, (h² − 0)/h = h exactly: the error only shrinks, and the note says so.
    model.setX(0.0);
    QCOMPARE(table->bestRow(), table->rowCount() - 1);
    QVERIFY(!table->showsRoundOff());
    QVERIFY(!model.tableNote().contains(QStringLiteral("grows")));
}

void TestDerivativesLab::secantSliderIsLogarithmic_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<double>("h");
    QTest::newRow("left end") << 0 << 1e-12;
    QTest::newRow("right end") << SecantPage::kSliderSteps << 3.0;
}

void TestDerivativesLab::secantSliderIsLogarithmic()
{
    QFETCH(int, position);
    QFETCH(double, h);
    SecantPage page;
    page.hSlider()->setValue(SecantPage::kSliderSteps / 2);
    const double middle = page.model()->h();
    // Halfway in log₁₀ h between 1e-12 and 3: 10^((−12 + log₁₀ 3)/2), to 3 digits.
    QVERIFY(close(middle, std::pow(10.0, (-12.0 + std::log10(3.0)) / 2.0), 5e-3));
    page.hSlider()->setValue(position);
    QVERIFY(close(page.model()->h(), h, 1e-12));
}

void TestDerivativesLab::exponentialSlopeEqualsHeight_data()
{
    QTest::addColumn<double>("x");
    QTest::newRow("at zero") << 0.0;
    QTest::newRow("at one") << 1.0;
    QTest::newRow("far left") << -2.75;
    QTest::newRow("right") << 2.0;
}

void TestDerivativesLab::exponentialSlopeEqualsHeight()
{
    QFETCH(double, x);
    ExponentialPage page;
    CurveModel* model = page.model();
    model->setX(x);
    QVERIFY(close(model->value(), std::exp(x), 1e-15));
    QVERIFY(close(model->slope(), model->value(), 1e-15));
    // And the engine agrees with a finite difference of eˣ.
    QVERIFY(
        close(model->slope(), centralDifference([](double t) { return std::exp(t); }, x), 1e-8));
}

void TestDerivativesLab::sigmoidIdentity_data()
{
    QTest::addColumn<double>("x");
    QTest::newRow("far left") << -6.0;
    QTest::newRow("left") << -1.5;
    QTest::newRow("centre") << 0.0;
    QTest::newRow("default") << 1.0;
    QTest::newRow("far right") << 7.5;
}

void TestDerivativesLab::sigmoidIdentity()
{
    QFETCH(double, x);
    SigmoidPage page;
    SigmoidModel* model = page.model();
    model->setX(x);
    // σ(x) = 1 / (1 + e⁻ˣ)
    const double sigma = 1.0 / (1.0 + std::exp(-x));
    QVERIFY(close(model->sigma(), sigma, 1e-15));
    QVERIFY(close(model->oneMinusSigma(), 1.0 - sigma, 1e-15));
    QVERIFY(close(model->identityProduct(), sigma * (1.0 - sigma), 1e-14));
    // σ′ from the engine equals σ(1 − σ) up to a few units of rounding.
    QVERIFY2(std::fabs(model->identityDifference()) <= 4.0 * std::numeric_limits<double>::epsilon(),
             qPrintable(QString::number(model->identityDifference())));
    QCOMPARE(model->identityDifference(), model->engineDerivative() - model->identityProduct());
    QVERIFY(close(model->engineDerivative(),
                  centralDifference([](double t) { return 1.0 / (1.0 + std::exp(-t)); }, x), 1e-9));
}

void TestDerivativesLab::sigmoidPeak()
{
    SigmoidModel model;
    // σ′ peaks where σ is steepest: at x = 0, where σ = 1/2 and σ′ = 1/2 · 1/2.
    QCOMPARE(model.peakX(), 0.0);
    QCOMPARE(model.peakValue(), 0.25);
    for (double x : model.sampleX()) {
        QVERIFY(model.function().derivative(x) <= model.peakValue());
    }
}

void TestDerivativesLab::anyFunctionDerivative_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<double>("x");
    QTest::addColumn<DerivativeRule>("rule");
    QTest::newRow("sum of powers")
        << QStringLiteral("3x^2 + 5x - 7") << 2.0 << DerivativeRule::Power;
    QTest::newRow("constant multiple")
        << QStringLiteral("5x^2") << -1.0 << DerivativeRule::ConstantMultiple;
    QTest::newRow("exponential") << QStringLiteral("exp(x)") << 0.5 << DerivativeRule::Exponential;
    QTest::newRow("chain") << QStringLiteral("exp(-x)") << 1.0 << DerivativeRule::Chain;
    QTest::newRow("sigmoid") << QStringLiteral("sigmoid(x)") << 0.3
                             << DerivativeRule::SigmoidIdentity;
    QTest::newRow("logarithm") << QStringLiteral("ln(x)") << 2.0 << DerivativeRule::Logarithm;
    QTest::newRow("trig") << QStringLiteral("sin(x) + cos(x)") << 0.7 << DerivativeRule::Trig;
}

void TestDerivativesLab::anyFunctionDerivative()
{
    QFETCH(QString, formula);
    QFETCH(double, x);
    QFETCH(DerivativeRule, rule);
    FunctionModel model;
    QSignalSpy changed(&model, &CurveModel::functionChanged);
    QVERIFY(model.setExpressionText(formula));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.text(), formula);
    QVERIFY(!model.hasError());
    model.setX(x);
    // Three ways: the engine's f′, the symbolic f′ evaluated, and a central difference.
    const CompiledFunction symbolic =
        CompiledFunction::compile(model.derivation().result, {}, DerivativeOrder::Value);
    QVERIFY(close(model.slope(), symbolic.value(x, 0.0), 1e-12));
    const FunctionOfX& f = model.function();
    QVERIFY(
        close(model.slope(), centralDifference([&f](double t) { return f.value(t); }, x), 1e-7));
    QVERIFY(!model.derivativeText().isEmpty());
    // The derivation cites the rule the tutorial teaches for it.
    bool cited = false;
    for (const DerivationStep& step : model.derivation().steps) {
        cited = cited || step.rule == rule;
    }
    QVERIFY2(cited, qPrintable(model.derivationLines().join(QLatin1Char('\n'))));
    // The lab's functions are of x alone: the note that y is held constant is left out.
    QCOMPARE(model.derivationLines().size(), static_cast<qsizetype>(model.shownSteps().size()));
    QCOMPARE(model.shownSteps().size() + 1, model.derivation().steps.size());
    QVERIFY(!model.derivationLines().join(QLatin1Char('\n')).contains(QStringLiteral("treat y")));
}

void TestDerivativesLab::badExpressionKeepsLastGood_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<FunctionInputProblem>("problem");
    QTest::addColumn<ParseErrorCode>("code");
    QTest::addColumn<int>("position");
    QTest::newRow("empty") << QString() << FunctionInputProblem::Syntax
                           << ParseErrorCode::EmptyExpression << 0;
    QTest::newRow("two operators") << QStringLiteral("x +* 2") << FunctionInputProblem::Syntax
                                   << ParseErrorCode::UnexpectedToken << 3;
    QTest::newRow("unknown function") << QStringLiteral("foo(x)") << FunctionInputProblem::Syntax
                                      << ParseErrorCode::UnknownFunction << 0;
    QTest::newRow("unclosed parenthesis") << QStringLiteral("(x+1") << FunctionInputProblem::Syntax
                                          << ParseErrorCode::MissingCloseParen << 0;
    QTest::newRow("ends too early") << QStringLiteral("2+sin(") << FunctionInputProblem::Syntax
                                    << ParseErrorCode::UnexpectedEnd << 6;
    QTest::newRow("stray character") << QStringLiteral("x # 2") << FunctionInputProblem::Syntax
                                     << ParseErrorCode::InvalidCharacter << 2;
    QTest::newRow("unknown name") << QStringLiteral("a*x") << FunctionInputProblem::Syntax
                                  << ParseErrorCode::UnknownIdentifier << 0;
    QTest::newRow("function of y")
        << QStringLiteral("x*y") << FunctionInputProblem::UsesY << ParseErrorCode::None << 2;
    QTest::newRow("implicit y") << QStringLiteral("x^2 + 2y") << FunctionInputProblem::UsesY
                                << ParseErrorCode::None << 7;
    QTest::newRow("y after x") << QStringLiteral("x^2 + 3xy") << FunctionInputProblem::UsesY
                               << ParseErrorCode::None << 8;
}

void TestDerivativesLab::badExpressionKeepsLastGood()
{
    QFETCH(QString, text);
    QFETCH(FunctionInputProblem, problem);
    QFETCH(ParseErrorCode, code);
    QFETCH(int, position);
    FunctionModel model;
    QVERIFY(model.setExpressionText(QStringLiteral("x^3")));
    model.setX(2.0);
    const double value = model.value();
    const double slope = model.slope();
    const QString derivative = model.derivativeText();
    QSignalSpy rejected(&model, &FunctionModel::inputRejected);
    QSignalSpy changed(&model, &CurveModel::functionChanged);
    QVERIFY(!model.setExpressionText(text));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(changed.count(), 0);
    QVERIFY(model.hasError());
    QCOMPARE(model.lastInput().problem, problem);
    QCOMPARE(model.lastInput().code, code);
    QCOMPARE(model.lastInput().position, position);
    QVERIFY(!model.lastInput().message.isEmpty());
    QVERIFY(model.lastInput().message.contains(QStringLiteral("character %1").arg(position + 1)));
    if (problem == FunctionInputProblem::UsesY) {
        QVERIFY(model.lastInput().message.contains(
            QStringLiteral("the lab plots functions of x only")));
    }
    // The last good function stays, point and all.
    QCOMPARE(model.text(), QStringLiteral("x^3"));
    QCOMPARE(model.value(), value);
    QCOMPARE(model.slope(), slope);
    QCOMPARE(model.derivativeText(), derivative);
    QVERIFY(model.setExpressionText(QStringLiteral("x^2")));
    QVERIFY(!model.hasError());
}

void TestDerivativesLab::editorShowsRejection()
{
    FunctionPage page;
    page.editor()->setText(QStringLiteral("x +* 2"));
    QTest::keyClick(page.editor(), Qt::Key_Return);
    QVERIFY(page.editor()->hasError());
    QCOMPARE(page.editor()->errorPosition(), 3);
    QVERIFY(page.status()->text().contains(QStringLiteral("character 4")));
    QCOMPARE(page.model()->text(), QString::fromLatin1(FunctionModel::kDefaultFormula));
    page.editor()->setText(QStringLiteral("x^4"));
    QTest::keyClick(page.editor(), Qt::Key_Return);
    QVERIFY(!page.editor()->hasError());
    QCOMPARE(page.model()->text(), QStringLiteral("x^4"));
}

void TestDerivativesLab::anyFunctionFollowsTyping()
{
    FunctionPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    ExpressionEdit* editor = page.editor();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    // No Return: the plot follows the typing.
    QTest::keyClicks(editor, QStringLiteral("x^4"));
    QTRY_COMPARE(page.model()->text(), QStringLiteral("x^4"));
    page.model()->setX(2.0);
    QCOMPARE(page.model()->slope(), 32.0); // 4·2³
    // Half typed: marked where it stops, said in words, and x⁴ stays.
    QTest::keyClicks(editor, QStringLiteral(" +"));
    QTRY_VERIFY(editor->hasError());
    QCOMPARE(editor->errorPosition(), 5);
    QVERIFY2(page.status()->text().contains(QStringLiteral("character 6")),
             qPrintable(page.status()->text()));
    QCOMPARE(page.model()->text(), QStringLiteral("x^4"));
    QCOMPARE(page.model()->slope(), 32.0);
    QTest::keyClicks(editor, QStringLiteral(" 3x"));
    QTRY_COMPARE(page.model()->text(), QStringLiteral("x^4 + 3x"));
    QVERIFY(!editor->hasError());
    QCOMPARE(page.model()->slope(), 35.0); // 4·2³ + 3
}

void TestDerivativesLab::tangentTakesAnyFunction()
{
    TangentPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.model()->text(), QStringLiteral("x^2"));
    ExpressionEdit* editor = page.formula()->editor();
    QCOMPARE(editor->text(), QStringLiteral("x^2"));
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, QStringLiteral("x^3"));
    QTRY_COMPARE(page.model()->text(), QStringLiteral("x^3"));
    page.model()->setX(2.0);
    QCOMPARE(page.model()->value(), 8.0);
    QCOMPARE(page.model()->slope(), 12.0); // 3·2²
    QVERIFY2(page.plot()->yAxis->label().contains(QStringLiteral("x³")),
             qPrintable(page.plot()->yAxis->label()));
    // The curve drawn is the new one: y = x³ at its samples.
    const QSharedPointer<QCPGraphDataContainer> curve = page.plot()->graph(0)->data();
    QVERIFY(curve->size() > 100);
    for (auto point = curve->constBegin(); point != curve->constEnd(); ++point) {
        QVERIFY(close(point->value, point->key * point->key * point->key, 1e-12));
    }
    // Half typed: marked and worded, x³ stays.
    QTest::keyClicks(editor, QStringLiteral(" +"));
    QTRY_VERIFY(editor->hasError());
    QVERIFY(page.formula()->message()->isVisibleTo(&page));
    QVERIFY2(page.formula()->message()->text().contains(QStringLiteral("character 6")),
             qPrintable(page.formula()->message()->text()));
    QCOMPARE(page.model()->text(), QStringLiteral("x^3"));
    QCOMPARE(page.model()->slope(), 12.0);
    QTest::keyClicks(editor, QStringLiteral(" x"));
    QTRY_COMPARE(page.model()->text(), QStringLiteral("x^3 + x"));
    QVERIFY(!page.formula()->message()->isVisibleTo(&page));
    QCOMPARE(page.model()->slope(), 13.0);
}

void TestDerivativesLab::secantTakesAnyFunction_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("derivative"); // f′(x), written out by hand
    QTest::newRow("sine") << QStringLiteral("sin(x)") << 1.0 << std::cos(1.0);
    QTest::newRow("exponential") << QStringLiteral("exp(x)") << 0.5 << std::exp(0.5);
    QTest::newRow("cubic") << QStringLiteral("x^3 - 2x") << 2.0 << 10.0;
}

void TestDerivativesLab::secantTakesAnyFunction()
{
    QFETCH(QString, formula);
    QFETCH(double, x);
    QFETCH(double, derivative);
    SecantPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    SecantModel* model = page.model();
    ExpressionEdit* editor = page.formula()->editor();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, formula);
    QTest::keyClick(editor, Qt::Key_Return);
    QVERIFY(!editor->hasError());
    model->setX(x);
    model->setH(1e-6);
    QVERIFY(close(model->tangentSlope(), derivative, 1e-12));
    // A forward difference with h = 1e-6: off by about h·f″/2.
    QVERIFY(close(model->secantSlope(), derivative, 1e-5));
    // The table's first row, h = 1: (f(x + 1) − f(x)) / 1, from the test's own compilation.
    const QByteArray text = formula.toLatin1();
    QCOMPARE(model->table()->step(0), 1.0);
    QVERIFY(close(model->table()->quotient(0),
                  referenceValue(text.constData(), x + 1.0) - referenceValue(text.constData(), x),
                  1e-12));
    const double curveAtX = referenceValue(text.constData(), model->curveX()[300]);
    QVERIFY(close(model->curveValues()[300], curveAtX, 1e-12));
    // A rejected text leaves the function as it was.
    QVERIFY(!model->setExpressionText(QStringLiteral("x*y")));
    QVERIFY(close(model->tangentSlope(), derivative, 1e-12));
}

void TestDerivativesLab::tableEntryLoads_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("derivative");
    // §11, each derivative written independently of the lab, in the input grammar.
    QTest::newRow("constant") << 0 << QStringLiteral("7") << QStringLiteral("0");
    QTest::newRow("x") << 1 << QStringLiteral("x") << QStringLiteral("1");
    QTest::newRow("power") << 2 << QStringLiteral("x^3") << QStringLiteral("3x^2");
    QTest::newRow("exponential") << 3 << QStringLiteral("exp(x)") << QStringLiteral("exp(x)");
    QTest::newRow("exponential of kx")
        << 4 << QStringLiteral("exp(2x)") << QStringLiteral("2exp(2x)");
    QTest::newRow("logarithm") << 5 << QStringLiteral("ln(x)") << QStringLiteral("1/x");
    QTest::newRow("sine") << 6 << QStringLiteral("sin(x)") << QStringLiteral("cos(x)");
    QTest::newRow("cosine") << 7 << QStringLiteral("cos(x)") << QStringLiteral("-sin(x)");
    QTest::newRow("sigmoid") << 8 << QStringLiteral("sigmoid(x)")
                             << QStringLiteral("sigmoid(x)*(1 - sigmoid(x))");
    QTest::newRow("tanh") << 9 << QStringLiteral("tanh(x)") << QStringLiteral("1 - tanh(x)^2");
    QTest::newRow("relu") << 10 << QStringLiteral("relu(x)") << QStringLiteral("step(x)");
}

void TestDerivativesLab::tableEntryLoads()
{
    QFETCH(int, row);
    QFETCH(QString, formula);
    QFETCH(QString, derivative);
    DerivativesLab lab;
    lab.resize(1200, 800);
    lab.showPage(DerivativesLab::Page::AnyFunction);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    QTableView* view = lab.functionPage()->tableView();
    QCOMPARE(view->model()->rowCount(), 11);
    const QRect cell = view->visualRect(view->model()->index(row, 0));
    QVERIFY(!cell.isEmpty());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    FunctionModel* model = lab.functionModel();
    QCOMPARE(model->text(), formula);
    QCOMPARE(lab.functionPage()->editor()->text(), formula);
    QCOMPARE(lab.derivativeTable()->entry(row).formula, formula);
    QCOMPARE(model->x(), lab.derivativeTable()->entry(row).x);
    for (double x : {0.5, 1.0, 2.0, 3.5}) {
        model->setX(x);
        const double expected = referenceValue(derivative.toLatin1().constData(), x);
        QVERIFY2(close(model->slope(), expected, 1e-12),
                 qPrintable(QStringLiteral("f′(%1) = %2, expected %3")
                                .arg(x)
                                .arg(model->slope())
                                .arg(expected)));
    }
}

void TestDerivativesLab::reluKinkConvention()
{
    FunctionPage page;
    page.loadTableRow(10);
    FunctionModel* model = page.model();
    QCOMPARE(model->text(), QStringLiteral("relu(x)"));
    QCOMPARE(model->kinks().size(), 1);
    QCOMPARE(model->kinks().front(), 0.0);
    // PyTorch's convention: relu′(0) = 0; 0 to the left of the kink, 1 to the right.
    model->setX(0.0);
    QCOMPARE(model->slope(), 0.0);
    model->setX(-1.0);
    QCOMPARE(model->slope(), 0.0);
    model->setX(1.0);
    QCOMPARE(model->slope(), 1.0);
    QVERIFY(model->kinkNote().contains(QStringLiteral("PyTorch")));
    QVERIFY(model->kinkNote().contains(QStringLiteral("relu′(0) = 0")));
    // A shifted corner is found where the argument crosses zero.
    QVERIFY(model->setExpressionText(QStringLiteral("abs(x - 1.5) + relu(2x + 3)")));
    QCOMPARE(model->kinks().size(), 2);
    QVERIFY(close(model->kinks()[0], -1.5, 1e-12));
    QVERIFY(close(model->kinks()[1], 1.5, 1e-12));
    QVERIFY(model->setExpressionText(QStringLiteral("x^2")));
    QVERIFY(model->kinks().isEmpty());
    QVERIFY(model->kinkNote().isEmpty());
}

void TestDerivativesLab::showPage_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("shown");
    QTest::newRow("tangent") << 1 << 1;
    QTest::newRow("sigmoid") << 4 << 4;
    QTest::newRow("any function") << 5 << 5;
    QTest::newRow("past the end") << 6 << 0;
    QTest::newRow("negative") << -1 << 0;
}

void TestDerivativesLab::showPage()
{
    QFETCH(int, index);
    QFETCH(int, shown);
    DerivativesLab lab;
    QSignalSpy changed(&lab, &DerivativesLab::currentPageChanged);
    lab.showPage(index);
    QCOMPARE(lab.currentPage(), shown);
    QCOMPARE(changed.count(), shown == 0 ? 0 : 1);
}

void TestDerivativesLab::textsFollowTheFont_data()
{
    QTest::addColumn<LabText>("text");
    QTest::newRow("secant heading") << LabText::SecantHeading;
    QTest::newRow("secant readout") << LabText::SecantReadout;
    QTest::newRow("secant slopes") << LabText::SecantSlopes;
    QTest::newRow("function editor") << LabText::FunctionEditor;
    QTest::newRow("function result") << LabText::FunctionResult;
    QTest::newRow("function legend") << LabText::FunctionLegend;
}

void TestDerivativesLab::textsFollowTheFont()
{
    QFETCH(LabText, text);
    DerivativesLab lab;
    const QFont original = lab.font();
    QVERIFY(original.pointSizeF() > 0);
    const QFont before = fontOf(lab, text);
    QVERIFY(before.pointSizeF() > 0);
    // Presenter mode: the lab's font 1.5 times larger, passed on to its pages by Qt.
    QFont larger = original;
    larger.setPointSizeF(original.pointSizeF() * 1.5);
    lab.setFont(larger);
    const QFont enlarged = fontOf(lab, text);
    QVERIFY2(close(enlarged.pointSizeF(), 1.5 * before.pointSizeF(), 1e-9),
             qPrintable(QStringLiteral("%1 pt, expected 1.5 × %2 pt")
                            .arg(enlarged.pointSizeF())
                            .arg(before.pointSizeF())));
    QCOMPARE(enlarged.bold(), before.bold());
    // Back to the usual font: the very sizes of before.
    lab.setFont(original);
    QCOMPARE(fontOf(lab, text).pointSizeF(), before.pointSizeF());
    QCOMPARE(fontOf(lab, text).bold(), before.bold());
}

void TestDerivativesLab::screenshots()
{
    const QString directory = qEnvironmentVariable("GRADLAB_SCREENSHOT_DIR");
    if (directory.isEmpty()) {
        QSKIP("set GRADLAB_SCREENSHOT_DIR to write the lab's screenshots");
    }
    QVERIFY(QDir().mkpath(directory));
    DerivativesLab lab;
    lab.resize(1200, 800);
    lab.show();
    QVERIFY(QTest::qWaitForWindowExposed(&lab));
    const QStringList names{
        QStringLiteral("lab-1-slope.png"),   QStringLiteral("lab-2-tangent.png"),
        QStringLiteral("lab-3-secant.png"),  QStringLiteral("lab-4-exponential.png"),
        QStringLiteral("lab-5-sigmoid.png"), QStringLiteral("lab-6-any-function.png")};
    QCOMPARE(names.size(), DerivativesLab::kPageCount);
    for (int page = 0; page < DerivativesLab::kPageCount; ++page) {
        lab.showPage(page);
        QCoreApplication::processEvents();
        const QImage image = lab.grab().toImage();
        QCOMPARE(image.size(), QSize(1200, 800));
        const QString path = QDir(directory).filePath(names[page]);
        QVERIFY2(image.save(path), qPrintable(path));
    }
    // The any-f(x) page again with ReLU loaded: its corner and the convention.
    lab.functionPage()->loadTableRow(10);
    QCoreApplication::processEvents();
    const QString reluPath = QDir(directory).filePath(QStringLiteral("lab-7-relu.png"));
    QVERIFY2(lab.grab().toImage().save(reluPath), qPrintable(reluPath));
    // A rejected input: the error underlined and worded, the last good function still shown.
    lab.functionPage()->editor()->setText(QStringLiteral("x^2 + 3xy"));
    QTest::keyClick(lab.functionPage()->editor(), Qt::Key_Return);
    QVERIFY(lab.functionModel()->hasError());
    const QString errorPath = QDir(directory).filePath(QStringLiteral("lab-8-rejected-input.png"));
    QVERIFY2(lab.grab().toImage().save(errorPath), qPrintable(errorPath));
}

QTEST_MAIN(TestDerivativesLab)
#include "tst_derivativeslab.moc"
