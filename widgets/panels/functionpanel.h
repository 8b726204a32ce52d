// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "expression/parseerror.h"

#include <QString>
#include <QTimer>
#include <QWidget>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QSlider;

namespace gradlab {

class ExpressionEdit;
class Session;

/// \brief The function f(x, y): preset picker, expression editor that parses as you type, the
/// domain, and a slider for each parameter. Everything goes through the Session.
class FunctionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FunctionPanel(Session* session, QWidget* parent = nullptr);

    ExpressionEdit* expressionEdit() const { return m_expressionEdit; }
    QComboBox* presetBox() const { return m_presetBox; }
    /// The message under the editor: what is wrong with the typed expression, or empty.
    QString errorMessage() const;
    /// The slider of parameter \a name, or nullptr.
    QSlider* parameterSlider(const QString& name) const;
    /// The box with the value of parameter \a name, or nullptr.
    QDoubleSpinBox* parameterValueBox(const QString& name) const;
    /// The domain spin boxes, in the order x min, x max, y min, y max.
    QDoubleSpinBox* domainBox(int index) const { return m_domainBoxes.at(index); }

    /// Milliseconds between the last keystroke and parsing.
    static constexpr int parseDelay = 150;

    /// Words for a parse error of \a text, with a suggestion where one helps:
    /// "unknown function 'sni' at 0 — did you mean 'sin'?".
    static QString describe(const QString& text, const ParseError& error);
    /// \a error's range converted from UTF-8 bytes to characters of \a text.
    static std::pair<int, int> characterRange(const QString& text, const ParseError& error);

private:
    struct ParameterRow
    {
        QString name;
        QSlider* slider = nullptr;
        QDoubleSpinBox* value = nullptr;
        QDoubleSpinBox* minimum = nullptr;
        QDoubleSpinBox* maximum = nullptr;
    };

    void parseTypedText();
    void showRejection(const QString& text, const ParseError& error);
    void syncFunction();
    void syncDomain();
    void syncParameters();
    void rebuildParameterRows();
    /// Scrolls the parameter sliders into view, in a scroll area that holds the panel.
    void revealParameters();
    void applyDomain();

    Session* m_session = nullptr;
    QComboBox* m_presetBox = nullptr;
    QLabel* m_presetDescription = nullptr;
    ExpressionEdit* m_expressionEdit = nullptr;
    QLabel* m_messageLabel = nullptr;
    std::vector<QDoubleSpinBox*> m_domainBoxes;
    QGroupBox* m_parameterGroup = nullptr;
    QGridLayout* m_parameterLayout = nullptr;
    std::vector<ParameterRow> m_parameterRows;
    QTimer m_parseTimer;
    QString m_knownText; ///< the session's expression text when last synchronised
    bool m_updating = false;
};

} // namespace gradlab
