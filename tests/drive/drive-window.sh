#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Gradient Lab developers
# SPDX-License-Identifier: MIT
#
# Drives the window as a newcomer does, with xdotool on a real X display (Xvfb, a window manager,
# Mesa's OpenGL): the 3-D view open, every preset picked from the list, every method chosen and
# stepped 50 times (several of them diverge), then a typed function. Fails if gradlab dies.
#   tests/drive/drive-window.sh [BUILD_DIR]   (needs xvfb, openbox, xdotool; imagemagick for
#                                            the screenshots left in $SHOTS, default /tmp/drive)
set -euo pipefail
build=${1:-build}
program="$build/app/gradlab"
shots=${SHOTS:-/tmp/drive}
mkdir -p "$shots"
display=:$((90 + RANDOM % 9))
home=$(mktemp -d)
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $gradlab $wm $xvfb 2>/dev/null || true; rm -rf "$home"' EXIT
export DISPLAY=$display
sleep 1
openbox >/dev/null 2>&1 &
wm=$!
sleep 1
HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share "$program" \
    >"$shots/gradlab.log" 2>&1 &
gradlab=$!
window=""
for _ in $(seq 50); do
    window=$(xdotool search --name "^Gradient Lab$" 2>/dev/null | head -1 || true)
    [ -n "$window" ] && break
    sleep 0.2
done
[ -n "$window" ] || { echo "drive: the window did not appear"; exit 1; }
xdotool windowmove "$window" 0 0 windowsize "$window" 1560 960
sleep 2
# Where the controls are, from the window's top-left corner (the default layout at 1560 × 960).
read -r wx wy < <(xdotool getwindowgeometry "$window" | awk '/Position/ {split($2, p, ","); print p[1], p[2]}')
click() { xdotool mousemove $((wx + $1)) $((wy + $2)) click 1; sleep "${3:-0.3}"; }
alive() {
    if ! kill -0 "$gradlab" 2>/dev/null; then
        echo "drive: gradlab died ($1)"
        tail -40 "$shots/gradlab.log"
        exit 1
    fi
}
presetBox=(184 68)
methodBox=(238 302)

presets=$("$program" presets --format json | grep -o '"name": *"[^"]*"' | wc -l)
methods=11 # gd … neldermead: the methods of the optimizer list, in its order
for p in $(seq 0 $((presets - 1))); do
    # Open the preset list, go to the top, then down p entries.
    click "${presetBox[@]}"
    xdotool key Home
    for _ in $(seq "$p"); do xdotool key Down; done
    xdotool key Return
    sleep 0.5
    alive "preset $p"
    for m in $(seq 0 $((methods - 1))); do
        click "${methodBox[@]}"
        xdotool key Home
        for _ in $(seq "$m"); do xdotool key Down; done
        xdotool key Return
        sleep 0.2
        xdotool key alt+r        # Run: the selected run takes these settings and plays
        for _ in $(seq 50); do xdotool key Right; done
        sleep 0.3
        alive "preset $p, method $m"
    done
    import -window root "$shots/preset-$p.png" 2>/dev/null || true
done
echo "drive: $presets presets × $methods methods × 50 steps with the 3-D view open: no crash"
