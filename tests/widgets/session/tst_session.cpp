// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "functions/presets.h"
#include "session.h"

#include <QSignalSpy>
#include <QTest>
#include <cmath>

using namespace gradlab;

namespace {

/// \brief Every signal of a session, in the order it came, with what the session held then.
struct Recorder
{
    struct Event
    {
        QString name;
        QString expression; ///< the session's function text when the signal came
        Domain domain;
        Eigen::Vector2d start;
    };

    explicit Recorder(Session& session)
        : m_session(session)
    {
        watch(&Session::functionChanged, "function");
        watch(&Session::domainChanged, "domain");
        watch(&Session::viewportChanged, "viewport");
        watch(&Session::parametersChanged, "parameters");
        watch(&Session::probeChanged, "probe");
        watch(&Session::startPointChanged, "start");
        watch(&Session::runsChanged, "runs");
        watch(&Session::learningRatesAdapted, "rates");
        QObject::connect(&session, &Session::currentStepChanged, &session,
                         [this](int) { record("step"); });
        QObject::connect(&session, &Session::expressionRejected, &session,
                         [this](const QString&, const ParseError&) { record("rejected"); });
    }

    template <typename Signal>
    void watch(Signal signal, const char* name)
    {
        QObject::connect(&m_session, signal, &m_session, [this, name] { record(name); });
    }

    void record(const char* name)
    {
        events.push_back({QString::fromLatin1(name), m_session.expressionText(), m_session.domain(),
                          m_session.startPoint()});
    }

    int count(const QString& name) const
    {
        return static_cast<int>(std::count_if(events.begin(), events.end(),
                                              [&](const Event& e) { return e.name == name; }));
    }
    const Event* first(const QString& name) const
    {
        for (const Event& event : events) {
            if (event.name == name) {
                return &event;
            }
        }
        return nullptr;
    }

    Session& m_session;
    std::vector<Event> events;
};

const Preset& preset(std::string_view name)
{
    const Preset* found = findPreset(name);
    Q_ASSERT(found);
    return *found;
}

OptimizerSettings gd(double rate, int steps = 50)
{
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = rate;
    settings.maxSteps = steps;
    return settings;
}

} // namespace

/// \brief The session's transactions: what each changes, what it announces and in what state.
class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testLoadPreset();
    void testFunctionChange();
    void testRejectedFunctionKeepsEverything();
    void testParameterChange();
    void testProbe();
    void testStartPoint();
    void testAddAndRemoveRun();
    void testStepForwardAndBack();
    void testDomain();
    void testViewport();
};

void TestSession::testLoadPreset()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    const int id = session.addRun(gd(0.1));
    session.setCurrentStep(10);
    const quint64 before = session.revision();
    Recorder recorder(session);

    const Preset& rosenbrock = preset("rosenbrock");
    session.loadPreset(rosenbrock);

    QCOMPARE(session.expressionText().toStdString(), rosenbrock.formula);
    QCOMPARE(session.domain(), rosenbrock.domain);
    QCOMPARE(session.startPoint(), rosenbrock.start);
    QCOMPARE(session.preset(), &rosenbrock);
    QVERIFY(session.revision() > before);
    // The run is kept, restarted at the preset's start, and the timeline is back at step 0.
    QCOMPARE(session.runs().size(), std::size_t(1));
    QCOMPARE(session.runs().front().id, id);
    QCOMPARE(session.runs().front().run->records().front().point, rosenbrock.start);
    QCOMPARE(session.currentStep(), 0);
    // One function change; when it is announced the domain and start are the preset's already,
    // so a view redrawing on it sees one consistent scene.
    QCOMPARE(recorder.count("function"), 1);
    const Recorder::Event* function = recorder.first("function");
    QCOMPARE(function->expression.toStdString(), rosenbrock.formula);
    QCOMPARE(function->domain, rosenbrock.domain);
    QVERIFY(recorder.count("runs") >= 1);
    QCOMPARE(recorder.count("rejected"), 0);
}

void TestSession::testFunctionChange()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    session.setStartPoint({1.0, 1.0});
    session.addRun(gd(0.1));
    session.setCurrentStep(5);
    const Domain domain = session.domain();
    const quint64 before = session.revision();
    Recorder recorder(session);

    QVERIFY(session.setExpressionText(QStringLiteral("x^2 + 3y^2")));

    QCOMPARE(session.revision(), before + 1);
    QCOMPARE(recorder.count("function"), 1);
    QCOMPARE(recorder.count("domain"), 0);
    QCOMPARE(session.domain(), domain);
    QCOMPARE(session.preset(), nullptr);
    // The run follows the new function from the same start: its first step is −lr·∇f(1, 1).
    const auto& records = session.runs().front().run->records();
    QCOMPARE(records.front().point, Eigen::Vector2d(1.0, 1.0));
    QCOMPARE(records.front().gradient, Eigen::Vector2d(2.0, 6.0));
    QVERIFY(recorder.count("runs") >= 1);
    QCOMPARE(session.evaluate({1.0, 1.0}).f, 4.0);
}

void TestSession::testRejectedFunctionKeepsEverything()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    session.addRun(gd(0.1));
    session.setCurrentStep(7);
    const quint64 before = session.revision();
    const Eigen::Vector2d fifth = session.runs().front().run->records().at(5).point;
    Recorder recorder(session);

    QVERIFY(!session.setExpressionText(QStringLiteral("x^2 + * y")));

    QCOMPARE(recorder.count("rejected"), 1);
    QCOMPARE(recorder.count("function"), 0);
    QCOMPARE(recorder.count("runs"), 0);
    QCOMPARE(session.revision(), before);
    QCOMPARE(session.expressionText(), QStringLiteral("x^2 + y^2"));
    QCOMPARE(session.currentStep(), 7);
    QCOMPARE(session.runs().front().run->records().at(5).point, fifth);
}

void TestSession::testParameterChange()
{
    Session session;
    QVERIFY(session.setExpressionText(QStringLiteral("a*x^2 + y^2")));
    QCOMPARE(session.parameters().size(), std::size_t(1));
    ParameterData a = session.parameters().front();
    QCOMPARE(a.name, QStringLiteral("a"));
    const double before = session.evaluate({1.0, 0.0}).f;
    const quint64 revision = session.revision();
    Recorder recorder(session);

    a.value = 4.0;
    session.setParameter(a);

    QCOMPARE(session.parameters().front().value, 4.0);
    QCOMPARE(session.evaluate({1.0, 0.0}).f, 4.0);
    QVERIFY(before != 4.0);
    QCOMPARE(session.revision(), revision + 1);
    QCOMPARE(recorder.count("parameters"), 1);
    QCOMPARE(recorder.count("function"), 1);
    // The same value again changes nothing and announces nothing.
    recorder.events.clear();
    session.setParameter(a);
    QCOMPARE(session.revision(), revision + 1);
    QCOMPARE(recorder.count("function"), 0);
}

void TestSession::testProbe()
{
    Session session;
    session.setExpressionText(QStringLiteral("x*y"));
    session.addRun(gd(0.1));
    const quint64 revision = session.revision();
    Recorder recorder(session);

    session.setProbe({0.5, -2.0});

    QCOMPARE(session.probe(), Eigen::Vector2d(0.5, -2.0));
    QCOMPARE(recorder.count("probe"), 1);
    // A probe is read, not computed from: nothing else changes.
    QCOMPARE(static_cast<int>(recorder.events.size()), 1);
    QCOMPARE(session.revision(), revision);
}

void TestSession::testStartPoint()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    session.addRun(gd(0.1));
    session.addRun(gd(0.3));
    session.setCurrentStep(12);
    Recorder recorder(session);

    session.setStartPoint({-2.0, 1.5});

    QCOMPARE(session.startPoint(), Eigen::Vector2d(-2.0, 1.5));
    QCOMPARE(recorder.count("start"), 1);
    QVERIFY(recorder.count("runs") >= 1);
    QCOMPARE(session.currentStep(), 0);
    for (const RunEntry& entry : session.runs()) {
        QCOMPARE(entry.run->records().front().point, Eigen::Vector2d(-2.0, 1.5));
    }
}

void TestSession::testAddAndRemoveRun()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    Recorder recorder(session);

    const int first = session.addRun(gd(0.1));
    const int second = session.addRun(gd(0.2));
    QVERIFY(first != second);
    QCOMPARE(session.runs().size(), std::size_t(2));
    QCOMPARE(recorder.count("runs"), 2);
    QVERIFY(session.runById(second));
    QCOMPARE(session.runById(second)->settings.learningRate, 0.2);
    QVERIFY(session.runById(first)->color != session.runById(second)->color);

    session.removeRun(first);
    QCOMPARE(session.runs().size(), std::size_t(1));
    QCOMPARE(session.runById(first), nullptr);
    QCOMPARE(session.runs().front().id, second);
    QCOMPARE(recorder.count("runs"), 3);
    // A new run never reuses an id.
    const int third = session.addRun(gd(0.1));
    QVERIFY(third != first && third != second);
}

void TestSession::testStepForwardAndBack()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + 10y^2"));
    session.setStartPoint({3.0, 1.0});
    session.addRun(gd(0.04, 20));
    QSignalSpy steps(&session, &Session::currentStepChanged);

    session.stepForward();
    session.stepForward();
    QCOMPARE(session.currentStep(), 2);
    QCOMPARE(steps.count(), 2);
    QCOMPARE(steps.last().front().toInt(), 2);
    // Step 2 is x_0 − lr·∇f(x_0) − lr·∇f(x_1), as the run's records say.
    const auto& records = session.runs().front().run->records();
    const Eigen::Vector2d x1 = Eigen::Vector2d(3.0, 1.0) - 0.04 * Eigen::Vector2d(6.0, 20.0);
    QVERIFY((records.at(1).point - x1).norm() < 1e-12);

    session.stepBackward();
    QCOMPARE(session.currentStep(), 1);
    session.stepBackward();
    session.stepBackward(); // at the start: stays there
    QCOMPARE(session.currentStep(), 0);

    session.setCurrentStep(session.lastStep());
    QVERIFY(session.isAtEnd());
    QCOMPARE(session.lastStep(), 20);
    session.stepForward(); // at the end: stays there
    QCOMPARE(session.currentStep(), 20);
    session.reset();
    QCOMPARE(session.currentStep(), 0);
    QVERIFY(!session.isPlaying());
}

void TestSession::testDomain()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    const quint64 revision = session.revision();
    Recorder recorder(session);

    const Domain domain{-1.0, 4.0, -2.0, 0.5};
    session.setDomain(domain);

    QCOMPARE(session.domain(), domain);
    QCOMPARE(recorder.count("domain"), 1);
    QVERIFY(session.revision() > revision);
    const GridValues& grid = session.grid(9, 5);
    QCOMPARE(grid.spec.domain, domain);
    QCOMPARE(grid.at(0, 0), 1.0 + 4.0);   // f(−1, −2)
    QCOMPARE(grid.at(8, 4), 16.0 + 0.25); // f(4, 0.5)
    // a new domain is what the views show, announced after the function
    QCOMPARE(session.viewport(), domain);
    QCOMPARE(recorder.count("viewport"), 1);
    QCOMPARE(recorder.events.back().name, QStringLiteral("viewport"));
}

void TestSession::testViewport()
{
    Session session;
    session.setExpressionText(QStringLiteral("x^2 + y^2"));
    const Domain domain = session.domain();
    const quint64 revision = session.revision();
    const GridValues* mesh = &session.grid(128, 128);
    Recorder recorder(session);

    // A pan or zoom of the contour view: the viewport alone changes, not the function (#13).
    const Domain panned{0.5, 3.5, -1.0, 1.0};
    session.setViewport(panned);
    QCOMPARE(session.viewport(), panned);
    QCOMPARE(session.domain(), domain);
    QCOMPARE(session.revision(), revision);
    QCOMPARE(recorder.events.size(), std::size_t(1));
    QCOMPARE(recorder.count("viewport"), 1);
    session.setViewport(panned);             // the same again: nothing
    session.setViewport(Domain{1, 0, 0, 1}); // not a rectangle: refused
    QCOMPARE(recorder.events.size(), std::size_t(1));
    QCOMPARE(session.viewport(), panned);

    // The map's grid over the viewport and the mesh's over the domain live side by side.
    const GridValues& map = session.grid(panned, 513, 513);
    QCOMPARE(map.spec.domain, panned);
    QCOMPARE(map.at(0, 0), 0.25 + 1.0); // f(0.5, −1)
    QCOMPARE(&session.grid(128, 128), mesh);
    QCOMPARE(session.grid(128, 128).spec.domain, domain);

    // A preset brings its own domain, and the viewport with it.
    session.loadPreset(preset("rosenbrock"));
    QCOMPARE(session.viewport(), session.domain());
    QCOMPARE(recorder.count("viewport"), 2);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
