// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clioutput.h"
#include "commandline.h"
#include "differentiation/differentiator.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "functions/presets.h"
#include "optimization/optimizer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
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

/// Runs the command line in this process, with \a input as its stdin.
Outcome invoke(const QStringList& arguments, const QByteArray& input = {})
{
    std::vector<std::string> words;
    for (const QString& argument : arguments) {
        words.push_back(argument.toStdString());
    }
    const File in(std::tmpfile(), &std::fclose);
    const File out(std::tmpfile(), &std::fclose);
    const File err(std::tmpfile(), &std::fclose);
    if (!in || !out || !err) {
        return {};
    }
    std::fwrite(input.constData(), 1, static_cast<std::size_t>(input.size()), in.get());
    std::rewind(in.get());
    Outcome outcome;
    outcome.code = runCommandLine(words, in.get(), out.get(), err.get());
    outcome.out = readAll(out.get());
    outcome.err = readAll(err.get());
    return outcome;
}

/// The cells of a CSV output without quoted fields (what eval, descend and critical print).
QList<QStringList> csvRows(const QString& text)
{
    QList<QStringList> rows;
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        rows.append(line.split(QLatin1Char(',')));
    }
    return rows;
}

double toNumber(const QString& text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

/// |actual − expected| ≤ tolerance·max(1, |expected|): relative, with an absolute floor near zero
/// where a relative tolerance means nothing.
bool close(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

QString gradlabProgram()
{
    return QStringLiteral(GRADLAB_BINARY_DIR "/app/gradlab");
}

const QString evalHeader = QStringLiteral("x,y,f,df_dx,df_dy,d2f_dx2,d2f_dxdy,d2f_dy2\n");
const QString descendHeader = QStringLiteral("step,x,y,f,df_dx,df_dy,lr\n");
const QString criticalHeader =
    QStringLiteral("x,y,f,lambda_min,lambda_max,kind,samples,x_min,x_max,y_min,y_max,f_min,f_max");

} // namespace

class TestCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testInvocation_data();
    void testInvocation();
    void testFormatNumber_data();
    void testFormatNumber();
    void testCaretBlock_data();
    void testCaretBlock();
    void testEval_data();
    void testEval();
    void testEvalJson();
    void testEvalPointsFile();
    void testDiff_data();
    void testDiff();
    void testDiffSteps();
    void testDescend_data();
    void testDescend();
    void testDescendDiverges();
    void testDescendJson();
    void testPresets();
    void testPresetsJson();
    void testCritical_data();
    void testCritical();
    void testCriticalCurves_data();
    void testCriticalCurves();
    void testCriticalPresets_data();
    void testCriticalPresets();
    void testHelp_data();
    void testHelp();
    void testRejectedExpression_data();
    void testRejectedExpression();
    void testRejectedOption_data();
    void testRejectedOption();
    void testReferenceTrajectory_data();
    void testReferenceTrajectory();
    void testTerminalLoadsNoQt_data();
    void testTerminalLoadsNoQt();
    void testRenderWithoutWindowProgram();
};

void TestCommandLine::testInvocation_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("commandLine");
    QTest::newRow("no arguments opens the window") << QStringList{} << false;
    QTest::newRow("a subcommand") << QStringList{"eval", "x", "--at", "1,2"} << true;
    QTest::newRow("a mistyped subcommand") << QStringList{"evl"} << true;
    QTest::newRow("help") << QStringList{"--help"} << true;
    QTest::newRow("short help") << QStringList{"-h"} << true;
    QTest::newRow("version") << QStringList{"--version"} << true;
    QTest::newRow("a Qt option") << QStringList{"-platform", "offscreen"} << false;
    QTest::newRow("a Qt style option") << QStringList{"--style=fusion"} << false;
}

void TestCommandLine::testInvocation()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, commandLine);
    std::vector<std::string> words;
    for (const QString& argument : arguments) {
        words.push_back(argument.toStdString());
    }
    QCOMPARE(isCommandLineInvocation(words), commandLine);
}

void TestCommandLine::testFormatNumber_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("integer") << 21.0 << "21";
    QTest::newRow("one tenth") << 0.1 << "0.10000000000000001";
    QTest::newRow("third") << 1.0 / 3.0 << "0.33333333333333331";
    QTest::newRow("large") << 1e300 << "1.0000000000000001e+300";
    QTest::newRow("small negative") << -2.5e-7 << "-2.4999999999999999e-07";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "nan";
    QTest::newRow("negative nan") << -std::numeric_limits<double>::quiet_NaN() << "nan";
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << "inf";
    QTest::newRow("negative infinity") << -std::numeric_limits<double>::infinity() << "-inf";
}

void TestCommandLine::testFormatNumber()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    const std::string text = formatNumber(value);
    QCOMPARE(QString::fromStdString(text), expected);
    if (std::isfinite(value)) {
        // The same digits as printf's %.17g, and they read back to the same double.
        std::array<char, 64> printed{};
        std::snprintf(printed.data(), printed.size(), "%.17g", value);
        QCOMPARE(QString::fromLatin1(printed.data()), expected);
        QCOMPARE(std::strtod(text.c_str(), nullptr), value);
    }
}

void TestCommandLine::testCaretBlock_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("expected");
    QTest::newRow("at the start") << "foo(x) + 1" << 0 << 3 << "  foo(x) + 1\n  ^~~\n";
    QTest::newRow("in the middle") << "x +* y" << 3 << 1 << "  x +* y\n     ^\n";
    QTest::newRow("at the end") << "2+sin(" << 6 << 0 << "  2+sin(\n        ^\n";
    QTest::newRow("after a two-byte character") << "x² # y" << 4 << 1 << "  x² # y\n     ^\n";
    QTest::newRow("after a tab") << "x\t# y" << 2 << 1 << "  x\t# y\n   \t^\n";
}

void TestCommandLine::testCaretBlock()
{
    QFETCH(QString, input);
    QFETCH(int, position);
    QFETCH(int, length);
    QFETCH(QString, expected);
    const std::string text = input.toStdString();
    QCOMPARE(QString::fromStdString(caretBlock(text, static_cast<std::size_t>(position),
                                               static_cast<std::size_t>(length))),
             expected);
}

void TestCommandLine::testEval_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    // The tutorial's example: f = x² + 3xy + y² at (1, 4) is 1 + 12 + 16 = 29, ∂f/∂x = 2x + 3y =
    // 14, ∂f/∂y = 3x + 2y = 11, and the Hessian is [[2, 3], [3, 2]].
    QTest::newRow("tutorial example") << QStringList{"eval", "x^2 + 3xy + y^2", "--at", "1,4"}
                                      << evalHeader + "1,4,29,14,11,2,3,2\n";
    QTest::newRow("points in the order given")
        << QStringList{"eval", "x^2 + 3xy + y^2", "--at", "1,4", "--at=-1,0", "--at", "0, 0"}
        << evalHeader + "1,4,29,14,11,2,3,2\n-1,0,1,-2,-3,2,3,2\n0,0,0,0,0,2,3,2\n";
    // a·x² with a = 3 at (2, 0): f = 12, ∂f/∂x = 2ax = 12, ∂²f/∂x² = 2a = 6.
    QTest::newRow("declared parameter")
        << QStringList{"eval", "a*x^2", "--param", "a=3", "--at", "2,0"}
        << evalHeader + "2,0,12,12,0,6,0,0\n";
    QTest::newRow("expression starting with a minus")
        << QStringList{"eval", "-x*y", "--at", "2,3"} << evalHeader + "2,3,-6,-3,-2,0,-1,0\n";
    QTest::newRow("after a double dash")
        << QStringList{"eval", "--at", "1,1", "--", "x+y"} << evalHeader + "1,1,2,1,1,0,0,0\n";
    // ln(−1) is not a real number, but its derivatives 1/x and −1/x² are (as SymPy says too).
    QTest::newRow("log of a negative")
        << QStringList{"eval", "log(x)", "--at", "-1,0"} << evalHeader + "-1,0,nan,-1,0,-1,0,0\n";
    // √−1 is a NaN with the sign bit set on x86: printed "nan" all the same, never "-nan".
    QTest::newRow("root of a negative") << QStringList{"eval", "sqrt(x) + y", "--at", "-1,0"}
                                        << evalHeader + "-1,0,nan,nan,1,nan,0,0\n";
}

void TestCommandLine::testEval()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.out, expected);
    QCOMPARE(outcome.code, 0);
}

void TestCommandLine::testEvalJson()
{
    const Outcome outcome = invoke(
        {"eval", "x^2 + 3xy + y^2 + log(x)", "--at", "1,4", "--at", "-1,0", "--format", "json"});
    QCOMPARE(outcome.code, 0);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(outcome.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray rows = document.array();
    QCOMPARE(rows.size(), 2);
    const QJsonObject first = rows[0].toObject();
    QCOMPARE(first.keys().size(), 8);
    QCOMPARE(first["x"].toDouble(), 1.0);
    QCOMPARE(first["y"].toDouble(), 4.0);
    // 29 + ln 1 = 29; 14 + 1/x = 15; Hessian 2 − 1/x² = 1, 3, 2.
    QCOMPARE(first["f"].toDouble(), 29.0);
    QCOMPARE(first["df_dx"].toDouble(), 15.0);
    QCOMPARE(first["df_dy"].toDouble(), 11.0);
    QCOMPARE(first["d2f_dx2"].toDouble(), 1.0);
    QCOMPARE(first["d2f_dxdy"].toDouble(), 3.0);
    QCOMPARE(first["d2f_dy2"].toDouble(), 2.0);
    // Non-finite values are the strings "nan", "inf", "-inf".
    QCOMPARE(rows[1].toObject()["f"].toString(), QStringLiteral("nan"));
}

void TestCommandLine::testEvalPointsFile()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    QFile file(directory.filePath("points.txt"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# the tutorial's point\n1,4\n\n  0 0   # the origin\n2, -1\n");
    file.close();
    const QString path = file.fileName();

    const Outcome fromFile = invoke({"eval", "x*y", "--at", "3,3", "--points", path});
    QCOMPARE(fromFile.err, QString());
    QCOMPARE(fromFile.out, evalHeader + "3,3,9,3,3,0,1,0\n1,4,4,4,1,0,1,0\n0,0,0,0,0,0,1,0\n"
                                        "2,-1,-2,-1,2,0,1,0\n");
    QCOMPARE(fromFile.code, 0);

    const Outcome fromStdin = invoke({"eval", "x*y", "--points", "-"}, "1 4\n2,-1");
    QCOMPARE(fromStdin.err, QString());
    QCOMPARE(fromStdin.out, evalHeader + "1,4,4,4,1,0,1,0\n2,-1,-2,-1,2,0,1,0\n");

    const Outcome badLine = invoke({"eval", "x*y", "--points", "-"}, "1,4\n1,2,3\n");
    QCOMPARE(badLine.code, 2);
    QCOMPARE(
        badLine.err,
        QStringLiteral("gradlab: error: <stdin>:2: expected \"X,Y\" or \"X Y\", got '1,2,3'\n"));

    const Outcome missing = invoke({"eval", "x*y", "--points", directory.filePath("none.txt")});
    QCOMPARE(missing.code, 2);
    QVERIFY(missing.err.startsWith("gradlab: error: --points: cannot open"));
}

void TestCommandLine::testDiff_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tutorial example")
        << QStringList{"diff", "x^2 + 3xy + y^2"} << "df/dx = 2x + 3y\ndf/dy = 3x + 2y\n";
    QTest::newRow("parameter with a value")
        << QStringList{"diff", "a*x^2 + y", "--param", "a=3"} << "df/dx = 6x\ndf/dy = 1\n";
    QTest::newRow("preset") << QStringList{"diff",
                                           "preset:" + QString::fromStdString(presets()[0].name)}
                            << QString();
}

void TestCommandLine::testDiff()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    if (expected.isEmpty()) {
        // A preset: the derivative of its formula as the printer writes it.
        const ParseResult parsed = parse(presets()[0].formula);
        QVERIFY(parsed.isValid());
        expected = QString::fromStdString(
            "df/dx = " + toPlainText(derive(parsed.expression, Variable::X).result) +
            "\ndf/dy = " + toPlainText(derive(parsed.expression, Variable::Y).result) + "\n");
    }
    QCOMPARE(outcome.out, expected);
}

void TestCommandLine::testDiffSteps()
{
    // A symbolic parameter stays a symbol. The derivation by hand: ∂/∂x (kx² + 3xy + y²) =
    // 2kx + 3y and ∂/∂y = 3x + 2y, each term by its rule, nested rules indented under it.
    const Outcome outcome = invoke({"diff", "k*x^2 + 3xy + y^2", "--param", "k", "--steps"});
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    const QString expected = QStringLiteral(
        "df/dx = 2*k*x + 3y\n"
        "  treat y and k as constants\n"
        "  kx² → 2kx (constant multiple)\n"
        "    x² → 2x (power rule)\n"
        "  3xy → 3y (constant multiple)\n"
        "    3x → 3 (constant multiple)\n"
        "      x → 1 (variable)\n"
        "  y² → 0 (constant)\n"
        "  sum rule: 2kx + 3y\n"
        "  summary: treat y and k as constants; kx² → 2kx (constant multiple); 3xy → 3y "
        "(constant multiple); y² → 0 (constant); sum rule: 2kx + 3y\n"
        "\n"
        "df/dy = 3x + 2y\n"
        "  treat x and k as constants\n"
        "  kx² → 0 (constant)\n"
        "  3xy → 3x (constant multiple)\n"
        "    y → 1 (variable)\n"
        "  y² → 2y (power rule)\n"
        "  sum rule: 3x + 2y\n"
        "  summary: treat x and k as constants; kx² → 0 (constant); 3xy → 3x (constant "
        "multiple); y² → 2y (power rule); sum rule: 3x + 2y\n");
    QCOMPARE(outcome.out, expected);
}

void TestCommandLine::testDescend_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    // Gradient descent on x² + y² with lr = 1/4 halves the point each step:
    // x_{k+1} = x_k − ¼·2x_k = x_k/2.
    QTest::newRow("gradient descent halves")
        << QStringList{"descend", "x^2 + y^2", "--from", "1,2",  "--optimizer",
                       "gd",      "--steps",   "2",      "--lr", "0.25"}
        << descendHeader +
               "0,1,2,5,2,4,0.25\n1,0.5,1,1.25,1,2,0.25\n2,0.25,0.5,0.3125,0.5,1,0.25\n";
    // StepLR(step_size = 1, γ = 1/2): the first step ¼·∇f halves x, the second ⅛·∇f takes ¾
    // of the rest off; the last row holds the rate a third step would use.
    QTest::newRow("halving schedule")
        << QStringList{"descend",     "x^2 + y^2", "--from",     "1,2",
                       "--optimizer", "gd",        "--steps",    "2",
                       "--lr",        "0.25",      "--schedule", "step:step_size=1,gamma=0.5"}
        << descendHeader +
               "0,1,2,5,2,4,0.25\n1,0.5,1,1.25,1,2,0.125\n2,0.375,0.75,0.703125,0.75,1.5,0.0625\n";
    QTest::newRow("zero steps") << QStringList{"descend",     "x^2 + y^2", "--from",  "1,2",
                                               "--optimizer", "adam",      "--steps", "0"}
                                << descendHeader + "0,1,2,5,2,4,0.10000000000000001\n";
    // lr = 1/2 lands on the minimum in one step, where ‖∇f‖ = 0 < tol ends the run.
    QTest::newRow("tolerance met")
        << QStringList{"descend", "x^2 + y^2", "--from", "1,2", "--optimizer", "gd",
                       "--steps", "50",        "--lr",   "0.5", "--tol",       "1e-9"}
        << descendHeader + "0,1,2,5,2,4,0.5\n1,0,0,0,0,0,0.5\n";
    // Without --tol the run takes every step, even standing still at the minimum.
    QTest::newRow("no tolerance takes every step")
        << QStringList{"descend", "x^2 + y^2", "--from", "1,2",  "--optimizer",
                       "gd",      "--steps",   "3",      "--lr", "0.5"}
        << descendHeader + "0,1,2,5,2,4,0.5\n1,0,0,0,0,0,0.5\n2,0,0,0,0,0,0.5\n3,0,0,0,0,0,0.5\n";
    QTest::newRow("parameter") << QStringList{"descend", "a*x^2", "--param",     "a=2",
                                              "--from",  "1,0",   "--optimizer", "gd",
                                              "--steps", "1",     "--lr",        "0.125"}
                               << descendHeader + "0,1,0,2,4,0,0.125\n1,0.5,0,0.5,2,0,0.125\n";
}

void TestCommandLine::testDescend()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.out, expected);
    QCOMPARE(outcome.code, 0);
}

void TestCommandLine::testDescendDiverges()
{
    // On x², gradient descent multiplies x by 1 − 2·lr = −2 each step: it diverges (lr > 2/λ = 1).
    const Outcome outcome = invoke({"descend", "x^2", "--from", "1,0", "--optimizer", "gd",
                                    "--steps", "10000", "--lr", "1.5"});
    QCOMPARE(outcome.code, 3);
    // The core's own run of the same descent says where it stopped and why; the command line
    // prints exactly its records and its explanation.
    const ParseResult parsed = parse("x^2");
    QVERIFY(parsed.isValid());
    OptimizerSettings settings = defaultSettings(Method::GradientDescent);
    settings.learningRate = 1.5;
    settings.maxSteps = 10000;
    settings.tolerance = 0.0;
    Run run(CompiledFunction::compile(parsed.expression).objective(), Eigen::Vector2d(1.0, 0.0),
            settings);
    run.advanceTo(10000);
    QCOMPARE(run.stopReason(), StopReason::Diverged);
    QVERIFY(!run.explanation().empty());
    QCOMPARE(outcome.err, QString::fromStdString("gradlab: " + run.explanation() + "\n"));
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), static_cast<qsizetype>(run.records().size()) + 1);
    QVERIFY(rows.size() >= 3);
    QVERIFY(rows.size() < 10002);
    QCOMPARE(rows.front().join(','), descendHeader.trimmed());
    for (qsizetype k = 1; k < rows.size(); ++k) {
        QCOMPARE(rows[k][0].toInt(), k - 1);
        const double x = toNumber(rows[k][1]);
        if (std::isfinite(x)) {
            QCOMPARE(x, std::pow(-2.0, static_cast<double>(k - 1)));
        }
    }
}

void TestCommandLine::testDescendJson()
{
    const Preset& preset = presets()[0];
    const Outcome outcome = invoke({"descend", "preset:" + QString::fromStdString(preset.name),
                                    "--optimizer", "momentum", "--steps", "5", "--format", "json"});
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    const QJsonArray rows = QJsonDocument::fromJson(outcome.out.toUtf8()).array();
    QCOMPARE(rows.size(), 6);
    // Without --from the run starts at the preset's start.
    const QJsonObject start = rows[0].toObject();
    QCOMPARE(start["step"].toInt(), 0);
    QCOMPARE(start["x"].toDouble(), preset.start.x());
    QCOMPARE(start["y"].toDouble(), preset.start.y());
    QCOMPARE(rows[5].toObject()["step"].toInt(), 5);
    QCOMPARE(rows[5].toObject().keys().size(), 7);
    QCOMPARE(rows[5].toObject()["lr"].toDouble(), defaultSettings(Method::Momentum).learningRate);
}

void TestCommandLine::testPresets()
{
    const Outcome outcome = invoke({"presets"});
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    QVERIFY(presets().size() >= 12);
    for (const Preset& preset : presets()) {
        QVERIFY2(
            outcome.out.contains(QString::fromStdString(preset.name + " (" + preset.title + ")\n")),
            preset.name.c_str());
        QVERIFY(outcome.out.contains(
            QString::fromStdString("  formula:      " + preset.formula + "\n")));
        // Every listed formula is accepted back as preset:NAME.
        const Outcome evaluated =
            invoke({"eval", "preset:" + QString::fromStdString(preset.name), "--at", "0,0"});
        QVERIFY2(evaluated.code == 0, qPrintable(evaluated.err));
    }
}

void TestCommandLine::testPresetsJson()
{
    const Outcome outcome = invoke({"presets", "--format", "json"});
    QCOMPARE(outcome.code, 0);
    QJsonParseError error;
    const QJsonArray rows = QJsonDocument::fromJson(outcome.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(rows.size() >= 12);
    QCOMPARE(rows.size(), static_cast<qsizetype>(presets().size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Preset& preset = presets()[static_cast<std::size_t>(i)];
        const QJsonObject row = rows[i].toObject();
        QCOMPARE(row["name"].toString(), QString::fromStdString(preset.name));
        QCOMPARE(row["formula"].toString(), QString::fromStdString(preset.formula));
        QCOMPARE(row["description"].toString(), QString::fromStdString(preset.description));
        QCOMPARE(row["domain"].toArray().size(), 4);
        QCOMPARE(row["domain"].toArray()[1].toDouble(), preset.domain.xMax);
        QCOMPARE(row["start"].toArray()[0].toDouble(), preset.start.x());
        const QJsonArray known = row["known_points"].toArray();
        QCOMPARE(known.size(), static_cast<qsizetype>(preset.knownPoints.size()));
        for (qsizetype k = 0; k < known.size(); ++k) {
            QCOMPARE(known[k].toObject()["kind"].toString(),
                     QString::fromUtf8(
                         criticalKindName(preset.knownPoints[static_cast<std::size_t>(k)].kind)));
        }
    }
}

void TestCommandLine::testCritical_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("f");
    QTest::addColumn<double>("lambdaMin");
    QTest::addColumn<double>("lambdaMax");
    QTest::addColumn<QString>("kind");
    // x² − y² has one critical point, (0, 0), with Hessian diag(2, −2): a saddle.
    QTest::newRow("saddle") << QStringList{"critical", "x^2 - y^2"} << 0.0 << 0.0 << 0.0 << -2.0
                            << 2.0 << "saddle";
    // (x − 1)² + 2(y + 2)² + 3: a minimum at (1, −2), eigenvalues 2 and 4.
    QTest::newRow("shifted minimum") << QStringList{"critical", "(x - 1)^2 + 2(y + 2)^2 + 3"} << 1.0
                                     << -2.0 << 3.0 << 2.0 << 4.0 << "minimum";
    QTest::newRow("maximum inside a domain")
        << QStringList{"critical", "-(x - 7)^2 - y^2", "--domain", "6,8,-1,1"} << 7.0 << 0.0 << 0.0
        << -2.0 << -2.0 << "maximum";
}

void TestCommandLine::testCritical()
{
    QFETCH(QStringList, arguments);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, f);
    QFETCH(double, lambdaMin);
    QFETCH(double, lambdaMax);
    QFETCH(QString, kind);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].join(','), criticalHeader);
    const QStringList& point = rows[1];
    QCOMPARE(point.size(), 13);
    QVERIFY(close(toNumber(point[0]), x, 1e-9));
    QVERIFY(close(toNumber(point[1]), y, 1e-9));
    QVERIFY(close(toNumber(point[2]), f, 1e-9));
    QVERIFY(close(toNumber(point[3]), lambdaMin, 1e-9));
    QVERIFY(close(toNumber(point[4]), lambdaMax, 1e-9));
    QCOMPARE(point[5], kind);
    // an isolated point: one sample, a box and a range of f of itself
    QCOMPARE(point[6], QStringLiteral("1"));
    QCOMPARE(point.mid(7, 4), (QStringList{point[0], point[0], point[1], point[1]}));
    QCOMPARE(point.mid(11, 2), (QStringList{point[2], point[2]}));

    const Outcome json = invoke(arguments + QStringList{"--format", "json"});
    const QJsonArray points = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points[0].toObject()["kind"].toString(), kind);
}

void TestCommandLine::testCriticalCurves_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("kinds");   // of each row, in order
    QTest::addColumn<QList<double>>("boxes"); // x_min, x_max, y_min, y_max, f_min of each row
    QTest::addColumn<double>("tolerance");    // on the boxes
    // A traced curve ends within 1/16 of its step (half a seed spacing: 0.013) of the edge.
    const double edge = 0.02;
    QTest::newRow("valley") << QStringList{"critical", "x^2"} << QStringList{"curve of minima"}
                            << QList<double>{0, 0, -5, 5, 0} << edge;
    QTest::newRow("line of inflections")
        << QStringList{"critical", "x^3"} << QStringList{"degenerate curve"}
        << QList<double>{0, 0, -5, 5, 0} << edge;
    QTest::newRow("ring of minima") << QStringList{"critical", "(x^2+y^2-1)^2"}
                                    << QStringList{"closed curve of minima", "maximum"}
                                    << QList<double>{-1, 1, -1, 1, 0, 0, 0, 0, 0, 1} << edge;
    QTest::newRow("ring of maxima") << QStringList{"critical", "-(x^2+y^2-1)^2"}
                                    << QStringList{"minimum", "closed curve of maxima"}
                                    << QList<double>{0, 0, 0, 0, -1, -1, 1, -1, 1, 0} << edge;
    QTest::newRow("two valleys and a ridge")
        << QStringList{"critical", "(x^2-1)^2"}
        << QStringList{"curve of minima", "curve of minima", "curve of maxima"}
        << QList<double>{-1, -1, -5, 5, 0, 1, 1, -5, 5, 0, 0, 0, -5, 5, 1} << edge;
    // a half-line of minima (x < 0), a well at x = 3/2 + √3/2, a saddle at 3/2 − √3/2; f there
    // is x²((x − 2)² − 1)
    const double well = 1.5 + std::sqrt(3.0) / 2;
    const double pass = 1.5 - std::sqrt(3.0) / 2;
    const auto level = [](double x) {
        return x * x * ((x - 2) * (x - 2) - 1);
    };
    QTest::newRow("valley and a well")
        << QStringList{"critical", "y^2 + relu(x)^2*((x-2)^2-1)"}
        << QStringList{"minimum", "curve of minima", "saddle"}
        << QList<double>{well, well, 0,    0,    level(well), -5, 0,          0,
                         0,    0,    pass, pass, 0,           0,  level(pass)}
        << edge;
    QTest::newRow("domain") << QStringList{"critical", "x^2", "--domain", "-1,2,0,1"}
                            << QStringList{"curve of minima"} << QList<double>{0, 0, 0, 1, 0}
                            << edge;
    // the area's points are seeds, the outermost half a seed spacing (0.21) inside its edges
    QTest::newRow("flat area") << QStringList{"critical", "relu(x)"} << QStringList{"flat area"}
                               << QList<double>{-5, 0, -5, 5, 0} << 0.25;
}

void TestCommandLine::testCriticalCurves()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, kinds);
    QFETCH(QList<double>, boxes);
    QFETCH(double, tolerance);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), kinds.size() + 1);
    QCOMPARE(rows[0].join(','), criticalHeader);
    for (qsizetype k = 0; k < kinds.size(); ++k) {
        const QStringList& row = rows[k + 1];
        QCOMPARE(row.size(), 13);
        QCOMPARE(row[5], kinds[k]);
        const bool curve =
            kinds[k].contains(QLatin1String("curve")) || kinds[k] == QLatin1String("flat area");
        bool ok = false;
        const int samples = row[6].toInt(&ok);
        QVERIFY(ok);
        QVERIFY(curve ? samples > 1 : samples == 1);
        for (int column = 0; column < 5; ++column) {
            QVERIFY2(std::abs(toNumber(row[7 + column]) - boxes[5 * k + column]) <= tolerance,
                     qPrintable(rows[0][7 + column] + QLatin1Char(' ') + row[7 + column]));
        }
        // the row's point lies in its box, at a level of f in its range
        QVERIFY(toNumber(row[0]) >= toNumber(row[7]) && toNumber(row[0]) <= toNumber(row[8]));
        QVERIFY(toNumber(row[1]) >= toNumber(row[9]) && toNumber(row[1]) <= toNumber(row[10]));
        QVERIFY(toNumber(row[2]) >= toNumber(row[11]) && toNumber(row[2]) <= toNumber(row[12]));
        QVERIFY(std::abs(toNumber(row[12]) - toNumber(row[11])) <= 1e-9);
    }

    // JSON: the same rows, the same keys, samples a number
    const Outcome json = invoke(arguments + QStringList{"--format", "json"});
    QCOMPARE(json.code, 0);
    QJsonParseError error;
    const QJsonArray objects = QJsonDocument::fromJson(json.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(objects.size(), kinds.size());
    for (qsizetype k = 0; k < kinds.size(); ++k) {
        const QJsonObject object = objects[k].toObject();
        QCOMPARE(object.keys().size(), 13);
        QCOMPARE(object["kind"].toString(), kinds[k]);
        QVERIFY(object["samples"].isDouble());
        QCOMPARE(object["samples"].toInt(), rows[k + 1][6].toInt());
        QCOMPARE(object["y_max"].toDouble(), toNumber(rows[k + 1][10]));
    }
}

void TestCommandLine::testCriticalPresets_data()
{
    QTest::addColumn<QString>("name");
    // presets whose catalogue lists every critical point in the domain
    for (const char* name : {"himmelblau", "monkey", "beale", "camel", "twowells"}) {
        QTest::newRow(name) << QString::fromLatin1(name);
    }
}

void TestCommandLine::testCriticalPresets()
{
    // Isolated points stay one row each: one per known point, of its kind, no curve.
    QFETCH(QString, name);
    const Preset* preset = findPreset(name.toStdString());
    QVERIFY(preset);
    const Outcome outcome = invoke({"critical", "preset:" + name});
    QCOMPARE(outcome.code, 0);
    const QList<QStringList> rows = csvRows(outcome.out);
    QCOMPARE(rows.size(), static_cast<qsizetype>(preset->knownPoints.size()) + 1);
    const double size = std::max(preset->domain.width(), preset->domain.height());
    for (const KnownPoint& known : preset->knownPoints) {
        const auto match = std::find_if(rows.begin() + 1, rows.end(), [&](const QStringList& row) {
            return std::hypot(toNumber(row[0]) - known.point.x(),
                              toNumber(row[1]) - known.point.y()) < 1e-6 * size;
        });
        QVERIFY(match != rows.end());
        QCOMPARE((*match)[5], QString::fromUtf8(criticalKindName(known.kind)));
        QCOMPARE((*match)[6], QStringLiteral("1"));
    }
}

void TestCommandLine::testHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("subcommand");
    QTest::addColumn<QString>("firstLine");
    const QString overview = QStringLiteral("usage: gradlab SUBCOMMAND [ARGUMENTS]");
    QTest::newRow("help") << QStringList{"help"} << QString() << overview;
    QTest::newRow("long option") << QStringList{"--help"} << QString() << overview;
    QTest::newRow("short option") << QStringList{"-h"} << QString() << overview;
    QTest::newRow("help render")
        << QStringList{"help", "render"} << "render"
        << "usage: gradlab render EXPR|preset:NAME [--from X,Y] [--domain XMIN,XMAX,YMIN,YMAX]";
    const std::pair<const char*, const char*> firstLines[] = {
        {"eval", "usage: gradlab eval EXPR --at X,Y [--at X,Y ...] [--points FILE|-] [--param "
                 "NAME=VALUE ...]"},
        {"diff", "usage: gradlab diff EXPR [--steps] [--param NAME[=VALUE] ...]"},
        {"descend", "usage: gradlab descend EXPR|preset:NAME --from X,Y --optimizer NAME --steps "
                    "N [--lr V]"},
        {"presets", "usage: gradlab presets [--format text|json]"},
        {"critical", "usage: gradlab critical EXPR|preset:NAME [--domain X0,X1,Y0,Y1] [--param "
                     "NAME=VALUE ...]"},
    };
    for (const auto& [name, line] : firstLines) {
        QTest::addRow("help %s", name) << QStringList{"help", name} << name << line;
        QTest::addRow("%s --help", name) << QStringList{name, "--help"} << name << line;
        // Help wins over whatever else is wrong on the line.
        QTest::addRow("%s -h after a mistake", name)
            << QStringList{name, "--nonsense", "-h"} << name << line;
    }
}

void TestCommandLine::testHelp()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, subcommand);
    QFETCH(QString, firstLine);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, QString());
    QCOMPARE(outcome.code, 0);
    QCOMPARE(outcome.out.section(QLatin1Char('\n'), 0, 0), firstLine);
    // Every way of asking prints the same text as `gradlab help [SUBCOMMAND]`.
    const QStringList asked =
        subcommand.isEmpty() ? QStringList{"help"} : QStringList{"help", subcommand};
    QCOMPARE(outcome.out, invoke(asked).out);
    if (subcommand.isEmpty()) {
        // The overview's table, as written.
        for (const char* line : {
                 "\n  eval      value, gradient and Hessian of f at points\n",
                 "\n  diff      symbolic partial derivatives, rule by rule\n",
                 "\n  descend   run an optimizer and print its trajectory\n",
                 "\n  presets   the catalogue of preset functions\n",
                 "\n  critical  find and classify critical points\n",
                 "\n  render    draw a scene to PNG, PDF, SVG, GIF, WebP or MP4 without a window\n",
                 "\n  help      this overview, or 'gradlab help SUBCOMMAND' for one subcommand\n",
                 "\n  -h, --help  this overview\n",
                 "\n  --version   the version\n",
             }) {
            QVERIFY2(outcome.out.contains(QString::fromUtf8(line)), line);
        }
        return;
    }
    if (subcommand == "render") {
        QVERIFY(outcome.out.contains(
            "\n                      [--view contour|partials|surface|linked|charts|window]\n"));
        QVERIFY(outcome.out.contains("\n                      --out FILE.png|FILE.pdf|FILE.svg\n"));
        return;
    }
    QVERIFY(
        outcome.out.contains(QRegularExpression("\nexamples:\n  gradlab " + subcommand + "[ \n]")));
    QVERIFY(outcome.out.contains("  -h, --help "));
    // Every option named in the usage lines (up to the first blank line) is explained below.
    const qsizetype usageEnd = outcome.out.indexOf("\n\n");
    QVERIFY(usageEnd > 0);
    const QString usage = outcome.out.left(usageEnd);
    const QString rest = outcome.out.mid(usageEnd);
    const QRegularExpression optionName("--[a-z0-9-]+");
    int named = 0;
    for (const QRegularExpressionMatch& match : optionName.globalMatch(usage)) {
        QVERIFY2(rest.contains("\n  " + match.captured()), qPrintable(match.captured()));
        ++named;
    }
    QVERIFY(named >= 1);
}

void TestCommandLine::testRejectedExpression_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("caret");
    QTest::addColumn<QString>("hint");
    QTest::newRow("unknown function") << QStringList{"eval", "foo(x) + 1", "--at", "1,2"} << 0
                                      << "  foo(x) + 1\n  ^~~" << QString();
    QTest::newRow("two operators")
        << QStringList{"diff", "x +* y"} << 3 << "  x +* y\n     ^" << QString();
    QTest::newRow("unexpected end")
        << QStringList{"diff", "2+sin("} << 6 << "  2+sin(\n        ^" << QString();
    QTest::newRow("unmatched parenthesis")
        << QStringList{"critical", "x+1)"} << 3 << "  x+1)\n     ^" << QString();
    QTest::newRow("invalid character")
        << QStringList{"descend", "x # y", "--from", "1,1", "--optimizer", "gd", "--steps", "1"}
        << 2 << "  x # y\n    ^" << QString();
    QTest::newRow("undeclared parameter")
        << QStringList{"eval", "x + a*y", "--at", "1,2"} << 4 << "  x + a*y\n      ^" << QString();
    QTest::newRow("parameter declared for another name")
        << QStringList{"eval", "x + a*y", "--param", "b=1", "--at", "1,2"} << 4
        << "  x + a*y\n      ^" << QString();
    const QString preset = QString::fromStdString(presets()[0].name);
    QTest::newRow("preset name without its prefix")
        << QStringList{"eval", preset, "--at", "1,2"} << 0
        << "  " + preset + "\n  ^" + QString(preset.size() - 1, '~')
        << "hint: for the preset, write preset:" + preset;
}

void TestCommandLine::testRejectedExpression()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, position);
    QFETCH(QString, caret);
    QFETCH(QString, hint);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.code, 2);
    QCOMPARE(outcome.out, QString());
    QStringList lines = outcome.err.split('\n');
    QCOMPARE(lines.takeLast(), QString());
    QVERIFY2(lines.size() >= 3, qPrintable(outcome.err));
    QVERIFY(lines[0].startsWith("gradlab: error: "));
    QVERIFY2(lines[0].contains(QRegularExpression(QStringLiteral(" at %1(: |$)").arg(position))),
             qPrintable(lines[0]));
    // An undeclared name is told how to declare it.
    const QRegularExpressionMatch unknownName =
        QRegularExpression("unknown name '(\\w+)'").match(lines[0]);
    if (unknownName.hasMatch()) {
        QVERIFY2(lines[0].contains("--param " + unknownName.captured(1) + "="),
                 qPrintable(lines[0]));
    }
    QCOMPARE(lines[1] + '\n' + lines[2], caret);
    QCOMPARE(lines.size(), hint.isEmpty() ? 3 : 4);
    if (!hint.isEmpty()) {
        QCOMPARE(lines[3], hint);
    }
}

void TestCommandLine::testRejectedOption_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QStringList descend{"descend", "x^2", "--from", "1,1", "--steps", "3"};
    QTest::newRow("bad number")
        << QStringList{"eval", "x", "--at", "1,zz"}
        << "gradlab: error: --at: 'zz' is not a finite number\nrun 'gradlab help eval'\n";
    QTest::newRow("one coordinate")
        << QStringList{"eval", "x", "--at", "1"}
        << "gradlab: error: --at: expected X,Y, got '1'\nrun 'gradlab help eval'\n";
    QTest::newRow("infinite coordinate")
        << QStringList{"eval", "x", "--at", "inf,1"}
        << "gradlab: error: --at: 'inf' is not a finite number\nrun 'gradlab help eval'\n";
    QTest::newRow("no point")
        << QStringList{"eval", "x"}
        << "gradlab: error: eval needs at least one point: --at X,Y or --points FILE\n"
           "run 'gradlab help eval'\n";
    QTest::newRow("missing value")
        << QStringList{"eval", "x", "--at"}
        << "gradlab: error: option --at needs a value (X,Y)\nrun 'gradlab help eval'\n";
    QTest::newRow("unknown option")
        << QStringList{"eval", "x", "--att", "1,2"}
        << "gradlab: error: unknown option '--att' for 'eval'; did you mean '--at'?\n"
           "run 'gradlab help eval'\n";
    QTest::newRow("unknown format")
        << QStringList{"eval", "x", "--at", "1,2", "--format", "xml"}
        << "gradlab: error: --format: unknown format 'xml' (use csv or json)\n"
           "run 'gradlab help eval'\n";
    QTest::newRow("missing expression")
        << QStringList{"diff"}
        << "gradlab: error: missing EXPR for 'diff'\nrun 'gradlab help diff'\n";
    QTest::newRow("two expressions")
        << QStringList{"diff", "x", "y"}
        << "gradlab: error: unexpected argument 'y' after EXPR 'x' (quote an "
           "expression that contains spaces)\nrun 'gradlab help diff'\n";
    QTest::newRow("flag with a value")
        << QStringList{"diff", "x", "--steps=3"}
        << "gradlab: error: option --steps takes no value\nrun 'gradlab help diff'\n";
    QTest::newRow("reserved parameter name")
        << QStringList{"eval", "x", "--param", "x=1", "--at", "1,2"}
        << "gradlab: error: --param 'x=1': 'x' is already a variable, a constant or a function\n"
           "run 'gradlab help eval'\n";
    QTest::newRow("parameter without value")
        << QStringList{"eval", "a*x", "--param", "a", "--at", "1,2"}
        << "gradlab: error: --param 'a': expected NAME=VALUE\nrun 'gradlab help eval'\n";
    QTest::newRow("parameter twice")
        << QStringList{"eval", "a*x", "--param", "a=1", "--param", "a=2", "--at", "1,2"}
        << "gradlab: error: --param 'a' is declared more than once\n"
           "run 'gradlab help eval'\n";
    QTest::newRow("option twice") << QStringList{descend + QStringList{"--optimizer", "gd", "--lr",
                                                                       "1", "--lr", "2"}}
                                  << "gradlab: error: option --lr is given more than once\n"
                                     "run 'gradlab help descend'\n";
    QTest::newRow("no start") << QStringList{"descend", "x^2", "--optimizer", "gd", "--steps", "3"}
                              << "gradlab: error: descend needs a start point: --from X,Y\n"
                                 "run 'gradlab help descend'\n";
    QTest::newRow("no steps")
        << QStringList{"descend", "x^2", "--from", "1,1", "--optimizer", "gd"}
        << "gradlab: error: descend needs --steps N\nrun 'gradlab help descend'\n";
    QTest::newRow("negative steps")
        << QStringList{"descend", "x^2", "--from", "1,1", "--optimizer", "gd", "--steps", "-1"}
        << "gradlab: error: --steps: '-1' is not a whole number from 0 to 1000000\n"
           "run 'gradlab help descend'\n";
    QStringList optimizers;
    for (const Method method : allMethods()) {
        optimizers.append(QString::fromUtf8(methodName(method)));
    }
    const QString optimizerList = "optimizers: " + optimizers.join(", ") + "\n";
    QTest::newRow("no optimizer") << descend
                                  << "gradlab: error: descend needs --optimizer NAME\n" +
                                         optimizerList + "run 'gradlab help descend'\n";
    QTest::newRow("unknown optimizer")
        << QStringList{descend + QStringList{"--optimizer", "adamm"}}
        << "gradlab: error: unknown optimizer 'adamm'; did you mean 'adam'?\n" + optimizerList +
               "run 'gradlab help descend'\n";
    QTest::newRow("option of another optimizer")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--beta1", "0.5"}}
        << "gradlab: error: --beta1 does not apply to 'gd' (only to adam, adamw)\nrun 'gradlab "
           "help "
           "descend'\n";
    QTest::newRow("negative learning rate")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--lr", "-1"}}
        << "gradlab: error: --lr: -1 is not at least 0\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("beta of one") << QStringList{descend +
                                                QStringList{"--optimizer", "adam", "--beta2", "1"}}
                                 << "gradlab: error: --beta2: 1 is not in [0, 1)\n"
                                    "run 'gradlab help descend'\n";
    QTest::newRow("accumulator of another optimizer")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--initial-accumulator", "1"}}
        << "gradlab: error: --initial-accumulator does not apply to 'gd' (only to adagrad)\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("unknown schedule")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--schedule", "cosin:t_max=5"}}
        << "gradlab: error: --schedule: unknown schedule 'cosin'; did you mean 'cosine'?\n"
           "schedules: step:step_size=S[,gamma=G] | multistep:milestones=A;B[;...][,gamma=G] | "
           "exponential:gamma=G | cosine:t_max=T[,eta_min=E] | "
           "linear[:start_factor=S][,end_factor=E][,total_iters=N]\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("schedule without its key")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--schedule", "step:gamma=0.5"}}
        << "gradlab: error: --schedule: step needs step_size=...\n"
           "schedules: step:step_size=S[,gamma=G] | multistep:milestones=A;B[;...][,gamma=G] | "
           "exponential:gamma=G | cosine:t_max=T[,eta_min=E] | "
           "linear[:start_factor=S][,end_factor=E][,total_iters=N]\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("warm-up without a factor")
        << QStringList{descend + QStringList{"--optimizer", "gd", "--warmup", "10"}}
        << "gradlab: error: --warmup: expected N:F, N ≥ 1 steps from the factor F in (0, 1], got "
           "'10'\nrun 'gradlab help descend'\n";
    QTest::newRow("schedule for nelder-mead")
        << QStringList{descend + QStringList{"--optimizer", "neldermead", "--warmup", "10:0.1"}}
        << "gradlab: error: --warmup does not apply to 'neldermead', which has no learning "
           "rate\nrun 'gradlab help descend'\n";
    QTest::newRow("line search of another kind")
        << QStringList{descend + QStringList{"--optimizer", "lbfgs", "--line-search", "armijo"}}
        << "gradlab: error: --line-search: unknown value 'armijo' (use none or strong_wolfe)\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("shrink of one")
        << QStringList{descend + QStringList{"--optimizer", "linesearch", "--shrink", "1"}}
        << "gradlab: error: --shrink: 1 is not in (0, 1)\nrun 'gradlab help descend'\n";
    QTest::newRow("history beyond int") // found by fuzz_commandline
        << QStringList{descend +
                       QStringList{"--optimizer", "lbfgs", "--history", "000000000001111111111111"}}
        << "gradlab: error: --history: 1111111111111 is not in [1, 1000]\n"
           "run 'gradlab help descend'\n";
    QTest::newRow("armijo of one")
        << QStringList{descend + QStringList{"--optimizer", "linesearch", "--armijo", "1"}}
        << "gradlab: error: --armijo: 1 is not in [0, 1)\nrun 'gradlab help descend'\n";
    QStringList names;
    for (const Preset& preset : presets()) {
        names.append(QString::fromStdString(preset.name));
    }
    QTest::newRow("unknown preset")
        << QStringList{"critical", "preset:nowhere-to-be-found"}
        << "gradlab: error: unknown preset 'nowhere-to-be-found'\npresets: " + names.join(", ") +
               "\n";
    QTest::newRow("empty domain")
        << QStringList{"critical", "x^2", "--domain", "1,0,0,1"}
        << "gradlab: error: --domain: '1,0,0,1' is empty (it needs X0 < X1 and Y0 < Y1)\n"
           "run 'gradlab help critical'\n";
    QTest::newRow("short domain") << QStringList{"critical", "x^2", "--domain", "0,1,0"}
                                  << "gradlab: error: --domain: expected X0,X1,Y0,Y1, got '0,1,0'\n"
                                     "run 'gradlab help critical'\n";
    QTest::newRow("positional for presets")
        << QStringList{"presets", "all"}
        << "gradlab: error: unexpected argument 'all' for 'presets'\n"
           "run 'gradlab help presets'\n";
    QTest::newRow("unknown subcommand")
        << QStringList{"evl", "x"}
        << "gradlab: error: unknown subcommand 'evl'; did you mean 'eval'?\n"
           "run 'gradlab help'\n";
    QTest::newRow("unknown subcommand far from all")
        << QStringList{"transmogrify"}
        << "gradlab: error: unknown subcommand 'transmogrify'\n"
           "run 'gradlab help'\n";
    QTest::newRow("help for an unknown subcommand")
        << QStringList{"help", "critcal"}
        << "gradlab: error: unknown subcommand 'critcal'; did you mean 'critical'?\nrun 'gradlab "
           "help'\n";
}

void TestCommandLine::testRejectedOption()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Outcome outcome = invoke(arguments);
    QCOMPARE(outcome.err, expected);
    QCOMPARE(outcome.out, QString());
    QCOMPARE(outcome.code, 2);
}

void TestCommandLine::testReferenceTrajectory_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QJsonArray>("path");
    QFile file(QStringLiteral(GRADLAB_REFERENCE_DIR "/optimizers.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    int line = 0;
    while (!file.atEnd()) {
        const QByteArray text = file.readLine().trimmed();
        ++line;
        if (text.isEmpty()) {
            continue;
        }
        const QJsonObject reference = QJsonDocument::fromJson(text).object();
        const QJsonArray from = reference["from"].toArray();
        QStringList arguments{"descend",
                              reference["expr"].toString(),
                              "--from",
                              QString::number(from[0].toDouble(), 'g', 17) + ',' +
                                  QString::number(from[1].toDouble(), 'g', 17),
                              "--optimizer",
                              reference["optimizer"].toString(),
                              "--steps",
                              QString::number(reference["steps"].toInt())};
        const QJsonObject args = reference["args"].toObject();
        for (auto it = args.begin(); it != args.end(); ++it) {
            arguments << "--" + it.key() << QString::number(it.value().toDouble(), 'g', 17);
        }
        arguments << "--format"
                  << "csv";
        QTest::addRow("%s, line %d", qPrintable(reference["optimizer"].toString()), line)
            << arguments << reference["path"].toArray();
    }
    QVERIFY(line >= 18);
}

void TestCommandLine::testReferenceTrajectory()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonArray, path);
    // The built program, with no display at all: the command line must not need one.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("QT_QPA_PLATFORM");
    environment.remove("DISPLAY");
    environment.remove("WAYLAND_DISPLAY");
    process.setProcessEnvironment(environment);
    process.start(gradlabProgram(), arguments);
    QVERIFY2(process.waitForFinished(60000), qPrintable(process.errorString()));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(QString::fromUtf8(process.readAllStandardError()), QString());
    QCOMPARE(process.exitCode(), 0);
    const QList<QStringList> rows = csvRows(QString::fromUtf8(process.readAllStandardOutput()));
    QCOMPARE(rows.size(), path.size() + 1);
    QCOMPARE(rows[0].join(','), descendHeader.trimmed());
    for (qsizetype k = 0; k < path.size(); ++k) {
        const QStringList& row = rows[k + 1];
        QCOMPARE(row.size(), 7);
        QCOMPARE(row[0].toLongLong(), k);
        const QJsonArray expected = path[k].toArray();
        for (int axis = 0; axis < 2; ++axis) {
            const double actual = toNumber(row[1 + axis]);
            QVERIFY2(close(actual, expected[axis].toDouble(), 1e-9),
                     qPrintable(QStringLiteral("step %1, %2: %3 against %4")
                                    .arg(k)
                                    .arg(axis == 0 ? 'x' : 'y')
                                    .arg(row[1 + axis])
                                    .arg(expected[axis].toDouble(), 0, 'g', 17)));
        }
    }
}

void TestCommandLine::testTerminalLoadsNoQt_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("loadsQt");
    QTest::newRow("eval") << QStringList{"eval", "x^2 + 3xy", "--at", "1,2"} << false;
    QTest::newRow("diff") << QStringList{"diff", "sin(x) * y"} << false;
    QTest::newRow("descend") << QStringList{"descend", "preset:bowl", "--optimizer",
                                            "adam",    "--steps",     "5"}
                             << false;
    QTest::newRow("help") << QStringList{"help", "render"} << false;
    QTest::newRow("render's mistakes")
        << QStringList{"render", "x^2", "--size", "3x3", "--out", "never.png"} << false;
    // The control: the window program draws, with Qt Widgets, so the check can fail.
    QTest::newRow("render draws") << QStringList{"render", "x^2 + y^2", "--size",
                                                 "64x48",  "--out",     "@OUT"}
                                  << true;
}

void TestCommandLine::testTerminalLoadsNoQt()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, loadsQt);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    arguments.replaceInStrings(QStringLiteral("@OUT"), folder.filePath(QStringLiteral("f.png")));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The dynamic loader names every library it initialises (and keeps doing so across exec).
    environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.start(gradlabProgram(), arguments);
    QVERIFY(process.waitForFinished(60000));
    const QString loader = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(loader.contains(QStringLiteral("libstdc++")), qPrintable(loader.left(2000)));
    QCOMPARE(loader.contains(QStringLiteral("libQt6Widgets")), loadsQt);
    QCOMPARE(loader.contains(QStringLiteral("libQt6")), loadsQt);
}

void TestCommandLine::testRenderWithoutWindowProgram()
{
    // A caller without a RenderCommand still gets render's usage and mistakes, and for a valid
    // request an error rather than nothing.
    QCOMPARE(invoke({"render", "x^2", "--out", "f.txt"}).code, 2);
    // An empty function is no function (fuzz_commandline found it accepted).
    const Outcome empty = invoke({"render", "", "--out", "f.png"});
    QCOMPARE(empty.code, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("which function?")), qPrintable(empty.err));
    const Outcome valid = invoke({"render", "x^2", "--out", "f.png"});
    QCOMPARE(valid.code, 1);
    QVERIFY2(valid.err.contains(QStringLiteral("gradlab program")), qPrintable(valid.err));
    QVERIFY(invoke({"render", "--help"}).out.startsWith(QStringLiteral("usage: gradlab render")));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
