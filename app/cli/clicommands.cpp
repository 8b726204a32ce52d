// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "clicommands.h"

#include "clifit.h"
#include "cligraph.h"
#include "clioptimizer.h"
#include "clioptimizeroptions.h"
#include "clisubcommands.h"

#include <algorithm>
#include <string>
#include <vector>

namespace gradlab {
namespace {

// ---------------------------------------------------------------------------------------------
// The table of subcommands.

constexpr OptionSpec paramOption{"param", "NAME=VALUE",
                                 "declare a parameter of the expression and its value", true};
constexpr OptionSpec csvJsonOption{"format", "csv|json", "output format (default csv)"};

constexpr OptionSpec evalOptions[] = {
    {"at", "X,Y", "a point to evaluate at (repeat for more points)", true},
    {"points", "FILE|-",
     "read points from FILE (or stdin for -): \"X,Y\" or \"X Y\" a line, "
     "blank lines and #comments skipped",
     true},
    paramOption,
    csvJsonOption,
};

constexpr OptionSpec diffOptions[] = {
    {"steps", "", "show the derivation rule by rule, indented by depth, and its summary"},
    {"param", "NAME[=VALUE]",
     "declare a parameter; with a VALUE it is substituted before "
     "differentiating, without one it stays a symbol",
     true},
};

/// from, optimizer and steps, then one option per hyper-parameter, then param and format.
std::span<const OptionSpec> descendOptions()
{
    static const std::string optimizerHelp = methodNamesText();
    static const std::vector<OptionSpec> options = [] {
        std::vector<OptionSpec> list{
            {"from", "X,Y", "start point (default: the preset's start)"},
            {"optimizer", "NAME", optimizerHelp},
            {"steps", "N", "number of steps, 0 to 1000000"},
        };
        const std::span<const OptionSpec> parameters = optimizerOptions().options();
        list.insert(list.end(), parameters.begin(), parameters.end());
        list.push_back({"schedule", "SPEC",
                        "learning-rate schedule (torch.optim.lr_scheduler): step:step_size=S,"
                        "gamma=G, multistep:milestones=A;B,gamma=G, exponential:gamma=G, "
                        "cosine:t_max=T,eta_min=E, linear:start_factor=S,end_factor=E,"
                        "total_iters=N (default: constant)"});
        list.push_back({"warmup", "N:F",
                        "linear warm-up from F·lr to lr over N steps, then the schedule "
                        "(SequentialLR)"});
        list.push_back({"evaluations", "",
                        "add the columns f_evals,grad_evals,hessian_evals (always there for "
                        "lbfgs and neldermead)"});
        list.push_back(paramOption);
        list.push_back(csvJsonOption);
        return list;
    }();
    return options;
}

/// "gradlab descend EXPR|preset:NAME --from X,Y … [--format csv|json]".
std::string_view descendSynopsis()
{
    static const std::string synopsis =
        "gradlab descend EXPR|preset:NAME --from X,Y --optimizer NAME --steps N " +
        optimizerOptions().synopsis() +
        " [--schedule SPEC] [--warmup N:F] [--evaluations] [--param NAME=VALUE ...] "
        "[--format csv|json]";
    return synopsis;
}

} // namespace

std::vector<OptionSpec> optimizerOptionSpecs()
{
    const std::span<const OptionSpec> options = optimizerOptions().options();
    return {options.begin(), options.end()};
}

namespace {

constexpr OptionSpec presetsOptions[] = {
    {"format", "text|json", "output format (default text)"},
};

constexpr OptionSpec criticalOptions[] = {
    {"domain", "X0,X1,Y0,Y1", "where to search (default: the preset's domain, else -5,5,-5,5)"},
    paramOption,
    csvJsonOption,
};

const CommandSpec commandTable[] = {
    {"eval", "value, gradient and Hessian of f at points",
     "gradlab eval EXPR --at X,Y [--at X,Y ...] [--points FILE|-] [--param NAME=VALUE ...] "
     "[--format csv|json]",
     "EXPR", evalOptions,
     "Evaluates f(x, y), its gradient and its Hessian at each point, in the order the --at and\n"
     "--points options are given. EXPR is an expression in x and y, or preset:NAME.\n"
     "CSV columns: x,y,f,df_dx,df_dy,d2f_dx2,d2f_dxdy,d2f_dy2.",
     "gradlab eval \"x^2 + 3xy + y^2\" --at 1,4\n"
     "gradlab eval \"a*x^2 + y^2\" --param a=3 --at 1,2 --at -1,0.5 --format json\n"
     "printf '1 4\\n2,3\\n' | gradlab eval \"x*y\" --points -",
     &runEval},
    {"diff", "symbolic partial derivatives, rule by rule",
     "gradlab diff EXPR [--steps] [--param NAME[=VALUE] ...]", "EXPR", diffOptions,
     "Prints the simplified partial derivatives df/dx and df/dy. With --steps, each is followed\n"
     "by its derivation: one rule a line, indented by depth, and the summary line.",
     "gradlab diff \"x^2 + 3xy + y^2\"\n"
     "gradlab diff \"sigmoid(w*x + y)\" --param w --steps",
     &runDiff},
    {"descend", "run an optimizer and print its trajectory", descendSynopsis(), "EXPR",
     descendOptions(),
     "Runs --steps steps of the optimizer from --from and prints one record per point: step 0 is\n"
     "the start, step k the point after k steps. gd, momentum, nesterov, adagrad, rmsprop, adam,\n"
     "adamw and lbfgs follow torch.optim, neldermead SciPy's Nelder-Mead; options a method does\n"
     "not use are rejected. The run stops early only when --tol is given and met, or when it\n"
     "diverges: then the records up to the divergence are printed, the reason goes to stderr and\n"
     "the exit code is 3.\n"
     "CSV columns: step,x,y,f,df_dx,df_dy,lr (lr: the rate of the step from that row; on the last\n"
     "row the rate a next step would use; nan for neldermead), then with --evaluations (and for\n"
     "lbfgs, neldermead) f_evals,grad_evals,hessian_evals (cumulative), then for neldermead\n"
     "v1_x,v1_y,v2_x,v2_y,v3_x,v3_y (the simplex, best vertex first; x,y is v1).",
     "gradlab descend \"x^2 + 10y^2\" --from 3,1 --optimizer momentum --steps 50 --lr 0.02\n"
     "gradlab descend preset:rosenbrock --optimizer adam --steps 500 --lr 0.05 --format json",
     &runDescend, &defaultLearningRates},
    {"presets", "the catalogue of preset functions", "gradlab presets [--format text|json]", "",
     presetsOptions,
     "Lists every preset: name, title, formula, domain (X0,X1,Y0,Y1), start (X,Y), known\n"
     "critical points and description. Use a preset anywhere an EXPR is taken as preset:NAME.",
     "gradlab presets\n"
     "gradlab presets --format json",
     &runPresets},
    {"critical", "find and classify critical points",
     "gradlab critical EXPR|preset:NAME [--domain X0,X1,Y0,Y1] [--param NAME=VALUE ...] "
     "[--format csv|json]",
     "EXPR", criticalOptions,
     "Finds the points where the gradient vanishes (Newton from a grid of seeds over the domain)\n"
     "and classifies each by the eigenvalues of the Hessian: minimum, maximum, saddle or\n"
     "degenerate. Critical points that are not isolated are one row: kind 'curve of minima'\n"
     "(a valley floor), 'curve of maxima' (a ridge), 'degenerate curve' (both eigenvalues zero,\n"
     "as x^3 along x = 0), each 'closed ...' when it is a loop, or 'flat area' (f constant);\n"
     "x,y,f and the eigenvalues are then those of one point on it, samples counts the points\n"
     "along it (half a seed spacing apart), x_min..y_max is their bounding box and f_min,f_max\n"
     "their range of f. An isolated point has samples 1 and a box of itself. Sorted by f (a\n"
     "curve's f_min), then x, then y.\n"
     "CSV columns: x,y,f,lambda_min,lambda_max,kind,samples,x_min,x_max,y_min,y_max,f_min,f_max.",
     "gradlab critical \"x^2 - y^2\"\n"
     "gradlab critical \"(x^2 + y^2 - 1)^2\"\n"
     "gradlab critical preset:himmelblau --format json",
     &runCritical},
    fitCommand(),
    graphCommand(),
};

std::string wrapped(std::string_view text, std::string_view indent)
{
    std::string result;
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        result += std::string(indent) + std::string(text.substr(begin, end - begin)) + "\n";
        begin = end + 1;
    }
    return result;
}

/// "usage: gradlab descend EXPR …" broken between its words (an option with its value and a
/// bracketed group stay whole) so that no line is wider than 100 columns; continuation lines are
/// indented under the first word after the subcommand.
std::string wrappedSynopsis(std::string_view synopsis)
{
    constexpr std::size_t width = 100;
    std::vector<std::string> words;
    int depth = 0;
    std::string word;
    for (const char character : synopsis) {
        if (character == ' ' && depth == 0) {
            words.push_back(word);
            word.clear();
            continue;
        }
        depth += character == '[' ? 1 : character == ']' ? -1 : 0;
        word += character;
    }
    words.push_back(word);
    // "usage: gradlab SUBCOMMAND " is the hanging indent.
    const std::size_t indent = std::string_view("usage: ").size() + words[0].size() + 1 +
                               (words.size() > 1 ? words[1].size() + 1 : 0);
    std::string text = "usage:";
    std::size_t column = text.size();
    for (std::size_t i = 0; i < words.size(); ++i) {
        // An option and its value ("--steps N") stay on one line.
        std::string group = words[i];
        if (words[i].starts_with("--") && i + 1 < words.size() && !words[i + 1].starts_with("-") &&
            !words[i + 1].starts_with("[")) {
            group += " " + words[++i];
        }
        if (i > 2 && column + 1 + group.size() > width) {
            text += "\n" + std::string(indent - 1, ' ');
            column = indent - 1;
        }
        text += " " + group;
        column += 1 + group.size();
    }
    return text + "\n";
}

} // namespace

std::span<const CommandSpec> commands()
{
    return commandTable;
}

const CommandSpec* findCommand(std::string_view name)
{
    const auto found =
        std::find_if(std::begin(commandTable), std::end(commandTable),
                     [name](const CommandSpec& command) { return command.name == name; });
    return found == std::end(commandTable) ? nullptr : &*found;
}

std::string commandHelp(const CommandSpec& command)
{
    std::string text = wrappedSynopsis(command.synopsis) + "\n" + wrapped(command.description, "");
    if (command.notes) {
        text += command.notes() + "\n";
    }
    text += "\noptions:\n";
    std::vector<std::pair<std::string, std::string_view>> rows;
    for (const OptionSpec& option : command.options) {
        std::string name = "--" + std::string(option.name);
        if (!option.isFlag()) {
            name += " " + std::string(option.valueName);
        }
        rows.emplace_back(name, option.help);
    }
    rows.emplace_back("-h, --help", "this help");
    std::size_t width = 0;
    for (const auto& row : rows) {
        width = std::max(width, row.first.size());
    }
    for (const auto& [name, help] : rows) {
        text += "  " + name + std::string(width - name.size() + 2, ' ') + std::string(help) + "\n";
    }
    text += "\nexamples:\n" + wrapped(command.examples, "  ");
    return text;
}

} // namespace gradlab
