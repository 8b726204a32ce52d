// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/hyperparameters.h"

#include <algorithm>
#include <limits>

namespace gradlab {

namespace {

constexpr double unbounded = std::numeric_limits<double>::infinity();

/// torch.optim's checks: rates, momenta, smoothing and ε at least 0.
constexpr ValueRange atLeastZero{0.0, unbounded, false, false};
/// Exponential averaging factors: β = 1 would never forget the first gradient.
constexpr ValueRange belowOne{0.0, 1.0, false, true};

std::vector<HyperParameter> makeTable()
{
    std::vector<HyperParameter> table;
    {
        HyperParameter p;
        p.name = "lr";
        p.sceneKey = "lr";
        p.label = "Learning rate &η";
        p.symbol = "η";
        p.help = "learning rate";
        p.toolTip = "The exact learning rate η: any positive number (0.0125, 3e-4)";
        p.range = atLeastZero;
        p.editor = EditorKind::LearningRate;
        p.methods = {Method::GradientDescent, Method::Momentum, Method::Nesterov, Method::AdaGrad,
                     Method::RMSProp,         Method::Adam,     Method::AdamW,    Method::Newton,
                     Method::LineSearch,      Method::LBFGS};
        p.get = [](const OptimizerSettings& s) {
            return s.learningRate;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.learningRate = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "momentum";
        p.sceneKey = "momentum";
        p.label = "Momentum μ";
        p.symbol = "μ";
        p.help = "momentum μ";
        p.toolTip = "How much of the previous step carries over: b ← μ·b + ∇f";
        p.range = atLeastZero;
        p.editor = EditorKind::Fraction;
        p.editorMaximum = 0.9999;
        p.decimals = 4;
        p.methods = {Method::Momentum, Method::Nesterov, Method::RMSProp};
        p.get = [](const OptimizerSettings& s) {
            return s.momentum;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.momentum = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "alpha";
        p.sceneKey = "alpha";
        p.label = "Smoothing α";
        p.symbol = "α";
        p.help = "RMSProp smoothing constant";
        p.toolTip = "Running average of squared gradients: v ← α·v + (1 − α)·g²";
        p.range = atLeastZero;
        p.editor = EditorKind::Fraction;
        p.editorMaximum = 0.9999;
        p.decimals = 4;
        p.methods = {Method::RMSProp};
        p.get = [](const OptimizerSettings& s) {
            return s.alpha;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.alpha = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "beta1";
        p.sceneKey = "beta1";
        p.label = "β₁";
        p.symbol = "β₁";
        p.help = "Adam first-moment decay β1";
        p.toolTip = "Decay of the first moment: m ← β₁·m + (1 − β₁)·g";
        p.range = belowOne;
        p.editor = EditorKind::Fraction;
        p.editorMaximum = 0.99999;
        p.decimals = 5;
        p.methods = {Method::Adam, Method::AdamW};
        p.get = [](const OptimizerSettings& s) {
            return s.beta1;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.beta1 = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "beta2";
        p.sceneKey = "beta2";
        p.label = "β₂";
        p.symbol = "β₂";
        p.help = "Adam second-moment decay β2";
        p.toolTip = "Decay of the second moment: v ← β₂·v + (1 − β₂)·g²";
        p.range = belowOne;
        p.editor = EditorKind::Fraction;
        p.editorMaximum = 0.99999;
        p.decimals = 5;
        p.methods = {Method::Adam, Method::AdamW};
        p.get = [](const OptimizerSettings& s) {
            return s.beta2;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.beta2 = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "eps";
        p.sceneKey = "eps";
        p.label = "ε";
        p.symbol = "ε";
        p.help = "ε added to denominators";
        p.toolTip = "Added to the denominator so that it is never zero";
        p.range = atLeastZero;
        p.editor = EditorKind::Positive;
        p.methods = {Method::AdaGrad, Method::RMSProp, Method::Adam, Method::AdamW};
        p.get = [](const OptimizerSettings& s) {
            return s.epsilon;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.epsilon = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "lr-decay";
        p.sceneKey = "lrDecay";
        p.label = "η decay";
        p.help = "AdaGrad learning-rate decay";
        p.toolTip = "η_k = η / (1 + (k − 1)·decay)";
        p.range = atLeastZero;
        p.editor = EditorKind::NonNegative;
        p.methods = {Method::AdaGrad};
        p.get = [](const OptimizerSettings& s) {
            return s.learningRateDecay;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.learningRateDecay = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "initial-accumulator";
        p.sceneKey = "initialAccumulator";
        p.label = "Initial sum";
        p.help = "AdaGrad's starting sum of squared gradients";
        p.toolTip = "The starting value of the sum of squared gradients";
        p.range = atLeastZero;
        p.editor = EditorKind::NonNegative;
        p.methods = {Method::AdaGrad};
        p.get = [](const OptimizerSettings& s) {
            return s.initialAccumulator;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.initialAccumulator = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "centered";
        p.sceneKey = "centered";
        p.label = "centered";
        p.help = "RMSProp: divide by the centred variance";
        p.toolTip = "Divide by the variance of the gradient rather than its mean square";
        p.kind = ParameterKind::Flag;
        p.range = {0.0, 1.0, false, false};
        p.editor = EditorKind::Check;
        p.methods = {Method::RMSProp};
        p.get = [](const OptimizerSettings& s) {
            return s.centered ? 1.0 : 0.0;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.centered = v != 0;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "amsgrad";
        p.sceneKey = "amsgrad";
        p.label = "AMSGrad";
        p.help = "Adam: the AMSGrad variant (keeps the largest v̂)";
        p.toolTip = "Use the largest v̂ so far, so the step never grows back";
        p.kind = ParameterKind::Flag;
        p.range = {0.0, 1.0, false, false};
        p.editor = EditorKind::Check;
        p.methods = {Method::Adam, Method::AdamW};
        p.get = [](const OptimizerSettings& s) {
            return s.amsgrad ? 1.0 : 0.0;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.amsgrad = v != 0;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "armijo";
        p.sceneKey = "armijo";
        p.label = "Armijo c₁";
        p.symbol = "c₁";
        p.help = "line search: Armijo constant c1";
        p.toolTip = "Accept a step when f falls by at least c₁·t·‖∇f‖²";
        // c₁ ≥ 1 asks for more decrease than the linear model promises: no step would pass.
        p.range = belowOne;
        p.editor = EditorKind::Positive;
        p.methods = {Method::LineSearch};
        p.get = [](const OptimizerSettings& s) {
            return s.armijo;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.armijo = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "shrink";
        p.sceneKey = "shrink";
        p.label = "Shrink";
        p.help = "line search: backtracking factor";
        p.toolTip = "Backtracking: t ← shrink·t until the Armijo condition holds";
        // 0 would try only the first step, 1 would never shrink it.
        p.range = {0.0, 1.0, true, true};
        p.editor = EditorKind::Fraction;
        p.editorMinimum = 0.05;
        p.editorMaximum = 0.95;
        p.decimals = 2;
        p.methods = {Method::LineSearch};
        p.get = [](const OptimizerSettings& s) {
            return s.shrink;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.shrink = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "weight-decay";
        p.sceneKey = "weightDecay";
        p.label = "Weight decay λ";
        p.symbol = "λ";
        p.help = "weight decay λ: adds λ·x to the gradient (adamw: x ← x·(1 − lr·λ))";
        p.toolTip = "Pulls the point towards 0: g ← ∇f + λ·x (AdamW: x ← x·(1 − η·λ) first)";
        p.range = atLeastZero;
        p.editor = EditorKind::NonNegative;
        p.methods = {Method::GradientDescent, Method::Momentum, Method::Nesterov, Method::AdaGrad,
                     Method::RMSProp,         Method::Adam,     Method::AdamW};
        p.get = [](const OptimizerSettings& s) {
            return s.weightDecay;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.weightDecay = v;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "history";
        p.sceneKey = "history";
        p.label = "History m";
        p.symbol = "m";
        p.help = "L-BFGS: curvature pairs kept";
        p.toolTip = "How many (s, y) pairs the inverse-Hessian estimate remembers";
        p.kind = ParameterKind::Count;
        // bounded like the panel's spin box: a count beyond int would not convert
        p.range = {1.0, 1000.0, false, false};
        p.editor = EditorKind::Count;
        p.editorMinimum = 1;
        p.editorMaximum = 1000;
        p.methods = {Method::LBFGS};
        p.get = [](const OptimizerSettings& s) {
            return static_cast<double>(s.history);
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.history = static_cast<int>(v);
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "line-search";
        p.sceneKey = "lineSearch";
        p.label = "Line search";
        p.help = "L-BFGS: the step lr·d as it is, or torch's strong-Wolfe search";
        p.toolTip = "none: step t = η along d; strong_wolfe: search t for the strong Wolfe "
                    "conditions (cubic interpolation)";
        p.kind = ParameterKind::Choice;
        p.range = {0.0, 1.0, false, false};
        p.editor = EditorKind::Choice;
        p.methods = {Method::LBFGS};
        p.choices = {"none", "strong_wolfe"};
        p.get = [](const OptimizerSettings& s) {
            return s.lineSearch == LineSearchKind::StrongWolfe ? 1.0 : 0.0;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.lineSearch = v != 0 ? LineSearchKind::StrongWolfe : LineSearchKind::None;
        };
        table.push_back(p);
    }
    {
        HyperParameter p;
        p.name = "tol";
        p.sceneKey = "tolerance";
        p.label = "&Tolerance ‖∇f‖ <";
        p.help = "stop once the gradient's norm is below V, 0: never";
        p.toolTip = "Stop when ‖∇f‖ falls below this (0: never)";
        p.range = atLeastZero;
        p.editor = EditorKind::NonNegative;
        p.group = ParameterGroup::Stopping;
        p.get = [](const OptimizerSettings& s) {
            return s.tolerance;
        };
        p.set = [](OptimizerSettings& s, double v) {
            s.tolerance = v;
        };
        table.push_back(p);
    }
    return table;
}

} // namespace

bool ValueRange::contains(double value) const
{
    const bool aboveMinimum = minimumOpen ? value > minimum : value >= minimum;
    const bool belowMaximum = maximumOpen ? value < maximum : value <= maximum;
    return aboveMinimum && belowMaximum;
}

bool HyperParameter::appliesTo(Method method) const
{
    return methods.empty() || std::find(methods.begin(), methods.end(), method) != methods.end();
}

double HyperParameter::defaultValue(Method method) const
{
    return get(defaultSettings(method));
}

std::span<const HyperParameter> hyperParameters()
{
    static const std::vector<HyperParameter> table = makeTable();
    return table;
}

const HyperParameter* findHyperParameter(std::string_view name,
                                         std::span<const HyperParameter> table)
{
    const auto found = std::find_if(table.begin(), table.end(),
                                    [name](const HyperParameter& p) { return p.name == name; });
    return found == table.end() ? nullptr : &*found;
}

std::vector<DefaultGroup> defaultGroups(const HyperParameter& parameter)
{
    std::vector<DefaultGroup> groups;
    for (const Method method : allMethods()) {
        if (!parameter.appliesTo(method)) {
            continue;
        }
        const double value = parameter.defaultValue(method);
        const auto found =
            std::find_if(groups.begin(), groups.end(),
                         [value](const DefaultGroup& g) { return g.value == value; });
        if (found == groups.end()) {
            groups.push_back({value, {method}});
        } else {
            found->methods.push_back(method);
        }
    }
    return groups;
}

} // namespace gradlab
