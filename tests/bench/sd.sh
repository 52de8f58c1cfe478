#!/bin/sh
# sd_crieur's screen-reader latency beside Debian's sd_espeak-ng, both
# driven over pipes as speech-dispatcher drives them (200 short
# utterances, 200 CHAR/KEY, 51 STOPs).  The bounds: SPEAK ->
# first 705 p95 <= 10 ms, CHAR/KEY < 15 ms, STOP -> 703 within 20 ms.
# Usage: B=build sh tests/bench/sd.sh   (from the top of the tree)
set -eu
B=${B:-build}
ref=/usr/lib/speech-dispatcher-modules/sd_espeak-ng
echo "== sd_crieur: screen-reader latency, over pipes (SD_BENCH_N=${SD_BENCH_N:-200}) =="
"$B/bench/sd_latency" "$B/sd_crieur" "${SD_BENCH_N:-200}"
if [ -x "$ref" ]; then
	"$B/bench/sd_latency" "$ref" "${SD_BENCH_N:-200}"
else
	echo "($ref is not installed: no reference figures)"
fi
