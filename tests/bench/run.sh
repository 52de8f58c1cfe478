#!/bin/sh
# make bench: speed and memory, measured side by side in one run.
# Usage: B=build sh tests/bench/run.sh   (from the top of the tree)
set -eu
B=${B:-build}
crieur=$B/crieur
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
sample=samples/statements/2023-11-20-pristina.txt

# Peak resident memory (kB) and wall seconds of a command.
measure() {
	/usr/bin/time -f '%M %e' -o "$work/time" "$@" >/dev/null 2>&1
	cat "$work/time"
}

echo "== rendering: memory stays bounded in input length =="
cp "$sample" "$work/x1.txt"
for i in $(seq 20); do cat "$sample"; done > "$work/x20.txt"
set -- $(measure "$crieur" build "$work/x1.txt" -o "$work/x1.mp3")
rss1=$1 t1=$2
set -- $(measure "$crieur" build "$work/x20.txt" -o "$work/x20.mp3")
rss20=$1 t20=$2
d1=$("$crieur" info "$work/x1.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')
d20=$("$crieur" info "$work/x20.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')
printf '%-34s %9s %9s %9s %9s\n' "input" "audio s" "wall s" "x realtime" "peak RSS"
printf '%-34s %9.1f %9.2f %9.1f %7d kB\n' "sample statement (1x)" "$d1" "$t1" \
	"$(echo "$d1 / $t1" | bc -l)" "$rss1"
printf '%-34s %9.1f %9.2f %9.1f %7d kB\n' "sample statement (20x)" "$d20" "$t20" \
	"$(echo "$d20 / $t20" | bc -l)" "$rss20"
printf 'peak RSS ratio 20x / 1x: %.2f (bounded memory: close to 1)\n' \
	"$(echo "$rss20 / $rss1" | bc -l)"

for extra in tests/bench/*.sh; do
	[ "$extra" = tests/bench/run.sh ] && continue
	echo
	B=$B sh "$extra"
done
