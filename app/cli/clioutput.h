// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gradlab {

/// How a subcommand writes its records.
enum class OutputFormat { Text, Csv, Json };

/// A number as printf's "%.17g" writes it in the C locale (so it reads back exactly), whatever
/// the process locale; non-finite values as "nan", "inf" and "-inf", never "-nan".
std::string formatNumber(double value);

/// \a text as a JSON string literal, quotes included.
std::string jsonString(std::string_view text);

/// A number as a JSON value: formatNumber, or for non-finite values the string "nan", "inf" or
/// "-inf" (JSON has no literal for them).
std::string jsonNumber(double value);

/// \a text as a CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break).
std::string csvField(std::string_view text);

/// The two lines under an error message: \a input indented by two spaces and, below it, a caret
/// under the character at byte \a position followed by '~' for the rest of \a length characters:
/// "  foo(x) + 1\n  ^~~\n". Columns count characters, not bytes, of UTF-8 input; tabs stay tabs.
std::string caretBlock(std::string_view input, std::size_t position, std::size_t length);

/// \brief Writes records with fixed columns as CSV (a header line, then one line per record) or
/// as a JSON array of objects keyed by the same column names, one object per line.
class RecordWriter
{
public:
    using Cell = std::variant<long long, double, std::string>;

    RecordWriter(std::FILE* out, OutputFormat format, std::vector<std::string> columns);
    /// Writes one record; \a cells match the columns in order.
    void write(const std::vector<Cell>& cells);
    /// Ends the document (the closing bracket of the JSON array).
    void finish();

private:
    std::FILE* m_out = nullptr;
    OutputFormat m_format = OutputFormat::Csv;
    std::vector<std::string> m_columns;
    std::size_t m_records = 0;
};

} // namespace gradlab
