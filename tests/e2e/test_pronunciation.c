/* test_pronunciation.c - lexicons, `crieur phonemes`, `crieur lexicon`,
 * the quote voice and regional French, through build/crieur. */
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

static void phonemes_seed_names(void **state)
{
	struct run_result r;

	run(&r, "printf '%%s\\n' \"la KFOR et l’UE\" 'Jens Stoltenberg, Vjosa Osmani' "
	    "'au camp Nothing Hill' | %s phonemes --lang fr", crieur_bin());
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "la- kafˈɔʁ e lˈy ˈə\n"
			    "jˈɛns stˈɔltɛnbɛʁɡ vjˈɔsa ɔsmˈani\n"
			    "o kˈɑ̃ nˈʌθɪŋ hˈɪl\n");
	/* without the lexicon's KFOR, eSpeak NG says "kfor" */
	run(&r, "echo 'la KFOR' | %s phonemes --lang fr --lexicon %s", crieur_bin(),
	    put("spell.lex", "KFOR spell\n"));
	assert_string_equal(r.out, "la- kˈa ˈɛf ˈo ˈɛʁ\n");
	run(&r, "echo \"KFOR's troops\" | %s phonemes --voice en-anchor", crieur_bin());
	assert_string_equal(r.out, "kˈeɪfɔːz tɹˈuːps\n");
}

static void lexicon_check_reports_every_line(void **state)
{
	struct run_result r;
	const char *bad = put("bad.lex", "# a test\nKFOR spel\nUE spell\nUE word\n"
			      "Jens [[j'E9s]]\nOTAN Otan spell\nX foo=1\n");

	run(&r, "%s lexicon check %s", crieur_bin(), bad);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.lex:2: unknown flag 'spel' (did you mean 'spell'?)"));
	assert_non_null(strstr(r.err, "bad.lex:4: 'UE' given two readings (also line 3)"));
	assert_non_null(strstr(r.err, "bad.lex:5: eSpeak NG has no phoneme '9' in [[j'E9s]] (fr)"));
	assert_non_null(strstr(r.err, "bad.lex:6: 'OTAN' given two readings ('Otan' and 'spell')"));
	assert_non_null(strstr(r.err, "bad.lex:7: unknown flag 'foo=1'"));
	assert_non_null(strstr(r.err, "5 errors"));
	run(&r, "%s lexicon check lexicon/fr.lex && %s lexicon check --lang en lexicon/en.lex",
	    crieur_bin(), crieur_bin());
	assert_int_equal(r.status, 0);
	/* a bad lexicon stops every command that speaks, naming the line */
	run(&r, "%s build --lexicon %s samples/statements/2024-02-05-bruxelles.txt -o %s",
	    crieur_bin(), bad, scratch("x.mp3"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad.lex:2: unknown flag 'spel'"));
	assert_false(file_exists(scratch("x.mp3")));
	run(&r, "echo x | %s phonemes --lexicon %s", crieur_bin(), scratch("none.lex"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "none.lex"));
	run(&r, "echo x | %s phonemes --voice nobody", crieur_bin());
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "unknown voice 'nobody'"));
	run(&r, "echo '« x »' | %s normalize --quote-voice nobody", crieur_bin());
	assert_int_equal(r.status, 0);   /* normalize only marks the quote */
	run(&r, "%s say --quote-voice nobody -o %s '« x »'", crieur_bin(), scratch("q.wav"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "unknown voice 'nobody'"));
}

static void pls_import(void **state)
{
	struct run_result r;
	const char *ok = put("ok.pls",
		"<?xml version=\"1.0\"?>\n"
		"<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\"\n"
		"  alphabet=\"x-espeak\" xml:lang=\"fr\">\n"
		"  <lexeme><grapheme>KFOR</grapheme><alias>Kafor</alias></lexeme>\n"
		"  <lexeme><grapheme>Jens</grapheme><phoneme>j'Ens</phoneme></lexeme>\n"
		"</lexicon>\n");
	const char *ipa = put("ipa.pls",
		"<?xml version=\"1.0\"?>\n<lexicon version=\"1.0\" alphabet=\"ipa\" xml:lang=\"fr\">\n"
		"  <lexeme><grapheme>Jens</grapheme>\n    <phoneme>jɛns</phoneme></lexeme>\n"
		"</lexicon>\n");

	run(&r, "%s lexicon import %s -o %s && cat %s", crieur_bin(), ok,
	    scratch("ok.lex"), scratch("ok.lex"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "KFOR\t\"Kafor\"\nJens\t[[j'Ens]]\n"));
	run(&r, "%s lexicon import %s", crieur_bin(), ipa);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "ipa.pls:4: phoneme alphabet 'ipa' is not supported"));
	run(&r, "%s lexicon import %s", crieur_bin(), put("broken.pls", "<lexicon>\n<lexeme>\n"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "broken.pls:3:"));
}

/* Median F0 (Hz) of the voiced 40 ms blocks, by autocorrelation. */
static double median_f0(const struct audio *a)
{
	long block = a->rate / 25, lo = a->rate / 400, hi = a->rate / 70, n = 0;
	static double f0[20000];

	for (long f = 0; f + block + hi < a->frames && n < 20000; f += block) {
		double best = 0, e = 0;
		long lag = 0;

		if (audio_rms_db(a, f, block) < -30)
			continue;
		for (long i = 0; i < block; i++)
			e += a->data[f + i] * a->data[f + i];
		for (long l = lo; l <= hi; l++) {
			double c = 0;
			for (long i = 0; i < block; i++)
				c += a->data[f + i] * a->data[f + i + l];
			if (c > best) {
				best = c;
				lag = l;
			}
		}
		if (lag && best > 0.5 * e)
			f0[n++] = (double)a->rate / lag;
	}
	for (long i = 1; i < n; i++)   /* insertion sort: few blocks */
		for (long j = i; j > 0 && f0[j - 1] > f0[j]; j--) {
			double t = f0[j];
			f0[j] = f0[j - 1];
			f0[j - 1] = t;
		}
	return n ? f0[n / 2] : 0;
}

static void quote_voice_is_heard(void **state)
{
	struct run_result r;
	struct audio plain, quoted;
	const char *text = "« Nous ferons le nécessaire pour maintenir la paix »";
	double f_plain, f_quote;

	run(&r, "%s say -o %s '%s'", crieur_bin(), scratch("plain.wav"), text);
	assert_int_equal(r.status, 0);
	run(&r, "%s say --quote-voice fr-anchor-f -o %s '%s'", crieur_bin(),
	    scratch("quoted.wav"), text);
	assert_int_equal(r.status, 0);
	audio_load(&plain, scratch("plain.wav"));
	audio_load(&quoted, scratch("quoted.wav"));
	f_plain = median_f0(&plain);
	f_quote = median_f0(&quoted);
	print_message("median F0: anchor %.0f Hz, quote voice %.0f Hz\n", f_plain, f_quote);
	assert_true(f_quote > 1.3 * f_plain);
	audio_release(&plain);
	/* --rate carries over to the quote voice (so does a slot fit) */
	run(&r, "%s say --rate 240 --quote-voice fr-anchor-f -o %s '%s'", crieur_bin(),
	    scratch("fast.wav"), text);
	assert_int_equal(r.status, 0);
	audio_load(&plain, scratch("fast.wav"));
	print_message("quote at 160 wpm %.2f s, at 240 wpm %.2f s\n",
		      audio_seconds(&quoted), audio_seconds(&plain));
	assert_true(audio_seconds(&plain) < 0.8 * audio_seconds(&quoted));
	audio_release(&plain);
	audio_release(&quoted);
}

static void regional_french_numbers(void **state)
{
	struct run_result r;

	run(&r, "echo '70, 80 et 90' | %s normalize --lang fr-BE; "
	    "echo '70, 80 et 90' | %s normalize --lang fr-CH; "
	    "echo '97' | %s phonemes --lang fr-CH", crieur_bin(), crieur_bin(), crieur_bin());
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "septante, quatre-vingts et nonante\n"
			       "septante, huitante et nonante\n"));
	assert_non_null(strstr(r.out, "nonˈɑ̃tsˈɛt"));
}

/* The longest run of blocks under -60 dBFS, seconds. */
static double longest_silence(const struct audio *a)
{
	long block = a->rate / 100, run_len = 0, best = 0;

	for (long f = 0; f + block <= a->frames; f += block) {
		run_len = audio_rms_db(a, f, block) < -60 ? run_len + 1 : 0;
		if (run_len > best)
			best = run_len;
	}
	return (double)best / 100;
}

static void ssml_breaks_audio_and_errors(void **state)
{
	struct run_result r;
	struct audio a, b;
	double sil;

	run(&r, "%s say --ssml -o %s '<speak>Un.<break time=\"2s\"/>Deux.</speak>'",
	    crieur_bin(), scratch("brk.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("brk.wav"));
	sil = longest_silence(&a);
	print_message("SSML break 2s: longest silence %.2f s\n", sil);
	assert_true(sil >= 1.95 && sil < 2.6);
	audio_release(&a);
	/* an audio clip played in place: the sting's length is added */
	run(&r, "cp samples/jingles/sting.flac %s && printf '%%s' '<speak>Un. "
	    "<audio src=\"sting.flac\"/> Deux.</speak>' > %s && "
	    "%s say -f %s -o %s && %s say -o %s '<speak>Un. Deux.</speak>'",
	    scratch("sting.flac"), scratch("clip.ssml"), crieur_bin(),
	    scratch("clip.ssml"), scratch("clip.wav"), crieur_bin(), scratch("noclip.wav"));
	assert_int_equal(r.status, 0);
	audio_load(&a, scratch("clip.wav"));
	audio_load(&b, scratch("noclip.wav"));
	run(&r, "%s info samples/jingles/sting.flac", crieur_bin());
	{
		double clip = atof(strrchr(r.out, ',') + 1);
		double added = audio_seconds(&a) - audio_seconds(&b);
		print_message("SSML audio: clip %.3f s, added %.3f s\n", clip, added);
		assert_true(fabs(added - clip) < 0.05);
	}
	audio_release(&a);
	audio_release(&b);
	run(&r, "%s say -o %s --ssml '<speak>\n<p>oops</speak>'", crieur_bin(),
	    scratch("bad.wav"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "the text argument:2:16: malformed SSML"));
	assert_false(file_exists(scratch("bad.wav")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phonemes_seed_names),
		cmocka_unit_test(lexicon_check_reports_every_line),
		cmocka_unit_test(pls_import),
		cmocka_unit_test(quote_voice_is_heard),
		cmocka_unit_test(regional_french_numbers),
		cmocka_unit_test(ssml_breaks_audio_and_errors),
	};

	return e2e_done(cmocka_run_group_tests_name("pronunciation", tests,
						    NULL, NULL));
}
