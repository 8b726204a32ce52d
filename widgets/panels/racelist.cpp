// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "panels/racelist.h"

#include "charts/runlabel.h"
#include "session.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

namespace gradlab {

namespace {

enum Column { MethodColumn, LearningRateColumn, ValueColumn, RemoveColumn, ColumnCount };
constexpr int idRole = Qt::UserRole;

QIcon swatch(const QColor& color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(60, 60, 60), 1.0));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

} // namespace

RaceList::RaceList(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Run"), tr("η"), tr("f now"), QString()});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setToolTip(tr("The race: tick to show a run, click to select it, × to remove it"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(MethodColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(LearningRateColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(ValueColumn, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(RemoveColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree);

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* current) {
        if (m_rebuilding) {
            return;
        }
        const int id = current ? current->data(MethodColumn, idRole).toInt() : 0;
        if (id != m_selectedRunId) {
            m_selectedRunId = id;
            Q_EMIT selectedRunChanged(id);
        }
    });
    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        if (m_rebuilding || column != MethodColumn) {
            return;
        }
        m_session->setRunVisible(item->data(MethodColumn, idRole).toInt(),
                                 item->checkState(MethodColumn) == Qt::Checked);
    });
    connect(m_session, &Session::runsChanged, this, &RaceList::rebuild);
    connect(m_session, &Session::currentStepChanged, this, &RaceList::refreshValues);
    rebuild();
}

QTreeWidgetItem* RaceList::itemFor(int id) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_tree->topLevelItem(i);
        if (item->data(MethodColumn, idRole).toInt() == id) {
            return item;
        }
    }
    return nullptr;
}

void RaceList::setSelectedRunId(int id)
{
    QTreeWidgetItem* item = itemFor(id);
    m_tree->setCurrentItem(item);
    if (!item && m_selectedRunId != 0) {
        m_selectedRunId = 0;
        Q_EMIT selectedRunChanged(0);
    }
}

void RaceList::rebuild()
{
    // The same runs in the same order: update the rows in place. (A tick in a row's box lands
    // here through setRunVisible while Qt is still inside that row's item: it must not be
    // deleted.)
    const auto& runs = m_session->runs();
    bool sameRuns = static_cast<int>(runs.size()) == m_tree->topLevelItemCount();
    for (std::size_t i = 0; sameRuns && i < runs.size(); ++i) {
        sameRuns = m_tree->topLevelItem(static_cast<int>(i))->data(MethodColumn, idRole).toInt() ==
                   runs[i].id;
    }
    if (sameRuns) {
        m_rebuilding = true;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            fillRow(m_tree->topLevelItem(static_cast<int>(i)), runs[i]);
        }
        m_rebuilding = false;
        refreshValues();
        return;
    }
    m_rebuilding = true;
    m_tree->clear();
    QTreeWidgetItem* selected = nullptr;
    for (const RunEntry& entry : m_session->runs()) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setData(MethodColumn, idRole, entry.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setTextAlignment(LearningRateColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(ValueColumn, Qt::AlignRight | Qt::AlignVCenter);
        fillRow(item, entry);
        auto* remove = new QToolButton(m_tree);
        remove->setIcon(QIcon(QStringLiteral(":/icons/remove.svg")));
        remove->setAutoRaise(true);
        remove->setToolTip(tr("Remove this run from the race"));
        const int id = entry.id;
        // Queued: removing the run rebuilds the rows, which deletes this very button.
        connect(
            remove, &QToolButton::clicked, this, [this, id] { m_session->removeRun(id); },
            Qt::QueuedConnection);
        m_tree->setItemWidget(item, RemoveColumn, remove);
        if (entry.id == m_selectedRunId) {
            selected = item;
        }
    }
    if (!selected && m_tree->topLevelItemCount() > 0) {
        selected = m_tree->topLevelItem(m_tree->topLevelItemCount() - 1);
    }
    m_tree->setCurrentItem(selected);
    m_rebuilding = false;
    refreshValues();
    const int id = selected ? selected->data(MethodColumn, idRole).toInt() : 0;
    if (id != m_selectedRunId) {
        m_selectedRunId = id;
        Q_EMIT selectedRunChanged(id);
    }
}

void RaceList::fillRow(QTreeWidgetItem* item, const RunEntry& entry)
{
    const std::string_view label = methodLabel(entry.settings.method);
    item->setText(MethodColumn,
                  QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size())));
    item->setIcon(MethodColumn, swatch(entry.color));
    item->setCheckState(MethodColumn, entry.visible ? Qt::Checked : Qt::Unchecked);
    // Nelder–Mead has no learning rate: its first simplex (SciPy's, 5 % per coordinate) instead.
    item->setText(LearningRateColumn, entry.settings.method == Method::NelderMead
                                          ? tr("simplex 5 %")
                                          : QString::number(entry.settings.learningRate, 'g', 6));
    item->setToolTip(LearningRateColumn, runLabel(entry.settings));
}

void RaceList::refreshValues()
{
    const int step = m_session->currentStep();
    for (const RunEntry& entry : m_session->runs()) {
        QTreeWidgetItem* item = itemFor(entry.id);
        if (!item) {
            continue;
        }
        const StepRecord& record = entry.recordAt(step);
        const bool stopped = entry.hasStoppedAt(step);
        QString value =
            std::isfinite(record.f) ? QString::number(record.f, 'g', 4) : tr("undefined");
        if (stopped && entry.run->stopReason() == StopReason::Diverged) {
            value = tr("diverged");
        }
        item->setText(ValueColumn, value);
        item->setToolTip(MethodColumn, tr("Run %1: step %2 of %3, %4 evaluations of f, %5 of ∇f")
                                           .arg(entry.id)
                                           .arg(record.index)
                                           .arg(entry.settings.maxSteps)
                                           .arg(record.evaluations.function)
                                           .arg(record.evaluations.gradient));
    }
}

} // namespace gradlab
