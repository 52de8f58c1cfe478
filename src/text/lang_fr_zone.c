/* lang_fr_zone.c - French time zones: universal time after a clock time
 * ("14 h 30 TU" temps universel) and an offset from it ("UTC+1", "GMT-5",
 * "UTC+5:30"). */
#include "text/lang_fr.h"

#include <string.h>

/* Say the zone at i: "temps universel" for TU/UT, else its letters. */
static void say_zone(struct fr *fr, const struct token *t)
{
	if (t->len == 2 && (!memcmp(t->text, "TU", 2) || !memcmp(t->text, "UT", 2))) {
		sb_adds(&fr->sb, "temps universel");
		return;
	}
	for (size_t k = 0; k < t->len; k++) {
		if (k)
			sb_addch(&fr->sb, ' ');
		sb_addch(&fr->sb, t->text[k]);
	}
}

/* Tokens from j are a sign and hours glued after a zone ("+1", "-5",
 * "+5:30"): say them, return how many, or 0. */
static size_t say_offset(struct fr *fr, const struct tok_line *tl, size_t j)
{
	uint64_t h, m = 0;
	int minus = fr_glued_punct(tl, j, '-');
	size_t n = 2;

	if (!(minus || fr_glued_punct(tl, j, '+')) || !fr_glued_num(tl, j + 1) ||
	    !fr_num_at(tl, j + 1, 2, &h) || h > 14)
		return 0;
	if (fr_glued_punct(tl, j + 2, ':') && fr_glued_num(tl, j + 3) &&
	    fr_num_at(tl, j + 3, 2, &m) && m < 60 && tl->tok[j + 3].len == 2)
		n = 4;
	if (j + n < tl->n && tok_glued(tl, j + n) && tl->tok[j + n].kind != TOK_PUNCT)
		return 0;
	sb_adds(&fr->sb, minus ? " moins" : " plus");
	fr_cardinal(fr, h, 0);
	if (n == 4) {
		sb_adds(&fr->sb, h >= 2 ? " heures" : " heure");
		if (m)
			fr_cardinal(fr, m, NUMFR_FEM);
	}
	return n;
}

/* A time zone in capitals: with an offset ("UTC+1" U T C plus un, "GMT-5"),
 * or universal time after a clock time ("14 h 30 TU" temps universel,
 * "8 h UT"; "TU" elsewhere is left alone). */
size_t fr_rule_zone(struct fr *fr, const struct tok_line *tl, size_t i, struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	size_t n;

	if (t->kind != TOK_WORD || !(t->flags & TF_CAPS) ||
	    !fr_word_in(tl, i, "UTC|GMT|TU|UT|TUC") || (i > 0 && tok_glued(tl, i) &&
							tl->tok[i - 1].kind != TOK_PUNCT))
		return 0;
	say_zone(fr, t);
	if ((n = say_offset(fr, tl, i + 1))) {
		fr_flush(fr, o, i, i + n);
		return n + 1;
	}
	if (t->len == 2 && !(i > 0 && (tl->tok[i - 1].kind == TOK_NUM ||
				       fr_word_in(tl, i - 1, "h|H|heure|heures|midi|minuit")))) {
		sb_reset(&fr->sb);
		return 0;
	}
	if (t->len == 3) {           /* no offset: the acronym rule spells it */
		sb_reset(&fr->sb);
		return 0;
	}
	fr_flush(fr, o, i, i);
	return 1;
}
