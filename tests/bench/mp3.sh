#!/bin/sh
# Parallel MP3 (issue 17), measured side by side in one run:
#   - the 30-minute bulletin: crieur build on all cores against LAME alone
#     (the `lame` program, and crieur's writer with -j 1, on crieur's own
#     finished WAV, same settings), medians of 3 runs, alternating.  The
#     `lame` program analyses ReplayGain by default (--replaygain-fast),
#     which crieur's writer does not: about a fifth of its time here.  The
#     target is against `lame` as it comes (as issue 17 measured it); the
#     ratio to `lame --noreplaygain`, the same encoding work as crieur's,
#     is printed beside it;
#   - per-pass wall and CPU time of the bulletin (crieur build --stats),
#     and the floor its CPU time sets: every core busy all the time;
#   - scaling: 1, 2 and all cores (taskset), the bulletin and the encoder
#     alone (tests/bench/mp3_encode.c);
#   - peak RSS of 60- and 180-minute bulletins, on all cores, and of the
#     30-minute one as on 16, 32 and 64 cores (-j), mono and stereo.
# The load average is printed: on a shared machine only the ratios of one
# run mean something.  Wall and CPU (user + system) seconds are medians.
# Usage: B=build sh tests/bench/mp3.sh   (from the top of the tree)
#   ROUNDS=N                    rounds of the first section (default 3);
#   BASE=/path/to/other/crieur  also times that binary, alternating with
#                               this one (each first every other round), in
#                               the first section (before/after a change,
#                               side by side in one run);
#   FIRST=1                     only the first section.
set -eu
B=${B:-build}
top=$(pwd)
crieur=$top/$B/crieur
base=${BASE:-}
[ -z "$base" ] || base=$(cd "$(dirname "$base")" && pwd)/$(basename "$base")
enc=$top/$B/bench/mp3_encode
work=$(mktemp -d /tmp/crieur-bench-mp3.XXXXXX)
trap 'rm -rf "$work"' EXIT
ln -s "$top/samples/jingles" "$work/jingles"
ln -s "$top/samples/statements" "$work/statements"
cores=$(nproc)

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
# wall seconds of a command; its CPU seconds (user + system) go to $work/cpu
wall() {
	/usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>&1
	awk '{ printf "%.2f\n", $2 + $3 }' "$work/t" > "$work/cpu"
	cut -d' ' -f1 "$work/t"
}
rss() { /usr/bin/time -f '%M' -o "$work/t" "$@" >/dev/null 2>&1; cat "$work/t"; }
median3() {
	printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 }
		END { print NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
ratio() { echo "$1 / $2" | bc -l; }
all_cpus() { echo "0-$((cores - 1))"; }

echo "== parallel MP3: $cores online CPUs; load average at start: $(cut -d' ' -f1-3 /proc/loadavg) =="
make_script 6 "$work/b30.yaml"
"$crieur" build -q "$work/b30.yaml" -o "$work/b30.wav"
tc="" tl="" te="" tb="" tn="" cc="" cl="" ce="" cb="" cn="" pc="" pb="" pn=""
run_crieur() {
	tc="$tc $(wall "$crieur" build -q "$work/b30.yaml" -o "$work/b30.mp3")"
	cc="$cc $(cat "$work/cpu")"
}
run_base() {
	tb="$tb $(wall "$base" build -q "$work/b30.yaml" -o "$work/base.mp3")"
	cb="$cb $(cat "$work/cpu")"
}
for i in $(seq "${ROUNDS:-3}"); do
	# with BASE, each goes first every other round: whichever ran
	# second measured slower (two runs of 5 rounds, one in each order,
	# a change against its parent: the medians 0.032 and 0.003 x lame
	# alone apart, a bias of about 0.015; the first run's files being
	# written back meanwhile, perhaps)
	if [ -z "$base" ]; then
		run_crieur
	elif [ $((i % 2)) = 1 ]; then
		run_crieur
		run_base
	else
		run_base
		run_crieur
	fi
	l=$(wall lame --quiet -b 64 -q 5 -m m "$work/b30.wav" "$work/lame.mp3")
	tl="$tl $l"
	cl="$cl $(cat "$work/cpu")"
	# the ratio of each round's runs, seconds apart: the machine's speed
	# drifts by a third over minutes here, which the medians mix
	pc="$pc $(printf '%.3f' "$(ratio "${tc##* }" "$l")")"
	[ -z "$base" ] || pb="$pb $(printf '%.3f' "$(ratio "${tb##* }" "$l")")"
	n=$(wall lame --quiet --noreplaygain -b 64 -q 5 -m m "$work/b30.wav" \
		"$work/lame.mp3")
	tn="$tn $n"
	cn="$cn $(cat "$work/cpu")"
	pn="$pn $(printf '%.3f' "$(ratio "${tc##* }" "$n")")"
	te="$te $(wall "$enc" "$work/b30.wav" "$work/enc1.mp3" 1 64)"
	ce="$ce $(cat "$work/cpu")"
done
t_c=$(median3 $tc) t_l=$(median3 $tl) t_e=$(median3 $te)
dur=$("$crieur" info "$work/b30.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')
printf '%.0f s of audio (intro, 18 items, stings, bed, outro), 64 kbit/s mono\n' "$dur"
printf '%-52s %8s %8s %8s\n' "" "wall s" "CPU s" "ratio"
row() { printf '%-52s %8.2f %8.2f %8.2f\n' "$1" "$2" "$3" "$(ratio "$t_c" "$2")"; }
row "crieur build, all cores (median)" "$t_c" "$(median3 $cc)"
[ -z "$base" ] || row "BASE crieur build, all cores (median)" "$(median3 $tb)" "$(median3 $cb)"
row "lame alone on crieur's WAV (median)" "$t_l" "$(median3 $cl)"
row "lame --noreplaygain on it (median)" "$(median3 $tn)" "$(median3 $cn)"
row "crieur's MP3 writer alone, -j 1 (median)" "$t_e" "$(median3 $ce)"
echo "target: crieur build <= 0.65 x lame alone on 2 cores (ratio column: crieur / other)"
printf 'crieur / lame alone, each round (its two runs side by side):%s; median %.2f\n' \
	"$pc" "$(median3 $pc)"
printf 'crieur / lame --noreplaygain (no ReplayGain analysis, as crieur'"'"'s writer), each round:%s; median %.2f\n' \
	"$pn" "$(median3 $pn)"
[ -z "$base" ] || printf 'BASE / lame alone, each round:%s; median %.2f\n' \
	"$pb" "$(median3 $pb)"
echo "runs: crieur$tc s; lame$tl s; lame --noreplaygain$tn s; writer -j 1$te s"
[ -z "$base" ] || echo "runs: BASE$tb s"
if [ "${FIRST:-0}" = 1 ]; then
	echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	exit 0
fi

echo
echo "per pass, all cores (crieur build --stats; the same bulletin to WAV,"
echo "without encoding; the MP3 writer alone on that WAV):"
"$crieur" build -q --stats "$work/b30.yaml" -o "$work/b30.mp3" 2>"$work/mp3.txt"
sed 's/^/  MP3: /' "$work/mp3.txt"
"$crieur" build -q --stats "$work/b30.yaml" -o "$work/b30.wav" 2>"$work/wav.txt"
sed 's/^/  WAV: /' "$work/wav.txt"
/usr/bin/time -f '%e %U %S' -o "$work/t" "$enc" "$work/b30.wav" "$work/e.mp3" 0 64
set -- $(cat "$work/t")
printf '  encoding alone (MP3 writer, all cores):       wall %7.2f s, CPU %7.2f s\n' \
	"$1" "$(echo "$2 + $3" | bc -l)"
# The least wall time this work allows: the MP3 run's CPU (rendering, as
# the WAV run has it: pass A, then the mix, mastering and pass B; and the
# encoding, the rest) with every core busy all the time.
cpu_of() {
	sed -n 's/^pass A.*CPU *\([0-9.]*\) s$/\1/p; s/^passes B+C.*CPU *\([0-9.]*\) s$/\1/p' \
		"$1" | paste -sd+ | bc -l
}
m_cpu=$(cpu_of "$work/mp3.txt") r_cpu=$(cpu_of "$work/wav.txt")
floor=$(echo "$m_cpu / $cores" | bc -l)
printf '  floor, %d cores always busy: CPU %.2f s (rendering %.2f, encoding %.2f) / %d\n' \
	"$cores" "$m_cpu" "$r_cpu" "$(echo "$m_cpu - $r_cpu" | bc -l)" "$cores"
printf '         = %.2f s, %.2f x lame alone\n' "$floor" "$(ratio "$floor" "$t_l")"

echo
echo "scaling (taskset; -j = cores given):"
printf '%-8s %18s %8s %18s %8s\n' "cores" "crieur build s" "speedup" "writer alone s" "speedup"
c1="" e1=""
for n in 1 2 $cores; do
	[ "$n" -le "$cores" ] || continue
	[ "$n" = 2 ] && [ "$cores" -lt 2 ] && continue
	case "$n" in 1) set0=0 ;; *) set0="0-$((n - 1))" ;; esac
	tcb=$(wall taskset -c "$set0" "$crieur" build -q -j "$n" "$work/b30.yaml" -o "$work/s.mp3")
	teb=$(wall taskset -c "$set0" "$enc" "$work/b30.wav" "$work/s2.mp3" "$n" 64)
	[ -n "$c1" ] || { c1=$tcb; e1=$teb; }
	printf '%-8s %18.2f %8.2f %18.2f %8.2f\n' "$n" "$tcb" "$(ratio "$c1" "$tcb")" \
		"$teb" "$(ratio "$e1" "$teb")"
	[ "$n" = "$cores" ] && break
done

echo
echo "peak RSS, all cores:"
make_script 13 "$work/b60.yaml"
make_script 39 "$work/b180.yaml"
for b in b30 b60 b180; do
	r=$(rss "$crieur" build -q "$work/$b.yaml" -o "$work/$b.mp3")
	d=$("$crieur" info "$work/$b.mp3" | sed 's/.*, \([0-9.]*\) s$/\1/')
	printf '  %6.0f s of audio: %7d kB\n' "$d" "$r"
done
# the jobs a machine with more CPUs would run by default (-j: pass A's
# processes, the MP3 encoder's threads), in mono and in stereo
sed 's/channels: 1, bitrate: 64/channels: 2, bitrate: 128/' "$work/b30.yaml" \
	> "$work/b30s.yaml"
for j in 16 32 64; do
	r=$(rss "$crieur" build -q -j "$j" "$work/b30.yaml" -o "$work/b30.mp3")
	s=$(rss "$crieur" build -q -j "$j" "$work/b30s.yaml" -o "$work/b30s.mp3")
	printf '  the 30-minute one, -j %2d: %7d kB mono, %7d kB stereo\n' \
		"$j" "$r" "$s"
done
echo "target: < 65536 kB whatever the length and the number of cores"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
