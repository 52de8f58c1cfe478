/* test_say.c - `crieur say` plays through PortAudio; an ALSA file plugin
 * over the null device captures what was played, which must equal the
 * WAV rendering of the same text. */
#include "e2e.h"

#define TEXT "Bonjour, ceci est un essai de lecture en direct."

static void reference(const char *text_file, const char *out)
{
	struct run_result r;

	run(&r, "%s build --loudness none --samplerate 22050 %s -o %s", crieur_bin(),
	    text_file, out);
	assert_int_equal(r.status, 0);
}

static void say_argument_is_played_exactly(void **state)
{
	struct run_result r;
	const char *home = capture_home();

	run(&r, "echo '" TEXT "' > %s", scratch("say.txt"));
	reference(scratch("say.txt"), scratch("say-ref.wav"));
	/* A buffer larger than the text: no gap at all in the capture. */
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say --buffer 30000 '" TEXT "'", home, crieur_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_same_speech(scratch("capture/captured.wav"), scratch("say-ref.wav"), 1);
}

static void say_stdin_and_file_default_buffer(void **state)
{
	struct run_result r;
	const char *home = capture_home();

	run(&r, "printf 'Premier titre.\\nUn deuxieme paragraphe, plus long, "
	    "pour remplir le tampon.\\n' > %s", scratch("multi.txt"));
	reference(scratch("multi.txt"), scratch("multi-ref.wav"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say < %s", home, crieur_bin(), scratch("multi.txt"));
	assert_int_equal(r.status, 0);
	assert_same_speech(scratch("capture/captured.wav"), scratch("multi-ref.wav"), 1);
	home = capture_home();
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say -f %s", home, crieur_bin(), scratch("multi.txt"));
	assert_int_equal(r.status, 0);
	assert_same_speech(scratch("capture/captured.wav"), scratch("multi-ref.wav"), 1);
}

static void say_to_file_and_devices(void **state)
{
	struct run_result r;
	struct audio a;
	const char *home = capture_home();

	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s devices", home, crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "default"));
	assert_string_equal(r.err, "");
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say --device default --voice fr-anchor-f 'Essai.'",
	    home, crieur_bin());
	assert_int_equal(r.status, 0);
	run(&r, "%s say -o %s 'Essai.'", crieur_bin(), scratch("said.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("said.wav"));
	assert_true(audio_seconds(&a) > 0.3 && audio_seconds(&a) < 3);
	audio_release(&a);
}

/* Lines read one by one (with --volume) play exactly what the renderer
 * makes of the same lines at the same volume. */
static void say_lines_and_volume_played_exactly(void **state)
{
	struct run_result r;
	const char *home = capture_home();

	run(&r, "printf 'Premi\xc3\xa8re ligne, lue seule.\nLe 12 mars, 3 km.\n' > %s",
	    scratch("lines.txt"));
	run(&r, "%s build --volume 60 --loudness none --samplerate 22050 %s -o %s",
	    crieur_bin(), scratch("lines.txt"), scratch("lines-ref.wav"));
	assert_int_equal(r.status, 0);
	run(&r, "(head -1 %s; sleep 0.3; tail -1 %s) | ALSA_CONFIG_PATH=%s/asound.conf "
	    "%s say --lines --volume 60 --stats", scratch("lines.txt"),
	    scratch("lines.txt"), home, crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "lines: 2\n"));
	assert_non_null(strstr(r.err, "first audio: "));
	assert_non_null(strstr(r.err, "underruns: "));
	assert_same_speech(scratch("capture/captured.wav"), scratch("lines-ref.wav"), 1);
}

static void say_bad_live_options(void **state)
{
	struct run_result r;

	run(&r, "%s say --interrupt 'x'", crieur_bin());
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--interrupt goes with --lines"));
	run(&r, "%s say --lines 'x'", crieur_bin());
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--lines reads standard input"));
	run(&r, "%s say --volume 0 'x'", crieur_bin());
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--volume wants a number from 1 to 200"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(say_argument_is_played_exactly),
		cmocka_unit_test(say_stdin_and_file_default_buffer),
		cmocka_unit_test(say_to_file_and_devices),
		cmocka_unit_test(say_lines_and_volume_played_exactly),
		cmocka_unit_test(say_bad_live_options),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_say", tests, NULL,
						    NULL));
}
