// SPDX-FileCopyrightText: 2026 Gradient Lab developers
// SPDX-License-Identifier: MIT
#pragma once

#include "commandline.h"

#include <Eigen/Core>
#include <cstdio>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gradlab {

struct Domain;

/// \brief A mistake on the command line: thrown wherever it is found, caught once in
/// runCommandLine, which prints it and returns its exit code.
class CommandLineError : public std::runtime_error
{
public:
    /// \a message is the first line after "gradlab: error: "; \a details are printed below it as
    /// they are (the caret block, a list of valid names). With \a usageHint the error ends with
    /// "run 'gradlab help SUBCOMMAND'".
    CommandLineError(std::string message, std::vector<std::string> details = {},
                     bool usageHint = true, ExitCode code = ExitCode::BadInput);

    const std::vector<std::string>& details() const { return m_details; }
    bool hasUsageHint() const { return m_usageHint; }
    ExitCode code() const { return m_code; }

private:
    std::vector<std::string> m_details;
    bool m_usageHint = true;
    ExitCode m_code = ExitCode::BadInput;
};

/// \brief One option a subcommand accepts: "--lr V".
struct OptionSpec
{
    std::string_view name;      ///< without dashes: "lr"
    std::string_view valueName; ///< "V", "X,Y"; empty for a flag such as --centered
    std::string_view help;      ///< one line for the help page
    bool repeatable = false;    ///< --at and --param may be given many times

    bool isFlag() const { return valueName.empty(); }
};

/// \brief An option as given: its name and its value (empty for a flag).
struct GivenOption
{
    std::string name;
    std::string value;
};

/// \brief The arguments of one subcommand, checked against its options, in the order given.
class ParsedArguments
{
public:
    const std::vector<std::string>& positionals() const { return m_positionals; }
    /// Every option in command-line order (eval keeps --at and --points in that order).
    const std::vector<GivenOption>& options() const { return m_options; }
    bool has(std::string_view name) const;
    /// The value of a non-repeatable option, if given.
    std::optional<std::string> value(std::string_view name) const;
    /// The given occurrences of \a name, in order.
    std::vector<GivenOption> all(std::string_view name) const;
    bool helpRequested() const { return m_helpRequested; }

    /// Splits \a arguments (after the subcommand) into options and positionals. Options start with
    /// "--" ("--lr 0.1" or "--lr=0.1"); "-h" and "--help" ask for help; everything else, "-x^2"
    /// included, is positional; after a lone "--" everything is positional. Throws
    /// CommandLineError for an unknown option (with the closest known one), a missing value, a
    /// value given to a flag, a non-repeatable option given twice, a missing or extra positional.
    /// \a positional names the one positional argument ("EXPR"); empty when there is none.
    static ParsedArguments parse(std::span<const std::string> arguments,
                                 std::span<const OptionSpec> options, std::string_view subcommand,
                                 std::string_view positional);

private:
    std::vector<std::string> m_positionals;
    std::vector<GivenOption> m_options;
    bool m_helpRequested = false;
};

/// The candidate closest to \a typed, if it is close enough to be what was meant (a distance of at
/// most a third of the longer word, at least 1, by editDistance(); or \a typed is a prefix of
/// it); empty otherwise.
std::string closestMatch(std::string_view typed, std::span<const std::string> candidates);

/// "a, b, c" — for the lists of valid names in error messages.
std::string joinNames(std::span<const std::string> names, std::string_view separator = ", ");

/// A finite number written the C way ("1", "-2.5", "1e-3", "+4"), independent of the locale.
std::optional<double> toNumber(std::string_view text);

/// Throws CommandLineError naming \a what ("--lr") and \a text unless \a text is a finite number.
double requireNumber(std::string_view text, std::string_view what);

/// "X,Y" → the point; throws CommandLineError naming \a what otherwise.
Eigen::Vector2d requirePoint(std::string_view text, std::string_view what);

/// "X0,X1,Y0,Y1" with X0 < X1 and Y0 < Y1 → the domain; throws CommandLineError otherwise.
Domain requireDomain(std::string_view text, std::string_view what);

/// One line of a points file: "X,Y" or "X Y", surrounding blanks allowed. Blank lines and lines
/// whose first non-blank character is '#' give nothing; so does a trailing "# comment". Throws
/// CommandLineError naming \a where ("points.txt:3") for anything else.
std::optional<Eigen::Vector2d> parsePointLine(std::string_view line, std::string_view where);

/// The bounds of a points file: a line of "X,Y" needs a few dozen bytes, a million points some
/// 40 MiB.
constexpr std::size_t kMaxPointsLineBytes = 1024;
constexpr std::size_t kMaxPointsFileBytes = std::size_t{64} << 20;

/// Every point of a points file read from \a file, named \a name in error messages.
std::vector<Eigen::Vector2d> readPoints(std::FILE* file, std::string_view name);

} // namespace gradlab
