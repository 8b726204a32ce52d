// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/builtindatasets.h"
#include "fit/csvreader.h"

#include <QElapsedTimer>
#include <QTest>
#include <fstream>
#include <sstream>

using namespace gradlab;

Q_DECLARE_METATYPE(gradlab::CsvProblem)

namespace {

/// \brief Passes a stream buffer's bytes through one at a time, counting those taken.
class CountingBuffer : public std::streambuf
{
public:
    explicit CountingBuffer(std::streambuf* source)
        : m_source(source)
    {}
    std::size_t taken() const { return m_taken; }

protected:
    int_type underflow() override { return m_source->sgetc(); }
    int_type uflow() override
    {
        const int_type c = m_source->sbumpc();
        m_taken += traits_type::eq_int_type(c, traits_type::eof()) ? 0 : 1;
        return c;
    }

private:
    std::streambuf* m_source = nullptr;
    std::size_t m_taken = 0;
};

} // namespace

class TestDataCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testGoodFiles_data();
    void testGoodFiles();
    void testRejectedRows_data();
    void testRejectedRows();
    void testFatalInput_data();
    void testFatalInput();
    void testDevZeroFailsFast();
    void testHugeLineFailsFast();
    void testTotalSizeBound();
    void testRoundTrip();
};

void TestDataCsv::testGoodFiles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<std::vector<double>>("x1");
    QTest::addColumn<std::vector<double>>("x2");
    QTest::addColumn<std::vector<double>>("y");
    QTest::newRow("x,y") << "x,y\n1,2\n-3.5,4e-1\n"
                         << int(DataKind::Regression) << std::vector<double>{1, -3.5}
                         << std::vector<double>{} << std::vector<double>{2, 0.4};
    QTest::newRow("x,label, CRLF and blanks")
        << " x , label \r\n\r\n 0.5 , 1 \r\n+2,0.0\r\n"
        << int(DataKind::Classification) << std::vector<double>{0.5, 2} << std::vector<double>{}
        << std::vector<double>{1, 0};
    QTest::newRow("x1,x2,label, no final line break")
        << "x1,x2,label\n1,2,0\n3,4,1" << int(DataKind::Classification2)
        << std::vector<double>{1, 3} << std::vector<double>{2, 4} << std::vector<double>{0, 1};
    QTest::newRow("header only") << "x,y\n"
                                 << int(DataKind::Regression) << std::vector<double>{}
                                 << std::vector<double>{} << std::vector<double>{};
}

void TestDataCsv::testGoodFiles()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(std::vector<double>, x1);
    QFETCH(std::vector<double>, x2);
    QFETCH(std::vector<double>, y);
    std::istringstream input(text.toStdString());
    const CsvReadResult result = readDataCsv(input);
    QVERIFY(result.isComplete());
    QCOMPARE(int(result.data.kind), kind);
    QCOMPARE(result.data.x1, x1);
    QCOMPARE(result.data.x2, x2);
    QCOMPARE(result.data.y, y);
}

void TestDataCsv::testRejectedRows_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<CsvProblem>("problem");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("found");
    // every file has good rows around the bad one: those must all be kept
    QTest::newRow("text in a number") << "x,y\n1,2\n3,abc\n5,6\n"
                                      << CsvProblem::NotANumber << 3 << 2 << "abc";
    QTest::newRow("empty field") << "x,y\n1,2\n,4\n5,6\n" << CsvProblem::NotANumber << 3 << 1 << "";
    QTest::newRow("trailing garbage") << "x,y\n1,2\n3,4x\n5,6\n"
                                      << CsvProblem::NotANumber << 3 << 2 << "4x";
    QTest::newRow("too many fields") << "x,y\n1,2\n3,4,5\n5,6\n"
                                     << CsvProblem::WrongFieldCount << 3 << 0 << "3,4,5";
    QTest::newRow("too few fields") << "x1,x2,label\n1,2,1\n3,4\n5,6,0\n"
                                    << CsvProblem::WrongFieldCount << 3 << 0 << "3,4";
    QTest::newRow("infinity") << "x,y\n1,2\ninf,4\n5,6\n"
                              << CsvProblem::NotFinite << 3 << 1 << "inf";
    QTest::newRow("not a number") << "x,y\n1,2\n3,nan\n5,6\n"
                                  << CsvProblem::NotFinite << 3 << 2 << "nan";
    QTest::newRow("label above 1") << "x,label\n1,1\n3,2\n5,0\n"
                                   << CsvProblem::LabelOutOfRange << 3 << 2 << "2";
    QTest::newRow("negative label") << "x1,x2,label\n1,1,1\n3,2,-1\n5,0,0\n"
                                    << CsvProblem::LabelOutOfRange << 3 << 3 << "-1";
    QTest::newRow("line counted after blank lines") << "x,y\n\n1,2\n\n3,;\n5,6\n"
                                                    << CsvProblem::NotANumber << 5 << 2 << ";";
}

void TestDataCsv::testRejectedRows()
{
    QFETCH(QString, text);
    QFETCH(CsvProblem, problem);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, found);
    std::istringstream input(text.toStdString());
    const CsvReadResult result = readDataCsv(input);
    QVERIFY(!result.fatal);
    QCOMPARE(result.issues.size(), std::size_t{1});
    const CsvIssue& issue = result.issues.front();
    QCOMPARE(issue.problem, problem);
    QCOMPARE(issue.line, static_cast<std::size_t>(line));
    QCOMPARE(issue.column, column);
    QCOMPARE(QString::fromStdString(issue.text), found);
    // the good rows before and after are kept, in order
    QCOMPARE(result.data.size(), std::size_t{2});
    QCOMPARE(result.data.x1.front(), 1.0);
    QCOMPARE(result.data.x1.back(), 5.0);
}

void TestDataCsv::testFatalInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<CsvProblem>("problem");
    QTest::addColumn<int>("line");
    QTest::newRow("empty input") << "" << CsvProblem::MissingHeader << 1;
    QTest::newRow("numbers first") << "1,2\n3,4\n" << CsvProblem::MissingHeader << 1;
    QTest::newRow("unknown header after a blank line") << "\nx,z\n1,2\n"
                                                       << CsvProblem::MissingHeader << 2;
    QTest::newRow("line too long") << "x,y\n1,2\n" + QString(5000, QLatin1Char('1')) + ",2\n"
                                   << CsvProblem::LineTooLong << 3;
}

void TestDataCsv::testFatalInput()
{
    QFETCH(QString, text);
    QFETCH(CsvProblem, problem);
    QFETCH(int, line);
    std::istringstream input(text.toStdString());
    const CsvReadResult result = readDataCsv(input);
    QVERIFY(result.fatal);
    QCOMPARE(result.fatal->problem, problem);
    QCOMPARE(result.fatal->line, static_cast<std::size_t>(line));
}

void TestDataCsv::testDevZeroFailsFast()
{
    // an endless line of NUL bytes: the reader gives up after maximumLineLength bytes
    std::ifstream file("/dev/zero", std::ios::binary);
    QVERIFY(file.is_open());
    CountingBuffer counter(file.rdbuf());
    std::istream zero(&counter);
    const CsvReadResult result = readDataCsv(zero);
    QVERIFY(result.fatal);
    QCOMPARE(result.fatal->problem, CsvProblem::LineTooLong);
    QCOMPARE(result.fatal->line, std::size_t{1});
    QCOMPARE(counter.taken(), CsvLimits{}.maximumLineLength + 1);
}

void TestDataCsv::testHugeLineFailsFast()
{
    // a 50 MB line after good rows: stops within the line limit, keeps the rows before
    std::string text = "x,y\n1,2\n3,4\n";
    const std::size_t start = text.size();
    text.append(50'000'000, '7');
    std::istringstream input(text);
    const CsvReadResult result = readDataCsv(input);
    QVERIFY(result.fatal);
    QCOMPARE(result.fatal->problem, CsvProblem::LineTooLong);
    QCOMPARE(result.fatal->line, std::size_t{4});
    QCOMPARE(result.data.size(), std::size_t{2});
    QVERIFY(static_cast<std::size_t>(input.tellg()) <= start + CsvLimits{}.maximumLineLength + 1);
}

void TestDataCsv::testTotalSizeBound()
{
    std::string text = "x,y\n";
    for (int i = 0; i < 1000; ++i) {
        text += "1,2\n";
    }
    std::istringstream input(text);
    CsvLimits limits;
    limits.maximumBytes = 400; // 4 bytes of header and 99 rows of 4 bytes fit
    const CsvReadResult result = readDataCsv(input, limits);
    QVERIFY(result.fatal);
    QCOMPARE(result.fatal->problem, CsvProblem::InputTooLarge);
    QCOMPARE(result.data.size(), std::size_t{99});
}

void TestDataCsv::testRoundTrip()
{
    for (const BuiltinDataSet& set : builtinDataSets()) {
        const DataSet data = generate(set);
        std::istringstream input(toCsv(data));
        const CsvReadResult result = readDataCsv(input);
        QVERIFY(result.isComplete());
        QCOMPARE(result.data, data);
    }
}

QTEST_GUILESS_MAIN(TestDataCsv)
#include "tst_datacsv.moc"
