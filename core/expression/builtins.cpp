// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#include "builtins.h"

#include <array>
#include <cmath>

namespace gradlab {
namespace {

// Kink conventions, as PyTorch and JAX have them: relu'(0) = 0 and abs'(0) = sign(0) = 0.
double sigmoidValue(double u)
{
    // Two branches so that neither exp overflows: σ(u) = 1/(1+e^-u) = e^u/(1+e^u).
    if (u >= 0) {
        return 1.0 / (1.0 + std::exp(-u));
    }
    const double e = std::exp(u);
    return e / (1.0 + e);
}
double reluValue(double u)
{
    return u > 0 ? u : (u <= 0 ? 0.0 : u);
} // NaN stays NaN
double signValue(double u)
{
    return u > 0 ? 1.0 : (u < 0 ? -1.0 : (u == 0 ? 0.0 : u));
}
double stepValue(double u)
{
    return u > 0 ? 1.0 : (u <= 0 ? 0.0 : u);
}

double sinValue(double u)
{
    return std::sin(u);
}
double cosValue(double u)
{
    return std::cos(u);
}
double tanValue(double u)
{
    return std::tan(u);
}
double asinValue(double u)
{
    return std::asin(u);
}
double acosValue(double u)
{
    return std::acos(u);
}
double atanValue(double u)
{
    return std::atan(u);
}
double sinhValue(double u)
{
    return std::sinh(u);
}
double coshValue(double u)
{
    return std::cosh(u);
}
double tanhValue(double u)
{
    return std::tanh(u);
}
double expValue(double u)
{
    return std::exp(u);
}
double logValue(double u)
{
    return std::log(u);
}
double sqrtValue(double u)
{
    return std::sqrt(u);
}
double absValue(double u)
{
    return std::fabs(u);
}

// Loops around calls are not unrolled: with the call inside, unrolling measured a third slower.
template <double (*F)(double)>
void evaluateMany(const double* __restrict u, double* __restrict result, int count)
{
    for (int i = 0; i < count; ++i) {
        result[i] = F(u[i]);
    }
}

// Derivatives d f(u) / du.
NodePtr dSin(const NodePtr& u, const NodePtr&)
{
    return call(Builtin::Cos, u);
}
NodePtr dCos(const NodePtr& u, const NodePtr&)
{
    return neg(call(Builtin::Sin, u));
}
NodePtr dTan(const NodePtr& u, const NodePtr&)
{
    return pow(call(Builtin::Cos, u), num(-2));
}
NodePtr dAsin(const NodePtr& u, const NodePtr&)
{
    return div(num(1), call(Builtin::Sqrt, sub(num(1), pow(u, num(2)))));
}
NodePtr dAcos(const NodePtr& u, const NodePtr&)
{
    return neg(div(num(1), call(Builtin::Sqrt, sub(num(1), pow(u, num(2))))));
}
NodePtr dAtan(const NodePtr& u, const NodePtr&)
{
    return div(num(1), add(num(1), pow(u, num(2))));
}
NodePtr dSinh(const NodePtr& u, const NodePtr&)
{
    return call(Builtin::Cosh, u);
}
NodePtr dCosh(const NodePtr& u, const NodePtr&)
{
    return call(Builtin::Sinh, u);
}
NodePtr dTanh(const NodePtr&, const NodePtr& self)
{
    return sub(num(1), pow(self, num(2)));
}
NodePtr dExp(const NodePtr&, const NodePtr& self)
{
    return self;
}
NodePtr dLog(const NodePtr& u, const NodePtr&)
{
    return div(num(1), u);
}
NodePtr dSqrt(const NodePtr&, const NodePtr& self)
{
    return div(num(1), mul(num(2), self));
}
NodePtr dAbs(const NodePtr& u, const NodePtr&)
{
    return call(Builtin::Sign, u);
}
NodePtr dSigmoid(const NodePtr&, const NodePtr& self)
{
    return mul(self, sub(num(1), self));
}
NodePtr dRelu(const NodePtr& u, const NodePtr&)
{
    return call(Builtin::Step, u);
}
NodePtr dZero(const NodePtr&, const NodePtr&)
{
    return num(0);
}

constexpr std::array<BuiltinInfo, 17> kTable{{
    {Builtin::Sin, "sin", 1, sinValue, dSin, "trig", "cos(u)", "sin", DerivativeRule::Trig, "", "",
     evaluateMany<sinValue>},
    {Builtin::Cos, "cos", 1, cosValue, dCos, "trig", "−sin(u)", "cos", DerivativeRule::Trig, "", "",
     evaluateMany<cosValue>},
    {Builtin::Tan, "tan", 1, tanValue, dTan, "trig", "1/cos²(u)", "tan", DerivativeRule::Trig, "",
     "", evaluateMany<tanValue>},
    {Builtin::Asin, "asin", 1, asinValue, dAsin, "inverse trig", "1/√(1 − u²)", "arcsin",
     DerivativeRule::Other, "", "", evaluateMany<asinValue>},
    {Builtin::Acos, "acos", 1, acosValue, dAcos, "inverse trig", "−1/√(1 − u²)", "arccos",
     DerivativeRule::Other, "", "", evaluateMany<acosValue>},
    {Builtin::Atan, "atan", 1, atanValue, dAtan, "inverse trig", "1/(1 + u²)", "arctan",
     DerivativeRule::Other, "", "", evaluateMany<atanValue>},
    {Builtin::Sinh, "sinh", 1, sinhValue, dSinh, "hyperbolic", "cosh(u)", "sinh",
     DerivativeRule::Other, "", "", evaluateMany<sinhValue>},
    {Builtin::Cosh, "cosh", 1, coshValue, dCosh, "hyperbolic", "sinh(u)", "cosh",
     DerivativeRule::Other, "", "", evaluateMany<coshValue>},
    {Builtin::Tanh, "tanh", 1, tanhValue, dTanh, "tanh identity", "1 − tanh²(u)", "tanh",
     DerivativeRule::TanhIdentity, "", "", evaluateMany<tanhValue>},
    {Builtin::Exp, "exp", 1, expValue, dExp, "exponential", "eᵘ", "exp",
     DerivativeRule::Exponential, "", "", evaluateMany<expValue>},
    {Builtin::Log, "log", 1, logValue, dLog, "logarithm", "1/u", "ln", DerivativeRule::Logarithm,
     "", "", evaluateMany<logValue>},
    {Builtin::Sqrt, "sqrt", 1, sqrtValue, dSqrt, "power", "1/(2√u)", "√", DerivativeRule::Power, "",
     "", evaluateMany<sqrtValue>},
    {Builtin::Abs, "abs", 1, absValue, dAbs, "abs", "sign(u), 0 at u = 0", "abs",
     DerivativeRule::Abs, "abs: −1 if u < 0, 1 if u > 0; 0 at the kink",
     "abs′ = sign; 0 at the kink", evaluateMany<absValue>},
    {Builtin::Sigmoid, "sigmoid", 1, sigmoidValue, dSigmoid, "sigmoid identity", "σ(u)(1 − σ(u))",
     "σ", DerivativeRule::SigmoidIdentity, "", "", evaluateMany<sigmoidValue>},
    {Builtin::Relu, "relu", 1, reluValue, dRelu, "ReLU", "1 if u > 0, else 0 (0 at u = 0)", "ReLU",
     DerivativeRule::Relu, "ReLU: 1 if u > 0, else 0; 0 at the kink",
     "ReLU′ = 1 if u > 0, else 0; 0 at the kink", evaluateMany<reluValue>},
    {Builtin::Sign, "sign", 1, signValue, dZero, "constant", "0", "sign", DerivativeRule::Constant,
     "", "", evaluateMany<signValue>},
    {Builtin::Step, "step", 1, stepValue, dZero, "constant", "0", "step", DerivativeRule::Constant,
     "", "", evaluateMany<stepValue>},
}};

} // namespace

std::span<const BuiltinInfo> builtins()
{
    return kTable;
}

const BuiltinInfo& builtinInfo(Builtin id)
{
    return kTable[static_cast<std::size_t>(id)];
}

const BuiltinInfo* findBuiltin(std::string_view name)
{
    if (name == "ln") {
        return &builtinInfo(Builtin::Log);
    }
    for (const BuiltinInfo& info : kTable) {
        if (info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

} // namespace gradlab
