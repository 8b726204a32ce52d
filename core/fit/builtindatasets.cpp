// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "fit/builtindatasets.h"

#include "fit/randomsource.h"

#include <algorithm>
#include <cmath>

namespace gradlab {

namespace {

const BuiltinDataSet catalogue[] = {
    {"noisy-line", "Noisy line",
     "40 points of y = 1.5x − 0.5 + N(0, 0.5²), x uniform on [−3, 3), seed 1", DataKind::Regression,
     1, 40,
     [](int size, std::uint64_t seed) {
         return noisyLine(size, 1.5, -0.5, 0.5, seed);
     }},
    {"steep-line", "Steep line, wide x",
     "30 points of y = 3x + 2 + N(0, 1), x uniform on [−3, 3), seed 2: an elongated valley",
     DataKind::Regression, 2, 30,
     [](int size, std::uint64_t seed) {
         return noisyLine(size, 3.0, 2.0, 1.0, seed);
     }},
    {"overlapping-classes", "Overlapping classes",
     "60 labels, x ~ N(∓1, 1) for labels 0 and 1, seed 3: the classes overlap",
     DataKind::Classification, 3, 60,
     [](int size, std::uint64_t seed) {
         return twoClasses(size, 2.0, seed);
     }},
    {"separated-classes", "Nearly separable classes",
     "40 labels, x ~ N(∓2.5, 1) for labels 0 and 1, seed 4: the loss keeps falling with |w|",
     DataKind::Classification, 4, 40,
     [](int size, std::uint64_t seed) {
         return twoClasses(size, 5.0, seed);
     }},
    {"two-blobs", "Two blobs in the plane",
     "80 points, label 1 ~ N((1, 1), I), label 0 ~ N((−1, −1), I), seed 5",
     DataKind::Classification2, 5, 80,
     [](int size, std::uint64_t seed) {
         return twoBlobs(size, 2.0 * std::sqrt(2.0), seed);
     }},
};

} // namespace

std::span<const BuiltinDataSet> builtinDataSets()
{
    return catalogue;
}

const BuiltinDataSet* findBuiltinDataSet(std::string_view name)
{
    const auto found = std::find_if(std::begin(catalogue), std::end(catalogue),
                                    [name](const BuiltinDataSet& set) { return set.name == name; });
    return found == std::end(catalogue) ? nullptr : &*found;
}

DataSet generate(const BuiltinDataSet& set)
{
    return set.rows(set.size, set.seed);
}

DataSet noisyLine(int count, double slope, double intercept, double noise, std::uint64_t seed)
{
    RandomSource random(seed);
    DataSet data;
    data.kind = DataKind::Regression;
    for (int i = 0; i < count; ++i) {
        const double x = random.uniform(-3.0, 3.0);
        data.append(x, 0.0, slope * x + intercept + random.normal(0.0, noise));
    }
    return data;
}

DataSet twoClasses(int count, double separation, std::uint64_t seed)
{
    RandomSource random(seed);
    DataSet data;
    data.kind = DataKind::Classification;
    for (int i = 0; i < count; ++i) {
        const double label = i % 2;
        data.append(random.normal((label - 0.5) * separation, 1.0), 0.0, label);
    }
    return data;
}

DataSet twoBlobs(int count, double separation, std::uint64_t seed)
{
    RandomSource random(seed);
    DataSet data;
    data.kind = DataKind::Classification2;
    // the centres (±c, ±c) are separation apart: |(2c, 2c)| = 2√2·c
    const double c = separation / (2.0 * std::sqrt(2.0));
    for (int i = 0; i < count; ++i) {
        const double label = i % 2;
        const double centre = label == 1 ? c : -c;
        const double x1 = random.normal(centre, 1.0);
        data.append(x1, random.normal(centre, 1.0), label);
    }
    return data;
}

} // namespace gradlab
