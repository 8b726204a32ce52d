// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

/// The three shapes of data a fit works on, named by their CSV header.
enum class DataKind {
    Regression,     ///< "x,y": a number y for each x (the line model)
    Classification, ///< "x,label": a label in [0, 1] for each x (the logistic model)
    Classification2 ///< "x1,x2,label": a label for each point of the plane (logistic2)
};

/// "x,y", "x,label" or "x1,x2,label".
std::string_view dataHeader(DataKind kind);
/// The kind whose header is \a header (blanks around the names allowed); empty otherwise.
std::optional<DataKind> dataKindFromHeader(std::string_view header);
/// The number of columns of a row: 2, 2 or 3.
int columnCount(DataKind kind);

/// \brief Data a model is fitted to, one entry per row in file order. Structure of arrays so the
/// loss loops run over contiguous memory. x2 is empty unless the kind is Classification2; y holds
/// the target (y or the label).
struct DataSet
{
    DataKind kind = DataKind::Regression;
    std::vector<double> x1;
    std::vector<double> x2;
    std::vector<double> y;

    std::size_t size() const { return y.size(); }
    bool isEmpty() const { return y.empty(); }
    /// Appends a row; \a second is ignored unless the kind has two inputs.
    void append(double first, double second, double target);
    /// Removes row \a row.
    void remove(std::size_t row);
    bool operator==(const DataSet&) const = default;
};

/// The data set as CSV text: its header and one line per row, numbers written so they read back
/// exactly ("%.17g", locale independent).
std::string toCsv(const DataSet& data);

} // namespace gradlab
