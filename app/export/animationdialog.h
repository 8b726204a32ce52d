// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "export/animationexport.h"

#include <QDialog>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace gradlab {

class ContourView;
class Session;

/// \brief File → Export animation…: format, view, size, frame rate, steps and overlay, then a
/// progress bar with Cancel. Frames are drawn from a copy of the scene, one per turn of the event
/// loop, and encoded on a worker thread, so the window keeps answering; a cancelled export
/// leaves no file.
class AnimationDialog : public QDialog
{
    Q_OBJECT

public:
    /// The format choices, in the order of the format box.
    enum class Choice { Gif, WebPLossless, WebPLossy, Mp4 };

    /// \a contourView: the window's contour view, whose overlays the frames show.
    AnimationDialog(Session* session, const ContourView* contourView, QWidget* parent = nullptr);
    ~AnimationDialog() override;

    /// The menu action that opens the dialog over \a window (a child of it).
    static QAction* createAction(QWidget* window, Session* session, const ContourView* contourView);

    /// What the dialog would export now.
    AnimationRequest request() const;
    /// Fills the dialog from \a request (the tests, and a second export like the last one).
    void setRequest(const AnimationRequest& request);
    bool isExporting() const { return m_export != nullptr; }
    QProgressBar* progressBar() const { return m_progress; }
    QString statusText() const;

public Q_SLOTS:
    /// Starts the export with the dialog's settings.
    void startExport();
    /// Stops the running export; no file is left.
    void cancelExport();
    /// Close (Esc): while exporting, Cancel; the dialog stays until the export has ended.
    void reject() override;

Q_SIGNALS:
    /// The export ended: written (\a ok), failed or cancelled.
    void exportFinished(bool ok);

private:
    void browse();
    void formatChanged();
    void exportDone(bool ok);
    void setBusy(bool busy);

    Session* m_session;
    const ContourView* m_contourView;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_view = nullptr;
    QCheckBox* m_charts = nullptr;
    QComboBox* m_size = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_from = nullptr;
    QSpinBox* m_to = nullptr;
    QCheckBox* m_overlay = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_exportButton = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_cancelling = false;
    std::unique_ptr<Session> m_scene; ///< the copy the frames are drawn from
    std::unique_ptr<AnimationExport> m_export;
};

} // namespace gradlab
