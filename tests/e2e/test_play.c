/* test_play.c - `crieur play` plays a bulletin live; the ALSA file plugin
 * over the null device captures it (as in test_say.c).  Played live and
 * rendered by `crieur build`, the sample bulletin measures the same
 * integrated loudness (ffmpeg's ebur128) within 1 LU. */
#include "e2e.h"

/* Copy in to out without its all-zero frames: the null device is not
 * paced, so the capture holds silence wherever playback outran the mix
 * (underruns), which would skew the loudness gating. */
static void strip_silence(const char *in, const char *out)
{
	SF_INFO info = { 0 }, oinfo;
	SNDFILE *a = sf_open(in, SFM_READ, &info), *b;
	short buf[8192];
	sf_count_t got;

	assert_non_null(a);
	oinfo = info;
	oinfo.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
	b = sf_open(out, SFM_WRITE, &oinfo);
	assert_non_null(b);
	while ((got = sf_readf_short(a, buf, 8192 / info.channels)) > 0)
		for (sf_count_t f = 0; f < got; f++) {
			int zero = 1;
			for (int c = 0; c < info.channels; c++)
				zero &= buf[f * info.channels + c] == 0;
			if (!zero)
				sf_writef_short(b, buf + f * info.channels, 1);
		}
	sf_close(a);
	sf_close(b);
}

/* Integrated loudness of a file by ffmpeg's ebur128 filter. */
static double ffmpeg_lufs(const char *path)
{
	struct run_result r;
	const char *p;

	run(&r, "ffmpeg -nostats -hide_banner -i %s -af ebur128 -f null - 2>&1 "
	    "| grep '^ *I:' | tail -1", path);
	p = strstr(r.out, "I:");
	assert_non_null(p);
	return atof(p + 2);
}

static void play_loudness_matches_build(void **state)
{
	struct run_result r;
	const char *home = capture_home();
	double live, built;

	run(&r, "%s build -q samples/bulletin.yaml -o %s", crieur_bin(),
	    scratch("built.wav"));
	assert_int_equal(r.status, 0);
	/* first run measures the voice, the second takes it from the cache */
	run(&r, "XDG_CACHE_HOME=%s ALSA_CONFIG_PATH=%s/asound.conf %s play --stats "
	    "samples/bulletin.yaml", scratch("cache"), home, crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "voice calibration measured"));
	assert_true(dir_entries(scratch("cache/crieur")) == 4);   /* voice, 3 jingles */
	run(&r, "rm -f %s/captured.wav; XDG_CACHE_HOME=%s ALSA_CONFIG_PATH=%s/asound.conf "
	    "%s play --stats samples/bulletin.yaml", home, scratch("cache"), home,
	    crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "voice calibration cached"));
	assert_non_null(strstr(r.err, "start: "));
	strip_silence(scratch("capture/captured.wav"), scratch("live.wav"));
	live = ffmpeg_lufs(scratch("live.wav"));
	built = ffmpeg_lufs(scratch("built.wav"));
	print_message("live %.1f LUFS, built %.1f LUFS\n", live, built);
	assert_true(fabs(live - built) <= 1.0);
	/* and it is the whole bulletin: as long, silence aside */
	{
		SF_INFO a = { 0 }, b = { 0 };
		SNDFILE *x = sf_open(scratch("live.wav"), SFM_READ, &a);
		SNDFILE *y = sf_open(scratch("built.wav"), SFM_READ, &b);
		assert_non_null(x);
		assert_non_null(y);
		assert_true(fabs((double)a.frames / b.frames - 1) < 0.05);
		sf_close(x);
		sf_close(y);
	}
	run(&r, "rm -f %s/captured.wav", home);
}

static void play_errors(void **state)
{
	struct run_result r;

	run(&r, "%s play", crieur_bin());
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "give a bulletin script or statements"));
	run(&r, "%s play --help", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "usage: crieur play"));
	run(&r, "%s play nowhere.yaml", crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "nowhere.yaml"));
	/* no audio device (a server): say how to render it instead */
	run(&r, "mkdir -p %s && printf 'pcm.!default { type hw; card 99; }\\n' > "
	    "%s/asound.conf", scratch("nodev"), scratch("nodev"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s play samples/bulletin.yaml",
	    scratch("nodev"), crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no audio output device found; render the "
			       "bulletin to a file instead: crieur build "
			       "samples/bulletin.yaml -o FILE"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s play --device nosuch "
	    "samples/bulletin.yaml", scratch("nodev"), crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no audio output device matches 'nosuch'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(play_loudness_matches_build),
		cmocka_unit_test(play_errors),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_play", tests, NULL,
						    NULL));
}
