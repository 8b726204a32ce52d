// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clioutput.h"

#include <array>
#include <charconv>
#include <cmath>

namespace gradlab {

std::string formatNumber(double value)
{
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value > 0 ? "inf" : "-inf";
    }
    // std::to_chars with a precision is specified as printf with that conversion in the C locale:
    // this is "%.17g", immune to a locale whose decimal separator is a comma.
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::general, 17);
    return std::string(buffer.data(), result.ptr);
}

std::string jsonString(std::string_view text)
{
    std::string escaped = "\"";
    for (const char character : text) {
        switch (character) {
        case '"':
            escaped += "\\\"";
            break;
        case '\\':
            escaped += "\\\\";
            break;
        case '\n':
            escaped += "\\n";
            break;
        case '\t':
            escaped += "\\t";
            break;
        case '\r':
            escaped += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(character) < 0x20) {
                std::array<char, 8> code{};
                std::snprintf(code.data(), code.size(), "\\u%04x",
                              static_cast<unsigned>(static_cast<unsigned char>(character)));
                escaped += code.data();
            } else {
                escaped += character;
            }
        }
    }
    return escaped + "\"";
}

std::string jsonNumber(double value)
{
    const std::string text = formatNumber(value);
    return std::isfinite(value) ? text : "\"" + text + "\"";
}

std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string field = "\"";
    for (const char character : text) {
        // A quote inside a quoted field is doubled.
        field += character == '"' ? std::string("\"\"") : std::string(1, character);
    }
    return field + "\"";
}

std::string caretBlock(std::string_view input, std::size_t position, std::size_t length)
{
    const auto isContinuationByte = [](char character) {
        return (static_cast<unsigned char>(character) & 0xC0) == 0x80;
    };
    std::string shown = "  ";
    std::string marker = "  ";
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char character = input[i];
        // A line break inside the expression would break the block: show it as a space.
        shown += (character == '\n' || character == '\r') ? ' ' : character;
        if (i < position && !isContinuationByte(character)) {
            marker += character == '\t' ? '\t' : ' ';
        }
    }
    marker += '^';
    std::size_t covered = 1;
    for (std::size_t i = position + 1; i < input.size() && i < position + length; ++i) {
        if (!isContinuationByte(input[i])) {
            ++covered;
        }
    }
    marker += std::string(covered - 1, '~');
    return shown + "\n" + marker + "\n";
}

RecordWriter::RecordWriter(std::FILE* out, OutputFormat format, std::vector<std::string> columns)
    : m_out(out)
    , m_format(format)
    , m_columns(std::move(columns))
{
    if (m_format == OutputFormat::Csv) {
        std::string header;
        for (const std::string& column : m_columns) {
            header += (header.empty() ? "" : ",") + column;
        }
        std::fprintf(m_out, "%s\n", header.c_str());
    }
}

void RecordWriter::write(const std::vector<Cell>& cells)
{
    const bool json = m_format == OutputFormat::Json;
    std::string line = json ? (m_records == 0 ? "[\n  {" : ",\n  {") : "";
    for (std::size_t i = 0; i < cells.size() && i < m_columns.size(); ++i) {
        if (i > 0) {
            line += json ? ", " : ",";
        }
        if (json) {
            line += jsonString(m_columns[i]) + ": ";
        }
        const Cell& cell = cells[i];
        if (const auto* integer = std::get_if<long long>(&cell)) {
            line += std::to_string(*integer);
        } else if (const auto* number = std::get_if<double>(&cell)) {
            line += json ? jsonNumber(*number) : formatNumber(*number);
        } else {
            const std::string& text = std::get<std::string>(cell);
            line += json ? jsonString(text) : csvField(text);
        }
    }
    line += json ? "}" : "\n";
    std::fputs(line.c_str(), m_out);
    ++m_records;
}

void RecordWriter::finish()
{
    if (m_format == OutputFormat::Json) {
        std::fputs(m_records == 0 ? "[]\n" : "\n]\n", m_out);
    }
    std::fflush(m_out);
}

} // namespace gradlab
