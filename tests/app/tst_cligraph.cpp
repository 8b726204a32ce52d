// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>

using namespace gradlab;

namespace {

/// \brief What one invocation of the command line printed and returned.
struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

QString readAll(std::FILE* file)
{
    std::rewind(file);
    QByteArray bytes;
    std::array<char, 4096> buffer{};
    std::size_t read = 0;
    while ((read = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) {
        bytes.append(buffer.data(), static_cast<qsizetype>(read));
    }
    return QString::fromUtf8(bytes);
}

/// Runs `gradlab graph ARGUMENTS` in this process.
Outcome graph(const QStringList& arguments)
{
    std::vector<std::string> words{"graph"};
    for (const QString& argument : arguments) {
        words.push_back(argument.toStdString());
    }
    const File out(std::tmpfile(), &std::fclose);
    const File err(std::tmpfile(), &std::fclose);
    if (!out || !err) {
        return {};
    }
    Outcome outcome;
    outcome.code = runCommandLine(words, out.get(), err.get());
    outcome.out = readAll(out.get());
    outcome.err = readAll(err.get());
    return outcome;
}

/// The JSON document's nodes, checked for the documented shape: exactly the keys id, op, inputs,
/// value, adjoint and label, ids 0, 1, … in order, inputs earlier ids.
QJsonArray nodesOf(const QString& text, int* output)
{
    const QJsonObject document = QJsonDocument::fromJson(text.toUtf8()).object();
    if (document.keys() != QStringList{"nodes", "output"}) {
        return {};
    }
    *output = document["output"].toInt();
    const QJsonArray nodes = document["nodes"].toArray();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const QJsonObject node = nodes[i].toObject();
        QStringList keys = node.keys();
        if (keys != QStringList{"adjoint", "id", "inputs", "label", "op", "value"} ||
            node["id"].toInt() != i) {
            return {};
        }
        for (const QJsonValue input : node["inputs"].toArray()) {
            if (input.toInt() >= i) {
                return {};
            }
        }
    }
    return nodes;
}

/// The adjoint of the node whose op is \a op ("x", "y"); 0 when there is none.
double adjointOf(const QJsonArray& nodes, const QString& op)
{
    double adjoint = 0.0;
    int count = 0;
    for (const QJsonValue node : nodes) {
        if (node["op"].toString() == op) {
            adjoint = node["adjoint"].toDouble();
            ++count;
        }
    }
    return count == 1 ? adjoint : (count == 0 ? 0.0 : std::nan(""));
}

} // namespace

/// \brief `gradlab graph`: its three formats, its gradient against the reference file, its errors.
class TestCliGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testTutorialJson();
    void testReference_data();
    void testReference();
    void testParameters();
    void testCsv();
    void testDot();
    void testRejected_data();
    void testRejected();
};

void TestCliGraph::testTutorialJson()
{
    const Outcome outcome = graph({"x^2 + 3xy + y^2", "--at", "1,4"});
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    int output = -1;
    const QJsonArray nodes = nodesOf(outcome.out, &output);
    QCOMPARE(nodes.size(), 10);
    QCOMPARE(output, 9);
    const QJsonObject last = nodes[output].toObject();
    QCOMPARE(last["op"].toString(), QStringLiteral("+"));
    QCOMPARE(last["value"].toDouble(), 29.0);
    QCOMPARE(last["adjoint"].toDouble(), 1.0);
    QCOMPARE(last["label"].toString(), QStringLiteral("x² + 3xy + y²"));
    QCOMPARE(adjointOf(nodes, "x"), 14.0);
    QCOMPARE(adjointOf(nodes, "y"), 11.0);
    // 3x: const 3 and x in, 3 out, and ∂f/∂(3x) = y = 4.
    const QJsonObject product = nodes[4].toObject();
    QCOMPARE(product["op"].toString(), QStringLiteral("*"));
    QCOMPARE(product["inputs"].toArray(), (QJsonArray{3, 0}));
    QCOMPARE(product["value"].toDouble(), 3.0);
    QCOMPARE(product["adjoint"].toDouble(), 4.0);
}

void TestCliGraph::testReference_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("point");
    QTest::addColumn<double>("dx");
    QTest::addColumn<double>("dy");
    QFile file(GRADLAB_REFERENCE_DIR "/derivatives.jsonl");
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    int row = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        ++row;
        if (line.isEmpty() || object["f"].isNull()) {
            continue;
        }
        const QJsonArray gradient = object["g"].toArray();
        QTest::addRow("row %d: %s", row, qPrintable(object["expr"].toString()))
            << object["expr"].toString()
            << QStringLiteral("%1,%2")
                   .arg(object["x"].toDouble(), 0, 'g', 17)
                   .arg(object["y"].toDouble(), 0, 'g', 17)
            << gradient[0].toDouble() << gradient[1].toDouble();
    }
}

void TestCliGraph::testReference()
{
    QFETCH(QString, expression);
    QFETCH(QString, point);
    QFETCH(double, dx);
    QFETCH(double, dy);
    const Outcome outcome = graph({expression, "--at", point});
    QCOMPARE(outcome.code, 0);
    int output = -1;
    const QJsonArray nodes = nodesOf(outcome.out, &output);
    QVERIFY(!nodes.isEmpty());
    QCOMPARE(output, nodes.size() - 1);
    // The reference file's tolerance: 1e-8 relative plus 1e-9 absolute.
    const double xBar = adjointOf(nodes, "x");
    const double yBar = adjointOf(nodes, "y");
    QVERIFY2(std::fabs(xBar - dx) <= 1e-8 * std::fabs(dx) + 1e-9,
             qPrintable(QString::number(xBar)));
    QVERIFY2(std::fabs(yBar - dy) <= 1e-8 * std::fabs(dy) + 1e-9,
             qPrintable(QString::number(yBar)));
}

void TestCliGraph::testParameters()
{
    // σ(w·x + b) at x = 1 with w = 2, b = −1: z = 1, σ′(1) = σ(1)(1 − σ(1)) = 0.19661193324148185.
    const Outcome fused =
        graph({"sigmoid(w*x + b)", "--param", "w=2", "--param", "b=-1", "--at", "1,0"});
    QCOMPARE(fused.code, 0);
    int output = -1;
    const QJsonArray nodes = nodesOf(fused.out, &output);
    QCOMPARE(nodes.size(), 6);
    QCOMPARE(nodes[output]["op"].toString(), QStringLiteral("sigmoid"));
    QVERIFY(std::fabs(adjointOf(nodes, "x") - 2 * 0.19661193324148185) < 1e-15);
    for (const QJsonValue node : nodes) {
        if (node["op"].toString() == "param") {
            QVERIFY(std::fabs(node["adjoint"].toDouble() - 0.19661193324148185) < 1e-15);
        }
    }
    const Outcome expanded = graph({"sigmoid(w*x + b)", "--param", "w=2", "--param", "b=-1", "--at",
                                    "1,0", "--expand-sigmoid"});
    const QJsonArray expandedNodes = nodesOf(expanded.out, &output);
    QCOMPARE(expandedNodes.size(), 10);
    QCOMPARE(expandedNodes[output]["op"].toString(), QStringLiteral("/"));
    QVERIFY(std::fabs(adjointOf(expandedNodes, "x") - 2 * 0.19661193324148185) < 1e-15);
    // Undefined values are the string "nan", as in eval's JSON.
    const Outcome undefined = graph({"log(x)", "--at", "-1,0"});
    const QJsonArray logNodes = nodesOf(undefined.out, &output);
    QCOMPARE(logNodes[output]["value"].toString(), QStringLiteral("nan"));
}

void TestCliGraph::testCsv()
{
    const Outcome outcome = graph({"x*x + sin(x)", "--at", "0.5,0", "--format", "csv"});
    QCOMPARE(outcome.code, 0);
    const QStringList lines = outcome.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 4);
    QCOMPARE(lines[0], QStringLiteral("id,op,inputs,value,adjoint,label"));
    // x once, with x̄ = 2x + cos x; the product takes x twice.
    QCOMPARE(lines[1].section(',', 0, 2), QStringLiteral("0,x,"));
    QVERIFY(std::fabs(lines[1].section(',', 4, 4).toDouble() - (1 + std::cos(0.5))) < 1e-15);
    QCOMPARE(lines[2], QStringLiteral("1,*,0 0,0.25,1,xx"));
    QCOMPARE(lines[3].section(',', 0, 2), QStringLiteral("2,sin,0"));
    QCOMPARE(lines[4].section(',', 0, 2), QStringLiteral("3,+,1 2"));
}

void TestCliGraph::testDot()
{
    const Outcome outcome = graph({"sin(x*y) + x*y", "--at", "1,2", "--format", "dot"});
    QCOMPARE(outcome.code, 0);
    QVERIFY(outcome.out.startsWith("digraph computation {\n  rankdir=LR;\n"));
    QVERIFY(outcome.out.endsWith("}\n"));
    // x, y, xy, sin, + and five edges: xy has two users.
    QCOMPARE(outcome.out.count(
                 QRegularExpression("^  n\\d+ \\[label=", QRegularExpression::MultilineOption)),
             5);
    QCOMPARE(outcome.out.count(" -> "), 5);
    QCOMPARE(outcome.out.count("n2 -> "), 2);
    const QString dot = QStandardPaths::findExecutable("dot");
    if (dot.isEmpty()) {
        QSKIP("Graphviz's dot program is not installed");
    }
    QProcess process;
    process.start(dot, {"-Tsvg"});
    process.write(outcome.out.toUtf8());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    const QString svg = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY(svg.contains("<svg"));
    QCOMPARE(svg.count("class=\"node\""), 5);
    QCOMPARE(svg.count("class=\"edge\""), 5);
}

void TestCliGraph::testRejected_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("no point") << QStringList{"x"} << "graph needs the point: --at X,Y";
    QTest::addRow("half a point") << QStringList{"x", "--at", "1"} << "--at: expected X,Y";
    QTest::addRow("unknown format") << QStringList{"x", "--at", "1,2", "--format", "png"}
                                    << "--format 'png': expected json, dot or csv";
    QTest::addRow("undeclared parameter")
        << QStringList{"a*x", "--at", "1,2"} << "unknown name 'a' at 0";
    QTest::addRow("parameter without value")
        << QStringList{"a*x", "--at", "1,2", "--param", "a"} << "--param 'a': expected NAME=VALUE";
    QTest::addRow("parameter twice")
        << QStringList{"a*x", "--at", "1,2", "--param", "a=1", "--param", "a=2"}
        << "--param 'a' is declared more than once";
    QTest::addRow("parameter named x")
        << QStringList{"x", "--at", "1,2", "--param", "x=1"} << "'x' is already a variable";
    QTest::addRow("unknown function")
        << QStringList{"foo(x)", "--at", "1,2"} << "unknown function 'foo' at 0";
}

void TestCliGraph::testRejected()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Outcome outcome = graph(arguments);
    QCOMPARE(outcome.code, 2);
    QCOMPARE(outcome.out, QString());
    QVERIFY2(outcome.err.startsWith("gradlab: error: ") && outcome.err.contains(message),
             qPrintable(outcome.err));
}

QTEST_APPLESS_MAIN(TestCliGraph)
#include "tst_cligraph.moc"
