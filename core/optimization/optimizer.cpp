// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "optimization/optimizer.h"

#include <array>

namespace gradlab {

namespace {

struct MethodNames
{
    Method method;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<MethodNames, 11> methodNames{{
    {Method::GradientDescent, "gd", "Gradient descent"},
    {Method::Momentum, "momentum", "Momentum"},
    {Method::Nesterov, "nesterov", "Nesterov"},
    {Method::AdaGrad, "adagrad", "AdaGrad"},
    {Method::RMSProp, "rmsprop", "RMSProp"},
    {Method::Adam, "adam", "Adam"},
    {Method::AdamW, "adamw", "AdamW"},
    {Method::Newton, "newton", "Newton"},
    {Method::LineSearch, "linesearch", "Line search"},
    {Method::LBFGS, "lbfgs", "L-BFGS"},
    {Method::NelderMead, "neldermead", "Nelder–Mead"},
}};

} // namespace

std::string_view methodName(Method method)
{
    for (const MethodNames& entry : methodNames) {
        if (entry.method == method) {
            return entry.name;
        }
    }
    return {};
}

std::string_view methodLabel(Method method)
{
    for (const MethodNames& entry : methodNames) {
        if (entry.method == method) {
            return entry.label;
        }
    }
    return {};
}

std::optional<Method> methodFromName(std::string_view name)
{
    for (const MethodNames& entry : methodNames) {
        if (entry.name == name) {
            return entry.method;
        }
    }
    return std::nullopt;
}

std::vector<Method> allMethods()
{
    std::vector<Method> methods;
    for (const MethodNames& entry : methodNames) {
        methods.push_back(entry.method);
    }
    return methods;
}

OptimizerSettings defaultSettings(Method method)
{
    // Learning rates for functions whose interesting features are a few units wide: a step moves
    // the point by a visible fraction of the scene, and the plain methods stay stable on the
    // bowls (curvature up to 2/0.02 = 100 for gd).
    OptimizerSettings settings;
    settings.method = method;
    switch (method) {
    case Method::GradientDescent:
        settings.learningRate = 0.02;
        break;
    case Method::Momentum:
    case Method::Nesterov:
        // μ = 0.9 multiplies the effective step by up to 1/(1 − μ) = 10
        settings.learningRate = 0.005;
        settings.momentum = 0.9;
        break;
    case Method::AdaGrad:
        // each coordinate's first step is lr: AdaGrad's steps only shrink after that
        settings.learningRate = 0.5;
        settings.epsilon = 1e-10;
        break;
    case Method::RMSProp:
        // torch's defaults: the first step is lr/√(1 − α) = 10·lr per coordinate
        settings.learningRate = 0.01;
        settings.momentum = 0.0;
        break;
    case Method::Adam:
        // Adam moves each coordinate by about lr per step
        settings.learningRate = 0.1;
        break;
    case Method::AdamW:
        // as Adam; torch's AdamW decays the weights by lr·0.01 per step unless told otherwise
        settings.learningRate = 0.1;
        settings.weightDecay = 0.01;
        break;
    case Method::LBFGS:
        // torch's default lr = 1: the first trial of each step is the quasi-Newton step itself
        settings.learningRate = 1.0;
        break;
    case Method::NelderMead:
        // no learning rate: the simplex sets its own step (the field keeps torch's neutral 1)
        settings.learningRate = 1.0;
        break;
    case Method::Newton:
        // η = 1: the full Newton step lands on the minimum of the local quadratic model
        settings.learningRate = 1.0;
        break;
    case Method::LineSearch:
        // the first trial step; backtracking shrinks it as needed
        settings.learningRate = 1.0;
        break;
    }
    return settings;
}

} // namespace gradlab
