/* test_batch.c - `crieur build INPUT... -o DIR`: several bulletins in one
 * command, each as the single form would write it.
 *
 * eSpeak NG keeps state from one utterance to the next, process wide,
 * that no call of its API resets (its pitch flutter's phase is a
 * function-static counter in its wave generator; eSpeak NG 1.51 hangs if
 * initialized again after espeak_Terminate()): the same sentence said
 * fresh and after others differs in length by up to ~50 ms with eSpeak
 * NG alone.  So the batch starts eSpeak NG once and renders each
 * bulletin in a process forked from that state, -j at once.  Checked
 * here: every bulletin of a batch is its separate run sample for sample,
 * with -j 1 and -j 3, in any order of the inputs. */
#include "e2e.h"

static const char *const inputs[][2] = {
	{ "in/alpha.txt", "Élections à Pristina\nLe scrutin de dimanche a réuni "
	  "42 % des électeurs, selon la commission électorale centrale.\n" },
	{ "in/beta.txt", "Inondations à Bruxelles\nLa Senne est sortie de son lit "
	  "mardi ; la police a fermé trois ponts.\n" },
	/* a script's settings are its own: alpha after it stays at -16 LUFS */
	{ "in/gamma.yaml", "title: Essai\nloudness: broadcast\nitems:\n  - text: \"Budget\\nLe conseil "
	  "a voté le budget 2024 par 31 voix contre 12.\"\n  - file: beta.txt\n" },
};

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(scratch(name), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct run_result r;

	run(&r, "mkdir -p %s %s", scratch("in"), scratch("other"));
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		write_file(inputs[i][0], inputs[i][1]);
	return 0;
}

static int teardown(void **state)
{
	struct run_result r;

	run(&r, "rm -rf '%s'", scratch_dir());
	return 0;
}

/* A WebVTT file's cue texts, the timings left out. */
static void cue_texts(const char *path, char *out, size_t cap)
{
	struct run_result r;

	run(&r, "grep -v -e '-->' -e '^WEBVTT' %s", path);
	assert_int_equal(r.status, 0);
	assert_true(strlen(r.out) < cap);
	memcpy(out, r.out, strlen(r.out) + 1);
}

/* dir/name.ext in the scratch directory. */
static const char *out_file(const char *dir, const char *name, const char *ext)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "%s/%s.%s", dir, name, ext);
	return scratch(rel);
}

/* The bulletin NAME of the batch in dir against its separate run: the
 * same samples, the same cues, its chapters beside it. */
static void compare_with_separate(const char *dir, const char *name)
{
	struct audio s;
	char cues_b[4096], cues_s[4096];

	audio_load(&s, out_file("sep", name, "wav"));
	assert_true(audio_seconds(&s) > 2);
	audio_release(&s);
	assert_int_equal(pcm_diff(out_file(dir, name, "wav"),
				  out_file("sep", name, "wav"), 1), 0);
	cue_texts(out_file(dir, name, "vtt"), cues_b, sizeof(cues_b));
	cue_texts(out_file("sep", name, "vtt"), cues_s, sizeof(cues_s));
	assert_string_equal(cues_b, cues_s);
	assert_true(file_exists(out_file(dir, name, "chapters.json")));
}

static void batch_matches_separate_runs(void **state)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	struct run_result r;

	run(&r, "mkdir -p %s %s %s %s", scratch("sep"), scratch("b1"),
	    scratch("b2"), scratch("b3"));
	for (int i = 0; i < 3; i++) {
		run(&r, "%s build -q %s -o %s", crieur_bin(), scratch(inputs[i][0]),
		    out_file("sep", names[i], "wav"));
		assert_int_equal(r.status, 0);
	}
	/* one at a time */
	run(&r, "%s build -j 1 --format wav %s %s %s -o %s", crieur_bin(),
	    scratch(inputs[0][0]), scratch(inputs[1][0]), scratch(inputs[2][0]),
	    scratch("b1"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "b1/gamma.wav' ("));
	assert_int_equal(dir_entries(scratch("b1")), 9);   /* wav vtt json x 3 */
	for (int i = 0; i < 3; i++)
		compare_with_separate("b1", names[i]);
	/* three at once, another order: each line whole on stderr */
	run(&r, "%s build -j 3 --format wav %s %s %s -o %s/", crieur_bin(),
	    scratch(inputs[2][0]), scratch(inputs[1][0]), scratch(inputs[0][0]),
	    scratch("b2"));
	assert_int_equal(r.status, 0);
	for (int i = 0; i < 3; i++) {
		char line[256];

		snprintf(line, sizeof(line), "crieur: wrote '%s' (",
			 out_file("b2", names[i], "wav"));
		assert_non_null(strstr(r.err, line));
		compare_with_separate("b2", names[i]);
	}
	/* the default -j (one per online CPU) */
	run(&r, "%s build -q --format wav %s %s -o %s", crieur_bin(),
	    scratch(inputs[2][0]), scratch(inputs[0][0]), scratch("b3"));
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	compare_with_separate("b3", "gamma");
	compare_with_separate("b3", "alpha");
}

/* The default format is MP3, as the single form's; a script's
 * output.format picks its own; the sidecars follow the options. */
static void batch_formats_and_sidecars(void **state)
{
	struct run_result r;
	struct audio a, s;

	write_file("in/flac.yaml", "output: { format: flac }\nitems:\n"
		   "  - text: \"Titre\\nUne phrase courte.\"\n");
	run(&r, "mkdir -p %s && %s build -q --srt %s %s -o %s", scratch("fm"),
	    crieur_bin(), scratch(inputs[0][0]), scratch("in/flac.yaml"),
	    scratch("fm"));
	assert_int_equal(r.status, 0);
	assert_true(file_exists(out_file("fm", "alpha", "mp3")));
	assert_true(file_exists(out_file("fm", "alpha", "srt")));
	assert_true(file_exists(out_file("fm", "flac", "flac")));
	assert_int_equal(dir_entries(scratch("fm")), 8);
	run(&r, "%s build -q %s -o %s", crieur_bin(), scratch(inputs[0][0]),
	    scratch("alpha.mp3"));
	assert_int_equal(r.status, 0);
	audio_load(&a, out_file("fm", "alpha", "mp3"));
	audio_load(&s, scratch("alpha.mp3"));
	assert_int_equal(a.frames, s.frames);
	audio_release(&a);
	audio_release(&s);
	/* --format over the script's; no sidecars */
	run(&r, "mkdir -p %s && %s build -q --format ogg --no-sidecars %s -o %s",
	    scratch("fo"), crieur_bin(), scratch("in/flac.yaml"), scratch("fo"));
	assert_int_equal(r.status, 0);
	assert_true(file_exists(out_file("fo", "flac", "ogg")));
	assert_int_equal(dir_entries(scratch("fo")), 1);
}

/* A bad input is reported with its file and line; the others are
 * written; nothing of the bad one is left; the exit status says so. */
static void batch_bad_input_reported(void **state)
{
	struct run_result r;

	write_file("in/bad.yaml", "title: Essai\nitems:\n"
		   "  - text: \"Titre\\nUne phrase.\"\n    voix: fr-anchor\n");
	write_file("in/missing.yaml", "items:\n  - file: nowhere.txt\n");
	run(&r, "mkdir -p %s && %s build %s %s %s %s -o %s", scratch("bad"),
	    crieur_bin(), scratch(inputs[0][0]), scratch("in/bad.yaml"),
	    scratch("in/missing.yaml"), scratch(inputs[1][0]), scratch("bad"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "in/bad.yaml:4:5: item 1: unknown key "
			       "'voix'"));
	assert_non_null(strstr(r.err, "in/missing.yaml:2:11: item 1: file: "
			       "cannot open"));
	assert_non_null(strstr(r.err, "bad/alpha.mp3' ("));
	assert_non_null(strstr(r.err, "bad/beta.mp3' ("));
	assert_non_null(strstr(r.err, "crieur: 2 of 4 bulletins failed"));
	assert_true(file_exists(out_file("bad", "alpha", "mp3")));
	assert_true(file_exists(out_file("bad", "beta", "vtt")));
	/* alpha and beta with their sidecars, no temporary file */
	assert_int_equal(dir_entries(scratch("bad")), 6);
}

/* Two inputs that would write the same files are refused before any
 * rendering. */
static void batch_duplicate_names_refused(void **state)
{
	struct run_result r;

	write_file("other/alpha.yaml", "items:\n  - text: \"Titre\\nUn.\"\n");
	run(&r, "mkdir -p %s && %s build %s %s %s -o %s", scratch("dup"),
	    crieur_bin(), scratch(inputs[1][0]), scratch(inputs[0][0]),
	    scratch("other/alpha.yaml"), scratch("dup"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "in/alpha.txt' and '"));
	assert_non_null(strstr(r.err, "other/alpha.yaml' would both be written "
			       "as 'alpha' in '"));
	assert_int_equal(dir_entries(scratch("dup")), 0);
	run(&r, "%s build %s %s -o %s", crieur_bin(), scratch(inputs[1][0]),
	    scratch(inputs[1][0]), scratch("dup"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "would both be written as 'beta'"));
	assert_int_equal(dir_entries(scratch("dup")), 0);
}

/* Copies of beta as scratch dir/PREFIX<first..last>.txt, and an empty
 * scratch folder out for their batch. */
static void copies_of_beta(const char *dir, const char *prefix, int first,
			   int last, const char *out)
{
	struct run_result r;

	run(&r, "mkdir -p %s %s && for i in $(seq %d %d); do cp %s %s/%s$i.txt; "
	    "done", scratch(dir), scratch(out), first, last,
	    scratch(inputs[1][0]), scratch(dir), prefix);
	assert_int_equal(r.status, 0);
}

/* A signal stops the batch: the bulletins done stay, whole, with their
 * sidecars; nothing of the one under way is left. */
static void batch_interrupted(void **state)
{
	struct run_result r;
	int mp3s;

	copies_of_beta("many", "b", 10, 29, "stop");
	/* the signal once the first bulletin is written (polled, at most
	 * 120 s); the status is the batch's */
	run(&r, "%s build -q %s/*.txt -o %s & p=$!; i=0; while [ ! -e %s ] && "
	    "[ $i -lt 2400 ]; do sleep 0.05; i=$((i + 1)); done; kill -TERM $p; "
	    "wait $p; echo $?", crieur_bin(), scratch("many"), scratch("stop"),
	    out_file("stop", "b10", "mp3"));
	assert_int_equal(atoi(r.out), 143);
	assert_non_null(strstr(r.err, "crieur: interrupted"));
	run(&r, "ls %s/*.mp3 | wc -l", scratch("stop"));
	mp3s = atoi(r.out);
	assert_true(mp3s >= 1 && mp3s < 20);
	/* each with its .vtt and .chapters.json, and no temporary file */
	assert_int_equal(dir_entries(scratch("stop")), 3 * mp3s);
	assert_true(file_exists(out_file("stop", "b10", "chapters.json")));
}

/* A bulletin whose process is killed (by SIGQUIT, on which it removes
 * its temporary files as it dies) is reported, with the signal; the
 * others are written, the status is 1.  Its own outputs appear whole or
 * not at all: killed before they are renamed into place (the usual case,
 * the kill comes as it starts) none is left; on a loaded machine the
 * kill may come after, and then all three are there. */
static void batch_child_killed(void **state)
{
	struct run_result r;
	int mp3s;

	copies_of_beta("kin", "k", 1, 6, "killed");
	/* the first live child found (polled, at most 60 s) is sent
	 * SIGQUIT; one already gone (or a zombie) is passed over */
	run(&r, "%s build -q -j 2 %s/*.txt -o %s & p=$!; k=; i=0; "
	    "while [ -z \"$k\" ] && [ $i -lt 6000 ]; do "
	    "for c in $(cat /proc/$p/task/$p/children 2>/dev/null); do "
	    "grep -qs '^State:[[:space:]]*[RSD]' /proc/$c/status && "
	    "kill -QUIT $c 2>/dev/null && k=$c && break; done; "
	    "sleep 0.01; i=$((i + 1)); done; wait $p; echo $?", crieur_bin(),
	    scratch("kin"), scratch("killed"));
	assert_int_equal(atoi(r.out), 1);
	assert_non_null(strstr(r.err, "the process rendering it was killed "
			       "by signal 3"));
	assert_non_null(strstr(r.err, "crieur: 1 of 6 bulletins failed"));
	/* the bulletins with their .vtt and .chapters.json, no temporary */
	run(&r, "ls %s/*.mp3 | wc -l", scratch("killed"));
	mp3s = atoi(r.out);
	assert_true(mp3s == 5 || mp3s == 6);
	run(&r, "ls %s/*.vtt %s/*.chapters.json | wc -l", scratch("killed"),
	    scratch("killed"));
	assert_int_equal(atoi(r.out), 2 * mp3s);
	assert_int_equal(dir_entries(scratch("killed")), 3 * mp3s);
}

/* -o that is not a folder, and the options that need one. */
static void batch_usage_errors(void **state)
{
	struct run_result r;

	run(&r, "%s build %s -o %s", crieur_bin(), scratch(inputs[0][0]),
	    scratch("nowhere/"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "nowhere/: no such folder"));
	run(&r, "%s build %s %s -o %s", crieur_bin(), scratch(inputs[0][0]),
	    scratch(inputs[2][0]), scratch("two.mp3"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "several inputs with a script: -o must "
			       "be a folder"));
	assert_false(file_exists(scratch("two.mp3")));
	run(&r, "%s build --format wav %s -o %s", crieur_bin(),
	    scratch(inputs[0][0]), scratch("one.wav"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--format is for -o DIR"));
	run(&r, "%s build --format mp4 %s -o %s", crieur_bin(),
	    scratch(inputs[0][0]), scratch("in"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--format is mp3, opus, ogg, wav or flac, "
			       "not 'mp4'"));
	run(&r, "echo 'Titre' | %s build - -o %s", crieur_bin(), scratch("in"));
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "standard input has no name"));
	run(&r, "%s build --help", crieur_bin());
	assert_non_null(strstr(r.out, "crieur build [OPTIONS] INPUT... -o DIR"));
	assert_non_null(strstr(r.out, "--format F"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(batch_matches_separate_runs),
		cmocka_unit_test(batch_formats_and_sidecars),
		cmocka_unit_test(batch_bad_input_reported),
		cmocka_unit_test(batch_duplicate_names_refused),
		cmocka_unit_test(batch_interrupted),
		cmocka_unit_test(batch_child_killed),
		cmocka_unit_test(batch_usage_errors),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_batch", tests, setup,
						    teardown));
}
