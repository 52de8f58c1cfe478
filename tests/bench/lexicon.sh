#!/bin/sh
# lexicon.sh - loading a 100,000-entry pronunciation lexicon (target:
# under 0.2 s).  Times `crieur normalize --lexicon BIG` on one line, minus
# the same run without it; a tenth of the entries are [[phonemes]], which
# are checked against eSpeak NG's phoneme table as they load.
# Usage: tests/bench/lexicon.sh [ENTRIES]   (from the top of the tree; B=build)
set -e
B=${B:-build}
N=${1:-100000}
tmp=${TMPDIR:-/tmp}/crieur-lexbench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM

awk -v n="$N" 'BEGIN {
	for (i = 0; i < n; i++) {
		if (i % 10 == 0) printf "Nom%d\t[[n'"'"'Oma]]\n", i
		else if (i % 10 == 1) printf "SIGLE%c%c%d\tspell\n", 65 + i % 26, 65 + (i / 26) % 26, i
		else if (i % 10 == 2) printf "\"Lieu %d dit\"\tlang=en\n", i
		else printf "mot%d\tMo%d\n", i, i
	}
}' > "$tmp/big.lex"
echo "la KFOR et mot77 au Lieu 2 dit" > "$tmp/line.txt"

best() {   # best wall time of 5 runs of "$@"
	b=
	for k in 1 2 3 4 5; do
		s=$(date +%s.%N)
		"$@" > /dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
base=$(best "$B/crieur" normalize "$tmp/line.txt")
big=$(best "$B/crieur" normalize --lexicon "$tmp/big.lex" "$tmp/line.txt")
"$B/crieur" normalize --lexicon "$tmp/big.lex" "$tmp/line.txt"
printf 'lexicon load: %d entries (%d KB) in %.3f s (%.3f s run - %.3f s without), target < 0.2 s\n' \
	"$N" $(( $(wc -c < "$tmp/big.lex") / 1024 )) \
	"$(echo "$big - $base" | bc -l)" "$big" "$base"
