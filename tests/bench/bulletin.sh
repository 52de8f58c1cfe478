#!/bin/sh
# Bulletin rendering speed and memory, side by side in one run:
#   crieur build (30-minute bulletin: jingles, ducked bed, loudness, MP3)
#   (a) LAME alone encoding crieur's finished WAV with the same settings
#   (b) the shell pipeline espeak-ng -w | sox (resample) | ffmpeg loudnorm | lame
# and the peak RSS of a 61-minute bulletin.
# Usage: B=build sh tests/bench/bulletin.sh   (from the top of the tree)
set -eu
B=${B:-build}
crieur=$(pwd)/$B/crieur
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
ln -s "$(pwd)/samples/jingles" "$work/jingles"
ln -s "$(pwd)/samples/statements" "$work/statements"

# A bulletin script of `rounds` rounds of the three sample statements.
make_script() {
	{
		printf 'intro: jingles/intro.wav\noutro: jingles/outro.wav\n'
		printf 'sting: jingles/sting.flac\nbed: { file: jingles/bed.flac }\n'
		printf 'output: { channels: 1, bitrate: 64 }\nitems:\n'
		for i in $(seq "$1"); do
			printf '  - file: statements/2023-11-20-pristina.txt\n'
			printf '  - file: statements/2024-02-05-bruxelles.txt\n'
			printf '  - file: statements/2023-11-20-pristina.txt\n'
		done
	} > "$2"
}

seconds() { /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1; cat "$work/t"; }

# The median of three runs of crieur and of LAME, alternating, so that
# both see the same load on a shared machine.
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

make_script 6 "$work/b30.yaml"
"$crieur" build -q "$work/b30.yaml" -o "$work/b30.wav"
tc="" tl="" rss30=0
for i in 1 2 3; do
	set -- $(seconds "$crieur" build -q "$work/b30.yaml" -o "$work/b30.mp3")
	tc="$tc $1"
	[ "$2" -gt "$rss30" ] && rss30=$2
	set -- $(seconds lame --quiet -b 64 -q 5 -m m "$work/b30.wav" "$work/lame.mp3")
	tl="$tl $1"
done
t_crieur=$(median3 $tc) t_lame=$(median3 $tl)
dur=$("$crieur" info "$work/b30.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')

# The shell pipeline on the same text, with eSpeak NG's own tools.
for f in $(sed -n 's/^  - file: //p' "$work/b30.yaml"); do cat "$work/$f"; done \
	> "$work/all.txt"
cat > "$work/pipeline.sh" <<PIPE
espeak-ng -v fr+m3 -s 160 -f "$work/all.txt" -w "$work/sh.wav" &&
sox "$work/sh.wav" -r 44100 "$work/sh44.wav" &&
ffmpeg -nostdin -loglevel error -y -i "$work/sh44.wav" \\
	-af loudnorm=I=-16:TP=-1 -ar 44100 "$work/shn.wav" &&
lame --quiet -b 64 -q 5 -m m "$work/shn.wav" "$work/sh.mp3"
PIPE
set -- $(seconds sh "$work/pipeline.sh")
t_shell=$1
[ -s "$work/sh.mp3" ] || { echo "the shell pipeline failed"; exit 1; }

make_script 13 "$work/b60.yaml"   # just over 60 minutes
set -- $(seconds "$crieur" build -q "$work/b60.yaml" -o "$work/b60.mp3")
t60=$1 rss60=$2
dur60=$("$crieur" info "$work/b60.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')

echo "== bulletin: $(printf '%.0f' "$dur") s of audio (intro, 18 items, stings, bed, outro), MP3 64 kbit/s mono =="
printf '%-46s %8s %8s\n' "" "wall s" "ratio"
printf '%-46s %8.2f %8s\n' "crieur build (median of 3)" "$t_crieur" "1.00"
printf '%-46s %8.2f %8.2f\n' "(a) lame alone on the finished WAV (median)" "$t_lame" \
	"$(echo "$t_crieur / $t_lame" | bc -l)"
printf '%-46s %8.2f %8.2f\n' "(b) espeak-ng -w + sox + ffmpeg loudnorm + lame" \
	"$t_shell" "$(echo "$t_crieur / $t_shell" | bc -l)"
echo "targets: crieur <= 1.2 x (a), <= 0.5 x (b)  (ratio column: crieur / other)"
echo "runs: crieur$tc s; lame$tl s"
printf 'peak RSS: %d kB for %.0f s; %d kB for %.0f s (target < 65536 kB)\n' \
	"$rss30" "$dur" "$rss60" "$dur60"
