// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "partialspanel.h"

#include "partialsmodel.h"
#include "session.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <cmath>
#include <numbers>
#include <qcustomplot.h>

namespace gradlab {
namespace {

const QColor kCurveColor(0, 128, 128);    // teal: the function, as in the tutorial's figures
const QColor kTangentColor(230, 126, 34); // amber: the tangent
const QColor kPointColor(200, 30, 45);    // red: the probe
// A slice's title: the panel's font, bold (axes use the panel's font itself).
constexpr PlotFontRole kTitleFont{1.0, true};

QLabel* richLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QDoubleSpinBox* coordinateBox(QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(-1e6, 1e6);
    box->setDecimals(6);
    box->setSingleStep(0.1);
    box->setKeyboardTracking(false);
    return box;
}

QString html(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace

PartialsPanel::PartialsPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new PartialsModel(session, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* probeBox = new QGroupBox(tr("Probe"), this);
    auto* probeLayout = new QFormLayout(probeBox);
    auto* coordinates = new QHBoxLayout;
    m_probeX = coordinateBox(probeBox);
    m_probeY = coordinateBox(probeBox);
    m_probeX->setToolTip(tr("x₀ of the probe; drag the probe on the map or type it exactly"));
    m_probeY->setToolTip(tr("y₀ of the probe"));
    coordinates->addWidget(new QLabel(tr("x₀"), probeBox));
    coordinates->addWidget(m_probeX, 1);
    coordinates->addWidget(new QLabel(tr("y₀"), probeBox));
    coordinates->addWidget(m_probeY, 1);
    probeLayout->addRow(coordinates);
    m_values = richLabel(probeBox);
    probeLayout->addRow(m_values);
    layout->addWidget(probeBox);

    auto* partialsBox = new QGroupBox(tr("Partial derivatives"), this);
    auto* partialsLayout = new QVBoxLayout(partialsBox);
    m_partials = richLabel(partialsBox);
    m_derivation = richLabel(partialsBox);
    m_derivation->setStyleSheet(QStringLiteral("color: palette(text);"));
    partialsLayout->addWidget(m_partials);
    partialsLayout->addWidget(m_derivation);
    layout->addWidget(partialsBox);

    auto* gradientBox = new QGroupBox(tr("Gradient ∇f — the vector of partials"), this);
    auto* gradientLayout = new QVBoxLayout(gradientBox);
    m_gradient = richLabel(gradientBox);
    gradientLayout->addWidget(m_gradient);
    layout->addWidget(gradientBox);

    auto* slicesBox = new QGroupBox(tr("Slices: wiggle one variable, hold the other"), this);
    auto* slicesLayout = new QVBoxLayout(slicesBox);
    m_sliceXPlot = new QCustomPlot(slicesBox);
    m_sliceYPlot = new QCustomPlot(slicesBox);
    setupSlicePlot(m_sliceXPlot, QStringLiteral("x"));
    setupSlicePlot(m_sliceYPlot, QStringLiteral("y"));
    slicesLayout->addWidget(m_sliceXPlot);
    slicesLayout->addWidget(m_sliceYPlot);
    layout->addWidget(slicesBox, 1);

    auto* directionBox = new QGroupBox(tr("Directional derivative"), this);
    auto* directionLayout = new QFormLayout(directionBox);
    m_directionAngle = new QDoubleSpinBox(directionBox);
    m_directionAngle->setRange(-360, 360);
    m_directionAngle->setDecimals(1);
    m_directionAngle->setSuffix(QStringLiteral("°"));
    m_directionAngle->setWrapping(true);
    m_directionAngle->setToolTip(tr("Direction u, counter-clockwise from +x; Shift+drag at the "
                                    "probe on the map sets it too"));
    directionLayout->addRow(tr("u at"), m_directionAngle);
    m_directional = richLabel(directionBox);
    directionLayout->addRow(m_directional);
    layout->addWidget(directionBox);

    auto* hessianBox = new QGroupBox(tr("Curvature: the Hessian"), this);
    auto* hessianLayout = new QVBoxLayout(hessianBox);
    m_hessian = richLabel(hessianBox);
    m_plane = richLabel(hessianBox);
    hessianLayout->addWidget(m_hessian);
    hessianLayout->addWidget(m_plane);
    layout->addWidget(hessianBox);

    connect(m_probeX, &QDoubleSpinBox::valueChanged, this,
            [this](double x) { m_session->setProbe(Eigen::Vector2d(x, m_session->probe().y())); });
    connect(m_probeY, &QDoubleSpinBox::valueChanged, this,
            [this](double y) { m_session->setProbe(Eigen::Vector2d(m_session->probe().x(), y)); });
    connect(m_directionAngle, &QDoubleSpinBox::valueChanged, this, [this](double degrees) {
        const double radians = degrees * std::numbers::pi / 180.0;
        m_session->setProbeDirection(Eigen::Vector2d(std::cos(radians), std::sin(radians)));
    });
    connect(m_model, &PartialsModel::derivationChanged, this, &PartialsPanel::showDerivations);
    connect(m_model, &PartialsModel::valuesChanged, this, &PartialsPanel::showValues);
    showDerivations();
    showValues();
}

void PartialsPanel::setupSlicePlot(QCustomPlot* plot, const QString& variable)
{
    plot->setMinimumHeight(150);
    plot->addGraph(); // 0: the slice of f
    plot->graph(0)->setPen(QPen(kCurveColor, 2));
    plot->addGraph(); // 1: the tangent line
    plot->graph(1)->setPen(QPen(kTangentColor, 1.6, Qt::DashLine));
    plot->addGraph(); // 2: the probe
    plot->graph(2)->setLineStyle(QCPGraph::lsNone);
    plot->graph(2)->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, kPointColor, kPointColor, 8));
    plot->xAxis->setLabel(variable);
    plot->yAxis->setLabel(QStringLiteral("f"));
    m_plotFonts.addAxisRect(plot->axisRect());
    m_plotFonts.addLegend(plot->legend);
    PlotFonts::keepTickLabelsApart(plot->yAxis);
    auto* title = new QCPTextElement(plot);
    m_plotFonts.addText(title, kTitleFont);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, title);
    plot->setCursor(Qt::SizeHorCursor);
    plot->setToolTip(tr("Drag to move the probe along this slice"));
    plot->installEventFilter(this);
}

void PartialsPanel::showSlice(QCustomPlot* plot, Variable moving)
{
    const SliceData& slice = m_model->slice(moving);
    const bool alongX = moving == Variable::X;
    plot->graph(0)->setData(slice.t, slice.f, true);
    plot->graph(1)->setData(slice.tangentT, slice.tangentF, true);
    plot->graph(2)->setData(QVector<double>{slice.at}, QVector<double>{slice.value}, true);
    auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
    if (title) {
        // No slope where the slice has no value.
        const QString slope =
            std::isfinite(slice.value) ? formatNumber(slice.slope, 5) : tr("undefined");
        title->setText(alongX ? tr("f(x, %1): y held at %1 — tangent slope ∂f/∂x = %2")
                                    .arg(formatNumber(slice.fixedValue, 4), slope)
                              : tr("f(%1, y): x held at %1 — tangent slope ∂f/∂y = %2")
                                    .arg(formatNumber(slice.fixedValue, 4), slope));
    }
    plot->xAxis->setRange(slice.t.front(), slice.t.back());
    // The value range of the slice itself (finite values only); the tangent may leave it.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (double v : slice.f) {
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (lo <= hi) {
        const double pad = hi > lo ? 0.08 * (hi - lo) : std::max(1.0, std::fabs(hi)) * 0.1;
        plot->yAxis->setRange(lo - pad, hi + pad);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void PartialsPanel::showDerivations()
{
    QString partials;
    partials += tr("<p>∂f/∂x = <b>%1</b><br>∂f/∂y = <b>%2</b></p>")
                    .arg(m_model->partialXHtml(), m_model->partialYHtml());
    m_partials->setText(partials);

    QString derivation;
    for (Variable v : {Variable::X, Variable::Y}) {
        derivation += v == Variable::X ? tr("<p><b>∂f/∂x</b>, step by step:</p><ul>")
                                       : tr("<p><b>∂f/∂y</b>, step by step:</p><ul>");
        for (const QString& line : m_model->derivationSteps(v)) {
            const int depth = static_cast<int>(line.size() - line.trimmed().size()) / 2;
            derivation += QStringLiteral("<li style=\"margin-left:%1px\">%2</li>")
                              .arg(depth * 12)
                              .arg(html(line.trimmed()));
        }
        derivation += QStringLiteral("</ul>");
    }
    m_derivation->setText(derivation);
}

void PartialsPanel::showValues()
{
    const Eigen::Vector2d probe = m_model->probe();
    {
        const QSignalBlocker blockX(m_probeX);
        const QSignalBlocker blockY(m_probeY);
        m_probeX->setValue(probe.x());
        m_probeY->setValue(probe.y());
    }
    const QString at =
        QStringLiteral("(%1, %2)").arg(formatNumber(probe.x()), formatNumber(probe.y()));
    // Where f itself is undefined, so is every derivative of it, whatever the rules give for
    // the terms that are defined (∂/∂x of x + √y is 1 even where y < 0).
    const bool defined = std::isfinite(m_model->f());
    const auto derived = [defined](double value, int precision = 6) {
        return defined ? formatNumber(value, precision) : tr("undefined");
    };
    m_values->setText(tr("f%1 = <b>%2</b><br>∂f/∂x = <b>%3</b> &nbsp; ∂f/∂y = <b>%4</b>")
                          .arg(at, formatNumber(m_model->f()), derived(m_model->dfdx()),
                               derived(m_model->dfdy())));

    const Eigen::Vector2d unit = m_model->gradientUnit();
    m_gradient->setText(
        tr("∇f%1 = (%2, %3)<br>length ‖∇f‖ = <b>%4</b> — how steep the climb is<br>"
           "direction %5° = (%6, %7) — straight uphill; −∇f points downhill, across the contour")
            .arg(at, derived(m_model->dfdx()), derived(m_model->dfdy()),
                 derived(m_model->gradientNorm()), derived(m_model->gradientAngle(), 4),
                 derived(unit.x(), 4), derived(unit.y(), 4)));

    const Eigen::Vector2d u = m_model->direction();
    {
        const QSignalBlocker block(m_directionAngle);
        m_directionAngle->setValue(std::atan2(u.y(), u.x()) * 180.0 / std::numbers::pi);
    }
    m_directional->setText(
        tr("u = (%1, %2): D<sub>u</sub>f = ∇f·u = <b>%3</b><br>"
           "angle between u and ∇f: %4° — largest along ∇f, where it equals ‖∇f‖ = %5")
            .arg(formatNumber(u.x(), 4), formatNumber(u.y(), 4),
                 derived(m_model->directionalDerivative()), derived(m_model->angleToGradient(), 4),
                 derived(m_model->gradientNorm())));

    const Eigen::Matrix2d& h = m_model->hessian();
    const Eigen::Vector2d lambda = m_model->hessianEigenvalues();
    m_hessian->setText(
        tr("H = [[%1, %2], [%3, %4]]<br>eigenvalues λ₁ = %5, λ₂ = %6<br>%7")
            .arg(derived(h(0, 0)), derived(h(0, 1)), derived(h(1, 0)), derived(h(1, 1)),
                 derived(lambda.x()), derived(lambda.y()),
                 defined ? html(m_model->curvatureMeaning()) : tr("f is undefined here.")));
    m_plane->setText(defined ? tr("Tangent plane: %1").arg(html(m_model->tangentPlaneText()))
                             : tr("Tangent plane: none, f is undefined here."));

    showSlice(m_sliceXPlot, Variable::X);
    showSlice(m_sliceYPlot, Variable::Y);
}

bool PartialsPanel::eventFilter(QObject* watched, QEvent* event)
{
    auto* plot = qobject_cast<QCustomPlot*>(watched);
    const bool press = event->type() == QEvent::MouseButtonPress;
    const bool drag = event->type() == QEvent::MouseMove;
    if (plot && (press || drag)) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->buttons() & Qt::LeftButton) {
            // Dragging on a slice moves the probe along it: only the slice's own variable changes.
            const double t = plot->xAxis->pixelToCoord(mouse->position().x());
            Eigen::Vector2d probe = m_session->probe();
            (plot == m_sliceXPlot ? probe.x() : probe.y()) = t;
            m_session->setProbe(probe);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PartialsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        m_plotFonts.apply();
    }
}

QString PartialsPanel::valuesText() const
{
    return m_values->text() + m_gradient->text();
}

QString PartialsPanel::partialsText() const
{
    return m_partials->text();
}

QString PartialsPanel::derivationText() const
{
    return m_derivation->text();
}

} // namespace gradlab
