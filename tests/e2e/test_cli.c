/* test_cli.c - the command line: help on every command, version, usage. */
#include "e2e.h"

static void help_on_every_command(void **state)
{
	static const char *const cmds[] = {
		"build", "say", "normalize", "devices", "voices", "info", "check",
		"publish",
	};
	struct run_result r;

	run(&r, "%s --help", crieur_bin());
	assert_int_equal(r.status, 0);
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		assert_non_null(strstr(r.out, cmds[i]));
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		run(&r, "%s %s --help", crieur_bin(), cmds[i]);
		if (r.status != 0 || !strstr(r.out, "usage: crieur"))
			fail_msg("'%s --help': exit %d, '%s'", cmds[i], r.status, r.out);
	}
}

static void version_names_espeak(void **state)
{
	struct run_result r;

	run(&r, "%s --version", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "crieur "));
	assert_non_null(strstr(r.out, "eSpeak NG 1."));
}

static void usage_errors_exit_2(void **state)
{
	struct run_result r;

	run(&r, "%s", crieur_bin());
	assert_int_equal(r.status, 2);
	run(&r, "%s frobnicate", crieur_bin());
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
	run(&r, "%s build --no-such-option x.txt -o y.mp3", crieur_bin());
	assert_int_equal(r.status, 2);
}

static void voices_listed(void **state)
{
	struct run_result r;

	run(&r, "%s voices", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "fr-anchor "));
	assert_non_null(strstr(r.out, "en-anchor "));
	assert_non_null(strstr(r.out, "fr-be-anchor "));
	assert_non_null(strstr(r.out, "fr-ch-anchor "));
}

static void normalize_one_line_per_line(void **state)
{
	struct run_result r;

	run(&r, "printf 'a\\n\\nb\\r\\nlast' | %s normalize", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "a\n\nb\nlast\n");
}

static void info_reads_jingles(void **state)
{
	struct run_result r;

	run(&r, "%s info samples/jingles/bed.flac samples/jingles/sting.flac",
	    crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "bed.flac: FLAC"));
	assert_non_null(strstr(r.out, "48000 Hz, 2 channels"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_on_every_command),
		cmocka_unit_test(version_names_espeak),
		cmocka_unit_test(usage_errors_exit_2),
		cmocka_unit_test(voices_listed),
		cmocka_unit_test(normalize_one_line_per_line),
		cmocka_unit_test(info_reads_jingles),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_cli", tests, NULL,
						    NULL));
}
