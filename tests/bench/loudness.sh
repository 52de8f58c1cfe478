#!/bin/sh
# Loudness across bulletin lengths (issue #15, item 11): bulletins of about
# 1 s (two words) to 3 h of speech, each alone, with an intro, under a bed, and with
# intro, outro, sting and bed, rendered with the podcast target (-16 LUFS,
# -1 dBTP) and measured by an independent meter, ffmpeg's ebur128 filter
# on the decoded file.  Up to 5 minutes the output is crieur's default
# (MP3, 64 kbit/s mono); the hour and three hours are 22050 Hz mono FLAC,
# as in tests/e2e/test_loudness.c (MP3 64 kbit/s mono lifts the limited
# peaks of long bulletins over the ceiling: src/audio/loudness.h).
# A line is "off" when the integrated loudness is more than 1 LU from the
# target, or when crieur wrote anything to stderr (a "gain +62 dB is out
# of range" or any other complaint); the script then exits 1.
#
# Usage: B=build sh tests/bench/loudness.sh [MAX_SECONDS]  (from the top of
# the tree; MAX_SECONDS, default 10800, drops the longer lengths: 300 keeps
# it to about a minute of CPU, the three hours take about five; CRIEUR=
# another binary measures that one instead).
set -eu
B=${B:-build}
crieur=${CRIEUR:-$(pwd)/$B/crieur}
max=${1:-10800}
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
ln -s "$(pwd)/samples/jingles" "$work/jingles"
ln -s "$(pwd)/samples/statements" "$work/statements"
# French words to cut short items from (about 2.9 words a second as read)
cat samples/statements/2024-02-05-bruxelles.txt \
	samples/statements/2023-11-20-pristina.txt | tr -s ' \n' '  ' > "$work/words"

# The items of about $1 seconds of speech.
items() {
	if [ "$1" -le 150 ]; then
		n=$(( $1 * 29 / 10 ))
		printf '  - text: "%s."\n' "$(cut -d' ' -f1-$n "$work/words" | \
			sed 's/[".]*$//; s/"/\\"/g')"
		return
	fi
	# a round of the three statements: about 290 s
	for i in $(seq $(( ($1 + 145) / 290 ))); do
		printf '  - file: statements/2023-11-20-pristina.txt\n'
		printf '  - file: statements/2024-02-05-bruxelles.txt\n'
		printf '  - file: statements/2024-03-14-brussels.txt\n'
	done
}

# case SECONDS PARTS: render and measure one bulletin.
bad=0
one() {
	name=$1-$(echo "$2" | tr ' ' '+')
	{
		printf 'language: fr\nloudness: podcast\ntrue_peak: -1\n'
		for p in $2; do
			case $p in
			intro) printf 'intro: jingles/intro.wav\n' ;;
			outro) printf 'outro: jingles/outro.wav\n' ;;
			sting) printf 'sting: jingles/sting.flac\n' ;;
			bed) printf 'bed: jingles/bed.flac\n' ;;
			esac
		done
		ext=mp3
		if [ "$1" -gt 300 ]; then
			ext=flac
			printf 'output: {format: flac, samplerate: 22050, channels: 1}\n'
		fi
		printf 'items:\n'
		items "$1"
	} > "$work/$name.yaml"
	if ! "$crieur" build -q "$work/$name.yaml" -o "$work/$name.$ext" \
			2>"$work/err"; then
		printf '%-28s build failed: %s\n' "$name" "$(head -c 200 "$work/err")"
		bad=1
		return
	fi
	ffmpeg -hide_banner -nostats -i "$work/$name.$ext" \
		-af ebur128=peak=true -f null - 2>&1 | \
		sed -n '/Summary/,$p' > "$work/meter"
	lufs=$(sed -n 's/^ *I: *\([-0-9.]*\) LUFS/\1/p' "$work/meter")
	peak=$(sed -n 's/^ *Peak: *\([-0-9.inf]*\) dBFS/\1/p' "$work/meter")
	len=$(ffprobe -v error -show_entries format=duration -of csv=p=0 \
		"$work/$name.$ext")
	verdict=ok
	if [ -s "$work/err" ] || \
	   [ "$(echo "d = $lufs + 16; d < -1 || d > 1" | bc -l)" = 1 ]; then
		verdict=off
		bad=1
	fi
	printf '%-28s %6s %8.1f %7.1f %7.1f %5s %s\n' "$name" "$ext" "$len" \
		"$lufs" "$peak" "$verdict" "$(head -c 120 "$work/err")"
	rm -f "$work/$name.$ext"
}

printf '%-28s %6s %8s %7s %7s %5s\n' "case (speech s, parts)" "file" \
	"length s" "LUFS" "dBTP" ""
for s in 1 5 15 30 55 70 120 300 3600 10800; do
	[ "$s" -le "$max" ] || continue
	if [ "$s" -gt 300 ]; then
		one "$s" "intro outro sting bed"
		continue
	fi
	for parts in "" "intro" "bed" "intro outro sting bed"; do
		one "$s" "$parts"
	done
done
echo "target -16 LUFS +-1 LU, ceiling -1 dBTP (measured by ffmpeg ebur128)"
exit $bad
