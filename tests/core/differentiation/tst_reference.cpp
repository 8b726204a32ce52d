// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "differentiation/differentiator.h"
#include "expression/parser.h"
#include "expression/treeevaluator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <limits>

using namespace gradlab;

namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
const char* const kNames[] = {"f", "∂f/∂x", "∂f/∂y", "∂²f/∂x²", "∂²f/∂x∂y", "∂²f/∂y²"};

/// A JSON number, or NaN for null (a value that is not a real number there).
double valueOf(const QJsonValue& value)
{
    return value.isNull() ? kUndefined : value.toDouble();
}

} // namespace

/// \brief Every row of the SymPy reference file through parse → symbolic derivatives → tree
/// evaluation.
class TestReference : public QObject
{
    Q_OBJECT

private slots:
    void testDerivatives_data();
    void testDerivatives();
};

void TestReference::testDerivatives_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<QList<double>>("expected"); // f, gradient, Hessian (xx, xy, yy)

    QFile file(GRADLAB_REFERENCE_DIR "/derivatives.jsonl");
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    int row = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty()) {
            continue;
        }
        ++row;
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonArray gradient = object["g"].toArray();
        const QJsonArray hessian = object["h"].toArray();
        QVERIFY(gradient.size() == 2 && hessian.size() == 3);
        const QList<double> expected{valueOf(object["f"]), valueOf(gradient[0]),
                                     valueOf(gradient[1]), valueOf(hessian[0]),
                                     valueOf(hessian[1]),  valueOf(hessian[2])};
        const QString expression = object["expr"].toString();
        const double x = object["x"].toDouble();
        const double y = object["y"].toDouble();
        QTest::addRow("row %d: %s", row, qPrintable(expression))
            << expression << x << y << expected;
    }
    QCOMPARE(row, 199);
}

void TestReference::testDerivatives()
{
    QFETCH(QString, expression);
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(QList<double>, expected);

    const ParseResult parsed = parse(expression.toStdString());
    QVERIFY2(parsed.isValid(), parsed.error.message.c_str());
    const NodePtr& f = parsed.expression;
    const NodePtr fx = derive(f, Variable::X).result;
    const NodePtr fy = derive(f, Variable::Y).result;
    // Higher orders: differentiate the simplified first partials again.
    const NodePtr nodes[] = {f,
                             fx,
                             fy,
                             partialDerivative(fx, Variable::X),
                             partialDerivative(fx, Variable::Y),
                             partialDerivative(fy, Variable::Y)};
    for (int i = 0; i < 6; ++i) {
        const double actual = evaluateTree(nodes[i], x, y);
        const double wanted = expected[i];
        // Where f is not real, neither are its partials as real functions: NaN is right for them,
        // and so is the number SymPy's formula gives (the reference README).
        if (i > 0 && std::isnan(expected[0]) && std::isnan(actual)) {
            continue;
        }
        if (std::isnan(wanted)) {
            // Not a real number there: NaN, or ±inf at a pole; never a made-up number.
            QVERIFY2(!std::isfinite(actual),
                     qPrintable(QString("%1 = %2, expected undefined").arg(kNames[i]).arg(actual)));
            continue;
        }
        // The reference file's tolerance: 1e-8 relative plus 1e-9 absolute.
        QVERIFY2(std::fabs(actual - wanted) <= 1e-8 * std::fabs(wanted) + 1e-9,
                 qPrintable(QString("%1 = %2, expected %3")
                                .arg(kNames[i])
                                .arg(actual, 0, 'g', 17)
                                .arg(wanted, 0, 'g', 17)));
    }
}

QTEST_APPLESS_MAIN(TestReference)
#include "tst_reference.moc"
