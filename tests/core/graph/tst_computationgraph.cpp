// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "expression/parser.h"
#include "graph/computationgraph.h"
#include "graph/graphevaluation.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

using namespace gradlab;

namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
using Parameters = std::map<std::string, double>;

/// The test's own arithmetic for a node, by the operation's JSON name: written apart from
/// nodeValue so that a slip in either shows.
double apply(const GraphNode& node, const std::vector<double>& in, double x, double y,
             const Parameters& parameters)
{
    const std::string op(operationName(node));
    if (op == "x") {
        return x;
    }
    if (op == "y") {
        return y;
    }
    if (op == "const") {
        return node.constant;
    }
    if (op == "param") {
        return parameters.contains(node.name) ? parameters.at(node.name) : kUndefined;
    }
    if (op == "+") {
        return in[0] + in[1];
    }
    if (op == "-") {
        return in[0] - in[1];
    }
    if (op == "*") {
        return in[0] * in[1];
    }
    if (op == "/") {
        return in[0] / in[1];
    }
    if (op == "^") {
        return std::pow(in[0], in[1]);
    }
    if (op == "neg") {
        return -in[0];
    }
    const double u = in[0];
    const std::map<std::string, double (*)(double)> functions{
        {"sin", std::sin},   {"cos", std::cos},   {"tan", std::tan},   {"asin", std::asin},
        {"acos", std::acos}, {"atan", std::atan}, {"sinh", std::sinh}, {"cosh", std::cosh},
        {"tanh", std::tanh}, {"exp", std::exp},   {"log", std::log},   {"sqrt", std::sqrt},
        {"abs", std::fabs},
    };
    if (const auto found = functions.find(op); found != functions.end()) {
        return found->second(u);
    }
    if (std::isnan(u)) {
        return u;
    }
    if (op == "sigmoid") {
        return 1.0 / (1.0 + std::exp(-u));
    }
    if (op == "relu") {
        return u > 0 ? u : 0.0;
    }
    if (op == "step") {
        return u > 0 ? 1.0 : 0.0;
    }
    if (op == "sign") {
        return u > 0 ? 1.0 : (u < 0 ? -1.0 : 0.0);
    }
    return kUndefined;
}

/// Every node's value by apply(), inputs first, with node \a perturbed (if any) held at \a held.
std::vector<double> recompute(const ComputationGraph& graph, double x, double y,
                              const Parameters& parameters, int perturbed = -1, double held = 0.0)
{
    std::vector<double> values(graph.nodes().size());
    for (const GraphNode& node : graph.nodes()) {
        std::vector<double> in;
        for (const int input : node.inputs) {
            in.push_back(values[static_cast<std::size_t>(input)]);
        }
        values[static_cast<std::size_t>(node.id)] =
            node.id == perturbed ? held : apply(node, in, x, y, parameters);
    }
    return values;
}

/// The step of a central difference at \a v: cbrt(ε)·max(1, |v|).
double stepAt(double v)
{
    return 6e-6 * std::max(1.0, std::fabs(v));
}

bool close(double a, double b, double relative, double absolute)
{
    if (!std::isfinite(a) || !std::isfinite(b)) {
        return std::isnan(a) == std::isnan(b) && (std::isnan(a) || a == b);
    }
    return std::fabs(a - b) <= relative * (std::fabs(a) + std::fabs(b)) + absolute;
}

QString describe(const GraphNode& node, double actual, double expected)
{
    return QStringLiteral("node %1 (%2, %3): %4, expected %5")
        .arg(node.id)
        .arg(QString::fromUtf8(std::string(operationName(node)).c_str()))
        .arg(QString::fromStdString(nodeLabel(node)))
        .arg(actual, 0, 'g', 17)
        .arg(expected, 0, 'g', 17);
}

/// The properties every graph has, whatever its expression: topological order, x and y once, no
/// two nodes alike, users matching inputs, every value from its inputs, every adjoint the sum of
/// its users' terms (local partials by central differences of apply()), every adjoint ∂f/∂v by a
/// central difference through the rest of the graph, and forward mode agreeing with reverse.
void verifyGraph(const ComputationGraph& graph, double x, double y, const Parameters& parameters)
{
    const GraphEvaluation evaluation = evaluateGraph(graph, x, y, parameters);
    int xNodes = 0;
    int yNodes = 0;
    std::set<std::tuple<std::string, double, std::string, std::vector<int>>> seen;
    std::vector<std::vector<int>> users(graph.nodes().size());
    for (const GraphNode& node : graph.nodes()) {
        xNodes += node.op == GraphOp::X ? 1 : 0;
        yNodes += node.op == GraphOp::Y ? 1 : 0;
        for (const int input : node.inputs) {
            QVERIFY2(input < node.id, qPrintable(describe(node, input, node.id)));
            users[static_cast<std::size_t>(input)].push_back(node.id);
        }
        const bool unique =
            seen.emplace(std::string(operationName(node)), node.constant, node.name, node.inputs)
                .second;
        QVERIFY2(unique, qPrintable(describe(node, 0, 0)));
    }
    QVERIFY(xNodes <= 1 && yNodes <= 1);
    QCOMPARE(graph.output(), graph.size() - 1);
    for (const GraphNode& node : graph.nodes()) {
        QCOMPARE(graph.users(node.id), users[static_cast<std::size_t>(node.id)]);
    }

    const std::vector<double> values = recompute(graph, x, y, parameters);
    for (const GraphNode& node : graph.nodes()) {
        const double actual = evaluation.values[static_cast<std::size_t>(node.id)];
        const double expected = values[static_cast<std::size_t>(node.id)];
        QVERIFY2(close(actual, expected, 1e-14, 1e-300),
                 qPrintable(describe(node, actual, expected)));
    }

    const double f = values.back();
    for (const GraphNode& node : graph.nodes()) {
        const std::size_t i = static_cast<std::size_t>(node.id);
        const double adjoint = evaluation.adjoints[i];
        // Σ over the users j of ∂vⱼ/∂vᵢ · v̄ⱼ, each local partial a central difference of apply()
        // in that one input.
        if (node.id != graph.output()) {
            double sum = 0.0;
            double scale = 0.0;
            // A user listed once per use (x·x lists its product twice) is counted once here:
            // its slots are walked below.
            const std::set<int> distinctUsers(graph.users(node.id).begin(),
                                              graph.users(node.id).end());
            for (const int j : distinctUsers) {
                const GraphNode& user = graph.node(j);
                for (std::size_t k = 0; k < user.inputs.size(); ++k) {
                    if (user.inputs[k] != node.id) {
                        continue;
                    }
                    std::vector<double> in;
                    for (const int input : user.inputs) {
                        in.push_back(values[static_cast<std::size_t>(input)]);
                    }
                    const double h = stepAt(in[k]);
                    std::vector<double> above = in;
                    std::vector<double> below = in;
                    above[k] += h;
                    below[k] -= h;
                    const double partial = (apply(user, above, x, y, parameters) -
                                            apply(user, below, x, y, parameters)) /
                                           (2 * h);
                    const double term = partial * evaluation.adjoints[static_cast<std::size_t>(j)];
                    sum += term;
                    // The difference resolves no less than ε·|vⱼ| / 2h (e^143 + cos(x − y)).
                    const double userValue = values[static_cast<std::size_t>(j)];
                    scale += std::fabs(term) +
                             1e-10 * std::fabs(userValue) / h *
                                 std::fabs(evaluation.adjoints[static_cast<std::size_t>(j)]);
                }
            }
            if (std::isfinite(adjoint) && std::isfinite(sum)) {
                QVERIFY2(std::fabs(adjoint - sum) <= 1e-5 * scale + 1e-7,
                         qPrintable("Σ users: " + describe(node, adjoint, sum)));
            } else {
                QVERIFY2(!std::isfinite(adjoint) && !std::isfinite(sum),
                         qPrintable("Σ users: " + describe(node, adjoint, sum)));
            }
        }
        // v̄ᵢ = ∂f/∂vᵢ: hold vᵢ at vᵢ ± h and recompute everything after it.
        const double h = stepAt(values[i]);
        const double above = recompute(graph, x, y, parameters, node.id, values[i] + h).back();
        const double below = recompute(graph, x, y, parameters, node.id, values[i] - h).back();
        const double difference = (above - below) / (2 * h);
        if (std::isfinite(f) && std::isfinite(adjoint) && std::isfinite(difference)) {
            // f's own rounding, ε·|f|, divided by 2h bounds what the difference can resolve: a
            // change of cos(x − y) is lost in exp(100x) ≈ 1e62.
            const double resolution = 1e-15 * std::fabs(f) / h;
            QVERIFY2(std::fabs(adjoint - difference) <=
                         1e-5 * (std::fabs(adjoint) + std::fabs(difference)) + 1e-6 + resolution,
                     qPrintable("∂f/∂v: " + describe(node, adjoint, difference)));
        }
    }

    // Forward mode: the output's tangents are the gradient the backward pass found.
    const std::size_t out = static_cast<std::size_t>(graph.output());
    QVERIFY2(close(evaluation.tangentsX[out], evaluation.xBar, 1e-12, 1e-12),
             qPrintable(
                 describe(graph.node(graph.output()), evaluation.tangentsX[out], evaluation.xBar)));
    QVERIFY2(close(evaluation.tangentsY[out], evaluation.yBar, 1e-12, 1e-12),
             qPrintable(
                 describe(graph.node(graph.output()), evaluation.tangentsY[out], evaluation.yBar)));
}

ComputationGraph graphOf(const QString& text, SigmoidForm form = SigmoidForm::Fused,
                         std::vector<std::string> parameters = {})
{
    ParseOptions options;
    options.parameters = std::move(parameters);
    const ParseResult parsed = parse(text.toStdString(), options);
    return ComputationGraph::build(parsed.expression, form);
}

} // namespace

Q_DECLARE_METATYPE(SigmoidForm)

/// \brief The computation graph: its shape, forward values, adjoints and tangents.
class TestComputationGraph : public QObject
{
    Q_OBJECT

private slots:
    void testReference_data();
    void testReference();
    void testShape_data();
    void testShape();
    void testTutorial();
    void testSigmoidForms();
    void testConventions_data();
    void testConventions();
    void testContributions();
    void testDeepSum();
};

void TestComputationGraph::testReference_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QTest::addColumn<SigmoidForm>("form");

    QFile file(GRADLAB_REFERENCE_DIR "/derivatives.jsonl");
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    int row = 0;
    int real = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty()) {
            continue;
        }
        ++row;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object["f"].isNull()) {
            continue; // not a real number there: no gradient to compare
        }
        ++real;
        const QJsonArray gradient = object["g"].toArray();
        const QString expression = object["expr"].toString();
        for (const auto& [form, name] : {std::pair{SigmoidForm::Fused, "fused"},
                                         std::pair{SigmoidForm::Expanded, "expanded"}}) {
            QTest::addRow("row %d %s: %s", row, name, qPrintable(expression))
                << expression << object["x"].toDouble() << object["y"].toDouble()
                << gradient[0].toDouble() << gradient[1].toDouble() << form;
        }
    }
    QCOMPARE(row, 199);
    QCOMPARE(real, 188);
}

void TestComputationGraph::testReference()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, dx);
    QFETCH(double, dy);
    QFETCH(SigmoidForm, form);

    const ComputationGraph graph = graphOf(expression, form);
    QVERIFY(!graph.isEmpty());
    const GraphEvaluation evaluation = evaluateGraph(graph, x, y);
    // The reference file's tolerance: 1e-8 relative plus 1e-9 absolute.
    QVERIFY2(
        std::fabs(evaluation.xBar - dx) <= 1e-8 * std::fabs(dx) + 1e-9,
        qPrintable(QStringLiteral("x̄ = %1, expected %2").arg(evaluation.xBar, 0, 'g', 17).arg(dx)));
    QVERIFY2(
        std::fabs(evaluation.yBar - dy) <= 1e-8 * std::fabs(dy) + 1e-9,
        qPrintable(QStringLiteral("ȳ = %1, expected %2").arg(evaluation.yBar, 0, 'g', 17).arg(dy)));
    verifyGraph(graph, x, y, {});
}

void TestComputationGraph::testShape_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("operations");
    QTest::addColumn<QString>("operationNames"); // in topological order

    QTest::addRow("tutorial") << "x^2 + 3xy + y^2" << 10 << 6 << "x const ^ const * y * + ^ +";
    QTest::addRow("square used twice") << "x^2 + sin(x^2)" << 5 << 3 << "x const ^ sin +";
    QTest::addRow("same factor twice") << "x*x" << 2 << 1 << "x *";
    QTest::addRow("one constant") << "2x + 2y" << 6 << 3 << "const x * y * +";
    QTest::addRow("long sum is a chain") << "x + y + 1 + x" << 6 << 3 << "x y + const + +";
    QTest::addRow("negation") << "-x^2" << 4 << 2 << "x const ^ neg";
    QTest::addRow("named constant apart from its value")
        << "pi + 3.141592653589793" << 3 << 1 << "const const +";
    QTest::addRow("order matters") << "x*y + y*x" << 5 << 3 << "x y * * +";
}

void TestComputationGraph::testShape()
{
    QFETCH(QString, expression);
    QFETCH(int, nodes);
    QFETCH(int, operations);
    QFETCH(QString, operationNames);

    const ComputationGraph graph = graphOf(expression);
    QCOMPARE(graph.size(), nodes);
    QCOMPARE(graph.operationCount(), operations);
    QStringList names;
    for (const GraphNode& node : graph.nodes()) {
        names << QString::fromUtf8(std::string(operationName(node)).c_str());
    }
    QCOMPARE(names.join(' '), operationNames);
    verifyGraph(graph, 0.7, -1.3, {});
}

void TestComputationGraph::testTutorial()
{
    // The tutorial's f = x² + 3xy + y² at (1, 4): ∂f/∂x = 2x + 3y = 14, ∂f/∂y = 3x + 2y = 11.
    const ComputationGraph graph = graphOf("x^2 + 3xy + y^2");
    const GraphEvaluation evaluation = evaluateGraph(graph, 1, 4);
    QCOMPARE(evaluation.value, 29.0);
    QCOMPARE(evaluation.xBar, 14.0);
    QCOMPARE(evaluation.yBar, 11.0);
    QCOMPARE(evaluation.tangentsX.back(), 14.0);
    QCOMPARE(evaluation.tangentsY.back(), 11.0);
    // x feeds x² and 3x: two contributions, 2x · 1 = 2 and 3 · ȳ-side 4 = 12.
    const int x = graph.variableNode(Variable::X);
    QCOMPARE(graph.users(x).size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(nodeLabel(graph.node(graph.output()))),
             QStringLiteral("x² + 3xy + y²"));
    std::vector<double> terms;
    for (const AdjointContribution& contribution : evaluation.contributions) {
        if (contribution.input == x) {
            terms.push_back(contribution.term);
        }
    }
    std::sort(terms.begin(), terms.end());
    QCOMPARE(terms, (std::vector<double>{2.0, 12.0}));
}

void TestComputationGraph::testSigmoidForms()
{
    const Parameters parameters{{"w", 2.0}, {"b", -1.0}};
    const ComputationGraph fused = graphOf("sigmoid(w*x + b)", SigmoidForm::Fused, {"w", "b"});
    const ComputationGraph expanded =
        graphOf("sigmoid(w*x + b)", SigmoidForm::Expanded, {"w", "b"});
    // w x · b + σ against w x · b + 1 neg exp + ÷.
    QCOMPARE(fused.size(), 6);
    QCOMPARE(fused.operationCount(), 3);
    QCOMPARE(expanded.size(), 10);
    QCOMPARE(expanded.operationCount(), 6);
    QCOMPARE(operationName(fused.node(fused.output())), std::string_view("sigmoid"));
    QCOMPARE(operationName(expanded.node(expanded.output())), std::string_view("/"));
    // At x = 1: z = 1, σ(1) = 0.7310585786300049, σ′(1) = σ(1 − σ) = 0.19661193324148185.
    constexpr double sigma = 0.7310585786300049;
    constexpr double slope = sigma * (1 - sigma);
    for (const ComputationGraph* graph : {&fused, &expanded}) {
        const GraphEvaluation evaluation = evaluateGraph(*graph, 1, 0, parameters);
        QVERIFY(std::fabs(evaluation.value - sigma) <= 1e-15);
        QVERIFY(std::fabs(evaluation.xBar - 2 * slope) <= 1e-15);
        QCOMPARE(evaluation.yBar, 0.0);
        for (const GraphNode& node : graph->nodes()) {
            if (node.op == GraphOp::Parameter) {
                // w̄ = x·σ′ = σ′, b̄ = σ′
                const double adjoint = evaluation.adjoints[static_cast<std::size_t>(node.id)];
                QVERIFY2(std::fabs(adjoint - slope) <= 1e-15, node.name.c_str());
            }
        }
        verifyGraph(*graph, 1, 0, parameters);
        verifyGraph(*graph, -0.4, 2, parameters);
    }
}

void TestComputationGraph::testConventions_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("dx"); // NaN: undefined

    QTest::addRow("relu at its kink") << "relu(x)" << 0.0 << 0.0;
    QTest::addRow("relu right of the kink") << "relu(x)" << 0.5 << 1.0;
    QTest::addRow("abs at its kink") << "abs(x)" << 0.0 << 0.0;
    QTest::addRow("abs left of the kink") << "abs(x)" << -2.0 << -1.0;
    QTest::addRow("sqrt outside its domain") << "sqrt(x)" << -1.0 << kUndefined;
    QTest::addRow("log outside its domain") << "log(x) * 1" << -1.0 << kUndefined;
    QTest::addRow("square of a negative") << "x^2" << -3.0 << -6.0;
    QTest::addRow("e to the x") << "e^x" << 0.5 << std::exp(0.5);
    QTest::addRow("two to the x") << "2^x" << 3.0 << 8 * std::log(2.0);
    QTest::addRow("step is flat") << "step(x)" << 0.0 << 0.0;
}

void TestComputationGraph::testConventions()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, dx);

    const GraphEvaluation evaluation = evaluateGraph(graphOf(expression), x, 0);
    if (std::isnan(dx)) {
        QVERIFY2(std::isnan(evaluation.value) || std::isnan(evaluation.xBar),
                 qPrintable(QString::number(evaluation.xBar)));
        QVERIFY(std::isnan(evaluation.value));
    } else {
        QCOMPARE(evaluation.xBar, dx);
        QCOMPARE(evaluation.tangentsX.back(), dx);
    }
}

void TestComputationGraph::testContributions()
{
    // Every term is partial · user's adjoint, each user is final before it gives, and an
    // adjoint is its terms' sum.
    const ComputationGraph graph = graphOf("sin(x*y) * exp(x) + x/y");
    const GraphEvaluation evaluation = evaluateGraph(graph, 0.3, 1.7);
    std::vector<double> sums(graph.nodes().size(), 0.0);
    sums.back() = 1.0;
    std::set<int> given;
    int previousUser = graph.output() + 1;
    for (const AdjointContribution& c : evaluation.contributions) {
        QVERIFY(c.user <= previousUser);
        previousUser = c.user;
        QVERIFY2(!given.contains(c.input), "an input gave before all its users had");
        given.insert(c.user);
        QCOMPARE(c.input, graph.node(c.user).inputs[static_cast<std::size_t>(c.slot)]);
        QCOMPARE(c.userAdjoint, evaluation.adjoints[static_cast<std::size_t>(c.user)]);
        QCOMPARE(c.term, c.partial * c.userAdjoint);
        sums[static_cast<std::size_t>(c.input)] += c.term;
        QCOMPARE(c.adjointAfter, sums[static_cast<std::size_t>(c.input)]);
    }
    QCOMPARE(int(evaluation.contributions.size()), graph.edgeCount());
    QCOMPARE(sums, evaluation.adjoints);
}

void TestComputationGraph::testDeepSum()
{
    // 20 000 terms: as deep as it is long; built and evaluated without recursion.
    QString text = QStringLiteral("x");
    for (int i = 1; i < 20000; ++i) {
        text += i % 2 ? QStringLiteral(" + y") : QStringLiteral(" + x");
    }
    const ComputationGraph graph = graphOf(text);
    QCOMPARE(graph.size(), 2 + 19999);
    const GraphEvaluation evaluation = evaluateGraph(graph, 1, 2);
    QCOMPARE(evaluation.xBar, 10000.0);
    QCOMPARE(evaluation.yBar, 10000.0);
}

QTEST_APPLESS_MAIN(TestComputationGraph)
#include "tst_computationgraph.moc"
