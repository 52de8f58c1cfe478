#!/bin/sh
# switch.sh - how often eSpeak NG's automatic language switch fires on French
# text (issue 13): the "(en)" switches in the IPA when eSpeak NG reads
# crieur's normalized text on its own (espeak-ng -v fr) and when crieur says
# it (crieur phonemes: lexicon, stay-French respellings).
# Corpus: the samples' French statements (those without the word "the") and
# the written column of the French golden suites (tests/golden/fr.tsv,
# tests/golden/said/fr.tsv).
# Usage: tests/bench/switch.sh   (from the top of the tree; B=build)
set -e
B=${B:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crieur-switch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

{
	cat $(grep -L -w -i the samples/statements/*.txt)
	for f in tests/golden/fr.tsv tests/golden/said/fr.tsv; do
		grep -v '^#' "$f" | awk -F '\t' 'NF >= 3 { print $2 }'
	done
} | grep -v '^[[:space:]]*$' > "$tmp/corpus.txt"

"$B/crieur" normalize --lang fr --no-lexicon "$tmp/corpus.txt" > "$tmp/norm.txt"
espeak-ng -q -x --ipa -v fr -f "$tmp/norm.txt" > "$tmp/espeak.ipa"
"$B/crieur" phonemes --lang fr "$tmp/corpus.txt" > "$tmp/crieur.ipa"

lines=$(wc -l < "$tmp/corpus.txt")
alone=$(grep -o '(en)' "$tmp/espeak.ipa" | wc -l)
said=$(grep -o '(en)' "$tmp/crieur.ipa" | wc -l)
echo "English switches on $lines French lines: eSpeak NG alone $alone," \
	"crieur phonemes $said"
grep '(en)' "$tmp/crieur.ipa" | head -n 20 | sed 's/^/  /'
