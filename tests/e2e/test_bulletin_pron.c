/* test_bulletin_pron.c - a bulletin script's lexicons: and quote_voice:,
 * and first-mention expansions that count over the whole bulletin. */
#include "e2e.h"

/* Write text to scratch/name; returns the path. */
static const char *put(const char *name, const char *text)
{
	const char *p = scratch(name);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Render a two-item bulletin with extra YAML lines; its length, s. */
static double render(const char *name, const char *extra)
{
	char yaml[1024];
	struct run_result r;
	struct audio a;
	double s;

	snprintf(yaml, sizeof(yaml), "language: fr\ngap: 0.5\nloudness: -20\n%s"
		 "items:\n  - text: |\n      Le point.\n      La MINUK et la KFOR.\n"
		 "  - text: |\n      Encore.\n      La MINUK et la KFOR.\n", extra);
	put("b.yaml", yaml);
	run(&r, "%s build -q %s -o %s", crieur_bin(), scratch("b.yaml"), scratch(name));
	if (r.status)
		fail_msg("build failed: %s", r.err);
	audio_load(&a, scratch(name));
	s = audio_seconds(&a);
	audio_release(&a);
	return s;
}

static void script_lexicons_and_quote_voice(void **state)
{
	struct run_result r;
	double plain, spelled, expanded;

	put("spell.lex", "KFOR spell\n");
	put("expand.lex", "MINUK expand \"Mission d'administration intérimaire "
	    "des Nations unies au Kosovo\"\n");
	plain = render("plain.wav", "");
	spelled = render("spelled.wav", "lexicons: spell.lex\n");
	expanded = render("expanded.wav", "lexicons: [spell.lex, expand.lex]\n");
	print_message("bulletin: %.2f s plain, %.2f s KFOR spelled, %.2f s with "
		      "MINUK expanded once\n", plain, spelled, expanded);
	assert_true(spelled > plain + 0.5);          /* K F O R, twice */
	assert_true(expanded > spelled + 2.0);       /* said once, in full */
	assert_true(expanded < spelled + 5.0);       /* ... not twice */
	/* a bad lexicon in a script stops the build with its line */
	put("bad.lex", "KFOR spel\n");
	put("bad.yaml", "lexicons: bad.lex\nitems:\n  - text: La KFOR.\n");
	run(&r, "%s build %s -o %s", crieur_bin(), scratch("bad.yaml"), scratch("bad.wav"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.lex:1: unknown flag 'spel'"));
	run(&r, "%s check %s", crieur_bin(), scratch("bad.yaml"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.lex:1: unknown flag 'spel'"));
	put("q.yaml", "quote_voice: nobody\nitems:\n  - text: « La KFOR. »\n");
	run(&r, "%s build %s -o %s", crieur_bin(), scratch("q.yaml"), scratch("q.wav"));
	assert_int_not_equal(r.status, 0);
	assert_non_null(strstr(r.err, "nobody"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(script_lexicons_and_quote_voice),
	};

	return e2e_done(cmocka_run_group_tests_name("bulletin pronunciation",
						    tests, NULL, NULL));
}
