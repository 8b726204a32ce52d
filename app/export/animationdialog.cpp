// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "export/animationdialog.h"

#include "export/gifencoder.h"
#include "export/mp4encoder.h"
#include "session.h"
#include "surface/surfaceview.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <utility>

namespace gradlab {

namespace {

QString suffixOf(AnimationDialog::Choice choice)
{
    switch (choice) {
    case AnimationDialog::Choice::Gif:
        return QStringLiteral("gif");
    case AnimationDialog::Choice::WebPLossless:
    case AnimationDialog::Choice::WebPLossy:
        return QStringLiteral("webp");
    case AnimationDialog::Choice::Mp4:
        return QStringLiteral("mp4");
    }
    return {};
}

/// Greys out item \a row of \a box, saying why in its tooltip.
void disableItem(QComboBox* box, int row, const QString& why)
{
    if (auto* model = qobject_cast<QStandardItemModel*>(box->model())) {
        model->item(row)->setEnabled(false);
        model->item(row)->setToolTip(why);
    }
}

} // namespace

AnimationDialog::AnimationDialog(Session* session, const ContourView* contourView, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_contourView(contourView)
{
    setWindowTitle(tr("Export animation"));

    m_path = new QLineEdit(QDir::home().filePath(QStringLiteral("gradlab-race.gif")), this);
    m_path->setMinimumWidth(m_path->fontMetrics().averageCharWidth() * 48);
    m_browse = new QPushButton(tr("Browse…"), this);
    auto* browseButton = m_browse;
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);

    m_format = new QComboBox(this);
    m_format->addItem(tr("GIF"));
    m_format->addItem(tr("WebP, lossless"));
    m_format->addItem(tr("WebP, lossy (smaller)"));
    m_format->addItem(tr("MP4 (H.264)"));
    if (Mp4Encoder::ffmpegProgram().isEmpty()) {
        disableItem(m_format, int(Choice::Mp4),
                    tr("MP4 needs the ffmpeg program (Debian package ffmpeg)"));
    }

    m_view = new QComboBox(this);
    m_view->addItem(tr("Contour map"), int(AnimationView::Contour));
    m_view->addItem(tr("3-D surface"), int(AnimationView::Surface));
    m_view->addItem(tr("Contour map and 3-D surface side by side"), int(AnimationView::Linked));
    if (!SurfaceView::isOpenGLAvailable()) {
        const QString why = tr("The 3-D surface needs OpenGL, which is not available here");
        disableItem(m_view, 1, why);
        disableItem(m_view, 2, why);
    }
    m_charts = new QCheckBox(tr("Run charts below"), this);

    m_size = new QComboBox(this);
    for (const QSize& size :
         {kFramePresets[0], kDefaultFrameSize, kFramePresets[1], kFramePresets[2]}) {
        m_size->addItem(tr("%1 × %2").arg(size.width()).arg(size.height()), size);
    }
    m_size->setCurrentIndex(1);

    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 60);
    m_fps->setValue(15);
    m_fps->setSuffix(tr(" frames/s"));

    const int last = FrameRenderer::lastStep(*session);
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    for (QSpinBox* box : {m_from, m_to}) {
        box->setRange(0, last);
    }
    m_to->setValue(last);
    connect(m_from, &QSpinBox::valueChanged, m_to,
            [this](int from) { m_to->setValue(std::max(m_to->value(), from)); });
    connect(m_to, &QSpinBox::valueChanged, m_from,
            [this](int to) { m_from->setValue(std::min(m_from->value(), to)); });
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_from);
    rangeRow->addWidget(new QLabel(tr("to"), this));
    rangeRow->addWidget(m_to);
    rangeRow->addStretch(1);

    m_overlay = new QCheckBox(tr("Step number, f and learning rate in a corner"), this);

    auto* form = new QFormLayout;
    // Rows whose field is a layout: the label's buddy gives its shortcut a target.
    const auto labelFor = [this](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    form->addRow(labelFor(tr("&File:"), m_path), pathRow);
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("&View:"), m_view);
    form->addRow(QString(), m_charts);
    form->addRow(tr("&Size:"), m_size);
    form->addRow(tr("&Rate:"), m_fps);
    form->addRow(labelFor(tr("S&teps:"), m_from), rangeRow);
    form->addRow(tr("Over&lay:"), m_overlay);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("One frame per step, then the last frame held for a second."), this);
    m_status->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(browseButton, &QPushButton::clicked, this, &AnimationDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &AnimationDialog::formatChanged);
    connect(m_exportButton, &QPushButton::clicked, this, &AnimationDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AnimationDialog::reject);
    formatChanged();
}

AnimationDialog::~AnimationDialog() = default;

QAction* AnimationDialog::createAction(QWidget* window, Session* session,
                                       const ContourView* contourView)
{
    auto* action = new QAction(QIcon(QStringLiteral(":/icons/export-image.svg")),
                               tr("Export &animation…"), window);
    action->setObjectName(QStringLiteral("exportAnimation"));
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    action->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Save the descent as an animated GIF, WebP or MP4 for slides");
    action->setStatusTip(tip);
    action->setToolTip(tip);
    window->addAction(action);
    QObject::connect(action, &QAction::triggered, window, [window, session, contourView] {
        auto* dialog = new AnimationDialog(session, contourView, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return action;
}

AnimationRequest AnimationDialog::request() const
{
    AnimationRequest request;
    request.path = m_path->text();
    request.frames.view = AnimationView(m_view->currentData().toInt());
    request.frames.charts = m_charts->isChecked();
    request.frames.overlay = m_overlay->isChecked();
    request.frames.size = m_size->currentData().toSize();
    request.fps = m_fps->value();
    request.firstStep = m_from->value();
    request.lastStep = m_to->value();
    request.lossless = Choice(m_format->currentIndex()) != Choice::WebPLossy;
    return request;
}

void AnimationDialog::setRequest(const AnimationRequest& request)
{
    const auto format = animationFormatFromPath(request.path);
    const Choice choice = format == AnimationFormat::Mp4    ? Choice::Mp4
                          : format != AnimationFormat::WebP ? Choice::Gif
                          : request.lossless                ? Choice::WebPLossless
                                                            : Choice::WebPLossy;
    m_format->setCurrentIndex(int(choice));
    m_path->setText(request.path);
    m_view->setCurrentIndex(m_view->findData(int(request.frames.view)));
    m_charts->setChecked(request.frames.charts);
    m_overlay->setChecked(request.frames.overlay);
    const int size = m_size->findData(request.frames.size);
    if (size >= 0) {
        m_size->setCurrentIndex(size);
    } else {
        m_size->addItem(
            tr("%1 × %2").arg(request.frames.size.width()).arg(request.frames.size.height()),
            request.frames.size);
        m_size->setCurrentIndex(m_size->count() - 1);
    }
    m_fps->setValue(request.fps);
    m_from->setValue(request.firstStep);
    m_to->setValue(request.lastStep < 0 ? m_to->maximum() : request.lastStep);
}

QString AnimationDialog::statusText() const
{
    return m_status->text();
}

void AnimationDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export animation"), m_path->text(),
        tr("GIF animation (*.gif);;WebP animation (*.webp);;MP4 video (*.mp4)"));
    if (path.isEmpty()) {
        return;
    }
    m_path->setText(path);
    const auto format = animationFormatFromPath(path);
    if (format == AnimationFormat::Mp4) {
        m_format->setCurrentIndex(int(Choice::Mp4));
    } else if (format == AnimationFormat::WebP &&
               suffixOf(Choice(m_format->currentIndex())) != QLatin1String("webp")) {
        m_format->setCurrentIndex(int(Choice::WebPLossless));
    } else if (format == AnimationFormat::Gif) {
        m_format->setCurrentIndex(int(Choice::Gif));
    }
}

void AnimationDialog::formatChanged()
{
    const Choice choice = Choice(m_format->currentIndex());
    // The file's suffix follows the format.
    const QFileInfo info(m_path->text());
    const QString suffix = suffixOf(choice);
    if (info.suffix().toLower() != suffix) {
        m_path->setText(info.dir().filePath(info.completeBaseName() + QLatin1Char('.') + suffix));
    }
    m_fps->setMaximum(choice == Choice::Gif ? GifEncoder::kMaximumFps : 60);
}

void AnimationDialog::startExport()
{
    if (m_export) {
        return;
    }
    const AnimationRequest wanted = request();
    m_scene = copyScene(*m_session);
    m_export = std::make_unique<AnimationExport>(m_scene.get(), wanted);
    if (!m_export->prepare()) {
        m_status->setText(tr("Cannot export: %1").arg(m_export->errorString()));
        m_export.reset();
        m_scene.reset();
        return;
    }
    if (m_contourView) {
        m_export->renderer()->matchContourView(*m_contourView);
    }
    connect(m_export.get(), &AnimationExport::progress, this, [this](int drawn, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(drawn);
        m_status->setText(tr("Drawing frame %1 of %2…").arg(drawn).arg(total));
    });
    connect(m_export.get(), &AnimationExport::encoding, this, [this] {
        m_progress->setRange(0, 0); // busy: the encoder does not count
        m_status->setText(tr("Encoding %1…").arg(QFileInfo(m_path->text()).fileName()));
    });
    connect(m_export.get(), &AnimationExport::finished, this, &AnimationDialog::exportDone);
    m_progress->setRange(0, m_export->frameCount());
    m_progress->setValue(0);
    setBusy(true);
    m_export->start();
}

void AnimationDialog::cancelExport()
{
    if (m_export) {
        m_cancelling = true;
        m_status->setText(tr("Cancelling…"));
        m_export->cancel();
    }
}

void AnimationDialog::exportDone(bool ok)
{
    const QString error = m_export->errorString();
    const int frames = m_export->frameCount();
    // Deleted after this signal has returned to the export that emitted it.
    m_export.release()->deleteLater();
    m_scene.reset();
    setBusy(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(ok ? 1 : 0);
    const QString name = QFileInfo(m_path->text()).fileName();
    if (ok) {
        m_status->setText(tr("Saved %1: %2 frames, %3 kB.")
                              .arg(name)
                              .arg(frames)
                              .arg((QFileInfo(m_path->text()).size() + 512) / 1024));
    } else if (std::exchange(m_cancelling, false)) {
        m_status->setText(tr("Cancelled: %1 was not written.").arg(name));
    } else {
        m_status->setText(tr("Could not write %1: %2").arg(name, error));
    }
    Q_EMIT exportFinished(ok);
}

void AnimationDialog::setBusy(bool busy)
{
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_path, m_browse, m_format, m_view, m_charts, m_size,
                                         m_fps, m_from, m_to, m_overlay, m_exportButton}) {
        widget->setEnabled(!busy);
    }
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("Cancel") : tr("Close"));
}

void AnimationDialog::reject()
{
    // Close while exporting: Cancel. The dialog stays until the export has let go of the file.
    if (m_export) {
        cancelExport();
        return;
    }
    QDialog::reject();
}

} // namespace gradlab
