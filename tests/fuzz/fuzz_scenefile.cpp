// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
//
// libFuzzer target over the scenario loader: bytes → JSON → SceneFile → what the window does with
// it (compile the function, evaluate it at the probe and the start, take the first steps of every
// run with the settings the file gives). Crashes, sanitizer reports, hangs and broken invariants
// (each ending in a trap) are findings.
#include "evaluation/compiledfunction.h"
#include "expression/parser.h"
#include "optimization/optimizer.h"
#include "scenefile.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {

using namespace gradlab;

void require(bool condition, const char* what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        __builtin_trap();
    }
}

/// What the loader promises the window: every value present is one it can show.
void checkScene(const SceneFile& scene)
{
    require(!scene.text.isEmpty(), "a scene without a function");
    require(!scene.domain || scene.domain->isValid(), "an empty domain");
    for (const SceneParameter& parameter : scene.parameters) {
        require(parameter.minimum < parameter.maximum, "a parameter range that is empty");
    }
    require(!scene.probe || scene.probe->allFinite(), "a probe that is not finite");
    require(!scene.start || scene.start->allFinite(), "a start that is not finite");
    require(scene.runs.size() <= static_cast<std::size_t>(kMaxSceneRuns), "too many runs");
    for (const SceneRun& run : scene.runs) {
        require(run.settings.maxSteps >= 1 && run.settings.maxSteps <= kMaxSceneSteps,
                "a run's steps out of bounds");
    }
    require(scene.selected >= -1 && scene.selected < static_cast<int>(scene.runs.size()),
            "a selected run that does not exist");
    require(scene.step >= 0 && scene.step <= kMaxSceneSteps, "a step out of bounds");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // A scene of the window is a few kilobytes; longer inputs only slow the search down (the size
    // bound itself is readSceneFile's, tested in tst_scenefile).
    if (size > 16384) {
        return 0;
    }
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const SceneRead read = readScene(bytes, QStringLiteral("fuzz.gradlab"));
    require(read.scene.has_value() == read.error.isEmpty(), "neither a scene nor an error");
    if (!read.scene) {
        require(read.error.startsWith(QStringLiteral("fuzz.gradlab ")), "an error without a name");
        return 0;
    }
    const SceneFile& scene = *read.scene;
    checkScene(scene);

    ParseOptions options;
    options.declareUnknownIdentifiers = true;
    const ParseResult parsed = parse(scene.text.toStdString(), options);
    require(parsed.isValid(), "a scene's function that does not parse");
    std::vector<double> values(parsed.parameters.size(), 1.0);
    for (const SceneParameter& parameter : scene.parameters) {
        for (std::size_t i = 0; i < parsed.parameters.size(); ++i) {
            if (parsed.parameters[i] == parameter.name.toStdString()) {
                values[i] = parameter.value;
            }
        }
    }
    CompiledFunction function = CompiledFunction::compile(parsed.expression, parsed.parameters);
    function.setParameters(values);
    const Eigen::Vector2d probe = scene.probe.value_or(Eigen::Vector2d(0.5, 0.5));
    static_cast<void>(function.evaluate(probe.x(), probe.y()));

    // The first steps of each run, as the window takes them when the scene opens.
    const Eigen::Vector2d start = scene.start.value_or(Eigen::Vector2d(1.0, 1.0));
    for (const SceneRun& sceneRun : scene.runs) {
        Run run(function.objective(), start, sceneRun.settings);
        run.advanceTo(8);
        require(!run.records().empty(), "a run without its start");
        require(run.records().size() <= 9, "a run past the steps it was asked for");
    }
    return 0;
}
