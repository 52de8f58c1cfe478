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
	air_put("ib.yaml", "intro: tone.wav\ntalkup: 0\ngap: 0.2\nitems:\n"
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
	air_put("ice.yaml", big);
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
	/* now playing on the MP3 mount: "station — item title" */
	assert_true(icecast_wait_for(&srv, "Budget vot", 30) >= 0);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(continuous_and_slot, teardown),
	};
	return cmocka_run_group_tests_name("e2e_air_icecast", tests, air_setup, NULL);
}
