// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "fit/dataset.h"

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace gradlab {

/// What is wrong with a row (or, for the fatal ones, with the whole input).
enum class CsvProblem {
    MissingHeader,   ///< fatal: the first non-blank line is not a known header ("1,2" first)
    LineTooLong,     ///< fatal: a line longer than CsvLimits::maximumLineLength ("/dev/zero")
    InputTooLarge,   ///< fatal: more than CsvLimits::maximumBytes bytes
    WrongFieldCount, ///< "1,2,3" under "x,y"
    NotANumber,      ///< "1,abc": column names the field
    NotFinite,       ///< "1,inf" or "nan,2"
    LabelOutOfRange  ///< "1,2" under "x,label": labels lie in [0, 1]
};

/// \brief One problem the reader found: where (1-based line of the input; the header is line 1
/// when it is the first line), in which field (1-based; 0 for the whole line) and the text found.
struct CsvIssue
{
    CsvProblem problem = CsvProblem::WrongFieldCount;
    std::size_t line = 0;
    int column = 0;
    std::string text; ///< the offending field (or line), cut to 40 bytes
};

/// \brief Bounds that keep a reader of any input (a huge file, /dev/zero) fast and small.
struct CsvLimits
{
    std::size_t maximumLineLength = 4096;        ///< bytes per line, line break excluded
    std::size_t maximumBytes = 64 * 1024 * 1024; ///< bytes in all
};

/// \brief What a read gives: the good rows (in input order) and every problem. With a fatal
/// problem, data holds the rows read before it.
struct CsvReadResult
{
    DataSet data;
    std::vector<CsvIssue> issues; ///< bad rows, in input order
    std::optional<CsvIssue> fatal;

    bool isComplete() const { return !fatal && issues.empty(); }
};

/// Reads a data set: a header line ("x,y", "x,label" or "x1,x2,label"), then one row a line.
/// Blank lines are skipped, a trailing "\r" is dropped. A bad row is reported and skipped; the
/// others are kept. Reading stops at the first fatal problem, after at most maximumLineLength + 1
/// bytes of an over-long line.
CsvReadResult readDataCsv(std::istream& input, const CsvLimits& limits = {});

} // namespace gradlab
