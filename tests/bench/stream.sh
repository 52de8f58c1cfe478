#!/bin/sh
# What crieur's Icecast output costs: CPU seconds per hour of stream (the
# encoder and the sender; synthesis not included), MP3 64 kbit/s and Ogg
# Opus 32 kbit/s, for speech and for the silence between bulletins.  A
# private icecast2 on a free loopback port takes the stream unpaced (see
# tests/bench/stream_cost.c), so each hour is measured in seconds.
# Usage: B=build sh tests/bench/stream.sh   (from the top of the tree)
set -eu
B=${B:-build}
crieur=$(pwd)/$B/crieur
cost=$(pwd)/$B/bench/stream_cost
MINUTES=${STREAM_MINUTES:-10}
work=$(mktemp -d /tmp/crieur-bench.XXXXXX)
chmod 755 "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pw=bench-$$
cat >"$work/icecast.xml" <<XML
<icecast><limits><sources>4</sources><source-timeout>10</source-timeout></limits>
<authentication><source-password>$pw</source-password><admin-password>a-$pw</admin-password></authentication>
<hostname>127.0.0.1</hostname><listen-socket><port>$port</port><bind-address>127.0.0.1</bind-address></listen-socket>
<paths><basedir>$work</basedir><logdir>$work</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
<logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
<security><chroot>0</chroot></security></icecast>
XML
touch "$work/error.log" "$work/access.log"
chmod 644 "$work/icecast.xml"; chmod 666 "$work"/*.log
if [ "$(id -u)" = 0 ]; then
	setpriv --reuid=nobody --regid=nogroup --clear-groups icecast2 -c "$work/icecast.xml" >/dev/null 2>&1 &
else
	icecast2 -c "$work/icecast.xml" >/dev/null 2>&1 &
fi
ice=$!
trap 'kill $ice 2>/dev/null; wait $ice 2>/dev/null; rm -rf "$work"' EXIT
for i in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/status-json.xsl" >/dev/null 2>&1 && break
	sleep 0.1
done
"$crieur" build samples/statements/2024-02-05-bruxelles.txt -o "$work/speech.wav" >/dev/null 2>&1
export CRIEUR_ICECAST_PASSWORD=$pw

echo "== Icecast output: CPU per hour of stream ($MINUTES min each, unpaced) =="
printf '%-34s %s\n' "stream" "CPU s per hour (% of one core)"
for f in mp3 opus; do
	for what in speech silence; do
		src=$what; [ $what = speech ] && src=$work/speech.wav
		s=$("$cost" "icecast://127.0.0.1:$port/bench-$what.$f" "$MINUTES" "$src" |
			sed -n 's/^cpu_s_per_hour //p')
		label="MP3 64 kbit/s mono"; [ $f = opus ] && label="Opus 32 kbit/s mono"
		printf '%-34s %7.1f  (%.2f %%)\n' "$label, $what" "$s" "$(echo "$s / 36" | bc -l)"
	done
done
