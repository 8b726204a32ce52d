// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "backproplab.h"

#include "panels/functionpanel.h"
#include "session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QSaveFile>
#include <QStyle>
#include <QSvgGenerator>
#include <QToolButton>
#include <QVBoxLayout>

namespace gradlab {
namespace {

constexpr int kPlayInterval = 700; ///< milliseconds per step of playback

} // namespace

BackpropLab::BackpropLab(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    m_expressionEdit = new QLineEdit(this);
    m_expressionEdit->setObjectName(QStringLiteral("backpropExpression"));
    m_expressionEdit->setPlaceholderText(tr("a function of x and y, e.g. sigmoid(w*x + b)"));
    m_expressionEdit->setToolTip(tr("Type a function and press Enter: it becomes the function of "
                                    "the whole window"));
    m_errorLabel = new QLabel(this);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->hide();

    m_passBox = new QComboBox(this);
    m_passBox->addItem(tr("Backward pass (adjoints v̄)"), int(PassMode::Backward));
    m_passBox->addItem(tr("Forward mode, ẋ = 1, ẏ = 0"), int(PassMode::ForwardX));
    m_passBox->addItem(tr("Forward mode, ẋ = 0, ẏ = 1"), int(PassMode::ForwardY));
    m_passBox->setToolTip(tr("Reverse mode finds ∂f/∂v for every node in one pass; forward mode "
                             "finds ∂v/∂x (or ∂v/∂y) for every node"));
    m_expandBox = new QCheckBox(tr("Expand σ into 1/(1 + e⁻ᵘ)"), this);
    m_expandBox->setToolTip(tr("Show each sigmoid as one node (σ′ = σ(1 − σ)) or as the four "
                               "operations it is made of"));
    m_countLabel = new QLabel(this);

    const auto button = [this](QStyle::StandardPixmap icon, const QString& text,
                               const QString& tip) {
        auto* tool = new QToolButton(this);
        tool->setIcon(style()->standardIcon(icon));
        tool->setText(text);
        tool->setToolTip(tip);
        return tool;
    };
    QToolButton* startButton =
        button(QStyle::SP_MediaSkipBackward, tr("Start"), tr("Back to the start (Home)"));
    QToolButton* backButton =
        button(QStyle::SP_MediaSeekBackward, tr("Back"), tr("One step back (←)"));
    m_playButton =
        button(QStyle::SP_MediaPlay, tr("Play"), tr("Play the pass step by step (Space)"));
    m_playButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QToolButton* forwardButton =
        button(QStyle::SP_MediaSeekForward, tr("Forward"), tr("One step forward (→)"));
    QToolButton* endButton = button(QStyle::SP_MediaSkipForward, tr("End"), tr("To the end (End)"));
    m_stepLabel = new QLabel(this);
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("PNG image…"), this, [this] {
        exportWithDialog(tr("PNG images (*.png)"), QStringLiteral(".png"));
    });
    exportMenu->addAction(tr("SVG drawing…"), this, [this] {
        exportWithDialog(tr("SVG drawings (*.svg)"), QStringLiteral(".svg"));
    });
    exportButton->setMenu(exportMenu);

    m_canvas = new GraphCanvas(this);
    m_explanation = new QLabel(this);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_gradient = new QLabel(this);
    m_gradient->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("f(x, y) ="), this));
    top->addWidget(m_expressionEdit, 1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_passBox);
    controls->addWidget(m_expandBox);
    controls->addWidget(m_countLabel, 1);
    for (QToolButton* tool : {startButton, backButton, m_playButton, forwardButton, endButton}) {
        controls->addWidget(tool);
    }
    controls->addWidget(m_stepLabel);
    controls->addWidget(exportButton);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_explanation, 3);
    bottom->addWidget(m_gradient, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_errorLabel);
    layout->addLayout(controls);
    layout->addWidget(m_canvas, 1);
    layout->addLayout(bottom);

    m_timer.setInterval(kPlayInterval);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_walk.isAtEnd()) {
            togglePlay();
            return;
        }
        stepForward();
    });
    connect(startButton, &QToolButton::clicked, this, &BackpropLab::goToStart);
    connect(backButton, &QToolButton::clicked, this, &BackpropLab::stepBackward);
    connect(m_playButton, &QToolButton::clicked, this, &BackpropLab::togglePlay);
    connect(forwardButton, &QToolButton::clicked, this, &BackpropLab::stepForward);
    connect(endButton, &QToolButton::clicked, this, &BackpropLab::goToEnd);
    connect(m_canvas, &GraphCanvas::navigationRequested, this,
            [this](GraphCanvas::Navigation navigation) {
                switch (navigation) {
                case GraphCanvas::Navigation::Back:
                    stepBackward();
                    break;
                case GraphCanvas::Navigation::Forward:
                    stepForward();
                    break;
                case GraphCanvas::Navigation::Start:
                    goToStart();
                    break;
                case GraphCanvas::Navigation::End:
                    goToEnd();
                    break;
                case GraphCanvas::Navigation::PlayPause:
                    togglePlay();
                    break;
                }
            });
    connect(m_passBox, &QComboBox::currentIndexChanged, this,
            [this] { setPassMode(static_cast<PassMode>(m_passBox->currentData().toInt())); });
    connect(m_expandBox, &QCheckBox::toggled, this, &BackpropLab::setSigmoidExpanded);
    connect(m_expressionEdit, &QLineEdit::returnPressed, this, &BackpropLab::applyTypedExpression);
    connect(m_session, &Session::expressionRejected, this,
            [this](const QString& text, const ParseError& error) {
                if (text == m_expressionEdit->text()) {
                    m_errorLabel->setText(FunctionPanel::describe(text, error));
                    m_errorLabel->show();
                }
            });
    connect(m_session, &Session::functionChanged, this, &BackpropLab::rebuild);
    connect(m_session, &Session::parametersChanged, this, &BackpropLab::reevaluate);
    connect(m_session, &Session::probeChanged, this, &BackpropLab::reevaluate);
    rebuild();
}

QString BackpropLab::errorMessage() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

QString BackpropLab::stepText() const
{
    return m_explanation->text();
}

QString BackpropLab::gradientText() const
{
    return m_gradient->text();
}

QString BackpropLab::countText() const
{
    return m_countLabel->text();
}

bool BackpropLab::isSigmoidExpanded() const
{
    return m_expandBox->isChecked();
}

void BackpropLab::setSigmoidExpanded(bool expanded)
{
    m_expandBox->setChecked(expanded);
    if (expanded != m_builtExpanded) {
        rebuild();
    }
}

void BackpropLab::setPassMode(PassMode mode)
{
    const int index = m_passBox->findData(int(mode));
    if (m_passBox->currentIndex() != index) {
        m_passBox->setCurrentIndex(index); // comes back here through currentIndexChanged
        return;
    }
    if (mode == m_walk.mode()) {
        return;
    }
    m_walk.reset(&m_graph, &m_evaluation, mode);
    showStep();
}

void BackpropLab::applyTypedExpression()
{
    const QString text = m_expressionEdit->text().trimmed();
    m_errorLabel->hide();
    if (text != m_session->expressionText()) {
        m_session->setExpressionText(text);
    }
}

void BackpropLab::rebuild()
{
    const NodePtr expression = m_session->expression();
    const bool expanded = m_expandBox->isChecked();
    if (!m_expressionEdit->hasFocus() || m_errorLabel->isHidden()) {
        m_expressionEdit->setText(m_session->expressionText());
    }
    if (expression == m_builtFrom && expanded == m_builtExpanded && !m_graph.isEmpty()) {
        reevaluate();
        return;
    }
    m_errorLabel->hide();
    m_builtFrom = expression;
    m_builtExpanded = expanded;
    // Both forms are built for their counts; the one shown is kept.
    ComputationGraph fused = ComputationGraph::build(expression, SigmoidForm::Fused);
    ComputationGraph unfused = ComputationGraph::build(expression, SigmoidForm::Expanded);
    m_fusedOperations = fused.operationCount();
    m_fusedTerms = fused.edgeCount();
    m_expandedOperations = unfused.operationCount();
    m_expandedTerms = unfused.edgeCount();
    m_graph = expanded ? std::move(unfused) : std::move(fused);
    if (m_fusedOperations == m_expandedOperations) {
        m_countLabel->setText(tr("%1 operations, %2 chain-rule terms (f has no σ)")
                                  .arg(m_fusedOperations)
                                  .arg(m_fusedTerms));
    } else {
        m_countLabel->setText(tr("σ as one node: %1 operations, %2 terms · expanded: %3 "
                                 "operations, %4 terms")
                                  .arg(m_fusedOperations)
                                  .arg(m_fusedTerms)
                                  .arg(m_expandedOperations)
                                  .arg(m_expandedTerms));
    }
    m_walk.reset(nullptr, nullptr, m_walk.mode());
    reevaluate();
    m_walk.setStep(0);
    showStep();
}

void BackpropLab::reevaluate()
{
    std::map<std::string, double> parameters;
    for (const ParameterData& parameter : m_session->parameters()) {
        parameters[parameter.name.toStdString()] = parameter.value;
    }
    const Eigen::Vector2d probe = m_session->probe();
    m_evaluation = evaluateGraph(m_graph, probe.x(), probe.y(), parameters);
    const int step = m_walk.step();
    m_walk.reset(&m_graph, &m_evaluation, m_walk.mode());
    m_walk.setStep(step);
    m_canvas->setGraph(&m_graph, &m_evaluation, &m_walk);
    showStep();
}

void BackpropLab::setStep(int step)
{
    m_walk.setStep(step);
    showStep();
}

void BackpropLab::stepForward()
{
    setStep(m_walk.step() + 1);
}

void BackpropLab::stepBackward()
{
    setStep(m_walk.step() - 1);
}

void BackpropLab::goToStart()
{
    setStep(0);
}

void BackpropLab::goToEnd()
{
    setStep(m_walk.stepCount());
}

void BackpropLab::togglePlay()
{
    if (m_timer.isActive()) {
        m_timer.stop();
    } else {
        if (m_walk.isAtEnd()) {
            setStep(0);
        }
        m_timer.start();
    }
    m_playButton->setText(m_timer.isActive() ? tr("Pause") : tr("Play"));
    m_playButton->setIcon(
        style()->standardIcon(m_timer.isActive() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void BackpropLab::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_canvas->setFocus(Qt::OtherFocusReason);
}

bool BackpropLab::exportImage(const QString& path, QString* error) const
{
    const auto fail = [&](const QString& reason) {
        if (error) {
            *error = tr("Could not write %1: %2").arg(path, reason);
        }
        return false;
    };
    const QRectF scene = m_canvas->sceneRect();
    if (m_canvas->graphLayout().isEmpty()) {
        return fail(tr("there is no graph to draw"));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(file.errorString());
    }
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(scene.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), scene.size()));
        generator.setTitle(tr("Computation graph of %1").arg(m_session->expressionText()));
        QPainter painter(&generator);
        painter.fillRect(QRectF(QPointF(0, 0), scene.size()), Qt::white);
        m_canvas->render(painter, QRectF(QPointF(0, 0), scene.size()));
        painter.end();
    } else {
        // Twice the scene's size, for sharp text on high-density screens and in print.
        QImage image((scene.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        m_canvas->render(painter, QRectF(QPointF(0, 0), scene.size() * 2));
        painter.end();
        if (!image.save(&file, "PNG")) {
            file.cancelWriting();
            return fail(file.errorString().isEmpty() ? tr("the PNG could not be encoded")
                                                     : file.errorString());
        }
    }
    return file.commit() || fail(file.errorString());
}

void BackpropLab::exportWithDialog(const QString& filter, const QString& suffix)
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export the graph"),
                                                QStringLiteral("graph") + suffix, filter);
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(suffix, Qt::CaseInsensitive)) {
        path += suffix;
    }
    QString error;
    if (!exportImage(path, &error)) {
        m_errorLabel->setText(error);
        m_errorLabel->show();
    }
}

} // namespace gradlab
