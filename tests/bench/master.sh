#!/bin/sh
# Mastering speed: each stage of src/audio/loudness.c and limiter.c timed on
# eSpeak speech looped to MINUTES (default 10), mono 44.1 kHz, next to LAME
# encoding the same audio at 64 kbit/s through the project's MP3 writer
# (tests/bench/master.c).
# Usage: tests/bench/master.sh [MINUTES]   (from the top of the tree)
set -e
B=${B:-build}
make --no-print-directory -s "$B/bench/master"
exec "$B/bench/master" "${1:-10}"
