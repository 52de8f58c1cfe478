/* test_errors.c - bad input: a clear message, a non-zero exit, no output
 * file left behind, never a crash. */
#include "e2e.h"

#define SAMPLE "samples/statements/2023-11-20-pristina.txt"

/* Run build into an empty directory; check exit, message, no leftovers. */
static void expect_build_failure(const char *args, int status,
				 const char *message)
{
	struct run_result r;
	const char *dir = scratch("out");

	run(&r, "rm -rf %s && mkdir -p %s", dir, dir);
	run(&r, "%s build %s -o %s/out.mp3", crieur_bin(), args, dir);
	if (r.status != status || !strstr(r.err, message))
		fail_msg("build %s: exit %d, stderr '%s'; wanted exit %d and "
			 "'%s'", args, r.status, r.err, status, message);
	assert_true(strncmp(r.err, "crieur: ", 8) == 0);
	assert_int_equal(dir_entries(dir), 0);
}

static void missing_file(void **state)
{
	expect_build_failure("no/such/file.txt", 1,
			     "cannot open 'no/such/file.txt': No such file");
}

static void empty_file(void **state)
{
	struct run_result r;

	run(&r, "printf '  \\n\\n' > %s", scratch("empty.txt"));
	expect_build_failure(scratch("empty.txt"), 1, "is empty: nothing to say");
}

static void invalid_utf8_names_byte_offset(void **state)
{
	struct run_result r;

	run(&r, "printf 'Titre\\nCaf\\351 cr\\350me\\n' > %s", scratch("latin1.txt"));
	expect_build_failure(scratch("latin1.txt"), 1, "invalid UTF-8 at byte 9");
}

static void nul_byte(void **state)
{
	struct run_result r;

	run(&r, "printf 'Titre\\nab\\000cd\\n' > %s", scratch("nul.txt"));
	expect_build_failure(scratch("nul.txt"), 1, "NUL byte at byte 8");
}

static void unknown_voice(void **state)
{
	expect_build_failure("--voice nosuchvoice " SAMPLE, 1,
			     "unknown voice 'nosuchvoice'");
}

static void bad_voice_file(void **state)
{
	struct run_result r;

	run(&r, "printf 'language = fr\\nrate = 9000\\n' > %s", scratch("bad.voice"));
	expect_build_failure("--voice /nonexistent.voice " SAMPLE, 1,
			     "cannot open '/nonexistent.voice'");
	run(&r, "%s build --voice %s %s -o %s", crieur_bin(),
	    scratch("bad.voice"), SAMPLE, scratch("x.mp3"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.voice:2: rate wants a number"));
}

/* A bed that is cut short mid-file: it is decoded on its own thread
 * while the items load and speak; its error reaches the message, the
 * exit status is 1 and no output is left, as for the items' own. */
static void damaged_bed(void **state)
{
	struct run_result r;
	char cwd[512], args[600];

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	run(&r, "head -c 5000 samples/jingles/bed.flac > %s",
	    scratch("cut-bed.flac"));
	run(&r, "printf 'bed: { file: %s }\\nitems:\\n  - file: %s/%s\\n' > %s",
	    scratch("cut-bed.flac"), cwd, SAMPLE, scratch("bed.yaml"));
	expect_build_failure(scratch("bed.yaml"), 1, "cut-bed.flac");
	/* a job that fails first (while the bed decodes on its thread) says
	 * why, not that the bed failed too */
	snprintf(args, sizeof(args), "--lang xx %s", scratch("bed.yaml"));
	expect_build_failure(args, 1, "unknown language 'xx'");
}

static void bad_options(void **state)
{
	expect_build_failure("--rate 5 " SAMPLE, 2, "--rate wants a number");
	expect_build_failure("--pitch abc " SAMPLE, 2, "--pitch wants a number");
	expect_build_failure("--lang xx " SAMPLE, 1, "unknown language 'xx'");
	expect_build_failure("", 2, "no statement");
}

static void unwritable_output(void **state)
{
	struct run_result r;

	run(&r, "%s build %s -o /nonexistent-dir/out.mp3", crieur_bin(), SAMPLE);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot write in directory '/nonexistent-dir'"));
	run(&r, "%s build %s -o /proc/out.wav", crieur_bin(), SAMPLE);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot write in directory '/proc'"));
	run(&r, "%s build %s -o %s", crieur_bin(), SAMPLE, scratch("out.aac"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "use .mp3, .opus, .ogg, .wav or .flac"));
}

/* A long render, interrupted: exit 130/143, no output, no temporary. */
static void interrupted_run_leaves_nothing(const char *sig, int status)
{
	struct run_result r;
	const char *dir = scratch("int");

	run(&r, "rm -rf %s && mkdir -p %s && for i in $(seq 30); do cat %s; "
	    "done > %s/../long.txt", dir, dir, SAMPLE, dir);
	/* Signal once the render has begun (its temporary output exists, so
	 * the handlers are in place), not after a fixed delay: a loaded
	 * machine may not even have started the process by then. */
	run(&r, "%s build %s/../long.txt -o %s/out.mp3 & pid=$!; "
	    "for i in $(seq 600); do ls -A %s | grep -q . && break; "
	    "sleep 0.1; done; sleep 0.5; "
	    "kill -%s $pid; wait $pid; echo $?", crieur_bin(), dir, dir, dir,
	    sig);
	assert_int_equal(atoi(r.out), status);
	assert_non_null(strstr(r.err, "crieur: interrupted"));
	assert_int_equal(dir_entries(dir), 0);
}

static void sigint_run(void **state)
{
	interrupted_run_leaves_nothing("INT", 130);
}

static void sigterm_run(void **state)
{
	interrupted_run_leaves_nothing("TERM", 143);
}

/* The disk fills up (a file-size limit stands in for it): a clear error
 * naming what could not be written (the output, or the temporary file
 * that holds the speech), and nothing left behind. */
static void full_disk(void **state)
{
	static const char *const exts[] = { "wav", "mp3", "flac" };
	struct run_result r;
	const char *dir = scratch("full");

	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		run(&r, "rm -rf %s && mkdir -p %s", dir, dir);
		run(&r, "ulimit -f 50 && %s build %s -o %s/out.%s", crieur_bin(),
		    SAMPLE, dir, exts[i]);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "cannot write"));
		assert_non_null(strstr(r.err, "File too large"));
		assert_int_equal(dir_entries(dir), 0);
	}
}

static void existing_output_kept_on_failure(void **state)
{
	struct run_result r;

	run(&r, "echo precious > %s", scratch("keep.mp3"));
	run(&r, "%s build --voice nosuch %s -o %s", crieur_bin(), SAMPLE,
	    scratch("keep.mp3"));
	assert_int_equal(r.status, 1);
	run(&r, "cat %s", scratch("keep.mp3"));
	assert_string_equal(r.out, "precious\n");
}

static void normalize_errors(void **state)
{
	struct run_result r;

	run(&r, "printf 'ok\\nbad \\377 here\\n' | %s normalize", crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "standard input:2: invalid UTF-8 at byte 7"));
	run(&r, "printf 'ok\\nbad \\377 here\\n' | %s normalize --lenient",
	    crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "warning"));
	assert_int_equal(strncmp(r.out, "ok\n", 3), 0);
	run(&r, "%s normalize /no/such/file", crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot open '/no/such/file'"));
}

static void say_without_device_suggests_file(void **state)
{
	struct run_result r;

	/* An ALSA configuration with no usable device at all. */
	run(&r, "mkdir -p %s && printf 'pcm.!default { type hw; card 99; }\\n' > "
	    "%s/asound.conf", scratch("nodev"), scratch("nodev"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say --device nosuchdevice 'Bonjour'", scratch("nodev"),
	    crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no audio output device matches 'nosuchdevice'"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s say 'Bonjour'", scratch("nodev"), crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no audio output device found; render to a "
			       "file instead with -o FILE"));
	run(&r, "ALSA_CONFIG_PATH=%s/asound.conf %s devices", scratch("nodev"), crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no audio output device found"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_file),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(invalid_utf8_names_byte_offset),
		cmocka_unit_test(nul_byte),
		cmocka_unit_test(unknown_voice),
		cmocka_unit_test(bad_voice_file),
		cmocka_unit_test(damaged_bed),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(unwritable_output),
		cmocka_unit_test(sigint_run),
		cmocka_unit_test(sigterm_run),
		cmocka_unit_test(full_disk),
		cmocka_unit_test(existing_output_kept_on_failure),
		cmocka_unit_test(normalize_errors),
		cmocka_unit_test(say_without_device_suggests_file),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_errors", tests, NULL,
						    NULL));
}
