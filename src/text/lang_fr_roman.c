/* lang_fr_roman.c - French Roman numerals: ordinals ("XXIe", "Ier"),
 * regnal numbers ("Louis XIV"), numbered parts ("chapitre IV", "phase
 * III") and centuries ("XXI siècle"); the trigger words are in
 * lexicon/fr/roman_triggers.tsv. */
#include "text/lang_fr.h"
#include "base/util.h"

#include <string.h>

/* The value of the Roman numeral s[0..n) in canonical form using only
 * the letters in allowed, or 0. */
static int roman_value(const char *s, size_t n, const char *allowed)
{
	static const struct { const char *sym; int v; } r[] = {
		{ "M", 1000 }, { "CM", 900 }, { "D", 500 }, { "CD", 400 },
		{ "C", 100 }, { "XC", 90 }, { "L", 50 }, { "XL", 40 }, { "X", 10 },
		{ "IX", 9 }, { "V", 5 }, { "IV", 4 }, { "I", 1 },
	};
	size_t k = 0;
	int v = 0;

	if (!n || n > 12)
		return 0;
	for (size_t j = 0; j < n; j++)
		if (!strchr(allowed, s[j]))
			return 0;
	for (size_t j = 0; j < ARRAY_SIZE(r) && k < n; j++) {
		size_t l = strlen(r[j].sym);
		int reps = 0;

		while (k + l <= n && !memcmp(s + k, r[j].sym, l) && reps < 3) {
			v += r[j].v;
			k += l;
			reps++;
			if (l == 2 || r[j].sym[0] == 'V' || r[j].sym[0] == 'L' || r[j].sym[0] == 'D')
				break;
		}
	}
	return k == n ? v : 0;
}

/* "XXIe siècle", "Ve République", "Ier": a Roman ordinal in one token. */
size_t fr_rule_roman_ordinal(struct fr *fr, const struct tok_line *tl, size_t i,
				 struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	size_t k = 0;
	int v, kind;

	if (t->text[0] != 'I' && t->text[0] != 'V' && t->text[0] != 'X')
		return 0;
	while (k < t->len && strchr("IVX", t->text[k]))
		k++;
	if (!k || k == t->len || !(kind = fr_ordinal_suffix(t->text + k, t->len - k)) ||
	    kind >= 3 || !(v = roman_value(t->text, k, "IVX")))
		return 0;
	if ((kind == 2 || t->text[k + 1] == 'r') && v != 1)
		return 0;                /* "Ier", "Ire" only: not "Ver", "Vers" */
	fr_say_ordinal(fr, (uint64_t)v, kind);
	fr_flush(fr, o, i, i);
	return 1;
}

/* The previous word before i (skipping nothing), if separated by space. */
static const struct table_row *roman_trigger(const struct fr *fr, const struct tok_line *tl,
					     size_t i)
{
	const struct token *w;
	const struct table_row *r;
	char key[32];

	if (i == 0 || !(tl->tok[i].flags & TF_SPACE) || tl->tok[i - 1].kind != TOK_WORD)
		return NULL;
	w = &tl->tok[i - 1];
	if ((r = table_get(fr->roman, w->text, w->len)) || !(w->flags & TF_CAPS) ||
	    w->len >= sizeof(key))
		return r;
	/* in capitals ("LOUIS XIV", "LE PAPE JEAN XXIII"): the word as the
	 * table writes it, title case or lower case */
	for (size_t k = 0; k < w->len; k++) {
		unsigned char c = (unsigned char)w->text[k];

		if ((c >= 'A' && c <= 'Z') || (k && (unsigned char)w->text[k - 1] == 0xC3 &&
					       c >= 0x80 && c < 0x9F))
			c = (unsigned char)(c + 32);
		key[k] = (char)c;
	}
	if ((r = table_get(fr->roman, key, w->len)))
		return r;
	if (key[0] >= 'a' && key[0] <= 'z')
		key[0] = (char)(key[0] - 32);
	else if ((unsigned char)key[0] == 0xC3 && w->len > 1)
		key[1] = (char)(key[1] - 32);            /* "ÉLISABETH": Élisabeth */
	return table_get(fr->roman, key, w->len);
}

/* "Louis XIV", "Jean-Paul II", "chapitre IV", "XXI siècle": a Roman
 * numeral read as a number only after a trigger word (roman_triggers.tsv)
 * or a capitalised name, or before "siècle". */
size_t fr_rule_roman(struct fr *fr, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *trig;
	int v = (t->flags & TF_CAPS) ? roman_value(t->text, t->len, "IVXL") : 0;
	int name_before;

	if (!v || (i + 1 < tl->n && tok_glued(tl, i + 1) && !tok_is_punct(tl, i + 1, '.') &&
		   !tok_is_punct(tl, i + 1, ',')))
		return 0;
	if (fr_word_in(tl, i + 1, "siècle|siècles|millénaire")) {
		numfr_ordinal(&fr->sb, (uint64_t)v, fr->numflags);
		fr_flush(fr, o, i, i);
		return 1;
	}
	if (t->len >= 2 && !memchr(t->text, 'L', t->len) && fr_word_in(tl, i - 1, "le|les|des|du") &&
	    (fr_word_in(tl, i + 1, "de") || (i + 1 < tl->n && tl->tok[i + 1].kind == TOK_WORD &&
					      (tl->tok[i + 1].flags & TF_UPPER) &&
					      !(tl->tok[i + 1].flags & TF_CAPS)))) {
		fr_cardinal(fr, (uint64_t)v, 0);      /* "le XV de France", "des VI Nations";
						       * no team of fifty: "le LIV Golf" */
		fr_flush(fr, o, i, i);
		return 1;
	}
	trig = roman_trigger(fr, tl, i);
	name_before = i > 0 && (t->flags & TF_SPACE) && tl->tok[i - 1].kind == TOK_WORD &&
		(tl->tok[i - 1].flags & TF_UPPER) && !(tl->tok[i - 1].flags & TF_CAPS) &&
		!(tl->tok[i - 1].flags & TF_FIRST) && t->len >= 2;
	if ((!trig && !name_before) || (t->len == 1 && t->text[0] == 'L' && !name_before))
		return 0;                /* "l'article L. 1234-5": the code's letter */
	if (v == 1 && (!trig || !strcmp(table_field(trig, 1), "name")))
		sb_adds(&fr->sb, "premier");
	else
		fr_cardinal(fr, (uint64_t)v, 0);
	fr_flush(fr, o, i, i);
	return 1;
}
