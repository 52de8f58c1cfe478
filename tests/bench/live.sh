#!/bin/sh
# Live playback timing on a device that runs in real time: jackd2's dummy
# back end (22050 Hz, 256-frame periods), under a server name of our own.
#   first audio: a line arriving on stdin -> its first frame handed to
#                PortAudio (p95 over the lines, as `say --stats` reports)
#   interrupt:   a new line arriving -> the end of the fade of the old one
#   stop:        SIGINT -> the end of the fade, and -> the process's exit
# Usage: B=build sh tests/bench/live.sh   (from the top of the tree)
set -eu
B=${B:-build}
crieur=$(pwd)/$B/crieur
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
JACK_DEFAULT_SERVER=crieur-bench-$$
# ALSA without devices (nor a "jack" PCM, which PortAudio takes 150 ms to
# probe): JACK's "system" is the device; the voice calibration's cache is
# our own.
echo 'pcm.!default { type null }' > "$work/asound.conf"
ALSA_CONFIG_PATH=$work/asound.conf XDG_CACHE_HOME=$work/cache
export JACK_DEFAULT_SERVER JACK_NO_AUDIO_RESERVATION=1 ALSA_CONFIG_PATH XDG_CACHE_HOME
jackd --no-realtime -d dummy -r 22050 -p 256 >"$work/jackd.log" 2>&1 &
jackd=$!
trap 'kill $jackd 2>/dev/null; wait $jackd 2>/dev/null; rm -rf "$work"' EXIT
jack_wait -w -t 10 >/dev/null 2>&1
N=${LIVE_LINES:-40}

echo "== live playback (jackd dummy, 22050 Hz, 256-frame periods) =="
# Lines that arrive when the previous one is over: each starts from idle.
(for i in $(seq "$N"); do echo "Dépêche numéro $i."; sleep 1.6; done) |
	"$crieur" say --lines --stats --device system 2>"$work/idle.txt"
# Lines that arrive while another is playing: they queue.
(for i in $(seq "$N"); do echo "Dépêche numéro $i, en file d'attente."; sleep 0.5; done) |
	"$crieur" say --lines --stats --device system 2>"$work/queued.txt"
# Every line cuts the previous one.
(for i in $(seq "$N"); do echo "Dépêche numéro $i, une phrase assez longue pour être coupée par la suivante."; sleep 0.7; done) |
	"$crieur" say --lines --interrupt --stats --device system 2>"$work/cut.txt"
v() { sed -n "s/^$1: \([0-9.]*\).*/\1/p" "$2"; }
printf '%-44s %s\n' "lines from idle ($N): first audio p95" "$(v 'first audio' "$work/idle.txt") ms"
sed -n 's/^first audio (median, max): /    median, max: /p' "$work/idle.txt"
printf '%-44s %s\n' "queued lines ($N): first audio p95" "$(v 'first audio' "$work/queued.txt") ms"
printf '%-44s %s\n' "--interrupt ($N): first audio p95" "$(v 'first audio' "$work/cut.txt") ms"
printf '%-44s %s\n' "--interrupt: cut (new line -> fade end)" \
	"$(sed -n 's/^interrupts: [0-9]*, longest \(.*\)/max \1/p' "$work/cut.txt")"
printf '%-44s %s\n' "underruns (idle, queued, interrupt runs)" \
	"$(v underruns "$work/idle.txt"), $(v underruns "$work/queued.txt"), $(v underruns "$work/cut.txt")"

stops="" exits=""
for i in $(seq 10); do
	"$crieur" say --stats --device system "Une phrase très longue, qui continue encore et encore, pour que la parole soit en cours quand le signal arrive." 2>"$work/stop.txt" &
	pid=$!
	sleep 1
	t0=$(date +%s%N)
	kill -INT $pid
	wait $pid || true
	t1=$(date +%s%N)
	stops="$stops $(v stop "$work/stop.txt")"
	exits="$exits $(( (t1 - t0) / 1000000 ))"
done
printf '%-44s %s\n' "SIGINT -> fade end, ms (10 runs)" "$stops"
printf '%-44s %s\n' "SIGINT -> process exit, ms (10 runs)" "$exits"

starts=""
for i in $(seq 6); do
	"$crieur" play --stats --device system samples/bulletin.yaml 2>"$work/play.txt" &
	pid=$!
	sleep 1.5
	kill -INT $pid
	wait $pid || true
	starts="$starts $(v start "$work/play.txt")"
done
printf '%-44s %s\n' "play bulletin.yaml: start, ms (1st calibrates)" "$starts"
