/* test_air_icecast.c - `crieur air` on Icecast mounts: a private icecast2
 * on a free loopback port, a station with a continuous mount (a fill
 * looped between bulletins) and a slot mount (connected for each bulletin
 * only), real listeners (ffmpeg) recording both; the recordings decoded
 * and measured: the fill between bulletins, the bulletins' speech at the
 * rendered level, one bulletin per slot period, the slot mount's stream
 * ending with each bulletin; the status page shows the item's title; a
 * third mount on a server that is down is logged as an outage while the
 * others air. */
#define _GNU_SOURCE
#include "air.h"

#include <poll.h>
#include <signal.h>

static struct icecast_srv srv;

static int teardown(void **state)
{
	kill_spawned(state);
	return 0;
}

/* Wait until text shows in the file (timeout seconds at most). */
static int wait_text(const char *file, const char *text, double timeout)
{
	static char buf[1 << 17];
	double t0 = mono_s();

	do {
		slurp(file, buf, sizeof(buf));
		if (strstr(buf, text))
			return 1;
		nap_ms(50);
	} while (mono_s() - t0 < timeout);
	return 0;
}

/* The starts (seconds) of the sounds louder than -20 dBFS (50 ms RMS)
 * that follow at least 0.5 s below it: the bulletins' onsets over a
 * quieter fill. */
static int onsets(const struct audio *a, double *at, int max)
{
	long win = a->rate / 20, quiet = 0;
	int n = 0;

	for (long f = 0; f + win <= a->frames && n < max; f += win) {
		if (audio_rms_db(a, f, win) > -20) {
			if (quiet >= 10)
				at[n++] = (double)f / a->rate;
			quiet = 0;
		} else {
			quiet++;
		}
	}
	return n;
}

static void continuous_and_slot(void **state)
{
	struct run_result r;
	struct audio rec, slot, ren;
	char url[256], recpath[300], slotpath[300], big[2048];
	double on[16];
	pid_t air, lis, slis;
	int n;

	icecast_start(&srv, 0, NULL);
	password_file();
	run(&r, "cd %s && rm -rf state drop && mkdir drop && "
	    "sox -n -r 44100 -c 1 tone.wav synth 0.4 sine 800 vol 0.5 && "
	    "sox -n -r 44100 -c 1 fill.wav synth 2 sine 300 vol 0.03",
	    scratch_dir());
	assert_int_equal(r.status, 0);
	script("ib.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
	    "  - text: Le conseil municipal a voté le budget.\n"
	    "    title: Budget voté\n");
	snprintf(big, sizeof(big), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/news.mp3\n"
		 "      password_file: ice.pw\n      fill: fill.wav\n"
		 "      genre: Nouvelles\n"
		 "  - icecast:\n      server: 127.0.0.1\n      port: %d\n"
		 "      mount: slot.opus\n      password_file: ice.pw\n"
		 "      mode: slot\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/down.mp3\n"
		 "      password_file: ice.pw\n"
		 "  - folder: drop\n"
		 "slots:\n  - name: flash\n    at: '*/10 * * * * *'\n"
		 "    bulletin: ib.yaml\n    prepare: 4\n",
		 srv.port, srv.port, free_port());
	script("ice.yaml", big);
	run(&r, "cd %s && %s air --check ice.yaml", scratch_dir(), air_bin());
	if (r.status)
		fail_msg("--check: %s", r.err);

	air = air_spawn("ice.yaml", scratch("airice.err"));
	/* the continuous mount is up before any bulletin */
	assert_true(icecast_wait_for(&srv, "/news.mp3", 20) >= 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/news.mp3", srv.port);
	snprintf(recpath, sizeof(recpath), "%s", scratch("news-rec.mp3"));
	lis = listener(url, recpath, scratch("lis.log"));
	/* the slot mount comes up for a bulletin: listen to it until the
	 * stream ends (the source leaves after the bulletin) */
	assert_true(icecast_wait_for(&srv, "/slot.opus", 30) >= 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/slot.opus", srv.port);
	snprintf(slotpath, sizeof(slotpath), "%s", scratch("slot-rec.ogg"));
	slis = listener(url, slotpath, scratch("slis.log"));
	assert_true(wait_pid(slis, 40) == 0);
	/* now playing on the MP3 mount: "station — item title"; the
	 * stream's name (the station's) and genre on the status page */
	assert_true(icecast_wait_for(&srv, "Budget vot", 30) >= 0);
	icecast_status(&srv, &r);
	assert_non_null(strstr(r.out, "\"genre\":\"Nouvelles\""));
	assert_non_null(strstr(r.out, "\"server_name\":\"e2e\""));
	assert_true(wait_text(scratch("state/asrun.jsonl"), "\"outcome\"", 30));
	assert_true(air_wait_count("\"outcome\":\"aired\"", 2, 40));
	stop_pid(lis, SIGINT);
	air_stop(air);
	icecast_stop(&srv);

	/* the dead server: an outage in the log, not a failure */
	assert_true(air_count("output 3 (icecast): icecast://source@127.0.0.1:") >= 1);
	assert_true(air_count("down.mp3: never connected") >= 1);
	assert_int_equal(air_count("\"outcome\":\"failed\""), 0);

	/* what the continuous listener heard: the fill, then bulletins one
	 * slot period (10 s) apart, as loud as rendered */
	run(&r, "ffmpeg -nostdin -loglevel error -y -i %s -ac 1 -ar 44100 %s",
	    recpath, scratch("news-rec.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&rec, scratch("news-rec.wav"));
	n = onsets(&rec, on, 16);
	print_message("continuous: %.1f s recorded, %d bulletin onset(s):", audio_seconds(&rec), n);
	for (int i = 0; i < n; i++)
		print_message(" %.2f", on[i]);
	print_message("\n");
	assert_true(n >= 1);
	{
		double fill = audio_rms_db(&rec, (long)((on[0] - 0.45) * rec.rate),
					   rec.rate / 5);
		double speech = audio_rms_db(&rec, (long)(on[0] * rec.rate),
					     rec.rate / 5);
		double rendered;

		run(&r, "ls %s/drop/flash-*.mp3 | head -1", scratch_dir());
		r.out[strcspn(r.out, "\n")] = '\0';
		audio_load(&ren, r.out);
		rendered = audio_rms_db(&ren, 0, ren.rate / 5);
		print_message("fill %.1f dB, bulletin %.1f dB (rendered %.1f)\n",
			      fill, speech, rendered);
		/* the 300 Hz fill at 0.03: -33.5 dB */
		assert_true(fill > -40 && fill < -28);
		assert_true(fabs(speech - rendered) < 2.0);
		audio_release(&ren);
	}
	for (int i = 1; i < n; i++)   /* one per slot, at its time */
		assert_true(fabs(on[i] - on[i - 1] - 10.0) < 0.5);
	audio_release(&rec);

	/* the slot mount: silence, then the bulletin, then the end */
	run(&r, "ffmpeg -nostdin -loglevel error -y -i %s -ac 1 -ar 48000 %s",
	    slotpath, scratch("slot-rec.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&slot, scratch("slot-rec.wav"));
	n = onsets(&slot, on, 16);
	print_message("slot: %.1f s recorded, onset %.2f\n",
		      audio_seconds(&slot), n ? on[0] : -1);
	assert_int_equal(n, 1);
	assert_true(audio_voiced_fraction(&slot, -40) > 0.3);
	audio_release(&slot);
}

/* The realtime clock in epoch seconds. */
static double now_epoch(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the as-run log holds a slot that aired with no error and
 * started after t (epoch seconds). */
static int clean_slot_after(double t)
{
	static struct asrun_line l[256];
	int n = asrun_lines(l, 256);

	for (int i = 0; i < n; i++)
		if (l[i].clean && l[i].started[0] &&
		    iso_epoch_s(l[i].started) > t)
			return 1;
	return 0;
}

/* The as-run line of the first slot scheduled after t (epoch seconds),
 * in a static buffer; NULL when none is logged yet. */
static const char *slot_scheduled_after(double t)
{
	static struct asrun_line l[256];
	int n = asrun_lines(l, 256);

	for (int i = 0; i < n; i++)
		if (l[i].scheduled[0] && iso_epoch_s(l[i].scheduled) > t)
			return l[i].text;
	return NULL;
}

/* A continuous mount whose server is killed and started again: the slot
 * that comes while it is down is logged with the outage, crieur is back
 * on the mount soon after the server (it probes every 4 s at most), and
 * a listener hears the next bulletin, at the rendered level. */
static void continuous_reconnects(void **state)
{
	struct run_result r;
	struct audio rec;
	char big[1024], url[256];
	double waited, on[8], t_in, t0;
	pid_t air, lis;
	const char *down;

	icecast_start(&srv, 0, NULL);
	password_file();
	run(&r, "cd %s && rm -rf state drop && mkdir drop && "
	    "sox -n -r 44100 -c 1 tone.wav synth 0.4 sine 800 vol 0.5",
	    scratch_dir());
	assert_int_equal(r.status, 0);
	script("rb.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
		"  - text: Le conseil municipal a voté le budget.\n");
	snprintf(big, sizeof(big), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/news.mp3\n"
		 "      password_file: ice.pw\n"
		 "slots:\n  - name: flash\n    at: '*/8 * * * * *'\n"
		 "    bulletin: rb.yaml\n    prepare: 3\n", srv.port);
	script("re.yaml", big);
	air = air_spawn("re.yaml", scratch("airre.err"));
	assert_true(icecast_wait_for(&srv, "/news.mp3", 20) >= 0);
	/* killed (no goodbye): the next slot is logged with the outage
	 * (not one on air when it died: that one may have been sent whole
	 * before) */
	stop_pid(srv.pid, SIGKILL);
	t_in = now_epoch();
	for (t0 = mono_s(); !(down = slot_scheduled_after(t_in)) &&
	     mono_s() - t0 < 30;)
		nap_ms(100);
	assert_non_null(down);
	print_message("while down: %s\n", down);
	assert_non_null(strstr(down, "news.mp3: "));
	/* back: crieur reconnects */
	icecast_run(&srv);
	waited = icecast_wait_for(&srv, "/news.mp3", 15);
	print_message("back on the mount %.1f s after the server\n", waited);
	assert_true(waited >= 0 && waited <= 8.0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/news.mp3", srv.port);
	lis = listener(url, scratch("re-rec.mp3"), scratch("lis-re.log"));
	/* a bulletin that started once the listener was in (not one it
	 * joined half-way, under load) */
	assert_true(icecast_wait_for(&srv, "\"listeners\":1", 20) >= 0);
	t_in = now_epoch();
	for (t0 = mono_s(); !clean_slot_after(t_in + 0.6) && mono_s() - t0 < 30;)
		nap_ms(100);
	assert_true(clean_slot_after(t_in + 0.6));
	stop_pid(lis, SIGINT);
	air_stop(air);
	icecast_stop(&srv);
	run(&r, "ffmpeg -nostdin -loglevel error -y -i %s -ac 1 -ar 44100 %s",
	    scratch("re-rec.mp3"), scratch("re-rec.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&rec, scratch("re-rec.wav"));
	assert_true(onsets(&rec, on, 8) >= 1);
	print_message("after the restart: %.1f s recorded, bulletin at %.2f s, "
		      "%.1f dB\n", audio_seconds(&rec), on[0],
		      audio_rms_db(&rec, (long)(on[0] * rec.rate), rec.rate / 5));
	assert_true(audio_rms_db(&rec, (long)(on[0] * rec.rate), rec.rate / 5) > -15);
	audio_release(&rec);
}

/* A listener that hears the stream as it arrives: mpg123 decodes url
 * to raw 16-bit mono PCM on a pipe read here, for `seconds`; the
 * realtime instants (epoch seconds) at which the bulletins' onsets
 * (10 ms louder than -20 dBFS after 0.5 s below) came.  The first
 * 2.5 s are Icecast's burst (audio from before the connection), not
 * timed. */
static int heard_onsets(const char *url, double seconds, double *at, int max)
{
	short pcm[441];   /* 10 ms */
	size_t have = 0;
	double t0 = mono_s();
	long quiet = 0;
	int fd[2], n = 0;
	pid_t pid;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (dup2(fd[1], 1) < 0 || !freopen("/dev/null", "w", stderr))
			_exit(127);
		close(fd[0]);
		close(fd[1]);
		execlp("mpg123", "mpg123", "-q", "-s", "-m", "-r", "44100",
		       "-e", "s16", url, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	remember_pid(pid);
	while (mono_s() - t0 < seconds && n < max) {
		struct pollfd p = { fd[0], POLLIN, 0 };
		double sum = 0, db;
		ssize_t got;

		if (poll(&p, 1, 200) <= 0)
			continue;
		got = read(fd[0], (char *)pcm + have, sizeof(pcm) - have);
		if (got <= 0)
			break;
		have += (size_t)got;
		if (have < sizeof(pcm))
			continue;
		have = 0;
		for (int i = 0; i < 441; i++)
			sum += (double)pcm[i] * pcm[i];
		db = 10 * log10(sum / 441 / (32768.0 * 32768.0) + 1e-20);
		if (db <= -20) {
			quiet++;
			continue;
		}
		if (quiet >= 50 && mono_s() - t0 > 2.5) {
			struct timespec ts;

			clock_gettime(CLOCK_REALTIME, &ts);
			at[n++] = ts.tv_sec + ts.tv_nsec / 1e9;
		}
		quiet = 0;
	}
	stop_pid(pid, SIGKILL);
	close(fd[0]);
	return n;
}

/* The sound of the k-th bulletin in a capture: from its onset (above
 * 0.01 after 0.3 s below, as jack_onset counts them) to its last frame
 * above 0.01 before a second of quiet; seconds, or -1. */
static double sound_span(const struct audio *a, int k)
{
	long quiet = a->rate, start = -1, last = -1;

	for (long f = 0; f < a->frames; f++) {
		if (fabsf(a->data[f * a->channels]) < 0.01f) {
			if (++quiet >= a->rate && start >= 0)
				break;
			continue;
		}
		if (quiet >= a->rate * 3 / 10 && start < 0 && k-- == 0)
			start = f;
		last = f;
		quiet = 0;
	}
	return start < 0 ? -1 : (double)(last - start + 1) / a->rate;
}

/* The as-run log's scheduled instant nearest to t (epoch seconds), or
 * 0 when the log is empty. */
static long long nearest_scheduled(double t)
{
	static struct asrun_line l[256];
	int n = asrun_lines(l, 256);
	long long best = 0;

	for (int i = 0; i < n; i++) {
		long long s = l[i].scheduled[0] ? iso_epoch(l[i].scheduled) : 0;

		if (s && (!best || fabs(t - s) < fabs(t - best)))
			best = s;
	}
	return best;
}

/* A device and a continuous mount side by side (jackd2's dummy back
 * end, a private icecast2).  A listener hears the bulletin at its slot:
 * the onset arrives after the scheduled instant and well within the
 * two seconds of the lead (the bulletin is written that far ahead and
 * held in the ring; tests/bench/air.sh measures the device's accuracy).  Then the
 * server hangs (SIGSTOP) for two slots; at 320 kbit/s the sockets'
 * buffers fill within seconds, so the stream's sender really blocks and
 * the as-run log says the stream was not taken, while the device airs
 * both bulletins whole: no underrun counted by crieur, and, recorded by
 * tests/tools/jack_onset (a JACK client of our own), each bulletin's
 * sound lasts as long as the rendered one; the as-run log's `ended` is
 * the device's end, not the stream's give-up.  SIGTERM while the server
 * still hangs: crieur exits 143, no hang. */
static void device_beside_hung_stream(void **state)
{
	struct run_result r;
	struct audio cap;
	char big[1024], url[256], buf[16384], *p;
	double heard[4] = { 0 }, dev[32];
	pid_t jackd, air, rec;
	int n, ndev = 0, hung_err = 0, before;

	jackd = jackd_start("e2e-airhung");
	assert_true(jackd > 0);
	icecast_start(&srv, 0, NULL);
	password_file();
	run(&r, "cd %s && rm -rf state drop && mkdir drop && "
	    "sox -n -r 44100 -c 1 tone.wav synth 0.4 sine 800 vol 0.5",
	    scratch_dir());
	assert_int_equal(r.status, 0);
	script("hb.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
		"  - text: Le conseil municipal a voté le budget.\n");
	snprintf(big, sizeof(big), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n  - device: system\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/hung.mp3\n"
		 "      password_file: ice.pw\n      bitrate: 320\n"
		 "  - folder: drop\n"
		 "slots:\n  - name: flash\n    at: '*/15 * * * * *'\n"
		 "    bulletin: hb.yaml\n    prepare: 3\n", srv.port);
	script("hung.yaml", big);
	rec = fork();
	assert_true(rec >= 0);
	if (rec == 0) {
		if (!freopen(scratch("hung-onsets.txt"), "w", stdout))
			_exit(127);
		execl(onset_bin(), "jack_onset", "-s", "70", "-o",
		      scratch("hung-cap.wav"), (char *)NULL);
		_exit(127);
	}
	remember_pid(rec);
	air = air_spawn("hung.yaml", scratch("airhung.err"));
	assert_true(icecast_wait_for(&srv, "/hung.mp3", 20) >= 0);

	/* a listener hears the next bulletin at its slot */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/hung.mp3", srv.port);
	assert_int_equal(heard_onsets(url, 25, heard, 1), 1);
	{
		double t0 = mono_s(), best;

		while ((best = heard[0] - nearest_scheduled(heard[0])) > 5 &&
		       mono_s() - t0 < 20)
			nap_ms(100);
		print_message("heard on the stream %+.0f ms after its slot\n",
			      best * 1000);
		/* not the lead early (written 2 s ahead, the bulletin waits
		 * in the ring for its instant), nor the lead late */
		assert_true(best > -0.5 && best < 2.0);
	}

	/* the server hangs for two slots */
	before = air_count("\"slot\"");
	kill(srv.pid, SIGSTOP);
	assert_true(air_wait_count("\"slot\"", before + 2, 45));
	/* SIGTERM while the server still hangs: no hang on exit */
	kill(air, SIGTERM);
	assert_int_equal(wait_pid(air, 30), 143);
	assert_int_equal(wait_pid(rec, 75), 0);
	kill(srv.pid, SIGCONT);
	icecast_stop(&srv);
	jackd_stop(jackd);

	/* the slots during the hang aired on the device, whole; the stream
	 * was not taken (its sender blocked: the hang bit) */
	{
		FILE *f = fopen(scratch("state/asrun.jsonl"), "r");
		char line[8192];
		int i = 0;

		assert_non_null(f);
		while (fgets(line, sizeof(line), f)) {
			assert_null(strstr(line, "underrun"));
			if (i++ < before)
				continue;
			print_message("%s", line);
			assert_non_null(strstr(line, "\"outcome\":\"aired\""));
			/* ended: the device's end, not the stream's give-up
			 * (its 4 s ring and a grace) */
			assert_true(diff_s(strstr(line, "\"ended\":\"") + 9,
					   strstr(line, "\"started\":\"") + 11) < 5.0);
			hung_err += strstr(line, "hung.mp3: the server stopped "
					   "taking the stream") != NULL;
		}
		fclose(f);
	}
	assert_true(hung_err >= 1);
	slurp(scratch("hung-onsets.txt"), buf, sizeof(buf));
	for (p = buf; (p = strstr(p, "onset ")) && ndev < 32; p += 6)
		dev[ndev++] = atof(p + 6);
	assert_true(ndev >= 3);
	audio_load(&cap, scratch("hung-cap.wav"));
	for (n = 0; n < ndev; n++) {
		struct audio ren;
		long long sched = nearest_scheduled(dev[n]);
		double got, want;

		run(&r, "ffmpeg -nostdin -loglevel error -y -i %s/drop/flash-%lld"
		    ".mp3 -ac 1 -ar %d %s", scratch_dir(), sched, cap.rate,
		    scratch("hung-ren.wav"));
		assert_int_equal(r.status, 0);
		audio_load(&ren, scratch("hung-ren.wav"));
		got = sound_span(&cap, n);
		want = sound_span(&ren, 0);
		print_message("device bulletin %d: onset %+.0f ms, sound %.3f s, "
			      "rendered %.3f s\n", n + 1, (dev[n] - sched) * 1000,
			      got, want);
		/* a device held up by the stream would lose seconds (the
		 * stream's 4 s ring); a starved jackd (a loaded machine) may
		 * skip a few 12 ms periods of the capture, no more */
		assert_true(fabs(got - want) < 0.5);
		audio_release(&ren);
	}
	audio_release(&cap);
}

/* SIGINT while a bulletin is on air (heard by a listener): crieur fades
 * out and exits 130; the slot is logged interrupted. */
static void sigint_on_air(void **state)
{
	struct run_result r;
	char big[1024], url[256];
	double heard[1];
	pid_t air;

	icecast_start(&srv, 0, NULL);
	password_file();
	run(&r, "cd %s && rm -rf state && sox -n -r 44100 -c 1 tone.wav synth "
	    "0.4 sine 800 vol 0.5", scratch_dir());
	assert_int_equal(r.status, 0);
	script("ib2.yaml", "intro: tone.wav\ntalkup: 0\nitems:\n  - text: Le "
		"conseil municipal a longuement débattu du budget de la commune, "
		"puis il a voté chaque ligne une à une.\n");
	snprintf(big, sizeof(big), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/int.mp3\n"
		 "      password_file: ice.pw\n"
		 "slots:\n  - name: flash\n    at: '*/10 * * * * *'\n"
		 "    bulletin: ib2.yaml\n    prepare: 3\n", srv.port);
	script("int.yaml", big);
	air = air_spawn("int.yaml", scratch("airint.err"));
	assert_true(icecast_wait_for(&srv, "/int.mp3", 20) >= 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/int.mp3", srv.port);
	assert_int_equal(heard_onsets(url, 25, heard, 1), 1);
	kill(air, SIGINT);
	assert_int_equal(wait_pid(air, 20), 130);
	icecast_stop(&srv);
	assert_int_equal(air_count("\"outcome\":\"interrupted\""), 1);
}

/* A soft start waits for the bulletin on air (a long one that overruns
 * into its time): it starts when that one has ended, logged late; the
 * long one is not cut. */
static void soft_start_waits(void **state)
{
	struct run_result r;
	char big[1024], line[8192], ended[40] = "";
	int soft = 0;
	pid_t air;
	FILE *f;

	icecast_start(&srv, 0, NULL);
	password_file();
	run(&r, "cd %s && rm -rf state", scratch_dir());
	script("long.yaml", "talkup: 0\nitems:\n  - text: Le conseil municipal "
		"a longuement débattu du budget de la commune, des écoles, des "
		"routes, de la piscine et de la bibliothèque, puis il a voté "
		"chaque ligne une à une, jusque tard dans la soirée.\n");
	script("flash.yaml", "talkup: 0\nitems:\n  - text: Flash.\n");
	snprintf(big, sizeof(big), "station: e2e\ntimezone: Europe/Paris\n"
		 "state: state\noutputs:\n"
		 "  - icecast:\n      url: icecast://127.0.0.1:%d/soft.mp3\n"
		 "      password_file: ice.pw\n"
		 "slots:\n  - name: long\n    at: '0/20 * * * * *'\n"
		 "    bulletin: long.yaml\n    prepare: 6\n"
		 "  - name: flash\n    at: '4/20 * * * * *'\n"
		 "    bulletin: flash.yaml\n    prepare: 3\n    start: soft\n",
		 srv.port);
	script("soft.yaml", big);
	air = air_spawn("soft.yaml", scratch("airsoft.err"));
	assert_true(air_wait_count("\"slot\":\"long\"", 1, 50));
	assert_true(air_wait_count("\"slot\":\"flash\"",
				   air_count("\"slot\":\"flash\"") + 1, 30));
	air_stop(air);
	icecast_stop(&srv);
	f = fopen(scratch("state/asrun.jsonl"), "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		print_message("%s", line);
		if (strstr(line, "\"slot\":\"long\"")) {
			assert_non_null(strstr(line, "\"outcome\":\"aired\""));
			sscanf(strstr(line, "\"ended\":\"") + 9, "%39[^\"]", ended);
		} else if (ended[0] && !soft++) {
			/* the flash after the long one, not over it */
			assert_non_null(strstr(line, "\"outcome\":\"late\""));
			assert_true(diff_s(strstr(line, "\"started\":\"") + 11,
					   ended) >= 0);
		}
	}
	fclose(f);
	assert_int_equal(soft, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(continuous_and_slot, teardown),
		cmocka_unit_test_teardown(continuous_reconnects, teardown),
		cmocka_unit_test_teardown(device_beside_hung_stream, teardown),
		cmocka_unit_test_teardown(sigint_on_air, teardown),
		cmocka_unit_test_teardown(soft_start_waits, teardown),
	};
	if (getenv("TEST_FILTER"))   /* a pattern: TEST_FILTER=continuous* */
		cmocka_set_test_filter(getenv("TEST_FILTER"));
	return e2e_done(cmocka_run_group_tests_name("e2e_air_icecast", tests,
						    air_setup, NULL));
}
