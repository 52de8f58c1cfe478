#!/bin/sh
# normalize.sh - normalization throughput on a large news text.
# Builds ~50 MB of French (and English) news lines from the sample statement
# plus number-heavy lines, then times `crieur normalize` on one core.
# Usage: tests/bench/normalize.sh [MB]   (from the top of the tree; B=build)
set -e
B=${B:-build}
MB=${1:-50}
tmp=${TMPDIR:-/tmp}/crieur-bench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

make_text() {   # $1 = seed file, $2 = number-heavy lines, $3 = output
	cat "$1" > "$tmp/seed"
	printf '%s\n' "$2" >> "$tmp/seed"
	size=$(wc -c < "$tmp/seed")
	reps=$(( MB * 1048576 / size + 1 ))
	i=0
	: > "$3"
	while [ $i -lt 8 ]; do cat "$tmp/seed"; i=$((i + 1)); done > "$tmp/seed8"
	i=0
	while [ $i -lt $(( reps / 8 + 1 )) ]; do cat "$tmp/seed8"; i=$((i + 1)); done > "$3"
}

fr_lines='Le 20/11/2023 à 14h30, 1 000 soldats et 6 492 000 habitants; 12,50 € et 3,5 %.
M. Stoltenberg, Mme Osmani et l'"'"'OTAN : -5 °C, 130 km/h, 21 victimes, XXIe siècle, Louis XIV.
Appelez le 01 23 45 67 89 ou écrivez à contact@example.fr ; 5 Mds €, 3 M€, 1/2, 3-1, 2022-2023.'
en_lines='On Nov. 20, 2023 at 3:45 p.m., 1,000 troops and $5.2 million; 12.5% and -5 °C.
Dr. Smith met Gen. Jones at 10 Downing St. in 1999; the 1990s, World War II, 21st century.
Call 555-0100 or write to contact@example.com; €1.2bn, 3/4, 18-25 years, 2022-23.'

run() {   # $1 = lang, $2 = file
	bytes=$(wc -c < "$2")
	start=$(date +%s.%N)
	"$B/crieur" normalize --lang "$1" "$2" > /dev/null
	end=$(date +%s.%N)
	echo "$1 $bytes $start $end" | awk '{ t = $4 - $3; printf "normalize --lang %s: %.1f MB in %.2f s = %.1f MB/s\n", $1, $2 / 1048576, t, $2 / 1048576 / t }'
}

make_text samples/statements/2023-11-20-pristina.txt "$fr_lines" "$tmp/fr.txt"
run fr "$tmp/fr.txt"
printf '%s\n' "$en_lines" > "$tmp/en-seed.txt"
make_text "$tmp/en-seed.txt" "$en_lines" "$tmp/en.txt"
run en "$tmp/en.txt"
