/* lang_en_caps.c - English words in capitals that an acronym also writes
 * (US, WHO, IT, AM, LED, CAR), read as words where their neighbours in a
 * headline make them so: "TELL US", "THE MAN WHO", "IS IT OVER?",
 * "SAUDI-LED", and contractions in capitals ("IT'S", "I'M").  Asked
 * before the lexicon, which spells US and WHO. */
#include "text/lang_en.h"

#include <string.h>

/* Token i is a word in capitals. */
static int caps_at(const struct tok_line *tl, size_t i)
{
	return en_is_word(tl, i) && (tl->tok[i].flags & TF_CAPS);
}

/* Token i is in capitals among capitals: the line is a headline, or the
 * words on both sides (those there are) are in capitals ("chanted LET US
 * VOTE"). */
static int in_capitals(struct en *en, const struct tok_line *tl, size_t i)
{
	int before = i > 0 && en_is_word(tl, i - 1), after = en_is_word(tl, i + 1);

	if (en->headline)
		return 1;
	return (before || after) && (!before || caps_at(tl, i - 1)) &&
		(!after || caps_at(tl, i + 1));
}

/* A sentence (or a clause after a colon or a quotation mark) opens at
 * token i. */
static int opens_sentence(const struct tok_line *tl, size_t i)
{
	if (i == 0)
		return 1;
	return tl->tok[i - 1].kind == TOK_PUNCT && tl->tok[i - 1].len == 1 &&
		strchr(".:!?\"'(;", tl->tok[i - 1].text[0]);
}

/* The sentence of token i ends with a question mark. */
static int in_question(const struct tok_line *tl, size_t i)
{
	for (size_t k = i + 1; k < tl->n; k++)
		if (tl->tok[k].kind == TOK_PUNCT && tl->tok[k].len == 1 &&
		    strchr(".!?", tl->tok[k].text[0]))
			return tl->tok[k].text[0] == '?';
	return 0;
}

/* Whether some word of the line has role. */
static int line_has(struct en *en, const struct tok_line *tl, const char *role)
{
	for (size_t k = 0; k < tl->n; k++)
		if (en_word_role(en, tl, k, role))
			return 1;
	return 0;
}

/* What follows US at i + 1 fits the pronoun: the end, a mark of the
 * sentence (not a hyphen or a sign: "US-LED", "US$"), or a word of role
 * pron_next or auxiliary ("TELL US WHAT", "ONE OF US MUST", not "WARNS US
 * TROOPS"). */
static int after_pronoun(struct en *en, const struct tok_line *tl, size_t i)
{
	if (i >= tl->n)
		return 1;
	if (tl->tok[i].kind == TOK_PUNCT)
		return !en_glued(tl, i) || strchr(".,;:!?\")", tl->tok[i].text[0]);
	return !en_glued(tl, i) && (en_word_role(en, tl, i, "pron_next") ||
				    en_word_role(en, tl, i, "auxiliary"));
}

/* US at i is the pronoun: after LET, after "ONE OF", "UP TO", after an
 * imperative opening the sentence ("TELL US"), or in a line that says WE
 * or OUR; and what follows fits the pronoun. */
static int us_pronoun(struct en *en, const struct tok_line *tl, size_t i)
{
	size_t p = i - 1;

	if (i == 0 || !en_is_word(tl, p) || en_glued(tl, i) ||
	    (en_glued(tl, i + 1) && !after_pronoun(en, tl, i + 1)))
		return 0;
	if (en_word_is(tl, p, "let") || en_word_is(tl, p, "lets"))
		return 1;                        /* LET US VOTE */
	if (!after_pronoun(en, tl, i + 1))
		return 0;
	if (en_word_is(tl, p, "of") && p > 0 && en_word_role(en, tl, p - 1, "quantifier"))
		return 1;
	if (en_word_is(tl, p, "to") && p > 0 && en_word_is(tl, p - 1, "up"))
		return 1;
	if (en_word_role(en, tl, p, "us_verb") && opens_sentence(tl, p))
		return 1;
	return line_has(en, tl, "first_plural");
}

/* Token i is a verb in the past: a word ending in ED (not EED: "NEED",
 * "SPEED") or of role "past" (SOLD, QUIT, BOUGHT). */
static int past_verb(struct en *en, const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i];

	if (!en_is_word(tl, i))
		return 0;
	if (t->len > 3 && (t->text[t->len - 1] | 0x20) == 'd' &&
	    (t->text[t->len - 2] | 0x20) == 'e' && (t->text[t->len - 3] | 0x20) != 'e')
		return 1;
	return en_word_role(en, tl, i, "past");
}

/* WHO at i is the pronoun: after a person ("THE MAN WHO", "THOSE WHO",
 * "MPs WHO", "THE CEO WHO"), or after a noun and before a verb in the
 * past, which the agency's headlines do not use ("JUDGE WHO FREED";
 * not after a function word or a verb: "UN AND WHO FAILED", "BLOCKED WHO
 * INQUIRY"), or opening a question ("WHO WILL REPLACE HIM?") or a
 * sentence before an auxiliary ("WHO IS BEHIND IT"); not "WHO CHIEF
 * WARNS", "QUITS WHO". */
static int who_pronoun(struct en *en, const struct tok_line *tl, size_t i)
{
	if (en_glued(tl, i + 1) && !en_is_punct(tl, i + 1, '?'))
		return 0;
	if (i > 0 && !en_glued(tl, i) && en_word_role(en, tl, i - 1, "antecedent"))
		return 1;
	if (i > 0 && !en_glued(tl, i) && en_is_word(tl, i - 1) &&
	    !en_word_role(en, tl, i - 1, "year_after") && !past_verb(en, tl, i - 1) &&
	    !en_glued(tl, i + 1) && past_verb(en, tl, i + 1))
		return 1;
	return opens_sentence(tl, i) &&
		(in_question(tl, i) || en_word_role(en, tl, i + 1, "auxiliary"));
}

/* IT at i is the pronoun unless a noun of role it_noun follows ("IT
 * FIRMS", "IT OUTAGE"): "IS IT OVER?", "WHY IT MATTERS". */
static int it_pronoun(struct en *en, const struct tok_line *tl, size_t i)
{
	return en_run_start(tl, i) && !en_word_role(en, tl, i + 1, "it_noun") &&
		!(en_glued(tl, i + 1) && en_is_punct(tl, i + 1, '-'));
}

/* Token i is a word written in capitals only (a lone "I" too). */
static int all_capitals(const struct tok_line *tl, size_t i)
{
	if (!en_is_word(tl, i))
		return 0;
	for (size_t k = 0; k < tl->tok[i].len; k++)
		if (tl->tok[i].text[k] < 'A' || tl->tok[i].text[k] > 'Z')
			return 0;
	return 1;
}

/* Tokens i..i+2 are a contraction in capitals: a word of role contracts,
 * an apostrophe and S, M, LL, VE, RE or D in capitals, all glued ("IT'S
 * OVER", "I'M BACK", "WHO'S TO BLAME?"; not "the WHO's chief", "IT's
 * budget"): said as the words, not the letters. */
static size_t contraction(struct en *en, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	static const char *const tails[] = { "S", "M", "LL", "VE", "RE", "D" };
	char buf[16];
	size_t n = tl->tok[i].len, m;

	if (!all_capitals(tl, i) || n + 4 > sizeof(buf) || !en_is_punct(tl, i + 1, '\'') ||
	    !en_glued(tl, i + 1) || !en_glued(tl, i + 2) || !all_capitals(tl, i + 2) ||
	    !en_run_end(tl, i + 3) || !en_word_role(en, tl, i, "contracts"))
		return 0;
	m = tl->tok[i + 2].len;
	for (size_t k = 0; k < sizeof(tails) / sizeof(tails[0]); k++)
		if (strlen(tails[k]) == m && !memcmp(tails[k], tl->tok[i + 2].text, m)) {
			for (size_t c = 0; c < n; c++)
				buf[c] = (char)(tl->tok[i].text[c] | 0x20);
			buf[n] = '\'';
			for (size_t c = 0; c < m; c++)
				buf[n + 1 + c] = (char)(tl->tok[i + 2].text[c] | 0x20);
			buf[n + 1 + m] = 0;
			out_word(o, buf, i, i + 2);
			return 3;
		}
	return 0;
}

size_t en_rule_caps_context(struct en *en, const struct tok_line *tl, size_t i,
			    struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const char *w = NULL;
	size_t used;

	if ((used = contraction(en, tl, i, o)))
		return used;
	if (!caps_at(tl, i) || t->len < 2 || t->len > 3)
		return 0;
	if (tok_eq_ci(t, "led") && i >= 2 && en_is_punct(tl, i - 1, '-') &&
	    en_glued(tl, i - 1) && en_glued(tl, i) && en_is_word(tl, i - 2))
		w = "led";                        /* SAUDI-LED, US-LED */
	else if (tok_eq_ci(t, "car") && en_is_punct(tl, i + 1, '-') && en_glued(tl, i + 1) &&
		 en_word_is(tl, i + 2, "t") && en_glued(tl, i + 2))
		w = "car";                        /* CAR-T cell therapy */
	else if (!in_capitals(en, tl, i))
		return 0;
	else if (tok_eq_ci(t, "led") && en_word_is(tl, i + 1, "by"))
		w = "led";                        /* PROTESTS LED BY STUDENTS */
	else if (tok_eq_ci(t, "us") && us_pronoun(en, tl, i))
		w = "us";
	else if (tok_eq_ci(t, "who") && who_pronoun(en, tl, i))
		w = "who";
	else if (tok_eq_ci(t, "it") && it_pronoun(en, tl, i))
		w = "it";
	else if (tok_eq_ci(t, "am") && en_word_is(tl, i + 1, "i"))
		w = "am";                         /* AM I */
	else if (tok_eq_ci(t, "car"))
		w = "car";                        /* CAR BOMB, not the C A R */
	if (!w)
		return 0;
	out_word(o, w, i, i);
	return 1;
}
