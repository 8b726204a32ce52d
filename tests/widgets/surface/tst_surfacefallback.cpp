// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "session.h"
#include "surface/surfaceview.h"

#include <QLabel>
#include <QtTest>

using namespace gradlab;

class TestSurfaceFallback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsMessageOffscreen()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen"));
        QVERIFY(!SurfaceView::isOpenGLAvailable());
        Session session;
        SurfaceView view(&session);
        view.resize(400, 300);
        view.show();
        QVERIFY(!view.isAvailable());
        const auto labels = view.findChildren<QLabel*>();
        QCOMPARE(labels.size(), 1);
        QVERIFY(labels.first()->isVisible());
        QVERIFY(labels.first()->text().contains(QStringLiteral("3-D view unavailable")));
        // Everything else keeps working: the session still steps and the view ignores it quietly.
        session.addRun(defaultSettings(Method::GradientDescent));
        session.stepForward();
        QCOMPARE(session.currentStep(), 1);
        QCOMPARE(view.meshRows(), 0);
        const QImage image = view.renderToImage(QSize(64, 48));
        QCOMPARE(image.size(), QSize(64, 48));
    }
};

QTEST_MAIN(TestSurfaceFallback)
#include "tst_surfacefallback.moc"
