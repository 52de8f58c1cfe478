#!/bin/sh
# Many short bulletins, side by side in one run:
#   one batch          crieur build IN/*.txt -o DIR (eSpeak NG started once,
#                      a process forked per bulletin, one per online CPU at
#                      once)
#   one batch, -j 1    the same, one bulletin at a time
#   separate runs      crieur build IN/X.txt -o DIR/X.mp3, once per bulletin
# in bulletins per minute, and the batch's peak RSS (the largest of its
# processes) against one run's.
# Rounds alternate, so all see the same load on a shared machine.
# Usage: B=build sh tests/bench/batch.sh   (from the top of the tree)
#        N=50 ROUNDS=3 (defaults)
set -eu
B=${B:-build}
crieur=$(pwd)/$B/crieur
N=${N:-50}
ROUNDS=${ROUNDS:-3}
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"

# N statements of a headline and one sentence (5 to 12 s spoken), taken
# in turn from the French sample statements' sentences.
sentences=$(sed -s 1d samples/statements/2023-11-20-pristina.txt \
	samples/statements/2024-02-05-bruxelles.txt | sed 's/\([.;]\) /\1\n/g' |
	awk 'length > 60 && length < 200')
count=$(printf '%s\n' "$sentences" | wc -l)
for i in $(seq "$N"); do
	line=$(printf '%s\n' "$sentences" | sed -n "$(( (i - 1) % count + 1 ))p")
	printf 'Dépêche numéro %d\n%s\n' "$i" "$line" > "$work/in/d$i.txt"
done

now() { date +%s.%N; }
tb="" t1="" ts="" rss_batch=0 rss_one=0
for r in $(seq "$ROUNDS"); do
	rm -rf "$work/batch" "$work/one" "$work/sep"
	mkdir "$work/batch" "$work/one" "$work/sep"
	/usr/bin/time -f '%e %M' -o "$work/t" "$crieur" build -q "$work"/in/*.txt \
		-o "$work/batch" >/dev/null
	set -- $(cat "$work/t")
	tb="$tb $1"
	[ "$2" -gt "$rss_batch" ] && rss_batch=$2
	/usr/bin/time -f '%e' -o "$work/t" "$crieur" build -q -j 1 \
		"$work"/in/*.txt -o "$work/one" >/dev/null
	t1="$t1 $(cat "$work/t")"
	t0=$(now)
	for f in "$work"/in/*.txt; do
		n=$(basename "$f" .txt)
		/usr/bin/time -f '%M' -o "$work/t" "$crieur" build -q "$f" \
			-o "$work/sep/$n.mp3" >/dev/null
		[ "$(cat "$work/t")" -gt "$rss_one" ] && rss_one=$(cat "$work/t")
	done
	ts="$ts $(echo "$(now) - $t0" | bc -l)"
	got=$(ls "$work/batch"/*.mp3 | wc -l)
	[ "$got" -eq "$N" ] || { echo "the batch wrote $got of $N bulletins"; exit 1; }
	got=$(ls "$work/sep"/*.mp3 | wc -l)
	[ "$got" -eq "$N" ] || { echo "separate runs wrote $got of $N bulletins"; exit 1; }
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
t_batch=$(median $tb) t_one=$(median $t1) t_sep=$(median $ts)
audio=0
for f in "$work"/batch/*.mp3; do
	audio=$(echo "$audio + $("$crieur" info "$f" | sed 's/.*, \([0-9.]*\) s$/\1/')" | bc -l)
done

echo "== batch: $N short bulletins ($(printf '%.1f' "$(echo "$audio / $N" | bc -l)") s each on average), MP3 64 kbit/s mono =="
printf '%-44s %8s %14s\n' "" "wall s" "bulletins/min"
printf '%-44s %8.2f %14.0f\n' "one batch (-o DIR, $(nproc) CPUs), median of $ROUNDS" \
	"$t_batch" "$(echo "$N * 60 / $t_batch" | bc -l)"
printf '%-44s %8.2f %14.0f\n' "one batch, -j 1, median of $ROUNDS" \
	"$t_one" "$(echo "$N * 60 / $t_one" | bc -l)"
printf '%-44s %8.2f %14.0f\n' "$N separate runs, median of $ROUNDS" \
	"$t_sep" "$(echo "$N * 60 / $t_sep" | bc -l)"
printf 'batch / separate: %.2f x the bulletins per minute\n' \
	"$(echo "$t_sep / $t_batch" | bc -l)"
printf 'batch / batch -j 1: %.2f x\n' "$(echo "$t_one / $t_batch" | bc -l)"
echo "runs: batch$tb s; batch -j 1$t1 s; separate$(printf ' %.2f' $ts) s"
printf 'peak RSS: batch of %d %d kB, one separate run at most %d kB\n' \
	"$N" "$rss_batch" "$rss_one"
