/* test_norm_fr.c - French number words and the French normalizer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "text/normalize.h"
#include "text/numbers_fr.h"

/* The cardinal of v with flags, as a C string in a static buffer. */
static const char *card(uint64_t v, unsigned flags)
{
	static strbuf sb;

	sb_reset(&sb);
	numfr_cardinal(&sb, v, flags);
	return sb_cstr(&sb);
}

/* The ordinal of v with flags. */
static const char *ord(uint64_t v, unsigned flags)
{
	static strbuf sb;

	sb_reset(&sb);
	numfr_ordinal(&sb, v, flags);
	return sb_cstr(&sb);
}

static void numbers_fr_cardinal_small(void **state)
{
	static const struct { uint64_t v; const char *s; } cases[] = {
		{ 0, "zéro" }, { 1, "un" }, { 7, "sept" }, { 10, "dix" }, { 11, "onze" },
		{ 16, "seize" }, { 17, "dix-sept" }, { 19, "dix-neuf" }, { 20, "vingt" },
		{ 21, "vingt et un" }, { 22, "vingt-deux" }, { 30, "trente" },
		{ 31, "trente et un" }, { 69, "soixante-neuf" }, { 70, "soixante-dix" },
		{ 71, "soixante et onze" }, { 72, "soixante-douze" }, { 79, "soixante-dix-neuf" },
		{ 80, "quatre-vingts" }, { 81, "quatre-vingt-un" }, { 88, "quatre-vingt-huit" },
		{ 90, "quatre-vingt-dix" }, { 91, "quatre-vingt-onze" },
		{ 99, "quatre-vingt-dix-neuf" }, { 100, "cent" }, { 101, "cent un" },
		{ 180, "cent quatre-vingts" }, { 200, "deux cents" }, { 201, "deux cent un" },
		{ 280, "deux cent quatre-vingts" }, { 999, "neuf cent quatre-vingt-dix-neuf" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(card(cases[i].v, 0), cases[i].s);
}

static void numbers_fr_cardinal_large(void **state)
{
	assert_string_equal(card(1000, 0), "mille");
	assert_string_equal(card(1001, 0), "mille un");
	assert_string_equal(card(2000, 0), "deux mille");
	assert_string_equal(card(80000, 0), "quatre-vingt mille");
	assert_string_equal(card(200000, 0), "deux cent mille");
	assert_string_equal(card(1000000, 0), "un million");
	assert_string_equal(card(2000000, 0), "deux millions");
	assert_string_equal(card(200000000, 0), "deux cents millions");
	assert_string_equal(card(80000000, 0), "quatre-vingts millions");
	assert_string_equal(card(1000000000, 0), "un milliard");
	assert_string_equal(card(415297, 0), "quatre cent quinze mille deux cent quatre-vingt-dix-sept");
	assert_string_equal(card(1593072962, 0), "un milliard cinq cent quatre-vingt-treize "
			    "millions soixante-douze mille neuf cent soixante-deux");
	assert_string_equal(card(999999999999ULL, 0), "neuf cent quatre-vingt-dix-neuf milliards "
			    "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf "
			    "mille neuf cent quatre-vingt-dix-neuf");
	assert_string_equal(card(3000000000000ULL, 0), "trois billions");
	assert_string_equal(card(1990, 0), "mille neuf cent quatre-vingt-dix");
}

static void numbers_fr_cardinal_feminine(void **state)
{
	assert_string_equal(card(1, NUMFR_FEM), "une");
	assert_string_equal(card(21, NUMFR_FEM), "vingt et une");
	assert_string_equal(card(31, NUMFR_FEM), "trente et une");
	assert_string_equal(card(81, NUMFR_FEM), "quatre-vingt-une");
	assert_string_equal(card(101, NUMFR_FEM), "cent une");
	assert_string_equal(card(71, NUMFR_FEM), "soixante et onze");
	assert_string_equal(card(21000, NUMFR_FEM), "vingt et un mille");
	assert_string_equal(card(1000000, NUMFR_FEM), "un million");
	assert_string_equal(card(22, NUMFR_FEM), "vingt-deux");
}

static void numbers_fr_belgian_swiss(void **state)
{
	assert_string_equal(card(70, NUMFR_BE), "septante");
	assert_string_equal(card(71, NUMFR_BE), "septante et un");
	assert_string_equal(card(77, NUMFR_BE), "septante-sept");
	assert_string_equal(card(80, NUMFR_BE), "quatre-vingts");
	assert_string_equal(card(81, NUMFR_BE), "quatre-vingt-un");
	assert_string_equal(card(90, NUMFR_BE), "nonante");
	assert_string_equal(card(91, NUMFR_BE), "nonante et un");
	assert_string_equal(card(99, NUMFR_BE), "nonante-neuf");
	assert_string_equal(card(70, NUMFR_CH), "septante");
	assert_string_equal(card(80, NUMFR_CH), "huitante");
	assert_string_equal(card(81, NUMFR_CH), "huitante et un");
	assert_string_equal(card(85, NUMFR_CH), "huitante-cinq");
	assert_string_equal(card(91, NUMFR_CH | NUMFR_FEM), "nonante et une");
	assert_string_equal(card(80000, NUMFR_CH), "huitante mille");
	assert_string_equal(ord(90, NUMFR_BE), "nonantième");
}

static void numbers_fr_ordinal(void **state)
{
	assert_string_equal(ord(1, 0), "premier");
	assert_string_equal(ord(1, NUMFR_FEM), "première");
	assert_string_equal(ord(2, 0), "deuxième");
	assert_string_equal(ord(4, 0), "quatrième");
	assert_string_equal(ord(5, 0), "cinquième");
	assert_string_equal(ord(9, 0), "neuvième");
	assert_string_equal(ord(11, 0), "onzième");
	assert_string_equal(ord(21, 0), "vingt et unième");
	assert_string_equal(ord(21, NUMFR_FEM), "vingt et unième");
	assert_string_equal(ord(71, 0), "soixante et onzième");
	assert_string_equal(ord(80, 0), "quatre-vingtième");
	assert_string_equal(ord(90, 0), "quatre-vingt-dixième");
	assert_string_equal(ord(100, 0), "centième");
	assert_string_equal(ord(200, 0), "deux centième");
	assert_string_equal(ord(1000, 0), "millième");
	assert_string_equal(ord(2540, 0), "deux mille cinq cent quarantième");
	assert_string_equal(ord(1000000, 0), "un millionième");
	assert_string_equal(ord(1000000000, 0), "un milliardième");
}

static void numbers_fr_decimals_and_fractions(void **state)
{
	strbuf sb;

	sb_init(&sb);
	numfr_decimals(&sb, "05", 2, 0);
	assert_string_equal(sb_cstr(&sb), "zéro cinq");
	sb_reset(&sb);
	numfr_decimals(&sb, "303", 3, 0);
	assert_string_equal(sb_cstr(&sb), "trois cent trois");
	sb_reset(&sb);
	numfr_decimals(&sb, "1313", 4, 0);
	assert_string_equal(sb_cstr(&sb), "treize treize");
	sb_reset(&sb);
	numfr_denominator(&sb, 2, 0, 0);
	assert_string_equal(sb_cstr(&sb), "demi");
	sb_reset(&sb);
	numfr_denominator(&sb, 3, 1, 0);
	assert_string_equal(sb_cstr(&sb), "tiers");
	sb_reset(&sb);
	numfr_denominator(&sb, 9, 1, 0);
	assert_string_equal(sb_cstr(&sb), "neuvièmes");
	sb_reset(&sb);
	numfr_digits(&sb, "0123", 4);
	assert_string_equal(sb_cstr(&sb), "zéro un deux trois");
	sb_release(&sb);
}

static void numbers_fr_value(void **state)
{
	uint64_t v;

	assert_int_equal(numfr_value("007", 3, &v), 1);
	assert_int_equal(v, 7);
	assert_int_equal(numfr_value("999999999999999", 15, &v), 1);
	assert_int_equal(numfr_value("1000000000000000", 16, &v), 0);
	assert_int_equal(numfr_value("", 0, &v), 0);
}

/* Normalize s with a fresh normalizer for lang. */
static char *norm(const char *lang, const char *s)
{
	normalizer *n;
	strbuf out;

	assert_int_equal(norm_new(&n, lang), 0);
	sb_init(&out);
	assert_int_equal(norm_line(n, s, strlen(s), &out), 0);
	norm_free(n);
	return sb_detach(&out, NULL);
}

static void norm_fr_table(void **state)
{
	static const struct { const char *lang, *in, *out; } cases[] = {
		{ "fr", "21 victimes", "vingt et une victimes" },
		{ "fr", "14h30", "quatorze heures trente" },
		{ "fr", "Louis XIV", "Louis quatorze" },
		{ "fr", "l'UE", "l'u E" },
		{ "fr", "12,50 €", "douze euros cinquante" },
		{ "fr", "-5 °C", "moins cinq degrés Celsius" },
		{ "fr", "M. Stoltenberg", "Monsieur Stoltenberg" },
		{ "fr", "dit M. Stoltenberg", "dit monsieur Stoltenberg" },
		{ "fr-BE", "71 ans", "septante et un ans" },
		{ "fr-CH", "80 ans", "huitante ans" },
		{ "fr-BE", "le 97e jour", "le nonante-septième jour" },
		/* a vehicle's drive; a product stays "fois", its unit said */
		{ "fr", "un 4x4", "un quatre-quatre" },
		{ "fr", "des 6×6", "des six-six" },
		{ "fr", "4x100 m", "quatre fois cent mètres" },
		{ "fr", "2x2 voies", "deux fois deux voies" },
		/* sports timing in hundredths */
		{ "fr", "en 9,58 s", "en neuf secondes cinquante-huit" },
		{ "fr", "en 10,05 s", "en dix secondes zéro cinq" },
		{ "fr", "en 12,5 s", "en douze virgule cinq secondes" },
		/* the gender of an implied noun from the sentence's antecedent */
		{ "fr", "Les femmes : 21 ont voté", "Les femmes: vingt et une ont voté" },
		{ "fr", "Les villes, 21 sur 41", "Les villes, vingt et une sur quarante et une" },
		{ "fr", "Les élus : 21 ont voté", "Les élus: vingt et un ont voté" },
		/* an English quotation: said by the voice speaking English */
		{ "fr", "Il a dit « The show must go on » hier.",
		  "Il a dit\x1blang:en\x1b The show must go on\x1b\x1b hier." },
		{ "fr", "Il a crié « Yes we can ».", "Il a crié\x1blang:en\x1b Yes we can\x1b\x1b." },
		{ "fr", "Elle a dit « On a gagné » hier.", "Elle a dit On a gagné hier." },
		/* the dot of an abbreviation after a number ends the sentence
		 * when a capital follows: the sentences do not run together */
		{ "fr", "parti le 12 déc. Le lendemain", "parti le douze décembre. Le lendemain" },
		{ "fr", "attendu 10 min. Puis", "attendu dix minutes. Puis" },
		{ "fr", "le 12 déc. 2023 il", "le douze décembre deux mille vingt-trois il" },
		{ "fr", "Au XXe s. Les guerres", "Au vingtième siècle. Les guerres" },
		{ "fr", "à 50 000 ex. Le livre", "à cinquante mille exemplaires. Le livre" },
		{ "fr", "Par ex. Paris ou Lyon", "Par exemple Paris ou Lyon" },
		/* the last dot of dotted initials ends the sentence before a
		 * word that starts sentences, not before a name */
		{ "fr", "selon l'A.F.P. Le directeur", "selon l'a F P. Le directeur" },
		{ "fr", "aux U.S.A. Depuis hier", "aux zu S A. Depuis hier" },
		{ "fr", "l'A.F.P. L'enquête", "l'a F P. L'enquête" },
		{ "fr", "l'A.F.P. L'Oréal", "l'a F P L'Oréal" },
		{ "fr", "J.F. Kennedy", "J F Kennedy" },
		/* a plus sign that starts the line is said (it read the
		 * token before the first) */
		{ "fr", "+ de 10 blessés", "plus de dix blessés" },
		/* hyphenated initials: first names, titles, countries */
		{ "fr", "J.-M. Le Pen", "J M Le Pen" },
		{ "fr", "le P.-D.G. de", "le P D G de" },
		{ "fr", "les É.-U. ont", "les États-Unis ont" },
		{ "fr", "au R.-U., on", "au Royaume-Uni, on" },
		{ "fr", "la G.-B. et", "la Grande-Bretagne et" },
		{ "fr", "", "" },
		{ "fr", "   ", "" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = norm(cases[i].lang, cases[i].in);

		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

static void norm_fr_unknown_language(void **state)
{
	normalizer *n;

	assert_int_equal(norm_new(&n, "xx"), CRIEUR_EINVAL);
	assert_null(n);
	assert_non_null(strstr(err_detail(), "'xx'"));
	norm_free(NULL);
}

static void norm_fr_spans(void **state)
{
	const char *in = "Le 1er mai, M. Dupont";
	const struct norm_span *sp;
	size_t n;
	normalizer *nz;
	strbuf out;

	assert_int_equal(norm_new(&nz, "fr"), 0);
	sb_init(&out);
	sb_adds(&out, "> ");
	assert_int_equal(norm_line_map(nz, in, strlen(in), &out, &sp, &n), 0);
	assert_string_equal(sb_cstr(&out), "> Le premier mai, monsieur Dupont");
	assert_int_equal(n, 5);
	/* "premier" <- "1er" */
	assert_int_equal(sp[1].src_start, 3);
	assert_int_equal(sp[1].src_end, 6);
	assert_memory_equal(out.buf + sp[1].out_start, "premier", 7);
	assert_int_equal(sp[1].out_end - sp[1].out_start, 7);
	/* "monsieur" <- "M." */
	assert_int_equal(sp[3].src_start, 12);
	assert_int_equal(sp[3].src_end, 14);
	assert_memory_equal(out.buf + sp[3].out_start, "monsieur", 8);
	for (size_t i = 1; i < n; i++)
		assert_true(sp[i].out_start >= sp[i - 1].out_end);
	sb_release(&out);
	norm_free(nz);
}

/* A glue mark left dangling at the end of the line is trimmed with the
 * spans that reached it: every span stays inside the output, in order
 * ("&A'" gave a span [6, 5) in an output of 5 bytes; fuzz_normalize). */
static void norm_spans_after_trim(void **state)
{
	static const struct { const char *lang, *in; } cases[] = {
		{ "en", "&A'" }, { "en", "A'" }, { "fr", "l'A' -" },
		{ "fr", "aujourd'" }, { "en", "rock 'n' roll -" },
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		const struct norm_span *sp;
		size_t n, end = 0;
		normalizer *nz;
		strbuf out;

		assert_int_equal(norm_new(&nz, cases[c].lang), 0);
		sb_init(&out);
		assert_int_equal(norm_line_map(nz, cases[c].in, strlen(cases[c].in),
					       &out, &sp, &n), 0);
		for (size_t i = 0; i < n; i++) {
			assert_true(sp[i].out_start >= end);
			assert_true(sp[i].out_start <= sp[i].out_end);
			assert_true(sp[i].out_end <= out.len);
			end = sp[i].out_end;
		}
		sb_release(&out);
		norm_free(nz);
	}
}

static void norm_fr_bad_input(void **state)
{
	size_t len = 1000;
	char *digits = malloc(len + 1), *got;

	memset(digits, '7', len);
	digits[len] = '\0';
	got = norm("fr", digits);
	assert_non_null(strstr(got, "sept sept sept"));
	free(got);
	free(digits);
	got = norm("fr", "\xCC\x81\xCC\x81 a\x01\x7f b");   /* combining marks, controls */
	assert_non_null(strstr(got, "a"));
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_fr_cardinal_small),
		cmocka_unit_test(numbers_fr_cardinal_large),
		cmocka_unit_test(numbers_fr_cardinal_feminine),
		cmocka_unit_test(numbers_fr_belgian_swiss),
		cmocka_unit_test(numbers_fr_ordinal),
		cmocka_unit_test(numbers_fr_decimals_and_fractions),
		cmocka_unit_test(numbers_fr_value),
		cmocka_unit_test(norm_fr_table),
		cmocka_unit_test(norm_fr_unknown_language),
		cmocka_unit_test(norm_fr_spans),
		cmocka_unit_test(norm_spans_after_trim),
		cmocka_unit_test(norm_fr_bad_input),
	};

	return cmocka_run_group_tests_name("norm_fr", tests, NULL, NULL);
}
