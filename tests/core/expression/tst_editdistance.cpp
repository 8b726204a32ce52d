// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "expression/editdistance.h"

#include <QTest>
#include <string>

using namespace gradlab;

/// \brief The one edit distance: the textbook cases, swaps and its symmetry.
class TestEditDistance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testDistance_data();
    void testDistance();
    void testSymmetricAndBounded();
};

void TestEditDistance::testDistance_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("distance");
    QTest::newRow("equal") << "sigmoid"
                           << "sigmoid" << 0;
    QTest::newRow("both empty") << ""
                                << "" << 0;
    QTest::newRow("one empty") << ""
                               << "exp" << 3;
    QTest::newRow("insertion") << "sn"
                               << "sin" << 1;
    QTest::newRow("deletion") << "sinn"
                              << "sin" << 1;
    QTest::newRow("substitution") << "cis"
                                  << "cos" << 1;
    QTest::newRow("swap of neighbours") << "sni"
                                        << "sin" << 1;
    QTest::newRow("swap inside a word") << "descned"
                                        << "descend" << 1;
    QTest::newRow("kitten") << "kitten"
                            << "sitting" << 3;
    // Optimal string alignment: a swapped pair is not edited again ("ca" → "abc" is 3, not 2).
    QTest::newRow("no edit of a swapped pair") << "ca"
                                               << "abc" << 3;
    QTest::newRow("unrelated") << "log"
                               << "tanh" << 4;
}

void TestEditDistance::testDistance()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, distance);
    QCOMPARE(editDistance(a.toStdString(), b.toStdString()), static_cast<std::size_t>(distance));
}

void TestEditDistance::testSymmetricAndBounded()
{
    const std::string words[] = {"", "x", "sin", "sinh", "asinh", "sigmoid", "softplus", "eval"};
    for (const std::string& a : words) {
        for (const std::string& b : words) {
            const std::size_t distance = editDistance(a, b);
            QCOMPARE(distance, editDistance(b, a));
            QVERIFY(distance <= std::max(a.size(), b.size()));
            QVERIFY(distance >= (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()));
            QCOMPARE(distance == 0, a == b);
        }
    }
}

QTEST_GUILESS_MAIN(TestEditDistance)
#include "tst_editdistance.moc"
