// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/csvreader.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace gradlab {

namespace {

constexpr std::size_t excerptLength = 40;

std::string excerpt(std::string_view text)
{
    return std::string(text.substr(0, excerptLength));
}

std::string_view trimmed(std::string_view text)
{
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    const std::size_t end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

/// \brief Reads lines of at most a given length, counting every byte against a total.
class BoundedLineReader
{
public:
    BoundedLineReader(std::istream& input, const CsvLimits& limits)
        : m_input(input)
        , m_limits(limits)
    {}

    /// The next line into \a line; false at the end or on a fatal problem (then fatal() is set).
    bool next(std::string& line)
    {
        line.clear();
        if (m_fatal || !m_input.good()) {
            return false;
        }
        ++m_lineNumber;
        bool any = false;
        for (int c = m_input.get(); c != std::char_traits<char>::eof(); c = m_input.get()) {
            any = true;
            if (++m_bytes > m_limits.maximumBytes) {
                m_fatal = CsvIssue{CsvProblem::InputTooLarge, m_lineNumber, 0, {}};
                return false;
            }
            if (c == '\n') {
                break;
            }
            if (line.size() == m_limits.maximumLineLength) {
                m_fatal = CsvIssue{CsvProblem::LineTooLong, m_lineNumber, 0, excerpt(line)};
                return false;
            }
            line.push_back(static_cast<char>(c));
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        return any;
    }

    std::size_t lineNumber() const { return m_lineNumber; }
    const std::optional<CsvIssue>& fatal() const { return m_fatal; }

private:
    std::istream& m_input;
    CsvLimits m_limits;
    std::size_t m_lineNumber = 0;
    std::size_t m_bytes = 0;
    std::optional<CsvIssue> m_fatal;
};

/// Parses one data row into \a values; the problem otherwise.
std::optional<CsvIssue> parseRow(std::string_view line, std::size_t lineNumber, DataKind kind,
                                 double (&values)[3])
{
    const int expected = columnCount(kind);
    int column = 0;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = line.find(',', begin);
        if (column == expected) {
            return CsvIssue{CsvProblem::WrongFieldCount, lineNumber, 0, excerpt(line)};
        }
        const std::string_view field = trimmed(line.substr(begin, comma - begin));
        double value = 0;
        const char* end = field.data() + field.size();
        // from_chars reads the C way whatever the locale; a leading '+' is not its business.
        const std::string_view digits = field.starts_with('+') ? field.substr(1) : field;
        const auto [pointer, error] = std::from_chars(digits.data(), end, value);
        if (digits.empty() || error != std::errc() || pointer != end) {
            return CsvIssue{CsvProblem::NotANumber, lineNumber, column + 1, excerpt(field)};
        }
        if (!std::isfinite(value)) {
            return CsvIssue{CsvProblem::NotFinite, lineNumber, column + 1, excerpt(field)};
        }
        values[column++] = value;
        if (comma == std::string_view::npos) {
            break;
        }
        begin = comma + 1;
    }
    if (column != expected) {
        return CsvIssue{CsvProblem::WrongFieldCount, lineNumber, 0, excerpt(line)};
    }
    const double label = values[expected - 1];
    if (kind != DataKind::Regression && (label < 0.0 || label > 1.0)) {
        return CsvIssue{CsvProblem::LabelOutOfRange, lineNumber, expected,
                        excerpt(trimmed(line.substr(line.rfind(',') + 1)))};
    }
    return std::nullopt;
}

} // namespace

CsvReadResult readDataCsv(std::istream& input, const CsvLimits& limits)
{
    CsvReadResult result;
    BoundedLineReader reader(input, limits);
    std::string line;
    bool hasHeader = false;
    while (reader.next(line)) {
        if (trimmed(line).empty()) {
            continue;
        }
        if (!hasHeader) {
            const std::optional<DataKind> kind = dataKindFromHeader(line);
            if (!kind) {
                result.fatal =
                    CsvIssue{CsvProblem::MissingHeader, reader.lineNumber(), 0, excerpt(line)};
                return result;
            }
            result.data.kind = *kind;
            hasHeader = true;
            continue;
        }
        double values[3] = {0, 0, 0};
        if (std::optional<CsvIssue> issue =
                parseRow(line, reader.lineNumber(), result.data.kind, values)) {
            result.issues.push_back(std::move(*issue));
            continue;
        }
        if (result.data.kind == DataKind::Classification2) {
            result.data.append(values[0], values[1], values[2]);
        } else {
            result.data.append(values[0], 0.0, values[1]);
        }
    }
    if (reader.fatal()) {
        result.fatal = reader.fatal();
    } else if (!hasHeader) {
        result.fatal = CsvIssue{CsvProblem::MissingHeader, 1, 0, {}};
    }
    return result;
}

} // namespace gradlab
