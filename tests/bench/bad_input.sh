#!/bin/sh
# bad_input.sh - the normalizer on hostile lines: each pattern repeated to
# about 400 KB on one line must be normalized in under 2 s of CPU (linear
# time), without failing.  Also a 10 MB line and a 1,000-digit number.
# Usage: tests/bench/bad_input.sh [LANG...]   (from the top; B=build)
B=${B:-build}
tmp=${TMPDIR:-/tmp}/crieur-bad.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
langs=${*:-fr en}

# Print pattern $1 repeated to about $2 bytes, then a newline.
repeat() {
	awk -v p="$1" -v n="$2" 'BEGIN { k = int(n / length(p)) + 1; s = p;
		while (length(s) < k * length(p)) s = s s;
		print substr(s, 1, k * length(p)) }'
}

for lang in $langs; do
	for pat in '.' '-' '/' 'a.' '1-' '1/' '1.' 'a-' 'M.' '01 ' 'a@' 'x:' "l'" \
		'1 000 ' '1/2 ' '1h' 'XX' 'Ier ' '1 mai ' 'www.' '1 % ' '12,5' 'etc. ' \
		'« ' '… ' 'AB ' '1e ' 'J-' '°C ' 'km/h '; do
		repeat "$pat" 400000 > "$tmp/in"
		/usr/bin/time -f "%U %S" -o "$tmp/t" "$B/crieur" normalize --lang "$lang" \
			"$tmp/in" > /dev/null 2> "$tmp/err" || { echo "FAIL $lang '$pat': exit $?"; fails=$((fails + 1)); continue; }
		cpu=$(awk '{ print $1 + $2 }' "$tmp/t")
		if awk -v c="$cpu" 'BEGIN { exit !(c > 2) }'; then
			echo "SLOW $lang '$pat': $cpu s"; fails=$((fails + 1))
		fi
	done
	repeat 'Le 20/11/2023 à 14h30, 1 000 soldats; ' 10000000 > "$tmp/in"
	repeat '7' 1000 >> "$tmp/in"
	/usr/bin/time -f "%U %S %M" -o "$tmp/t" "$B/crieur" normalize --lang "$lang" "$tmp/in" \
		> /dev/null || { echo "FAIL $lang: 10 MB line"; fails=$((fails + 1)); }
	awk -v l="$lang" '{ printf "%s: 10 MB line + 1,000 digits: %.2f s CPU, %d MB peak\n", l, $1 + $2, $3 / 1024 }' "$tmp/t"
done
echo "bad input: $fails problem(s)"
[ "$fails" -eq 0 ]
