#!/bin/sh
# Hard-start accuracy of `crieur air`, measured independently of crieur's
# own log: jackd2's dummy back end (22050 Hz, 256-frame periods) under a
# server name of our own; two stations on it: AIR_SLOTS slots (default
# 20) 3 s apart, then AIR_CUTS hard starts (default 10) each cutting a
# long bulletin still on air; and tests/tools/jack_onset (a JACK client) recording
# crieur's port: each onset's time at the device (the cycle's time by
# JACK's clock, plus the sample's offset, plus system:playback latency)
# minus the onset's offset inside the rendered file (its MP3 copy in the
# folder output, decoded by ffmpeg) is when the bulletin's first frame played; against its
# scheduled second: |actual - scheduled|, p50, p95, max.  Then AIR_ENDS
# (default 5) backtimed slots (duration: 10, a bulletin ending on a tone):
# when the end of the tone (jack_onset's offset) reached the device,
# against the slot's second plus its duration.
# Usage: B=build sh tests/bench/air.sh   (from the top of the tree)
set -eu
B=${B:-build}
top=$(pwd)
crieur=$top/$B/crieur
onset=$top/$B/tests/jack_onset
N=${AIR_SLOTS:-20}
work=$(mktemp -d /tmp/crieur-bench-air.XXXXXX)
JACK_DEFAULT_SERVER=crieur-bench-air-$$
echo 'pcm.!default { type null }' > "$work/asound.conf"
ALSA_CONFIG_PATH=$work/asound.conf XDG_CACHE_HOME=$work/cache
export JACK_DEFAULT_SERVER JACK_NO_AUDIO_RESERVATION=1 ALSA_CONFIG_PATH XDG_CACHE_HOME
# The device runs realtime where the system allows it (root, or rtprio
# in limits.conf), as a station's sound server does: a dummy device
# without it is late on the wall clock whenever the shared machine is
# busy, and that, not crieur, would be measured.
rt=--no-realtime
chrt -f 10 true 2>/dev/null && rt=--realtime
jackd $rt -d dummy -r 22050 -p 256 >"$work/jackd.log" 2>&1 &
jackd=$!
air=
trap '[ -z "$air" ] || kill $air 2>/dev/null || true; kill $jackd 2>/dev/null || true; wait $jackd 2>/dev/null || true; rm -rf "$work"' EXIT
jack_wait -w -t 10 >/dev/null 2>&1

# a bulletin that starts with a tone (a sharp onset), then a short item;
# a long one for the cuts
sox -n -r 44100 -c 1 "$work/tone.wav" synth 0.3 sine 1000 vol 0.5
printf 'intro: tone.wav\ntalkup: 0\nitems:\n  - text: Essai.\n' > "$work/b.yaml"
printf 'outro: tone.wav\ntalkup: 0\nitems:\n  - text: %s\n  - text: %s\n' \
  "Le conseil municipal a voté le budget de la commune." \
  "Il fera beau demain sur toute la région." > "$work/bt.yaml"
printf 'talkup: 0\nitems:\n  - text: %s\n' "Le conseil municipal a \
longuement débattu du budget de la commune, des écoles, des routes, de la \
piscine et de la bibliothèque, puis il a voté chaque ligne une à une." \
  > "$work/long.yaml"

# measure TITLE N SECONDS SLOTS [end]: air a station with those slots
# (the measured one named flash) for SECONDS, recording; report N onsets
# (or, with "end", N ends against the scheduled second plus 10 s)
measure() {
dir=$work/$1
mkdir -p "$dir/drop"
cp "$work/tone.wav" "$work/b.yaml" "$work/long.yaml" "$work/bt.yaml" "$dir/"
printf 'station: bench\nstate: state\noutputs:\n  - device: system\n  - folder: drop\nslots:\n%s\n' \
  "$4" > "$dir/station.yaml"
"$onset" -s "$3" >"$dir/onsets.txt" &
rec=$!
sleep 0.5
"$crieur" air -q "$dir/station.yaml" 2>"$dir/air.err" &
air=$!
wait $rec
kill -TERM $air 2>/dev/null; wait $air 2>/dev/null || true
air=
N=$2
echo "== crieur air: $1 (jackd dummy $rt, 22050 Hz, 256-frame periods) =="
python3 - "$dir" "$N" "${5:-start}" <<'EOP'
import glob, json, os, re, subprocess, sys, wave, struct
work, n, end = sys.argv[1], int(sys.argv[2]), sys.argv[3] == 'end'
def first_loud(path, last=False, thr=0.01):
    """The first (or last) frame of a WAV file over thr; its rate."""
    w = wave.open(path)
    rate, ch, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
    data = w.readframes(w.getnframes())
    scale = float(1 << (8 * width - 1))
    frames = range(len(data) // (width * ch))
    for i in (reversed(frames) if last else frames):
        off = i * width * ch
        x = int.from_bytes(data[off:off + width], 'little', signed=True) / scale
        if abs(x) > thr:
            return i, rate
    return None, rate
def file_onset(path):
    i, rate = first_loud(path)
    return None if i is None else i / rate
def file_end(path):   # from the slot's end
    i, rate = first_loud(path, last=True)
    return None if i is None else (i + 1) / rate - 10.0
word = 'offset ' if end else 'onset '
onsets = [float(l.split()[1]) for l in open(os.path.join(work, 'onsets.txt'))
          if l.startswith(word)]
events = [(l.startswith('offset'), float(l.split()[1]), int(l.split()[2]))
          for l in open(os.path.join(work, 'onsets.txt'))
          if l.startswith('onset ') or l.startswith('offset ')]
jrate = int(open(os.path.join(work, 'onsets.txt')).read().split('rate ')[1].split()[0])
extra = []
errs = []
for f in sorted(glob.glob(os.path.join(work, 'drop', 'flash-*.mp3'))):
    sched = int(re.search(r'flash-(\d+)\.mp3', f).group(1)) + (10 if end else 0)
    wav = f[:-4] + '.wav'   # ffmpeg drops the encoder delay (LAME tag)
    subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-y', '-i',
                    f, '-c:a', 'pcm_s16le', wav], check=True)
    lead = file_end(wav) if end else file_onset(wav)
    if lead is None:
        continue
    near = [o - lead - sched for o in onsets if abs(o - lead - sched) < 1.5]
    if near:
        errs.append(min(near, key=abs) * 1000)
    if end and near:   # frames played between first sound and end
        first = file_onset(wav)
        st = [e for e in events if not e[0] and abs(e[1] - first - sched + 10) < 1.5]
        en = [e for e in events if e[0] and abs(e[1] - lead - sched) < 1.5]
        if st and en:
            s0 = min(st, key=lambda e: abs(e[1] - first - sched + 10))
            e0 = min(en, key=lambda e: abs(e[1] - lead - sched))
            extra.append(e0[2] - s0[2] - round((10 + lead - first) * jrate))
errs = errs[:n]
if not errs:
    print("no onset measured"); sys.exit(1)
a = sorted(abs(e) for e in errs)
p = lambda q: a[min(len(a) - 1, int(round(q * (len(a) - 1))))]
print("slots measured: %d of %d" % (len(errs), n))
print("|actual - scheduled%s|: p50 %.1f ms, p95 %.1f ms, max %.1f ms" % (" - 10 s" if end else "", p(0.5), p(0.95), a[-1]))
print("signed, ms: " + " ".join("%+.1f" % e for e in errs))
if end:
    print("frames played from first sound to end, minus the file's: " +
          " ".join("%+d" % e for e in extra))
EOP
}

measure "hard start" "$N" $((3 * N + 6)) '  - name: flash
    at: "*/3 * * * * *"
    bulletin: b.yaml
    prepare: 2'
C=${AIR_CUTS:-10}
measure "hard start cutting a bulletin on air" "$C" $((8 * C + 8)) '  - name: long
    at: "0/8 * * * * *"
    bulletin: long.yaml
    prepare: 4
  - name: flash
    at: "5/8 * * * * *"
    bulletin: b.yaml
    prepare: 3
    start: hard'
E=${AIR_ENDS:-5}
measure "backtimed slots (duration: 10), their end" "$E" $((12 * E + 8)) '  - name: flash
    at: "*/12 * * * * *"
    bulletin: bt.yaml
    duration: 10
    prepare: 6' end
