// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/optimizerpanel.h"

#include "panels/navigationkeyfilter.h"
#include "panels/numberedit.h"
#include "session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

QDoubleSpinBox* makeFractionBox(QWidget* parent, double maximum, int decimals)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0.0, maximum);
    box->setDecimals(decimals);
    box->setSingleStep(0.01);
    return box;
}

} // namespace

OptimizerPanel::OptimizerPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);

    m_methodBox = new QComboBox(this);
    for (Method method : allMethods()) {
        const std::string_view label = methodLabel(method);
        const std::string_view name = methodName(method);
        m_methodBox->addItem(QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size())),
                             QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())));
    }
    m_methodBox->setToolTip(tr("How each step is computed from the gradient"));
    NavigationKeyFilter::install(m_methodBox);
    m_form->addRow(tr("&Method"), m_methodBox);

    auto* learningRateRow = new QWidget(this);
    auto* learningRateLayout = new QHBoxLayout(learningRateRow);
    learningRateLayout->setContentsMargins(0, 0, 0, 0);
    m_learningRateSlider = new QSlider(Qt::Horizontal, learningRateRow);
    m_learningRateSlider->setRange(0, (maximumExponent - minimumExponent) * stepsPerDecade);
    m_learningRateSlider->setPageStep(stepsPerDecade);
    m_learningRateSlider->setToolTip(tr("Learning rate η on a log scale, 0.00001 … 10"));
    NavigationKeyFilter::install(m_learningRateSlider);
    m_learningRateEdit = new NumberEdit(NumberEdit::Sign::Positive, learningRateRow);
    m_learningRateEdit->setToolTip(
        tr("The exact learning rate η: any positive number (0.0125, 3e-4)"));
    m_learningRateEdit->setMaximumWidth(
        m_learningRateEdit->fontMetrics().horizontalAdvance(QStringLiteral("0.000000000")) + 12);
    learningRateLayout->addWidget(m_learningRateSlider, 1);
    learningRateLayout->addWidget(m_learningRateEdit);
    m_form->addRow(tr("Learning rate &η"), learningRateRow);
    connect(m_learningRateSlider, &QSlider::valueChanged, this,
            [this](int position) { m_learningRateEdit->setValue(learningRateAt(position)); });
    connect(m_learningRateEdit, &NumberEdit::valueEdited, this, [this](double value) {
        const QSignalBlocker blocker(m_learningRateSlider);
        m_learningRateSlider->setValue(positionOf(value));
    });

    m_momentumBox = makeFractionBox(this, 0.9999, 4);
    addHyperParameter(QStringLiteral("momentum"), tr("Momentum μ"), m_momentumBox,
                      {Method::Momentum, Method::Nesterov, Method::RMSProp},
                      tr("How much of the previous step carries over: b ← μ·b + ∇f"));
    m_alphaBox = makeFractionBox(this, 0.9999, 4);
    addHyperParameter(QStringLiteral("alpha"), tr("Smoothing α"), m_alphaBox, {Method::RMSProp},
                      tr("Running average of squared gradients: v ← α·v + (1 − α)·g²"));
    m_beta1Box = makeFractionBox(this, 0.99999, 5);
    addHyperParameter(QStringLiteral("beta1"), tr("β₁"), m_beta1Box, {Method::Adam},
                      tr("Decay of the first moment: m ← β₁·m + (1 − β₁)·g"));
    m_beta2Box = makeFractionBox(this, 0.99999, 5);
    addHyperParameter(QStringLiteral("beta2"), tr("β₂"), m_beta2Box, {Method::Adam},
                      tr("Decay of the second moment: v ← β₂·v + (1 − β₂)·g²"));
    m_epsilonEdit = new NumberEdit(NumberEdit::Sign::Positive, this);
    addHyperParameter(QStringLiteral("eps"), tr("ε"), m_epsilonEdit,
                      {Method::AdaGrad, Method::RMSProp, Method::Adam},
                      tr("Added to the denominator so that it is never zero"));
    m_decayEdit = new NumberEdit(NumberEdit::Sign::NonNegative, this);
    addHyperParameter(QStringLiteral("lr-decay"), tr("η decay"), m_decayEdit, {Method::AdaGrad},
                      tr("η_k = η / (1 + (k − 1)·decay)"));
    m_accumulatorEdit = new NumberEdit(NumberEdit::Sign::NonNegative, this);
    addHyperParameter(QStringLiteral("initial-accumulator"), tr("Initial sum"), m_accumulatorEdit,
                      {Method::AdaGrad}, tr("The starting value of the sum of squared gradients"));
    m_centeredBox = new QCheckBox(tr("centered"), this);
    addHyperParameter(QStringLiteral("centered"), QString(), m_centeredBox, {Method::RMSProp},
                      tr("Divide by the variance of the gradient rather than its mean square"));
    m_amsgradBox = new QCheckBox(tr("AMSGrad"), this);
    addHyperParameter(QStringLiteral("amsgrad"), QString(), m_amsgradBox, {Method::Adam},
                      tr("Use the largest v̂ so far, so the step never grows back"));
    m_armijoEdit = new NumberEdit(NumberEdit::Sign::Positive, this);
    addHyperParameter(QStringLiteral("armijo"), tr("Armijo c₁"), m_armijoEdit, {Method::LineSearch},
                      tr("Accept a step when f falls by at least c₁·t·‖∇f‖²"));
    m_shrinkBox = makeFractionBox(this, 0.95, 2);
    m_shrinkBox->setMinimum(0.05);
    addHyperParameter(QStringLiteral("shrink"), tr("Shrink"), m_shrinkBox, {Method::LineSearch},
                      tr("Backtracking: t ← shrink·t until the Armijo condition holds"));

    m_maxStepsBox = new QSpinBox(this);
    m_maxStepsBox->setRange(1, 100000);
    m_maxStepsBox->setToolTip(tr("The run stops after this many steps"));
    m_form->addRow(tr("Max &steps"), m_maxStepsBox);
    m_toleranceEdit = new NumberEdit(NumberEdit::Sign::NonNegative, this);
    m_toleranceEdit->setToolTip(tr("Stop when ‖∇f‖ falls below this (0: never)"));
    m_form->addRow(tr("&Tolerance ‖∇f‖ <"), m_toleranceEdit);

    auto* startRow = new QWidget(this);
    auto* startLayout = new QHBoxLayout(startRow);
    startLayout->setContentsMargins(0, 0, 0, 0);
    m_startXBox = new QDoubleSpinBox(startRow);
    m_startYBox = new QDoubleSpinBox(startRow);
    for (QDoubleSpinBox* box : {m_startXBox, m_startYBox}) {
        box->setRange(-1e6, 1e6);
        box->setDecimals(3);
        box->setSingleStep(0.1);
        box->setKeyboardTracking(false);
        box->setToolTip(tr("Where every run of the race starts"));
        startLayout->addWidget(box, 1);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            m_session->setStartPoint(Eigen::Vector2d(m_startXBox->value(), m_startYBox->value()));
        });
    }
    m_form->addRow(tr("Start (x, y)"), startRow);

    auto* buttons = new QHBoxLayout;
    m_runButton = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), tr("&Run"), this);
    m_runButton->setToolTip(tr("Give the selected run these settings and play it"));
    m_addButton =
        new QPushButton(QIcon(QStringLiteral(":/icons/add-race.svg")), tr("&Add to race"), this);
    m_addButton->setToolTip(tr("Start another run with these settings beside the others"));
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_addButton);
    layout->addLayout(buttons);
    connect(m_runButton, &QPushButton::clicked, this, &OptimizerPanel::run);
    connect(m_addButton, &QPushButton::clicked, this, &OptimizerPanel::addToRace);

    connect(m_methodBox, &QComboBox::activated, this, [this](int index) {
        const auto method = methodFromName(m_methodBox->itemData(index).toString().toStdString());
        if (!method) {
            return;
        }
        // A new method starts from its own defaults; the stopping rules are the user's.
        const OptimizerSettings current = settings();
        OptimizerSettings next = defaultSettings(*method);
        next.maxSteps = current.maxSteps;
        next.tolerance = current.tolerance;
        setSettings(next);
    });
    connect(m_session, &Session::startPointChanged, this, &OptimizerPanel::syncStart);
    connect(m_session, &Session::runsChanged, this, [this] {
        if (m_selectedRunId != 0 && !m_session->runById(m_selectedRunId)) {
            setSelectedRunId(0);
        }
    });

    setSettings(defaultSettings(Method::GradientDescent));
    syncStart();
}

void OptimizerPanel::addHyperParameter(const QString& name, const QString& label, QWidget* field,
                                       std::vector<Method> methods, const QString& toolTip)
{
    field->setToolTip(toolTip);
    if (label.isEmpty()) {
        m_form->addRow(field);
    } else {
        m_form->addRow(label, field);
    }
    m_hyperParameters.push_back({name, field, std::move(methods)});
}

double OptimizerPanel::learningRateAt(int position)
{
    // η = 10^(e_min + position / steps per decade)
    const double exponent = minimumExponent + static_cast<double>(position) / stepsPerDecade;
    const double raw = std::pow(10.0, exponent);
    // Two significant digits: 0.0316… → 0.032, so the slider lands on numbers people read.
    const double scale = std::pow(10.0, std::floor(std::log10(raw)) - 1.0);
    return std::round(raw / scale) * scale;
}

int OptimizerPanel::positionOf(double learningRate)
{
    // position = (log10 η − e_min) · steps per decade
    const double position = (std::log10(learningRate) - minimumExponent) * stepsPerDecade;
    return static_cast<int>(std::lround(
        std::clamp(position, 0.0, double((maximumExponent - minimumExponent) * stepsPerDecade))));
}

OptimizerSettings OptimizerPanel::settings() const
{
    OptimizerSettings result = m_hidden;
    const auto method = methodFromName(m_methodBox->currentData().toString().toStdString());
    result.method = method.value_or(Method::GradientDescent);
    result.learningRate = m_learningRateEdit->value();
    result.momentum = m_momentumBox->value();
    result.alpha = m_alphaBox->value();
    result.beta1 = m_beta1Box->value();
    result.beta2 = m_beta2Box->value();
    result.epsilon = m_epsilonEdit->value();
    result.learningRateDecay = m_decayEdit->value();
    result.initialAccumulator = m_accumulatorEdit->value();
    result.centered = m_centeredBox->isChecked();
    result.amsgrad = m_amsgradBox->isChecked();
    result.armijo = m_armijoEdit->value();
    result.shrink = m_shrinkBox->value();
    result.maxSteps = m_maxStepsBox->value();
    result.tolerance = m_toleranceEdit->value();
    return result;
}

void OptimizerPanel::setSettings(const OptimizerSettings& settings)
{
    m_hidden = settings;
    const std::string_view name = methodName(settings.method);
    m_methodBox->setCurrentIndex(
        m_methodBox->findData(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))));
    m_learningRateEdit->setValue(settings.learningRate);
    {
        const QSignalBlocker blocker(m_learningRateSlider);
        m_learningRateSlider->setValue(positionOf(settings.learningRate));
    }
    m_momentumBox->setValue(settings.momentum);
    m_alphaBox->setValue(settings.alpha);
    m_beta1Box->setValue(settings.beta1);
    m_beta2Box->setValue(settings.beta2);
    m_epsilonEdit->setValue(settings.epsilon);
    m_decayEdit->setValue(settings.learningRateDecay);
    m_accumulatorEdit->setValue(settings.initialAccumulator);
    m_centeredBox->setChecked(settings.centered);
    m_amsgradBox->setChecked(settings.amsgrad);
    m_armijoEdit->setValue(settings.armijo);
    m_shrinkBox->setValue(settings.shrink);
    m_maxStepsBox->setValue(settings.maxSteps);
    m_toleranceEdit->setValue(settings.tolerance);
    showMethodRows(settings.method);
}

void OptimizerPanel::showMethodRows(Method method)
{
    for (const HyperParameter& parameter : m_hyperParameters) {
        const bool used = std::find(parameter.methods.begin(), parameter.methods.end(), method) !=
                          parameter.methods.end();
        m_form->setRowVisible(parameter.field, used);
    }
}

QStringList OptimizerPanel::shownHyperParameters() const
{
    QStringList names;
    for (const HyperParameter& parameter : m_hyperParameters) {
        if (parameter.field->isVisibleTo(this)) {
            names << parameter.name;
        }
    }
    return names;
}

void OptimizerPanel::setSelectedRunId(int id)
{
    const RunEntry* entry = m_session->runById(id);
    m_selectedRunId = entry ? id : 0;
    if (entry) {
        setSettings(entry->settings);
    }
    m_runButton->setToolTip(m_selectedRunId != 0
                                ? tr("Give the selected run these settings and play it")
                                : tr("Start a run with these settings and play it"));
}

void OptimizerPanel::run()
{
    if (m_selectedRunId != 0 && m_session->runById(m_selectedRunId)) {
        m_session->setRunSettings(m_selectedRunId, settings());
    } else {
        m_selectedRunId = m_session->addRun(settings());
        Q_EMIT runAdded(m_selectedRunId);
    }
    m_session->play();
}

void OptimizerPanel::addToRace()
{
    const int id = m_session->addRun(settings());
    Q_EMIT runAdded(id);
}

void OptimizerPanel::syncStart()
{
    const Eigen::Vector2d start = m_session->startPoint();
    const QSignalBlocker blockX(m_startXBox);
    const QSignalBlocker blockY(m_startYBox);
    m_startXBox->setValue(start.x());
    m_startYBox->setValue(start.y());
}

} // namespace gradlab
