#!/bin/sh
# The CLI's golden suite (issue #13: what the CLI prints does not change).
#   run-suite.sh GRADLAB OUTDIR [--renders]
# (XDG_RUNTIME_DIR is set to a private folder, so Qt prints no warning about it.)
# runs every line of commands.txt beside this script and writes OUTDIR/NAME.out: stdout, then
# "--- stderr" and stderr, then "--- exit N". Lines whose arguments hold @OUT write a file; they
# run only with --renders, and NAME.out then holds the file's SHA-256 (PNG bytes depend on the
# machine's raster paths, so the ctest compares only the text commands).
set -eu
gradlab=$1
out=$2
renders=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
export XDG_RUNTIME_DIR="$out/.runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
status=0
while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    name=${line%% | *}
    arguments=${line#* | }
    case $arguments in
    *@OUT*)
        [ "$renders" = --renders ] || continue
        extension=${arguments##*@OUT}
        file="$out/$name$extension"
        arguments=$(printf '%s' "$arguments" | sed "s|@OUT$extension|$file|")
        ;;
    esac
    arguments=$(printf '%s' "$arguments" | sed "s|@HERE|$here|g")
    eval "set -- $arguments"
    code=0
    "$gradlab" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" </dev/null || code=$?
    {
        case $arguments in
        *"$out/"*) sha256sum <"$file" | cut -d' ' -f1 ;;
        esac
        sed "s|$out/||g" "$out/$name.stdout"
        echo "--- stderr"
        cat "$out/$name.stderr"
        echo "--- exit $code"
    } >"$out/$name.out"
    rm -f "$out/$name.stdout" "$out/$name.stderr"
done <"$here/commands.txt"
exit $status
