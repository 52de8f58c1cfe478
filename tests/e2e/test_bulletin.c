/* test_bulletin.c - bulletins from scripts: jingles, bed, loudness, slot
 * fitting, format conversion, script errors. */
#include "e2e.h"

static const char *const base_yaml =
	"intro: jingles/intro.wav\n"
	"outro: jingles/outro.wav\n"
	"sting: jingles/sting.flac\n"
	"bed: { file: jingles/bed.flac, level: -18, duck: -12 }\n";

static void bulletin_podcast_loudness_and_peak(void **state)
{
	char yaml[1024];
	struct run_result r;
	struct audio a;
	double lufs, peak;

	setup_samples();
	snprintf(yaml, sizeof(yaml), "%s%s", base_yaml,
		 "output: { channels: 2 }\n"
		 "items:\n  - file: statements/2024-02-05-bruxelles.txt\n"
		 "  - text: \"Météo.\\nDu soleil demain, 25 degrés à Paris.\"\n");
	run(&r, "%s build %s -o %s", crieur_bin(), script("b.yaml", yaml),
	    scratch("b.mp3"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("b.mp3"));
	/* a mono 22.05 kHz sting and a 48 kHz bed went into 44.1 kHz stereo */
	assert_int_equal(a.rate, 44100);
	assert_int_equal(a.channels, 2);
	audio_release(&a);
	ffmpeg_loudness(scratch("b.mp3"), &lufs, &peak);
	assert_true(fabs(lufs - -16.0) <= 0.5);
	assert_true(peak <= -1.0);
}

static void bulletin_broadcast_wav(void **state)
{
	char yaml[1024];
	struct run_result r;
	double lufs, peak;

	setup_samples();
	snprintf(yaml, sizeof(yaml), "%s%s", base_yaml,
		 "loudness: broadcast\n"
		 "items:\n  - file: statements/2024-02-05-bruxelles.txt\n");
	run(&r, "%s build %s -o %s", crieur_bin(), script("bc.yaml", yaml),
	    scratch("bc.wav"));
	assert_int_equal(r.status, 0);
	ffmpeg_loudness(scratch("bc.wav"), &lufs, &peak);
	assert_true(fabs(lufs - -23.0) <= 0.5);
	assert_true(peak <= -1.0);
}

static void bulletin_fits_slot(void **state)
{
	char yaml[1024];
	struct run_result r;
	struct audio a;

	setup_samples();
	snprintf(yaml, sizeof(yaml), "%s%s", base_yaml,
		 "duration: 75\n"
		 "items:\n  - file: statements/2024-02-05-bruxelles.txt\n"
		 "  - text: \"Météo.\\nDu soleil demain.\"\n");
	run(&r, "%s build %s -o %s", crieur_bin(), script("fit.yaml", yaml),
	    scratch("fit.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("fit.wav"));
	assert_true(fabs(audio_seconds(&a) - 75.0) <= 0.05);
	audio_release(&a);
	/* the command line overrides the script: a shorter slot */
	run(&r, "%s build --duration 68 %s -o %s", crieur_bin(),
	    scratch("fit.yaml"), scratch("fit2.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("fit2.wav"));
	assert_true(fabs(audio_seconds(&a) - 68.0) <= 0.05);
	audio_release(&a);
	/* impossible: a clear error, nothing written */
	run(&r, "%s build --duration 20 %s -o %s", crieur_bin(),
	    scratch("fit.yaml"), scratch("fit3.wav"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot fit the bulletin into 20.0 s"));
	assert_false(file_exists(scratch("fit3.wav")));
}

static void bulletin_joins_are_click_free(void **state)
{
	char yaml[1024];
	struct run_result r;
	struct audio a;
	double jump = 0;

	setup_samples();
	snprintf(yaml, sizeof(yaml), "%s%s", base_yaml,
		 "loudness: -20\n"
		 "items:\n  - text: \"Un.\\nPremier sujet.\"\n"
		 "  - text: \"Deux.\\nSecond sujet.\"\n");
	run(&r, "%s build %s -o %s", crieur_bin(), script("j.yaml", yaml),
	    scratch("j.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("j.wav"));
	for (long i = 1; i < a.frames; i++)
		jump = fmax(jump, fabs(a.data[i] - a.data[i - 1]));
	/* speech itself moves fast; a click is a jump near full scale */
	assert_true(jump < 0.6);
	audio_release(&a);
}

/* Many short items and a sting between each, under a limit of 48 open
 * files: stings are opened one at a time, as the mix reaches them (they
 * were all opened at once, twice: 2 x 79 files). */
static void bulletin_many_items_few_files(void **state)
{
	static char yaml[16384];
	struct run_result r;
	struct audio a;
	int n;

	setup_samples();
	n = snprintf(yaml, sizeof(yaml), "sting: jingles/sting.flac\n"
		     "gap: 0.3\noutput: { channels: 1 }\nitems:\n");
	for (int i = 0; i < 80; i++)
		n += snprintf(yaml + n, sizeof(yaml) - (size_t)n,
			      "  - text: \"Brève %d.\\nUn fait.\"\n", i + 1);
	run(&r, "ulimit -n 48 && %s build -q %s -o %s", crieur_bin(),
	    script("many.yaml", yaml), scratch("many.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("many.wav"));
	assert_true(a.frames > 80 * a.rate);   /* 80 items and 79 stings */
	audio_release(&a);
}

static void bulletin_script_errors(void **state)
{
	struct run_result r;

	setup_samples();
	run(&r, "%s build %s -o %s", crieur_bin(),
	    script("bad.yaml", "items:\n  - file: statements/2024-02-05-bruxelles.txt\n"
		   "stinng: jingles/sting.flac\n"), scratch("bad.mp3"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.yaml:3:1: unknown key 'stinng' "
			       "(did you mean 'sting'?)"));
	assert_false(file_exists(scratch("bad.mp3")));
	run(&r, "%s build %s -o %s", crieur_bin(),
	    script("bad2.yaml", "gap: abc\nitems:\n  - text: x\n"), scratch("bad.mp3"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad2.yaml:1:6: gap must be a number"));
	run(&r, "%s check %s", crieur_bin(), scratch("bad2.yaml"));
	assert_int_equal(r.status, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bulletin_podcast_loudness_and_peak),
		cmocka_unit_test(bulletin_broadcast_wav),
		cmocka_unit_test(bulletin_fits_slot),
		cmocka_unit_test(bulletin_joins_are_click_free),
		cmocka_unit_test(bulletin_many_items_few_files),
		cmocka_unit_test(bulletin_script_errors),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_bulletin", tests, NULL,
						    NULL));
}
