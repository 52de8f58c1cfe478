/* test_harden.c - library checks for issue #15: a tampered calibration
 * cache is measured again, never trusted; the calibration's speaking
 * rate is the voice's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bulletin/player.h"
#include "speech/chain.h"
#include "text/lexicon.h"
#include "tmp_path.h"

/* The one file in dir, its path into path. */
static void only_file(const char *dir, char *path, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	path[0] = '\0';
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			snprintf(path, size, "%s/%s", dir, e->d_name);
	closedir(d);
	assert_true(path[0] != '\0');
}

/* Seconds of audio the chain says for text. */
static double said_seconds(const speech_options *so, audio_format fmt,
			   const char *text)
{
	speech_chain_config cfg = { .fmt = fmt, .mode = SPEECH_BULLETIN };
	speech_chain *c;
	float buf[4096];
	long long frames = 0;
	long got;

	assert_int_equal(speech_chain_new(&c, so, &cfg), 0);
	assert_int_equal(speech_chain_say(c, text, strlen(text), 0), 0);
	while ((got = stage_read(speech_chain_stage(c), buf, 4096)) > 0)
		frames += got;
	assert_true(got == 0);
	speech_chain_free(c);
	return (double)frames / fmt.rate;
}

/* calibration/tampered: +60 dB written into the cache is not used. */
static void calibration_cache_is_validated(void **state)
{
	char dir[64], sub[128], path[512];
	bulletin_calibration a, b;
	audio_format fmt = { 22050, 1 };
	speech_options so = SPEECH_OPTIONS_INIT;
	FILE *f;

	assert_int_equal(tmp_dir_make(dir, sizeof(dir), "cal"), 0);
	setenv("XDG_CACHE_HOME", dir, 1);
	so.voice = "fr-anchor";
	assert_int_equal(bulletin_player_calibrate(&so, fmt, -16, -1, &a), 0);
	assert_false(a.cached);
	assert_true(fabs(a.gain_db) < 30);
	/* its speaking rate is the voice's: a news sentence said by the
	 * same voice lasts its bytes times seconds_per_byte, within 25% */
	{
		static const char t[] = "Le gouvernement a présenté mardi "
			"un projet de loi sur les retraites, qui sera débattu "
			"au parlement dès le mois prochain.";
		double said = said_seconds(&so, fmt, t);
		double est = a.seconds_per_byte * (double)strlen(t);

		assert_true(est > 0.75 * said && est < 1.25 * said);
	}
	assert_int_equal(bulletin_player_calibrate(&so, fmt, -16, -1, &b), 0);
	assert_true(b.cached);                   /* the cache works */
	snprintf(sub, sizeof(sub), "%s/crieur", dir);
	only_file(sub, path, sizeof(path));
	assert_non_null(f = fopen(path, "w"));
	fprintf(f, "60.000000 -16.000000 0.050000\n");
	fclose(f);
	assert_int_equal(bulletin_player_calibrate(&so, fmt, -16, -1, &b), 0);
	assert_false(b.cached);                  /* measured again */
	assert_true(fabs(b.gain_db - a.gain_db) < 0.5);
	assert_int_equal(tmp_dir_remove(dir), 0);
}

/* A lexicon whose last line ends in a CR with no newline after it: the
 * reader stepped back onto the CR for ever (found by fuzz_lexicon; the
 * input is kept in tests/fuzz/corpus/fuzz_lexicon).  The alarm turns a
 * hang into a failure. */
static void lexicon_last_line_cr(void **state)
{
	lexicon *lex;

	assert_int_equal(lex_new(&lex, "fr", NULL), 0);
	alarm(20);
	assert_int_equal(lex_load_text(lex, "cr.lex", "Mot\t[[m'o]]\r\nJens\t"
				       "[[j'Ens]]\r", NULL, NULL), 0);
	assert_int_equal(lex_count(lex), 2);
	assert_int_equal(lex_load_text(lex, "cr2.lex", "\r", NULL, NULL), 0);
	alarm(0);
	lex_free(lex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calibration_cache_is_validated),
		cmocka_unit_test(lexicon_last_line_cr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
