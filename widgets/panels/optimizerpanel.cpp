// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/optimizerpanel.h"

#include "panels/navigationkeyfilter.h"
#include "panels/numberedit.h"
#include "session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
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

/// A string of the hyper-parameter table (UTF-8 literals), translated in the table's context.
QString translated(std::string_view text)
{
    return QCoreApplication::translate("gradlab::HyperParameter", text.data());
}

} // namespace

OptimizerPanel::OptimizerPanel(Session* session, QWidget* parent,
                               std::span<const HyperParameter> table)
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

    for (const HyperParameter& parameter : table) {
        if (parameter.group == ParameterGroup::Method) {
            addRow(parameter);
        }
    }
    addScheduleRows();
    m_maxStepsBox = new QSpinBox(this);
    m_maxStepsBox->setRange(1, 100000);
    m_maxStepsBox->setToolTip(tr("The run stops after this many steps"));
    m_form->addRow(tr("Max &steps"), m_maxStepsBox);
    for (const HyperParameter& parameter : table) {
        if (parameter.group == ParameterGroup::Stopping) {
            addRow(parameter);
        }
    }

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

QWidget* OptimizerPanel::makeField(const HyperParameter& parameter)
{
    switch (parameter.editor) {
    case EditorKind::LearningRate: {
        auto* learningRateRow = new QWidget(this);
        auto* learningRateLayout = new QHBoxLayout(learningRateRow);
        learningRateLayout->setContentsMargins(0, 0, 0, 0);
        m_learningRateSlider = new QSlider(Qt::Horizontal, learningRateRow);
        m_learningRateSlider->setRange(0, (maximumExponent - minimumExponent) * stepsPerDecade);
        m_learningRateSlider->setPageStep(stepsPerDecade);
        m_learningRateSlider->setToolTip(tr("Learning rate η on a log scale, 0.00001 … 10"));
        NavigationKeyFilter::install(m_learningRateSlider);
        m_learningRateEdit = new NumberEdit(NumberEdit::Sign::Positive, learningRateRow);
        m_learningRateEdit->setToolTip(translated(parameter.toolTip));
        m_learningRateEdit->setMaximumWidth(
            m_learningRateEdit->fontMetrics().horizontalAdvance(QStringLiteral("0.000000000")) +
            12);
        learningRateLayout->addWidget(m_learningRateSlider, 1);
        learningRateLayout->addWidget(m_learningRateEdit);
        connect(m_learningRateSlider, &QSlider::valueChanged, this,
                [this](int position) { m_learningRateEdit->setValue(learningRateAt(position)); });
        connect(m_learningRateEdit, &NumberEdit::valueEdited, this, [this](double value) {
            const QSignalBlocker blocker(m_learningRateSlider);
            m_learningRateSlider->setValue(positionOf(value));
        });
        return learningRateRow;
    }
    case EditorKind::Fraction: {
        QDoubleSpinBox* box = makeFractionBox(this, parameter.editorMaximum, parameter.decimals);
        box->setMinimum(parameter.editorMinimum);
        return box;
    }
    case EditorKind::Positive:
        return new NumberEdit(NumberEdit::Sign::Positive, this);
    case EditorKind::NonNegative:
        return new NumberEdit(NumberEdit::Sign::NonNegative, this);
    case EditorKind::Check:
        return new QCheckBox(translated(parameter.label), this);
    case EditorKind::Count: {
        auto* box = new QSpinBox(this);
        box->setRange(static_cast<int>(parameter.editorMinimum),
                      static_cast<int>(parameter.editorMaximum));
        return box;
    }
    case EditorKind::Choice: {
        auto* box = new QComboBox(this);
        for (const std::string_view choice : parameter.choices) {
            box->addItem(translated(choice));
        }
        NavigationKeyFilter::install(box);
        return box;
    }
    }
    return nullptr;
}

void OptimizerPanel::addRow(const HyperParameter& parameter)
{
    QWidget* field = makeField(parameter);
    if (parameter.editor != EditorKind::LearningRate) {
        field->setToolTip(translated(parameter.toolTip));
    }
    if (parameter.editor == EditorKind::Check) {
        m_form->addRow(field);
    } else {
        m_form->addRow(translated(parameter.label), field);
    }
    m_rows.push_back({&parameter, field});
    if (parameter.editor == EditorKind::LearningRate) {
        m_rate = &parameter;
    }
}

void OptimizerPanel::addScheduleRows()
{
    m_scheduleBox = new QComboBox(this);
    const QStringList labels{
        tr("Constant"),    tr("Step (StepLR)"),    tr("Milestones (MultiStepLR)"),
        tr("Exponential"), tr("Cosine annealing"), tr("Linear")};
    const std::vector<ScheduleKind> kinds = allScheduleKinds();
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        m_scheduleBox->addItem(i < static_cast<std::size_t>(labels.size())
                                   ? labels[static_cast<qsizetype>(i)]
                                   : translated(scheduleKindName(kinds[i])),
                               static_cast<int>(kinds[i]));
    }
    m_scheduleBox->setToolTip(tr("How the learning rate η changes from step to step "
                                 "(torch.optim.lr_scheduler)"));
    NavigationKeyFilter::install(m_scheduleBox);
    m_form->addRow(tr("Sc&hedule"), m_scheduleBox);
    m_scheduleEdit = new QLineEdit(this);
    m_scheduleEdit->setToolTip(
        tr("The schedule as the command line writes it: step:step_size=S,gamma=G, "
           "multistep:milestones=A;B,gamma=G, exponential:gamma=G, cosine:t_max=T,eta_min=E, "
           "linear:start_factor=S,end_factor=E,total_iters=N"));
    m_form->addRow(tr("Schedule parameters"), m_scheduleEdit);
    m_warmupEdit = new QLineEdit(this);
    m_warmupEdit->setPlaceholderText(tr("none"));
    m_warmupEdit->setToolTip(tr("N:F — a linear warm-up from F·η to η over N steps before the "
                                "schedule (empty: none)"));
    m_form->addRow(tr("Warm-up"), m_warmupEdit);
    connect(m_scheduleBox, &QComboBox::activated, this, [this](int index) {
        // each kind starts from a schedule that shows its shape over the run's steps
        const int steps = m_maxStepsBox ? m_maxStepsBox->value() : 200;
        const std::string templates[] = {
            "constant",
            "step:step_size=" + std::to_string(std::max(1, steps / 4)) + ",gamma=0.5",
            "multistep:milestones=" + std::to_string(std::max(1, steps / 3)) + ";" +
                std::to_string(std::max(2, 2 * steps / 3)) + ",gamma=0.3",
            "exponential:gamma=0.98",
            "cosine:t_max=" + std::to_string(std::max(1, steps)) + ",eta_min=0",
            "linear:start_factor=0.25,end_factor=1,total_iters=" +
                std::to_string(std::max(1, steps / 5)),
        };
        const auto kind = static_cast<std::size_t>(m_scheduleBox->itemData(index).toInt());
        ScheduleParse parsed = parseSchedule(templates[std::min<std::size_t>(kind, 5)]);
        parsed.settings.warmupSteps = m_schedule.warmupSteps;
        parsed.settings.warmupFactor = m_schedule.warmupFactor;
        m_schedule = parsed.settings;
        showSchedule();
    });
    connect(m_scheduleEdit, &QLineEdit::editingFinished, this, &OptimizerPanel::readSchedule);
    connect(m_warmupEdit, &QLineEdit::editingFinished, this, &OptimizerPanel::readSchedule);
}

void OptimizerPanel::showSchedule()
{
    m_scheduleBox->setCurrentIndex(m_scheduleBox->findData(static_cast<int>(m_schedule.kind)));
    m_scheduleEdit->setText(QString::fromStdString(scheduleText(m_schedule)));
    m_warmupEdit->setText(QString::fromStdString(scheduleWarmupText(m_schedule)));
}

void OptimizerPanel::readSchedule()
{
    ScheduleParse parsed = parseSchedule(m_scheduleEdit->text().trimmed().toStdString());
    const QString warmup = m_warmupEdit->text().trimmed();
    if (parsed.error == ScheduleErrorCode::None && !warmup.isEmpty()) {
        parsed = parseWarmup(warmup.toStdString(), parsed.settings);
    }
    // a text that does not parse is refused: the picker shows the schedule it had
    if (parsed.error == ScheduleErrorCode::None) {
        m_schedule = parsed.settings;
    }
    showSchedule();
}

double OptimizerPanel::fieldValue(const Row& row) const
{
    switch (row.parameter->editor) {
    case EditorKind::LearningRate:
        return m_learningRateEdit->value();
    case EditorKind::Fraction:
        return static_cast<QDoubleSpinBox*>(row.field)->value();
    case EditorKind::Positive:
    case EditorKind::NonNegative:
        return static_cast<NumberEdit*>(row.field)->value();
    case EditorKind::Check:
        return static_cast<QCheckBox*>(row.field)->isChecked() ? 1.0 : 0.0;
    case EditorKind::Count:
        return static_cast<QSpinBox*>(row.field)->value();
    case EditorKind::Choice:
        return static_cast<QComboBox*>(row.field)->currentIndex();
    }
    return 0.0;
}

void OptimizerPanel::setFieldValue(const Row& row, double value)
{
    switch (row.parameter->editor) {
    case EditorKind::LearningRate: {
        m_learningRateEdit->setValue(value);
        const QSignalBlocker blocker(m_learningRateSlider);
        m_learningRateSlider->setValue(positionOf(value));
        break;
    }
    case EditorKind::Fraction:
        static_cast<QDoubleSpinBox*>(row.field)->setValue(value);
        break;
    case EditorKind::Positive:
    case EditorKind::NonNegative:
        static_cast<NumberEdit*>(row.field)->setValue(value);
        break;
    case EditorKind::Check:
        static_cast<QCheckBox*>(row.field)->setChecked(value != 0);
        break;
    case EditorKind::Count:
        static_cast<QSpinBox*>(row.field)->setValue(static_cast<int>(value));
        break;
    case EditorKind::Choice:
        static_cast<QComboBox*>(row.field)->setCurrentIndex(static_cast<int>(value));
        break;
    }
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
    for (const Row& row : m_rows) {
        row.parameter->set(result, fieldValue(row));
    }
    result.maxSteps = m_maxStepsBox->value();
    result.schedule = m_schedule;
    return result;
}

void OptimizerPanel::setSettings(const OptimizerSettings& settings)
{
    m_hidden = settings;
    const std::string_view name = methodName(settings.method);
    m_methodBox->setCurrentIndex(
        m_methodBox->findData(QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()))));
    for (const Row& row : m_rows) {
        setFieldValue(row, row.parameter->get(settings));
    }
    m_maxStepsBox->setValue(settings.maxSteps);
    m_schedule = settings.schedule;
    showSchedule();
    showMethodRows(settings.method);
}

void OptimizerPanel::showMethodRows(Method method)
{
    for (const Row& row : m_rows) {
        m_form->setRowVisible(row.field, row.parameter->appliesTo(method));
    }
    // a schedule changes the learning rate: only for the methods that have one
    const bool scheduled = m_rate && m_rate->appliesTo(method);
    for (QWidget* field :
         {static_cast<QWidget*>(m_scheduleBox), static_cast<QWidget*>(m_scheduleEdit),
          static_cast<QWidget*>(m_warmupEdit)}) {
        m_form->setRowVisible(field, scheduled);
    }
}

QStringList OptimizerPanel::shownHyperParameters() const
{
    QStringList names;
    for (const Row& row : m_rows) {
        if (row.parameter->editor != EditorKind::LearningRate &&
            row.parameter->group == ParameterGroup::Method && row.field->isVisibleTo(this)) {
            names << QString::fromUtf8(row.parameter->name.data(),
                                       static_cast<qsizetype>(row.parameter->name.size()));
        }
    }
    return names;
}

QWidget* OptimizerPanel::hyperParameterField(const QString& name) const
{
    for (const Row& row : m_rows) {
        if (QString::fromUtf8(row.parameter->name.data(),
                              static_cast<qsizetype>(row.parameter->name.size())) == name) {
            return row.field;
        }
    }
    return nullptr;
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
