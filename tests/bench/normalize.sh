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

run() {   # $1 = lang, $2 = file; MB/s by CPU time (user + sys) and wall time
	bytes=$(wc -c < "$2")
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%e %U %S" -o "$tmp/time" \
			"$B/crieur" normalize --lang "$1" "$2" > /dev/null
		read wall user sys < "$tmp/time"
	else
		start=$(date +%s.%N)
		"$B/crieur" normalize --lang "$1" "$2" > /dev/null
		end=$(date +%s.%N)
		wall=$(echo "$end $start" | awk '{ print $1 - $2 }')
		user=$wall sys=0
	fi
	echo "$1 $bytes $wall $user $sys" | awk '{ cpu = $4 + $5; if (cpu <= 0) cpu = 0.01;
		printf "normalize --lang %s: %.1f MB, %.2f s CPU = %.1f MB/s (wall %.2f s)\n",
		$1, $2 / 1048576, cpu, $2 / 1048576 / cpu, $3 }'
}

make_text samples/statements/2023-11-20-pristina.txt "$fr_lines" "$tmp/fr.txt"
run fr "$tmp/fr.txt"
printf '%s\n' "$en_lines" > "$tmp/en-seed.txt"
make_text "$tmp/en-seed.txt" "$en_lines" "$tmp/en.txt"
run en "$tmp/en.txt"
