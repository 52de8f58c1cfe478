#!/bin/sh
# Live soak: `crieur say --lines` speaking a news wire for SOAK_SECONDS
# (default 600) on jackd2's dummy back end, which runs in real time.
# Reports the underruns `--stats` counted (expected: none on an idle
# machine) and first audio.  A benchmark, not a test: it takes 10 minutes.
# Usage: B=build sh tests/bench/soak.sh   (from the top of the tree)
set -eu
B=${B:-build}
crieur=$(pwd)/$B/crieur
secs=${SOAK_SECONDS:-600}
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
JACK_DEFAULT_SERVER=crieur-soak-$$
export JACK_DEFAULT_SERVER JACK_NO_AUDIO_RESERVATION=1
jackd --no-realtime -d dummy -r 22050 -p 256 >"$work/jackd.log" 2>&1 &
jackd=$!
trap 'kill $jackd 2>/dev/null; wait $jackd 2>/dev/null; rm -rf "$work"' EXIT
jack_wait -w -t 10 >/dev/null 2>&1

# The sample statements, sentence after sentence, paced like a wire at
# about the speaking rate (16 characters a second): some sentences queue
# behind the previous one, some arrive when the device is idle.
end=$(( $(date +%s) + secs ))
(while [ "$(date +%s)" -lt "$end" ]; do
	cat samples/statements/*.txt | sed 's/\([.!?]\) /\1\n/g' |
	while IFS= read -r line; do
		[ "$(date +%s)" -lt "$end" ] || break
		[ -n "$line" ] || continue
		printf '%s\n' "$line"
		sleep $(( ${#line} / 16 + 1 ))
	done
done) | "$crieur" say --lines --stats --device system 2>"$work/stats.txt" || true
echo "== live soak: ${secs} s of say --lines on jackd dummy =="
sed 's/^/    /' "$work/stats.txt"
