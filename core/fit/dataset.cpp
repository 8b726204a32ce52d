// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/dataset.h"

#include <array>
#include <charconv>
#include <string>

namespace gradlab {

namespace {

std::string_view trimmed(std::string_view text)
{
    const std::size_t begin = text.find_first_not_of(" \t");
    if (begin == std::string_view::npos) {
        return {};
    }
    const std::size_t end = text.find_last_not_of(" \t");
    return text.substr(begin, end - begin + 1);
}

/// The shortest text that reads back as \a value: std::to_chars, which ignores the locale.
std::string exactText(double value)
{
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

} // namespace

std::string_view dataHeader(DataKind kind)
{
    switch (kind) {
    case DataKind::Regression:
        return "x,y";
    case DataKind::Classification:
        return "x,label";
    case DataKind::Classification2:
        return "x1,x2,label";
    }
    return {};
}

std::optional<DataKind> dataKindFromHeader(std::string_view header)
{
    std::string names;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = header.find(',', begin);
        names += trimmed(header.substr(begin, comma - begin));
        if (comma == std::string_view::npos) {
            break;
        }
        names += ',';
        begin = comma + 1;
    }
    for (const DataKind kind :
         {DataKind::Regression, DataKind::Classification, DataKind::Classification2}) {
        if (names == dataHeader(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

int columnCount(DataKind kind)
{
    return kind == DataKind::Classification2 ? 3 : 2;
}

void DataSet::append(double first, double second, double target)
{
    x1.push_back(first);
    if (kind == DataKind::Classification2) {
        x2.push_back(second);
    }
    y.push_back(target);
}

void DataSet::remove(std::size_t row)
{
    const auto offset = static_cast<std::ptrdiff_t>(row);
    x1.erase(x1.begin() + offset);
    if (kind == DataKind::Classification2) {
        x2.erase(x2.begin() + offset);
    }
    y.erase(y.begin() + offset);
}

std::string toCsv(const DataSet& data)
{
    std::string text(dataHeader(data.kind));
    text += '\n';
    for (std::size_t i = 0; i < data.size(); ++i) {
        text += exactText(data.x1[i]);
        if (data.kind == DataKind::Classification2) {
            text += ',' + exactText(data.x2[i]);
        }
        text += ',' + exactText(data.y[i]) + '\n';
    }
    return text;
}

} // namespace gradlab
