// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// libFuzzer target over the whole expression engine: parse → differentiate in x and y →
// simplify → print → parse again → compile → evaluate. Crashes, sanitizer reports, hangs and
// broken invariants (checked below, each ending in a trap) are findings.
#include "differentiation/differentiator.h"
#include "differentiation/simplifier.h"
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "expression/printer.h"
#include "expression/treeevaluator.h"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace gradlab;

/// Reports a broken invariant and stops, so that libFuzzer records the input.
void require(bool condition, const char* what, std::string_view detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n%.*s\n", what, static_cast<int>(detail.size()),
                     detail.data());
        __builtin_trap();
    }
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) ||
           std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

constexpr double kPoints[][2] = {{0.5, -1.25}, {-2.0, 3.0}, {1.0, 1.0}};

/// Plain text reads back, with the same parameters, as the same tree, or at least (for trees
/// the parser never builds, such as negative numbers) as one with the same values. A parsed
/// tree always reads back; a derivative may nest more deeply than the parser accepts.
void readBack(const NodePtr& expression, const std::vector<std::string>& parameters,
              const std::map<std::string, double>& values, bool parsed)
{
    const std::string text = toPlainText(expression);
    ParseOptions options;
    options.parameters = parameters;
    const ParseResult again = parse(text, options);
    if (!parsed && again.error.code == ParseErrorCode::NestedTooDeeply) {
        return;
    }
    require(again.isValid(), "printed text does not parse", text + "\n" + again.error.message);
    if (!structurallyEqual(*again.expression, *expression)) {
        for (const auto& point : kPoints) {
            require(sameValue(evaluateTree(again.expression, point[0], point[1], values),
                              evaluateTree(expression, point[0], point[1], values)),
                    "printed text reads back as another function", text);
        }
    }
    require(!toPrettyText(expression).empty() && !toHtml(expression).empty(),
            "pretty or HTML text is empty");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // Longer inputs only slow the search down; the parser's limits are about depth, not length.
    if (size > 4096) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // Errors: exactly one of expression and error, pointing inside the input, with a message.
    const ParseResult strict = parse(text);
    require(strict.isValid() != (strict.error.code != ParseErrorCode::None),
            "result is neither an expression nor an error");
    if (strict.hasError()) {
        require(strict.error.position <= size &&
                    strict.error.length <= size - strict.error.position,
                "error outside the input");
        require(!strict.error.message.empty(), "error without a message");
    }

    // The rest with unknown names as parameters, as the UI parses.
    ParseOptions options;
    options.declareUnknownIdentifiers = true;
    const ParseResult result = parse(text, options);
    if (result.hasError()) {
        return 0;
    }
    std::map<std::string, double> values;
    std::vector<double> parameterValues;
    for (const std::string& name : result.parameters) {
        values[name] = 0.75;
        parameterValues.push_back(0.75);
    }
    readBack(result.expression, result.parameters, values, true);

    for (const Variable variable : {Variable::X, Variable::Y}) {
        const NodePtr derivative = simplify(differentiate(result.expression, variable));
        require(derivative != nullptr, "no derivative");
        readBack(derivative, result.parameters, values, false);
        const Derivation derivation = derive(result.expression, variable);
        require(derivation.result != nullptr, "derivation without a result");
        static_cast<void>(derivation.summary());
    }

    CompiledFunction function = CompiledFunction::compile(result.expression, result.parameters);
    function.setParameters(parameterValues);
    for (const auto& point : kPoints) {
        const PointValue value = function.evaluate(point[0], point[1]);
        static_cast<void>(value);
    }
    return 0;
}
