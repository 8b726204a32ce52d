// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fitlab/fitlab.h"

#include "derivativeslab/labplot.h"
#include "derivativeslab/labstyle.h"
#include "fit/builtindatasets.h"
#include "fitlab/dataplot.h"
#include "fitlab/fitsession.h"
#include "fitlab/fitstyle.h"
#include "fitlab/landscapeplot.h"
#include "fitlab/landscapesurface.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>
#include <fstream>
#include <limits>

namespace gradlab {

namespace {

// Steps per second while playing.
constexpr int kPlayIntervalMs = 80;
// Playing stops here: the chart and the path stay readable.
constexpr int kPlayLimit = 2000;
// Messages listed in the import warning; the rest are counted.
constexpr int kListedIssues = 12;

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString number(double value)
{
    return labstyle::significant(value, 6);
}

} // namespace

FitLab::FitLab(QWidget* parent)
    : QWidget(parent)
    , m_session(new FitSession(this))
{
    setObjectName(QStringLiteral("fitLab"));
    m_dataPlot = new DataPlot(m_session, this);
    m_landscape = new LandscapePlot(m_session, this);
    m_surface = new LandscapeSurface(m_session, this);
    m_landscapeViews = new QTabWidget(this);
    m_landscapeViews->setObjectName(QStringLiteral("landscapeViews"));
    m_landscapeViews->setDocumentMode(true);
    m_landscapeViews->addTab(m_landscape, tr("Heat map"));
    m_landscapeViews->addTab(m_surface, tr("3-D surface"));
    m_landscapeViews->setTabToolTip(0, tr("The loss as colours and contour lines"));
    m_landscapeViews->setTabToolTip(1, tr("The loss as heights: click the surface to start "
                                          "there; right-drag turns the view, the wheel zooms"));
    auto* lossChart = new LabPlot(this);
    m_lossChart = lossChart;
    m_lossChart->setMinimumHeight(170);
    m_fullLoss = lossChart->addCurve(lossChart->axisRect(), QPen(fitstyle::kPoints, 2));
    m_batchLoss = lossChart->addCurve(lossChart->axisRect(), QPen(fitstyle::kBatchGradient, 1.2));
    m_fullLoss->setName(tr("full loss"));
    m_batchLoss->setName(tr("batch loss"));
    m_lossChart->xAxis->setLabel(tr("step"));
    m_lossChart->yAxis->setLabel(tr("loss"));
    // whole steps on the step axis
    auto steps = QSharedPointer<QCPAxisTickerFixed>::create();
    steps->setTickStep(1.0);
    steps->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_lossChart->xAxis->setTicker(steps);
    m_lossChart->legend->setVisible(true);
    m_lossChart->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->setChildrenCollapsible(false);
    plots->addWidget(m_dataPlot);
    plots->addWidget(m_landscapeViews);
    // halves for the data and the landscape, whatever their size hints ask
    plots->setSizes({1, 1});
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setChildrenCollapsible(false);
    right->addWidget(plots);
    right->addWidget(m_lossChart);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(right, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kPlayIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &FitLab::stepOnce);
    connect(m_session, &FitSession::runChanged, this, &FitLab::updateReadout);
    connect(m_session, &FitSession::runChanged, this, &FitLab::updateLossChart);
    connect(m_session, &FitSession::dataChanged, this, &FitLab::syncControls);
    connect(m_session, &FitSession::settingsChanged, this, &FitLab::syncControls);
    syncControls();
    updateReadout();
    updateLossChart();
}

QWidget* FitLab::buildControls()
{
    auto* panel = new QWidget(this);
    panel->setMinimumWidth(300);
    panel->setMaximumWidth(360);
    auto* column = new QVBoxLayout(panel);
    column->addWidget(labstyle::heading(tr("Fit lab"), panel));
    column->addWidget(labstyle::paragraph(
        tr("Left: the data and the model. Right: the loss over the model's two parameters, as a "
           "heat map or a 3-D surface. Drag in the heat map or click the surface to move the "
           "start; click in the data to add a point (logistic2: "
           "label 1, Shift+click label 0), drag to move it, right-click to delete it."),
        panel));

    auto* form = new QFormLayout;
    m_dataSets = new QComboBox(panel);
    for (const BuiltinDataSet& set : builtinDataSets()) {
        m_dataSets->addItem(QString::fromStdString(set.title), QString::fromStdString(set.name));
        m_dataSets->setItemData(m_dataSets->count() - 1, QString::fromStdString(set.description),
                                Qt::ToolTipRole);
    }
    m_dataSets->addItem(tr("Your data"), QString());
    form->addRow(tr("Data"), m_dataSets);
    m_model = new QComboBox(panel);
    m_model->addItem(tr("line: ŷ = w·x + b"), int(FitModel::Line));
    m_model->addItem(tr("logistic: σ(w·x + b)"), int(FitModel::Logistic));
    m_model->addItem(tr("logistic2: σ(w₁x₁ + w₂x₂)"), int(FitModel::Logistic2));
    m_model->setItemData(0, tr("x,y data, mean squared error"), Qt::ToolTipRole);
    m_model->setItemData(1, tr("x,label data, mean binary cross-entropy"), Qt::ToolTipRole);
    m_model->setItemData(2, tr("x1,x2,label data, mean binary cross-entropy"), Qt::ToolTipRole);
    form->addRow(tr("Model"), m_model);
    auto* files = new QHBoxLayout;
    auto* importButton = new QPushButton(tr("Import CSV…"), panel);
    auto* exportButton = new QPushButton(tr("Export CSV…"), panel);
    files->addWidget(importButton);
    files->addWidget(exportButton);
    form->addRow(QString(), files);

    m_method = new QComboBox(panel);
    for (const Method method : allMethods()) {
        m_method->addItem(fromView(methodLabel(method)), int(method));
    }
    form->addRow(tr("Optimizer"), m_method);
    m_learningRate = new QDoubleSpinBox(panel);
    m_learningRate->setDecimals(4);
    m_learningRate->setRange(0.0001, 10.0);
    m_learningRate->setSingleStep(0.01);
    m_learningRate->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    form->addRow(tr("Learning rate"), m_learningRate);
    m_batchSize = new QSpinBox(panel);
    m_batchSize->setSpecialValueText(tr("all rows"));
    form->addRow(tr("Batch size"), m_batchSize);
    auto* shuffle = new QHBoxLayout;
    m_shuffle = new QCheckBox(tr("shuffle, seed"), panel);
    m_seed = new QSpinBox(panel);
    m_seed->setRange(0, 1'000'000);
    m_seed->setValue(1);
    shuffle->addWidget(m_shuffle);
    shuffle->addWidget(m_seed, 1);
    form->addRow(tr("Order"), shuffle);
    column->addLayout(form);

    auto* buttons = new QHBoxLayout;
    auto* step = new QPushButton(tr("Step"), panel);
    m_play = new QPushButton(tr("Play"), panel);
    m_play->setCheckable(true);
    auto* reset = new QPushButton(tr("Reset"), panel);
    step->setObjectName(QStringLiteral("fitStep"));
    m_play->setObjectName(QStringLiteral("fitPlay"));
    reset->setObjectName(QStringLiteral("fitReset"));
    buttons->addWidget(step);
    buttons->addWidget(m_play);
    buttons->addWidget(reset);
    column->addLayout(buttons);

    m_readout = labstyle::readout(panel);
    column->addWidget(m_readout);
    const auto swatch = [](const QColor& color, const QString& text) {
        return QStringLiteral("<span style='color:%1'>■</span> %2").arg(color.name(), text);
    };
    column->addWidget(labstyle::paragraph(
        swatch(QColor(120, 120, 120), tr("white arrow: −∇ of the full loss")) + "<br>" +
            swatch(fitstyle::kBatchGradient, tr("orange arrow: −∇ of the batch loss")) + "<br>" +
            swatch(fitstyle::kSpread,
                   tr("ellipse: where the batch arrow's tip falls, one standard deviation, over "
                      "all batches of this size")),
        panel));
    column->addStretch(1);

    connect(m_dataSets, &QComboBox::activated, this, [this](int index) {
        const QString name = m_dataSets->itemData(index).toString();
        if (const BuiltinDataSet* set = findBuiltinDataSet(name.toStdString())) {
            setPlaying(false);
            m_session->setData(generate(*set));
        }
    });
    connect(m_model, &QComboBox::activated, this, [this](int index) {
        setPlaying(false);
        m_session->setModel(static_cast<FitModel>(m_model->itemData(index).toInt()));
    });
    connect(m_method, &QComboBox::activated, this, [this] {
        // a new method starts from its own learning rate
        const auto method = static_cast<Method>(m_method->currentData().toInt());
        m_syncing = true;
        m_learningRate->setValue(defaultSettings(method).learningRate);
        m_syncing = false;
        applySettings();
    });
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, &FitLab::applySettings);
    connect(m_batchSize, &QSpinBox::valueChanged, this, &FitLab::applySettings);
    connect(m_shuffle, &QCheckBox::toggled, this, &FitLab::applySettings);
    connect(m_seed, &QSpinBox::valueChanged, this, &FitLab::applySettings);
    connect(importButton, &QPushButton::clicked, this, &FitLab::chooseImport);
    connect(exportButton, &QPushButton::clicked, this, &FitLab::chooseExport);
    connect(step, &QPushButton::clicked, this, &FitLab::stepOnce);
    connect(m_play, &QPushButton::toggled, this, &FitLab::setPlaying);
    connect(reset, &QPushButton::clicked, this, &FitLab::reset);
    return panel;
}

bool FitLab::isPlaying() const
{
    return m_timer->isActive();
}

void FitLab::applySettings()
{
    if (m_syncing) {
        return;
    }
    FitSettings settings = m_session->settings();
    const auto method = static_cast<Method>(m_method->currentData().toInt());
    if (method != settings.optimizer.method) {
        settings.optimizer = defaultSettings(method);
        settings.optimizer.tolerance = 0.0;
    }
    settings.optimizer.learningRate = m_learningRate->value();
    settings.batchSize = static_cast<std::size_t>(m_batchSize->value());
    settings.shuffleSeed.reset();
    if (m_shuffle->isChecked()) {
        settings.shuffleSeed = static_cast<std::uint64_t>(m_seed->value());
    }
    m_seed->setEnabled(m_shuffle->isChecked());
    m_session->setSettings(settings);
}

void FitLab::syncControls()
{
    m_syncing = true;
    const FitSettings& settings = m_session->settings();
    m_model->setCurrentIndex(m_model->findData(int(m_session->model())));
    m_method->setCurrentIndex(m_method->findData(int(settings.optimizer.method)));
    m_learningRate->setValue(settings.optimizer.learningRate);
    m_batchSize->setRange(0, static_cast<int>(m_session->data().size()));
    m_batchSize->setValue(static_cast<int>(settings.batchSize));
    m_shuffle->setChecked(settings.shuffleSeed.has_value());
    m_seed->setEnabled(settings.shuffleSeed.has_value());
    // the combo names a built-in set while the rows are exactly its rows
    int index = m_dataSets->count() - 1;
    for (int i = 0; i + 1 < m_dataSets->count(); ++i) {
        const BuiltinDataSet* set =
            findBuiltinDataSet(m_dataSets->itemData(i).toString().toStdString());
        if (set && generate(*set) == m_session->data()) {
            index = i;
        }
    }
    m_dataSets->setCurrentIndex(index);
    m_syncing = false;
}

void FitLab::updateReadout()
{
    const FitStep& step = m_session->current();
    const auto names = parameterNames(m_session->model());
    QString text = tr("step %1 · %2 rows<br>%3 = %4, %5 = %6<br>full loss %7<br>batch loss %8 "
                      "(%9 rows)")
                       .arg(step.index)
                       .arg(m_session->data().size())
                       .arg(fromView(names[0]), number(step.parameters.x()), fromView(names[1]),
                            number(step.parameters.y()), number(step.loss), number(step.batchLoss))
                       .arg(step.batch.size());
    if (m_session->hasDiverged()) {
        text += "<br><span style='color:#c81e2d'>" +
                tr("Diverged: the loss is no longer a finite number. Lower the learning rate "
                   "and press Reset.") +
                "</span>";
    }
    m_readout->setText(text);
}

void FitLab::updateLossChart()
{
    QVector<double> steps;
    QVector<double> full;
    QVector<double> batch;
    for (const FitStep& step : m_session->steps()) {
        steps.append(step.index);
        full.append(step.loss);
        batch.append(step.batchLoss);
    }
    m_fullLoss->setData(steps, full);
    m_batchLoss->setData(steps, batch);
    const bool isBatch = m_session->current().batch.size() < m_session->data().size();
    m_batchLoss->setVisible(isBatch);
    m_batchLoss->removeFromLegend();
    if (isBatch) {
        m_batchLoss->addToLegend();
    }
    m_lossChart->xAxis->setRange(0, std::max(10.0, steps.back()));
    double lowest = std::numeric_limits<double>::infinity();
    double highest = 0;
    for (qsizetype k = 0; k < steps.size(); ++k) {
        for (const double value : {full[k], isBatch ? batch[k] : full[k]}) {
            if (std::isfinite(value) && value > 0) {
                lowest = std::min(lowest, value);
                highest = std::max(highest, value);
            }
        }
    }
    // A log scale once the losses span more than a decade: the batch loss's noise near the
    // minimum stays visible beside the first steps.
    QCPAxis* axis = m_lossChart->yAxis;
    const bool logarithmic = highest > 0 && highest > 10 * lowest;
    if (logarithmic && axis->scaleType() != QCPAxis::stLogarithmic) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setLabel(tr("loss (log scale)"));
    } else if (!logarithmic && axis->scaleType() != QCPAxis::stLinear) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        axis->setNumberFormat(QStringLiteral("g"));
        axis->setLabel(tr("loss"));
    }
    if (logarithmic) {
        axis->setRange(std::max(lowest, highest * 1e-8) / 1.5, highest * 1.5);
    } else {
        axis->setRange(0, highest > 0 ? highest * 1.08 : 1.0);
    }
    m_lossChart->replot(QCustomPlot::rpQueuedReplot);
}

QString FitLab::describe(const CsvIssue& issue)
{
    const QString found = QString::fromStdString(issue.text);
    switch (issue.problem) {
    case CsvProblem::MissingHeader:
        return tr("line %1: expected the header x,y or x,label or x1,x2,label, found “%2”")
            .arg(issue.line)
            .arg(found);
    case CsvProblem::LineTooLong:
        return tr("line %1 is longer than %2 bytes: this is not a data file")
            .arg(issue.line)
            .arg(CsvLimits{}.maximumLineLength);
    case CsvProblem::InputTooLarge:
        return tr("the file is larger than %1 MiB").arg(CsvLimits{}.maximumBytes >> 20);
    case CsvProblem::WrongFieldCount:
        return tr("line %1: expected one value per header column, found “%2”")
            .arg(issue.line)
            .arg(found);
    case CsvProblem::NotANumber:
        return tr("line %1, field %2: “%3” is not a number")
            .arg(issue.line)
            .arg(issue.column)
            .arg(found);
    case CsvProblem::NotFinite:
        return tr("line %1, field %2: “%3” is not a finite number")
            .arg(issue.line)
            .arg(issue.column)
            .arg(found);
    case CsvProblem::LabelOutOfRange:
        return tr("line %1, field %2: the label “%3” is not between 0 and 1")
            .arg(issue.line)
            .arg(issue.column)
            .arg(found);
    }
    return {};
}

QStringList FitLab::importData(const QString& path)
{
    std::ifstream input(path.toStdString(), std::ios::binary);
    if (!input) {
        return {tr("cannot open %1").arg(path)};
    }
    const CsvReadResult result = readDataCsv(input);
    if (result.fatal) {
        return {describe(*result.fatal)};
    }
    QStringList messages;
    for (const CsvIssue& issue : result.issues) {
        messages << describe(issue);
    }
    if (result.data.isEmpty()) {
        messages << tr("no data rows: the data stays as it was");
        return messages;
    }
    setPlaying(false);
    m_session->setData(result.data);
    return messages;
}

QString FitLab::exportData(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return file.errorString();
    }
    const std::string text = toCsv(m_session->data());
    file.write(text.data(), static_cast<qint64>(text.size()));
    return file.commit() ? QString() : file.errorString();
}

void FitLab::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import data"), QString(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    const QStringList messages = importData(path);
    if (messages.isEmpty()) {
        return;
    }
    QStringList listed = messages.mid(0, kListedIssues);
    if (messages.size() > kListedIssues) {
        listed << tr("… and %1 more").arg(messages.size() - kListedIssues);
    }
    QMessageBox::warning(this, tr("Import data"),
                         tr("Some of %1 could not be read:\n\n%2")
                             .arg(QFileInfo(path).fileName(), listed.join(QLatin1Char('\n'))));
}

void FitLab::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export data"), QStringLiteral("data.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return;
    }
    const QString error = exportData(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Export data"),
                             tr("Could not write %1: %2").arg(path, error));
    }
}

void FitLab::stepOnce()
{
    m_session->stepOnce();
    if (m_session->hasDiverged() || m_session->stepIndex() >= kPlayLimit) {
        setPlaying(false);
    }
}

void FitLab::setPlaying(bool playing)
{
    if (playing) {
        m_timer->start();
    } else {
        m_timer->stop();
    }
    const QSignalBlocker blocker(m_play);
    m_play->setChecked(playing);
    m_play->setText(playing ? tr("Pause") : tr("Play"));
}

bool FitLab::isSurfaceShown() const
{
    return m_landscapeViews->currentWidget() == m_surface;
}

void FitLab::setSurfaceShown(bool shown)
{
    m_landscapeViews->setCurrentWidget(shown ? static_cast<QWidget*>(m_surface) : m_landscape);
}

void FitLab::reset()
{
    setPlaying(false);
    m_session->reset();
}

} // namespace gradlab
