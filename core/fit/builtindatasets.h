// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "fit/dataset.h"

#include <cstdint>
#include <span>
#include <string>

namespace gradlab {

/// \brief A data set generated from a seed: the same rows on every machine (RandomSource).
struct BuiltinDataSet
{
    std::string name;        ///< "noisy-line"
    std::string title;       ///< "Noisy line"
    std::string description; ///< how the rows are drawn, with the seed
    DataKind kind = DataKind::Regression;
    std::uint64_t seed = 0;
    int size = 0;
    DataSet (*rows)(int size, std::uint64_t seed) = nullptr; ///< draws the rows
};

/// The catalogue, in the order the UI lists it.
std::span<const BuiltinDataSet> builtinDataSets();
const BuiltinDataSet* findBuiltinDataSet(std::string_view name);

/// The rows of \a set.
DataSet generate(const BuiltinDataSet& set);

/// \a count rows of y = slope·x + intercept + N(0, noise²), x uniform on [−3, 3), from \a seed.
DataSet noisyLine(int count, double slope, double intercept, double noise, std::uint64_t seed);

/// \a count rows, half labelled 0 around x = −separation/2 and half 1 around +separation/2,
/// x ~ N(centre, 1), alternating 0, 1, 0, …, from \a seed.
DataSet twoClasses(int count, double separation, std::uint64_t seed);

/// \a count points of the plane, label 1 ~ N((c, c), I) and label 0 ~ N((−c, −c), I) with
/// c = separation/(2√2), alternating 0, 1, 0, …, from \a seed.
DataSet twoBlobs(int count, double separation, std::uint64_t seed);

} // namespace gradlab
