// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/functionpanel.h"

#include "expression/builtins.h"
#include "expression/editdistance.h"
#include "functions/presets.h"
#include "panels/expressionedit.h"
#include "panels/navigationkeyfilter.h"
#include "session.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyledItemDelegate>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

constexpr int sliderResolution = 1000;
constexpr int descriptionRole = Qt::UserRole + 1;

/// The builtin closest to \a name, if close enough to be a typo (one edit per three letters).
QString closestFunction(const QString& name)
{
    QString best;
    int bestDistance = std::max<int>(1, static_cast<int>(name.size()) / 3) + 1;
    for (const BuiltinInfo& info : builtins()) {
        const QString candidate = QString::fromUtf8(info.name.data(), info.name.size());
        const int distance =
            static_cast<int>(editDistance(name.toLower().toStdString(), info.name));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

QString knownFunctions()
{
    QStringList names;
    for (const BuiltinInfo& info : builtins()) {
        names << QString::fromUtf8(info.name.data(), info.name.size());
    }
    return names.join(QStringLiteral(", "));
}

/// Presets in the picker: the title, and the one-line description under it in a smaller grey.
class PresetDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        const QFontMetrics small(smallFont(option.font));
        const QString description = index.data(descriptionRole).toString();
        size.setHeight(size.height() + small.height() + 2);
        size.setWidth(std::max(size.width(), small.horizontalAdvance(description) + 16));
        return size;
    }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionViewItem titleOption = option;
        initStyleOption(&titleOption, index);
        const QFontMetrics small(smallFont(option.font));
        const QRect titleRect = option.rect.adjusted(0, 0, 0, -(small.height() + 2));
        titleOption.rect = titleRect;
        QStyledItemDelegate::paint(painter, titleOption, index);

        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        if (selected) {
            painter->fillRect(option.rect.adjusted(0, titleRect.height(), 0, 0),
                              option.palette.highlight());
        }
        painter->setFont(smallFont(option.font));
        painter->setPen(selected ? option.palette.color(QPalette::HighlightedText)
                                 : option.palette.color(QPalette::PlaceholderText));
        const QRect descriptionRect =
            option.rect.adjusted(8, titleRect.height(), -4, 0).adjusted(0, 0, 0, -2);
        painter->drawText(descriptionRect, Qt::AlignLeft | Qt::AlignVCenter,
                          small.elidedText(index.data(descriptionRole).toString(), Qt::ElideRight,
                                           descriptionRect.width()));
        painter->restore();
    }

private:
    static QFont smallFont(QFont font)
    {
        font.setPointSizeF(font.pointSizeF() * 0.85);
        return font;
    }
};

/// \brief Keeps the mouse wheel from changing a slider or number box that it merely passes over:
/// without focus, the control leaves the wheel to the panel's scroll area (or whatever holds it).
/// A click or Tab gives the control focus, and then the wheel changes it.
class WheelGuard : public QObject
{
public:
    using QObject::QObject;

    /// Guards \a control; the guard belongs to it. Its focus comes from clicks and Tab only.
    static void install(QWidget* control)
    {
        control->setFocusPolicy(Qt::StrongFocus);
        control->installEventFilter(new WheelGuard(control));
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Wheel && !static_cast<QWidget*>(watched)->hasFocus()) {
            // Filtered but not accepted: Qt passes the wheel on to the parent widgets.
            event->ignore();
            return true;
        }
        return false;
    }
};

/// The scroll area that shows \a widget, or null.
QScrollArea* scrollAreaOf(QWidget* widget)
{
    for (QWidget* parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto* area = qobject_cast<QScrollArea*>(parent)) {
            return area;
        }
    }
    return nullptr;
}

QDoubleSpinBox* makeNumberBox(QWidget* parent, double minimum, double maximum, int decimals)
{
    auto* box = new QDoubleSpinBox(parent);
    WheelGuard::install(box);
    box->setRange(minimum, maximum);
    box->setDecimals(decimals);
    box->setKeyboardTracking(false);
    box->setAccelerated(true);
    return box;
}

} // namespace

FunctionPanel::FunctionPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_presetBox = new QComboBox(this);
    m_presetBox->setPlaceholderText(tr("Your own function"));
    m_presetBox->setItemDelegate(new PresetDelegate(m_presetBox));
    m_presetBox->setToolTip(tr("Functions chosen to show one idea each"));
    for (const Preset& preset : presets()) {
        const QString description = QString::fromStdString(preset.description);
        m_presetBox->addItem(QString::fromStdString(preset.title),
                             QString::fromStdString(preset.name));
        const int row = m_presetBox->count() - 1;
        m_presetBox->setItemData(row, description, Qt::ToolTipRole);
        m_presetBox->setItemData(row, description, descriptionRole);
    }
    NavigationKeyFilter::install(m_presetBox);
    layout->addWidget(m_presetBox);

    m_presetDescription = new QLabel(this);
    m_presetDescription->setWordWrap(true);
    m_presetDescription->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_presetDescription);

    auto* editorRow = new QHBoxLayout;
    auto* fLabel = new QLabel(tr("f(x, y) ="), this);
    m_expressionEdit = new ExpressionEdit(this);
    m_expressionEdit->setPlaceholderText(tr("e.g. x^2 + 3xy + y^2"));
    m_expressionEdit->setToolTip(
        tr("Type f(x, y) as you would write it: x^2 + 3xy, sin(x)*exp(-y^2), a*x^2 + y^2.\n"
           "Names other than x and y become parameters with sliders."));
    m_expressionEdit->setClearButtonEnabled(true);
    fLabel->setBuddy(m_expressionEdit);
    editorRow->addWidget(fLabel);
    editorRow->addWidget(m_expressionEdit, 1);
    layout->addLayout(editorRow);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_messageLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(200, 30, 30));
    m_messageLabel->setPalette(errorPalette);
    m_messageLabel->hide();
    layout->addWidget(m_messageLabel);

    auto* domainGroup = new QGroupBox(tr("Domain"), this);
    auto* domainLayout = new QGridLayout(domainGroup);
    const QStringList domainLabels{tr("x from"), tr("to"), tr("y from"), tr("to")};
    for (int i = 0; i < 4; ++i) {
        QDoubleSpinBox* box = makeNumberBox(domainGroup, -1e6, 1e6, 3);
        box->setSingleStep(0.5);
        m_domainBoxes.push_back(box);
        auto* label = new QLabel(domainLabels[i], domainGroup);
        label->setBuddy(box);
        domainLayout->addWidget(label, i / 2, (i % 2) * 2);
        domainLayout->addWidget(box, i / 2, (i % 2) * 2 + 1);
        connect(box, &QDoubleSpinBox::valueChanged, this, &FunctionPanel::applyDomain);
    }
    domainLayout->setColumnStretch(1, 1);
    domainLayout->setColumnStretch(3, 1);
    layout->addWidget(domainGroup);

    m_parameterGroup = new QGroupBox(tr("Parameters"), this);
    m_parameterLayout = new QGridLayout(m_parameterGroup);
    m_parameterLayout->setColumnStretch(1, 1);
    m_parameterLayout->setColumnStretch(3, 1);
    layout->addWidget(m_parameterGroup);
    layout->addStretch(1);

    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(parseDelay);
    connect(&m_parseTimer, &QTimer::timeout, this, &FunctionPanel::parseTypedText);
    connect(m_expressionEdit, &QLineEdit::textEdited, this, [this] { m_parseTimer.start(); });
    connect(m_expressionEdit, &QLineEdit::returnPressed, this, [this] {
        m_parseTimer.stop();
        parseTypedText();
    });
    connect(m_presetBox, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < static_cast<int>(presets().size())) {
            m_parseTimer.stop();
            m_session->loadPreset(presets()[static_cast<std::size_t>(index)]);
        }
    });

    connect(m_session, &Session::expressionRejected, this, &FunctionPanel::showRejection);
    connect(m_session, &Session::functionChanged, this, &FunctionPanel::syncFunction);
    connect(m_session, &Session::domainChanged, this, &FunctionPanel::syncDomain);
    connect(m_session, &Session::parametersChanged, this, &FunctionPanel::syncParameters);

    syncFunction();
    syncDomain();
    syncParameters();
}

QString FunctionPanel::errorMessage() const
{
    return m_messageLabel->isVisibleTo(this) ? m_messageLabel->text() : QString();
}

QSlider* FunctionPanel::parameterSlider(const QString& name) const
{
    for (const ParameterRow& row : m_parameterRows) {
        if (row.name == name) {
            return row.slider;
        }
    }
    return nullptr;
}

QDoubleSpinBox* FunctionPanel::parameterValueBox(const QString& name) const
{
    for (const ParameterRow& row : m_parameterRows) {
        if (row.name == name) {
            return row.value;
        }
    }
    return nullptr;
}

std::pair<int, int> FunctionPanel::characterRange(const QString& text, const ParseError& error)
{
    // The parser counts UTF-8 bytes; a typed '×' or '²' is two bytes but one character.
    const QByteArray utf8 = text.toUtf8();
    const auto begin = static_cast<qsizetype>(std::min<std::size_t>(error.position, utf8.size()));
    const auto end =
        static_cast<qsizetype>(std::min<std::size_t>(error.position + error.length, utf8.size()));
    const int position = static_cast<int>(QString::fromUtf8(utf8.left(begin)).size());
    const int length = static_cast<int>(QString::fromUtf8(utf8.mid(begin, end - begin)).size());
    return {position, length};
}

QString FunctionPanel::describe(const QString& text, const ParseError& error)
{
    const auto [position, length] = characterRange(text, error);
    const QString piece = text.mid(position, std::max(length, 1));
    switch (error.code) {
    case ParseErrorCode::None:
        return {};
    case ParseErrorCode::EmptyExpression:
        return tr("Type a function of x and y, for example x^2 + 3*y^2.");
    case ParseErrorCode::UnexpectedEnd:
        return tr("The expression ends too early at %1 — something is missing after '%2'.")
            .arg(position)
            .arg(text.left(position).trimmed().right(1));
    case ParseErrorCode::UnexpectedToken:
        return tr("Unexpected '%1' at %2.").arg(piece).arg(position);
    case ParseErrorCode::UnknownFunction: {
        const QString suggestion = closestFunction(piece);
        if (!suggestion.isEmpty()) {
            return tr("Unknown function '%1' at %2 — did you mean '%3'?")
                .arg(piece)
                .arg(position)
                .arg(suggestion);
        }
        return tr("Unknown function '%1' at %2 — the functions are %3.")
            .arg(piece)
            .arg(position)
            .arg(knownFunctions());
    }
    case ParseErrorCode::UnknownIdentifier:
        return tr("Unknown name '%1' at %2.").arg(piece).arg(position);
    case ParseErrorCode::MissingCloseParen:
        return tr("The '(' at %1 is never closed — add a ')'.").arg(position);
    case ParseErrorCode::UnmatchedCloseParen:
        return tr("The ')' at %1 has no '(' to match.").arg(position);
    case ParseErrorCode::InvalidNumber:
        return tr("'%1' at %2 is not a number.").arg(piece).arg(position);
    case ParseErrorCode::InvalidCharacter:
        if (piece == QStringLiteral("×") || piece == QStringLiteral("·")) {
            return tr("'%1' at %2: write multiplication as '*'.").arg(piece).arg(position);
        }
        if (piece == QStringLiteral("²") || piece == QStringLiteral("³")) {
            return tr("'%1' at %2: write powers as '^', as in x^2.").arg(piece).arg(position);
        }
        return tr("'%1' at %2 is not allowed in an expression.").arg(piece).arg(position);
    case ParseErrorCode::WrongArgumentCount:
        return tr("'%1' at %2 takes one argument.").arg(piece).arg(position);
    case ParseErrorCode::MissingArgument:
        return tr("'%1' at %2 needs its argument in parentheses, as in %1(x).")
            .arg(piece)
            .arg(position);
    case ParseErrorCode::NestedTooDeeply:
        return tr("Parentheses are nested too deeply at %1.").arg(position);
    case ParseErrorCode::InputTooLong:
        return tr("The expression is longer than a MiB.");
    }
    return QString::fromStdString(error.message);
}

void FunctionPanel::parseTypedText()
{
    const QString text = m_expressionEdit->text();
    if (text == m_session->expressionText()) {
        // Typed back to the function already shown: nothing to parse, nothing wrong.
        m_expressionEdit->clearError();
        m_messageLabel->hide();
        return;
    }
    m_session->setExpressionText(text);
}

void FunctionPanel::showRejection(const QString& text, const ParseError& error)
{
    if (text != m_expressionEdit->text()) {
        return;
    }
    const auto [position, length] = characterRange(text, error);
    m_expressionEdit->setErrorRange(position, length);
    m_messageLabel->setText(describe(text, error));
    m_messageLabel->show();
}

void FunctionPanel::syncFunction()
{
    const QString text = m_session->expressionText();
    if (text != m_knownText) {
        // A new function: typed here (then the editor holds it already) or set elsewhere
        // (a preset, restored settings), which replaces whatever the editor held.
        m_knownText = text;
        if (m_expressionEdit->text() != text) {
            m_parseTimer.stop();
            m_expressionEdit->setText(text);
        }
        m_expressionEdit->clearError();
        m_messageLabel->hide();
    }
    const Preset* preset = m_session->preset();
    const int index = preset ? m_presetBox->findData(QString::fromStdString(preset->name)) : -1;
    m_presetBox->setCurrentIndex(index);
    m_presetDescription->setText(preset ? QString::fromStdString(preset->description)
                                        : tr("Typed by you. Pick a preset above to start over."));
}

void FunctionPanel::syncDomain()
{
    const Domain domain = m_session->domain();
    const double values[4] = {domain.xMin, domain.xMax, domain.yMin, domain.yMax};
    m_updating = true;
    for (int i = 0; i < 4; ++i) {
        const QSignalBlocker blocker(m_domainBoxes[i]);
        m_domainBoxes[i]->setValue(values[i]);
    }
    m_updating = false;
}

void FunctionPanel::applyDomain()
{
    if (m_updating) {
        return;
    }
    Domain domain{m_domainBoxes[0]->value(), m_domainBoxes[1]->value(), m_domainBoxes[2]->value(),
                  m_domainBoxes[3]->value()};
    if (!domain.isValid()) {
        // An empty rectangle cannot be drawn: keep the last good domain and say why.
        m_messageLabel->setText(tr("The domain needs x from < to and y from < to."));
        m_messageLabel->show();
        return;
    }
    if (!m_expressionEdit->hasError()) {
        m_messageLabel->hide();
    }
    m_session->setDomain(domain);
}

void FunctionPanel::syncParameters()
{
    const auto& parameters = m_session->parameters();
    bool sameNames = parameters.size() == m_parameterRows.size();
    for (std::size_t i = 0; sameNames && i < parameters.size(); ++i) {
        sameNames = parameters[i].name == m_parameterRows[i].name;
    }
    if (!sameNames) {
        rebuildParameterRows();
    }
    m_updating = true;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const ParameterData& data = parameters[i];
        const ParameterRow& row = m_parameterRows[i];
        const QSignalBlocker blockSlider(row.slider);
        const QSignalBlocker blockValue(row.value);
        const QSignalBlocker blockMinimum(row.minimum);
        const QSignalBlocker blockMaximum(row.maximum);
        row.minimum->setValue(data.minimum);
        row.maximum->setValue(data.maximum);
        row.value->setValue(data.value);
        // slider position s ∈ [0, N] ↔ value = min + (max − min)·s/N
        const double fraction = (data.value - data.minimum) / (data.maximum - data.minimum);
        row.slider->setValue(
            static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * sliderResolution)));
    }
    m_updating = false;
    m_parameterGroup->setVisible(!parameters.empty());
}

void FunctionPanel::rebuildParameterRows()
{
    while (QLayoutItem* item = m_parameterLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_parameterRows.clear();

    int line = 0;
    for (const ParameterData& data : m_session->parameters()) {
        ParameterRow row;
        row.name = data.name;
        auto* name = new QLabel(data.name, m_parameterGroup);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        row.slider = new QSlider(Qt::Horizontal, m_parameterGroup);
        row.slider->setRange(0, sliderResolution);
        row.slider->setObjectName(QStringLiteral("parameter-") + data.name);
        row.slider->setToolTip(
            tr("Drag to change %1; everything redraws as you go").arg(data.name));
        NavigationKeyFilter::install(row.slider);
        WheelGuard::install(row.slider);
        row.value = makeNumberBox(m_parameterGroup, -1e6, 1e6, 3);
        row.value->setSingleStep(0.1);
        row.value->setToolTip(tr("The value of %1").arg(data.name));
        row.minimum = makeNumberBox(m_parameterGroup, -1e6, 1e6, 2);
        row.minimum->setToolTip(tr("Left end of %1's slider").arg(data.name));
        row.maximum = makeNumberBox(m_parameterGroup, -1e6, 1e6, 2);
        row.maximum->setToolTip(tr("Right end of %1's slider").arg(data.name));

        // The name over its own line and two boxes a line at most, as in the domain's grid, so
        // that the parameters never make the panel wider than it is without them (its dock is
        // fitted to that width).
        m_parameterLayout->addWidget(name, line, 0, 1, 4);
        m_parameterLayout->addWidget(row.slider, line + 1, 0, 1, 3);
        m_parameterLayout->addWidget(row.value, line + 1, 3);
        m_parameterLayout->addWidget(new QLabel(tr("from"), m_parameterGroup), line + 2, 0,
                                     Qt::AlignRight);
        m_parameterLayout->addWidget(row.minimum, line + 2, 1);
        m_parameterLayout->addWidget(new QLabel(tr("to"), m_parameterGroup), line + 2, 2);
        m_parameterLayout->addWidget(row.maximum, line + 2, 3);
        line += 3;

        const QString parameterName = data.name;
        connect(row.slider, &QSlider::valueChanged, this, [this, parameterName](int position) {
            for (const ParameterData& p : m_session->parameters()) {
                if (p.name == parameterName && !m_updating) {
                    ParameterData changed = p;
                    // value = min + (max − min)·s/N
                    changed.value =
                        p.minimum + (p.maximum - p.minimum) * position / sliderResolution;
                    m_session->setParameter(changed);
                    return;
                }
            }
        });
        connect(row.value, &QDoubleSpinBox::valueChanged, this, [this, parameterName](double v) {
            for (const ParameterData& p : m_session->parameters()) {
                if (p.name == parameterName && !m_updating) {
                    ParameterData changed = p;
                    changed.value = v;
                    // A typed value outside the slider's range widens the range.
                    changed.minimum = std::min(changed.minimum, v);
                    changed.maximum = std::max(changed.maximum, v);
                    m_session->setParameter(changed);
                    return;
                }
            }
        });
        const auto applyRange = [this, parameterName, minimum = row.minimum,
                                 maximum = row.maximum] {
            if (m_updating || !(minimum->value() < maximum->value())) {
                return;
            }
            for (const ParameterData& p : m_session->parameters()) {
                if (p.name == parameterName) {
                    ParameterData changed = p;
                    changed.minimum = minimum->value();
                    changed.maximum = maximum->value();
                    changed.value = std::clamp(p.value, changed.minimum, changed.maximum);
                    m_session->setParameter(changed);
                    return;
                }
            }
        };
        connect(row.minimum, &QDoubleSpinBox::valueChanged, this, applyRange);
        connect(row.maximum, &QDoubleSpinBox::valueChanged, this, applyRange);
        m_parameterRows.push_back(row);
    }
    if (!m_parameterRows.empty()) {
        // New sliders sit at the panel's foot, often below its dock's edge: scroll them into
        // view once the layout has placed them.
        QTimer::singleShot(0, this, &FunctionPanel::revealParameters);
    }
}

void FunctionPanel::revealParameters()
{
    if (QScrollArea* area = scrollAreaOf(this); area && m_parameterGroup->isVisible()) {
        area->ensureWidgetVisible(m_parameterGroup, 0, 0);
    }
}

} // namespace gradlab
