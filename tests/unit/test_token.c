/* test_token.c - typography mapping and tokens with source spans. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text/lang.h"
#include "text/token.h"

/* Token i of tl has kind, text and span [a, b). */
static void check_tok(const struct tok_line *tl, size_t i, enum tok_kind kind,
		      const char *text, size_t a, size_t b)
{
	assert_true(i < tl->n);
	assert_int_equal(tl->tok[i].kind, kind);
	assert_int_equal(tl->tok[i].len, strlen(text));
	assert_memory_equal(tl->tok[i].text, text, strlen(text));
	assert_int_equal(tl->tok[i].start, a);
	assert_int_equal(tl->tok[i].end, b);
}

static void token_kinds_and_spans(void **state)
{
	struct tok_line tl;
	const char *s = "14h30, M. Dupont";

	tok_line_init(&tl);
	tok_split(&tl, s, strlen(s));
	assert_int_equal(tl.n, 7);
	check_tok(&tl, 0, TOK_NUM, "14", 0, 2);
	check_tok(&tl, 1, TOK_WORD, "h", 2, 3);
	check_tok(&tl, 2, TOK_NUM, "30", 3, 5);
	check_tok(&tl, 3, TOK_PUNCT, ",", 5, 6);
	check_tok(&tl, 4, TOK_WORD, "M", 7, 8);
	check_tok(&tl, 5, TOK_PUNCT, ".", 8, 9);
	check_tok(&tl, 6, TOK_WORD, "Dupont", 10, 16);
	assert_true(tl.tok[0].flags & TF_FIRST);
	assert_false(tl.tok[1].flags & TF_SPACE);
	assert_true(tl.tok[4].flags & TF_SPACE);
	assert_true(tl.tok[6].flags & TF_UPPER);
	tok_line_release(&tl);
}

static void token_typography_keeps_source_spans(void **state)
{
	struct tok_line tl;
	/* « L’UE » 6\u202F492 000 — fin… */
	const char *s = "\xC2\xAB L\xE2\x80\x99UE \xC2\xBB 6\xE2\x80\xAF" "492\xC2\xA0" "000 "
		"\xE2\x80\x94 fin\xE2\x80\xA6";

	tok_line_init(&tl);
	tok_split(&tl, s, strlen(s));
	check_tok(&tl, 0, TOK_PUNCT, "\"", 0, 2);
	check_tok(&tl, 1, TOK_WORD, "L", 3, 4);
	check_tok(&tl, 2, TOK_PUNCT, "'", 4, 7);
	check_tok(&tl, 3, TOK_WORD, "UE", 7, 9);
	assert_true(tl.tok[3].flags & TF_CAPS);
	check_tok(&tl, 4, TOK_PUNCT, "\"", 10, 12);
	check_tok(&tl, 5, TOK_NUM, "6", 13, 14);
	check_tok(&tl, 6, TOK_NUM, "492", 17, 20);   /* after the narrow NBSP */
	assert_true(tl.tok[6].flags & TF_SPACE);
	check_tok(&tl, 7, TOK_NUM, "000", 22, 25);   /* after the NBSP */
	assert_true(tl.tok[7].flags & TF_SPACE);
	check_tok(&tl, 8, TOK_PUNCT, "-", 26, 29);
	check_tok(&tl, 9, TOK_WORD, "fin", 30, 33);
	check_tok(&tl, 10, TOK_PUNCT, ".", 33, 36);  /* "…" is three dots */
	assert_int_equal(tl.n, 13);
	tok_line_release(&tl);
}

static void token_superscripts_and_marks(void **state)
{
	struct tok_line tl;
	const char *s = "M\xE1\xB5\x90\xE1\xB5\x89 1\xE1\xB5\x89\xCA\xB3 \xCC\x81x";

	tok_line_init(&tl);
	tok_split(&tl, s, strlen(s));
	check_tok(&tl, 0, TOK_WORD, "Mme", 0, 7);
	check_tok(&tl, 1, TOK_NUM, "1", 8, 9);
	check_tok(&tl, 2, TOK_WORD, "er", 9, 14);
	check_tok(&tl, 3, TOK_WORD, "\xCC\x81x", 15, 18);  /* lone combining mark */
	assert_int_equal(tl.n, 4);
	tok_line_release(&tl);
}

static void token_controls_and_empty(void **state)
{
	struct tok_line tl;

	tok_line_init(&tl);
	tok_split(&tl, "", 0);
	assert_int_equal(tl.n, 0);
	tok_split(&tl, "a\tb\x01" "c", 5);
	assert_int_equal(tl.n, 3);
	check_tok(&tl, 2, TOK_WORD, "c", 4, 5);
	assert_true(tl.tok[2].flags & TF_SPACE);
	tok_line_release(&tl);
	tok_line_release(&tl);   /* released twice is harmless */
}

static void token_map_table(void **state)
{
	char out[4];

	assert_int_equal(tok_map_cp(0x2019, out), 1);
	assert_int_equal(out[0], '\'');
	assert_int_equal(tok_map_cp(0x2026, out), 3);
	assert_memory_equal(out, "...", 3);
	assert_int_equal(tok_map_cp(0x00AD, out), -1);
	assert_int_equal(tok_map_cp(0x00E9, out), 0);
	assert_int_equal(tok_map_cp(0x0007, out), 1);
	assert_int_equal(out[0], ' ');
}

static void token_helpers(void **state)
{
	struct tok_line tl;

	tok_line_init(&tl);
	tok_split(&tl, "km/h Km", 7);
	assert_true(tok_is(&tl, 0, TOK_WORD, "km"));
	assert_true(tok_is_punct(&tl, 1, '/'));
	assert_true(tok_glued(&tl, 2));
	assert_false(tok_glued(&tl, 3));
	assert_false(tok_glued(&tl, 0));
	assert_true(tok_eq_ci(&tl.tok[3], "KM"));
	assert_false(tok_is(&tl, 9, TOK_WORD, NULL));
	tok_line_release(&tl);
}

static void helpers_scan_number(void **state)
{
	struct tok_line tl;
	struct norm_number num;
	const char *s = "6\xE2\x80\xAF" "492 000,5 et 1.000.000 et 01 23 et 8'900'000";

	tok_line_init(&tl);
	tok_split(&tl, s, strlen(s));
	assert_int_equal(norm_scan_number(&tl, 0, ".'", ',', &num), 5);
	assert_string_equal(num.digits, "6492000");
	assert_string_equal(num.frac, "5");
	assert_true(num.grouped);
	assert_int_equal(norm_scan_number(&tl, 6, ".'", ',', &num), 5);
	assert_string_equal(num.digits, "1000000");
	assert_int_equal(norm_scan_number(&tl, 12, ".'", ',', &num), 1);  /* 01 23: not groups */
	assert_int_equal(norm_scan_number(&tl, 15, ".'", ',', &num), 5);  /* 8'900'000 */
	assert_string_equal(num.digits, "8900000");
	assert_int_equal(norm_scan_number(&tl, 15, ".", ',', &num), 1);   /* not a mark here */
	assert_int_equal(norm_scan_number(&tl, 15, NULL, ',', &num), 1);
	assert_int_equal(norm_scan_number(&tl, 5, ".", ',', &num), 0);   /* a word */
	tok_line_release(&tl);
}

static void helpers_scan_url(void **state)
{
	struct tok_line tl;
	const char *s = "Voir www.elysee.fr. Ou jean.dupont@mairie.fr, pas M.Dupont.";

	tok_line_init(&tl);
	tok_split(&tl, s, strlen(s));
	assert_int_equal(norm_scan_url(&tl, 0), 0);
	assert_int_equal(norm_scan_url(&tl, 1), 5);     /* not the final dot */
	assert_int_equal(norm_scan_url(&tl, 8), 7);     /* jean . dupont @ mairie . fr */
	assert_int_equal(norm_scan_url(&tl, 18), 0);    /* M.Dupont */
	tok_line_release(&tl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_kinds_and_spans),
		cmocka_unit_test(token_typography_keeps_source_spans),
		cmocka_unit_test(token_superscripts_and_marks),
		cmocka_unit_test(token_controls_and_empty),
		cmocka_unit_test(token_map_table),
		cmocka_unit_test(token_helpers),
		cmocka_unit_test(helpers_scan_number),
		cmocka_unit_test(helpers_scan_url),
	};

	return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
