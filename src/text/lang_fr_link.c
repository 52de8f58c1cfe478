/* lang_fr_link.c - French elision and liaison with acronyms, and the
 * phonotactics of unknown acronyms (see fr_link.h). */
#include "text/fr_link.h"
#include "base/embed.h"
#include "text/fold.h"
#include "text/numbers_fr.h"
#include "text/tables.h"
#include "text/wordlist.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { MAX_RULES = 64, MAX_CLUSTERS = 96 };

/* A respelling rule of acronym_words.tsv. */
struct word_rule {
	const char *from, *to, *before, *after;
	size_t nfrom;
};

static struct {
	struct table *letters, *elisions, *liaison, *shape;
	const char *vowels;
	const char *onset[MAX_CLUSTERS], *final[MAX_CLUSTERS], *mute_e[MAX_CLUSTERS];
	const char *caps_words[MAX_CLUSTERS], *determiners[MAX_CLUSTERS];
	const char *vowel_runs[MAX_CLUSTERS];
	size_t nonset, nfinal, nmute_e, ncaps_words, ndeterminers, nvowel_runs;
	int max_vowels, min_letters;
	struct word_rule rule[MAX_RULES];
	size_t nrule;
} frl;

static pthread_once_t frl_once = PTHREAD_ONCE_INIT;

/* Split the space-separated values of a shape row into list (pointers
 * into a copy that lives as long as the program). */
static size_t split_values(const char *values, const char **list, size_t cap)
{
	static char store[4096];
	static size_t used;
	size_t n = 0, len = strlen(values);
	char *p;

	if (used + len + 1 > sizeof(store))
		return 0;
	p = memcpy(store + used, values, len + 1);
	used += len + 1;
	for (char *tok = strtok(p, " "); tok && n < cap; tok = strtok(NULL, " "))
		list[n++] = tok;
	return n;
}

/* The value of a shape row, or "". */
static const char *shape_value(const char *key)
{
	const struct table_row *r = frl.shape ? table_get(frl.shape, key, strlen(key)) : NULL;

	return r ? table_field(r, 1) : "";
}

static void load_rules(const char *text);
static void insert(strbuf *sb, size_t at, const char *ins, size_t n);

/* Load the tables (once). */
static void frl_load(void)
{
	frl.letters = table_load("lexicon/fr/letters.tsv");
	frl.elisions = table_load("lexicon/fr/elisions.tsv");
	frl.liaison = table_load("lexicon/fr/liaison.tsv");
	frl.shape = table_load("lexicon/fr/acronym_shape.tsv");
	frl.vowels = shape_value("vowels");
	frl.nonset = split_values(shape_value("onset"), frl.onset, MAX_CLUSTERS);
	frl.nfinal = split_values(shape_value("final"), frl.final, MAX_CLUSTERS);
	frl.nmute_e = split_values(shape_value("mute_e"), frl.mute_e, MAX_CLUSTERS);
	frl.ncaps_words = split_values(shape_value("caps_words"), frl.caps_words,
				       MAX_CLUSTERS);
	frl.ndeterminers = split_values(shape_value("determiners"), frl.determiners,
					MAX_CLUSTERS);
	frl.nvowel_runs = split_values(shape_value("vowel_runs"), frl.vowel_runs,
				       MAX_CLUSTERS);
	frl.max_vowels = shape_value("max_vowels")[0] - '0';
	frl.min_letters = shape_value("min_letters")[0] - '0';
	load_rules(embed_get("lexicon/fr/acronym_words.tsv", NULL));
}

/* The rules of acronym_words.tsv, in file order (the table keeps its
 * rows by key, so they are read again from the embedded text). */
static void load_rules(const char *text)
{
	static char store[4096];
	size_t len = text ? strlen(text) : 0;
	char *line;

	if (!text || len >= sizeof(store))
		return;
	memcpy(store, text, len + 1);
	for (line = store; line && *line && frl.nrule < MAX_RULES;) {
		char *next = strchr(line, '\n');
		char *f[4] = { line, "", "", "" };
		int k = 1;

		if (next)
			*next++ = '\0';
		if (*line && *line != '#') {
			for (char *t = strchr(line, '\t'); t && k < 4; t = strchr(t + 1, '\t')) {
				*t = '\0';
				f[k++] = t + 1;
			}
			frl.rule[frl.nrule++] = (struct word_rule){ f[0], f[1], f[2], f[3],
								  strlen(f[0]) };
		}
		line = next;
	}
}

/* ---- letters and phonotactics ------------------------------------------ */

/* A vowel letter (upper or lower case ASCII, or any non-ASCII byte: the
 * accented capitals are vowels). */
static int vowel(char c)
{
	if ((unsigned char)c >= 0x80)
		return 1;
	return c && strchr(frl.vowels, c & ~0x20) != NULL;
}

/* s[0..n) is one of list[0..count). */
static int in_list(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t k = 0; k < count; k++)
		if (strlen(list[k]) == n && !memcmp(list[k], s, n))
			return 1;
	return 0;
}

/* The consonant run s[0..run) can begin a syllable. */
static int onset_ok(const char *s, size_t run)
{
	return run <= 1 || in_list(s, run, frl.onset, frl.nonset);
}

/* The consonant run s[0..run) can sit between two vowels: a coda of one
 * consonant or of a final cluster, then an onset. */
static int medial_ok(const char *s, size_t run)
{
	if (run <= 1 || onset_ok(s + 1, run - 1))
		return 1;
	return run >= 3 && in_list(s, 2, frl.final, frl.nfinal) && onset_ok(s + 2, run - 2);
}

/* s[k] is a Y between two vowels, said as a consonant: "BAYEUX",
 * "BAYONNE" (ba-yeux, not a run of four vowels). */
static int glide(const char *s, size_t n, size_t k)
{
	return s[k] == 'Y' && k > 0 && k + 1 < n && vowel(s[k - 1]) && vowel(s[k + 1]);
}

/* s[0..n) (ASCII capitals) reads as one French word. */
static int word_shape_of(const char *s, size_t n);

/* The same, the u of "qu" before a vowel taken as part of its consonant
 * ("TURQUIE", "QUÉBEC": one consonant q, then "ie"). */
static int word_shape(const char *s, size_t n)
{
	char buf[64];
	size_t m = 0;

	if (n >= sizeof(buf))
		return word_shape_of(s, n);
	for (size_t k = 0; k < n; k++)
		if (!(k > 0 && k + 1 < n && s[k] == 'U' && s[k - 1] == 'Q' && vowel(s[k + 1])))
			buf[m++] = s[k];
	if (m < n && m < (size_t)frl.min_letters)
		return 0;
	return word_shape_of(buf, m);
}

static int word_shape_of(const char *s, size_t n)
{
	size_t k = 0, run = 0, vowels = 0;

	if (n < (size_t)frl.min_letters)
		return 0;
	if (n == 3)       /* CVC or VCV: "MAX", "ENA"; not "HES", "NYT", "IHU", "SAQ" */
		return vowel(s[1]) != vowel(s[0]) && vowel(s[1]) != vowel(s[2]) &&
			s[0] != 'H' && s[1] != 'Y' && s[1] != 'H' && s[2] != 'Q';
	if (s[n - 1] == 'E' && !vowel(s[n - 2]) && !vowel(s[n - 3]) &&
	    s[n - 2] != s[n - 3] && !in_list(s + n - 3, 2, frl.final, frl.nfinal) &&
	    !in_list(s + n - 3, 2, frl.mute_e, frl.nmute_e))
		return 0;   /* a mute e after a cluster no word ends with: "OCDE",
			     * not "ESPAGNE", "NOBLE" */
	while (k < n && !vowel(s[k]))
		k++;
	if (k == n || !onset_ok(s, k))
		return 0;
	while (k < n) {
		for (vowels = 0; k < n && vowel(s[k]) && !glide(s, n, k); k++)
			vowels++;
		if (vowels > (size_t)frl.max_vowels &&   /* "OISEAU", "MATHIEU": listed */
		    !in_list(s + k - vowels, vowels, frl.vowel_runs, frl.nvowel_runs))
			return 0;
		for (run = 0; k + run < n && (!vowel(s[k + run]) || glide(s, n, k + run)); run++)
			;
		if (k + run == n)
			return run <= 1 || in_list(s + k, run, frl.final, frl.nfinal);
		if (!medial_ok(s + k, run) &&      /* a doubled consonant is one: "ARRCO" */
		    !(run >= 2 && s[k] == s[k + 1] && medial_ok(s + k + 1, run - 1)))
			return 0;
		k += run;
	}
	return 1;
}

enum frl_shape frl_shape(const char *s, size_t n, size_t *spelled)
{
	pthread_once(&frl_once, frl_load);
	*spelled = 0;
	for (size_t k = 0; k < n; k++)
		if ((unsigned char)s[k] >= 0x80)
			return FRL_WORD;      /* "ÉTÉ": a word in capitals */
	if (word_shape(s, n))
		return FRL_WORD;
	/* a doubled letter is two letters, not one then a word: "DDETS",
	 * "CCAS" spelled; "DDFIP" D D, then "fip" */
	for (size_t k = 1; k < 3 && k + 3 <= n && !vowel(s[k - 1]); k++)
		if (!vowel(s[k]) && s[k] != s[k - 1] && word_shape(s + k, n - k)) {
			*spelled = k;         /* "PNUD": P, then "nud" */
			return FRL_MIXED;
		}
	return FRL_SPELL;
}

/* The class of byte c for a rule context: 'V', 'C' or 0. */
static char cls(char c)
{
	if (vowel(c))
		return 'V';
	return c >= 'a' && c <= 'z' ? 'C' : 0;
}

/* The context ctx holds at s[at] going forward (dir 1) or backward. */
static int context_ok(const char *ctx, const char *s, size_t n, size_t at, int dir)
{
	size_t m = strlen(ctx);

	for (size_t k = 0; k < m; k++) {
		char want = ctx[dir > 0 ? k : m - 1 - k];
		long pos = dir > 0 ? (long)(at + k) : (long)at - 1 - (long)k;
		int inside = pos >= 0 && pos < (long)n;

		if (want == '^' || want == '$') {
			if (inside)
				return 0;
		} else if (!inside || (want == 'C' || want == 'V' ? cls(s[pos]) != want :
				       s[pos] != want)) {
			return 0;
		}
	}
	return 1;
}

void frl_word(strbuf *sb, const char *s, size_t n)
{
	char low[128];
	size_t m, start = sb->len;

	pthread_once(&frl_once, frl_load);
	if ((m = fold_lower(s, n, low, sizeof(low))) == (size_t)-1) {
		sb_add(sb, s, n);
		return;
	}
	for (size_t k = 0; k < m;) {
		size_t r = 0;

		while (r < frl.nrule && (strncmp(low + k, frl.rule[r].from, frl.rule[r].nfrom) ||
					 !context_ok(frl.rule[r].before, low, m, k, -1) ||
					 !context_ok(frl.rule[r].after, low, m,
						     k + frl.rule[r].nfrom, 1)))
			r++;
		if (r < frl.nrule) {
			sb_adds(sb, frl.rule[r].to);
			k += frl.rule[r].nfrom;
		} else {
			sb_addch(sb, low[k++]);
		}
	}
	if (sb->len > start && sb->buf[start] >= 'a' && sb->buf[start] <= 'z')
		sb->buf[start] = (char)(sb->buf[start] - 32);
	else if (sb->len > start && n >= 2 && (unsigned char)s[0] == 0xC3)
		memcpy(sb->buf + start, s, 2);   /* "Été" */
}

void frl_spell(strbuf *sb, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		size_t l = (unsigned char)s[k] >= 0xC0 ? 2 : 1;

		if (k)
			sb_addch(sb, ' ');
		sb_add(sb, s + k, l < n - k ? l : n - k);
		k += l - 1;
	}
}

/* A single capital letter at sb[k..), alone between spaces. */
static int lone_capital(const strbuf *sb, size_t k)
{
	return k < sb->len && sb->buf[k] >= 'A' && sb->buf[k] <= 'Z' &&
		(k == 0 || sb->buf[k - 1] == ' ') && (k + 1 == sb->len || sb->buf[k + 1] == ' ');
}

void frl_letter_y(strbuf *sb)
{
	for (size_t k = 0; k < sb->len; k++) {
		if (sb->buf[k] != 'Y' || !lone_capital(sb, k) ||
		    !((k >= 2 && lone_capital(sb, k - 2)) || lone_capital(sb, k + 2)))
			continue;
		sb->buf[k] = 'i';
		insert(sb, k + 1, " grec", 5);
		k += 5;
	}
}

/* ---- words in capitals ------------------------------------------------- */

/* Token k can stand inside a run of capitals: a word in capitals, or an
 * apostrophe or hyphen glued between two tokens ("L'ÉTAT", "SAINT-DENIS"). */
static int caps_link(const struct tok_line *tl, size_t k)
{
	if (tl->tok[k].kind == TOK_WORD)
		return (tl->tok[k].flags & TF_CAPS) != 0;
	return k > 0 && k + 1 < tl->n && (tok_is_punct(tl, k, '\'') || tok_is_punct(tl, k, '-')) &&
		tok_glued(tl, k) && tok_glued(tl, k + 1);
}

int frl_caps_run(const struct tok_line *tl, size_t i)
{
	size_t a = i, b = i, words = 0;
	int ordinary = 0;

	if (i >= tl->n || tl->tok[i].kind != TOK_WORD || !(tl->tok[i].flags & TF_CAPS))
		return 0;
	while (a > 0 && caps_link(tl, a - 1))
		a--;
	while (b + 1 < tl->n && caps_link(tl, b + 1))
		b++;
	for (size_t k = a; k <= b; k++) {
		const struct token *t = &tl->tok[k];

		if (t->kind != TOK_WORD)
			continue;
		words++;
		if (!ordinary && t->len >= 4) {
			strbuf sb;

			sb_init(&sb);
			ordinary = wordlist_find("fr", t->text, t->len, &sb);
			sb_release(&sb);
		}
	}
	return words >= 3 && ordinary;
}

int frl_caps_function(const struct tok_line *tl, size_t i, int headline)
{
	const struct token *t;

	pthread_once(&frl_once, frl_load);
	if (i >= tl->n)
		return 0;
	t = &tl->tok[i];
	if (t->kind != TOK_WORD || !(t->flags & TF_CAPS) || t->len > 4 ||
	    !in_list(t->text, t->len, frl.caps_words, frl.ncaps_words))
		return 0;
	return headline || frl_caps_run(tl, i);
}

int frl_caps_determiner(const struct tok_line *tl, size_t i)
{
	const struct token *t;

	pthread_once(&frl_once, frl_load);
	if (i + 1 >= tl->n)
		return 0;
	t = &tl->tok[i];
	if (t->kind != TOK_WORD || !(t->flags & TF_CAPS) || t->len > 4 ||
	    !in_list(t->text, t->len, frl.determiners, frl.ndeterminers))
		return 0;
	t = &tl->tok[i + 1];
	return t->kind == TOK_WORD && (t->flags & TF_CAPS) && (t->flags & TF_SPACE) && t->len >= 2;
}

int frl_joined_words(const struct tok_line *tl, size_t i)
{
	const struct token *a, *b;

	pthread_once(&frl_once, frl_load);
	if (i + 2 >= tl->n || !tok_is_punct(tl, i + 1, '\'') || !tok_glued(tl, i + 1) ||
	    !tok_glued(tl, i + 2) || tl->tok[i].kind != TOK_WORD ||
	    tl->tok[i + 2].kind != TOK_WORD || (i + 3 < tl->n && tok_glued(tl, i + 3) &&
						 tok_is_punct(tl, i + 3, '\'')))
		return 0;
	a = &tl->tok[i];
	b = &tl->tok[i + 2];
	if (a->len < 3 || b->len < 3 || (a->flags & TF_CAPS) || (b->flags & TF_CAPS) ||
	    table_get_lower(frl.elisions, a->text, a->len) ||
	    wordlist_contains("fr", a->text, (size_t)(b->text + b->len - a->text)))
		return 0;
	return wordlist_contains("fr", a->text, a->len) && wordlist_contains("fr", b->text, b->len);
}

/* ---- elision and liaison ------------------------------------------------ */

/* The elisions.tsv row of the word elided before token i, or NULL. */
static const struct table_row *elided(const struct tok_line *tl, size_t i)
{
	if (i < 2 || !tok_is_punct(tl, i - 1, '\'') || !tok_glued(tl, i) ||
	    !tok_glued(tl, i - 1) || tl->tok[i - 2].kind != TOK_WORD)
		return NULL;
	return table_get_lower(frl.elisions, tl->tok[i - 2].text, tl->tok[i - 2].len);
}

/* The liaison.tsv row of the last word of the number written at token
 * p, as said ("3" trois, "23" vingt-trois: trois, "80" quatre-vingts;
 * up to 3 digits: a year does not link, "en 2023 EDF"),
 * or NULL. */
static const struct table_row *number_linking(const struct tok_line *tl, size_t p)
{
	char buf[160];
	strbuf sb;
	const struct table_row *r = NULL;
	uint64_t v;
	size_t a, h;

	if ((p > 0 && tok_glued(tl, p) && tl->tok[p - 1].kind != TOK_PUNCT) ||
	    (p > 0 && tok_glued(tl, p) && (tok_is_punct(tl, p - 1, ',') ||
					   tok_is_punct(tl, p - 1, '.'))) ||
	    tl->tok[p].len > 3 || !numfr_value(tl->tok[p].text, tl->tok[p].len, &v))
		return NULL;
	sb_init(&sb);
	numfr_cardinal(&sb, v, 0);
	if (sb.buf && sb.len < sizeof(buf)) {
		memcpy(buf, sb.buf, sb.len);
		for (a = sb.len; a > 0 && buf[a - 1] != ' '; a--)
			;
		r = table_get_lower(frl.liaison, buf + a, sb.len - a);
		for (h = sb.len; !r && h > a && buf[h - 1] != '-'; h--)
			;
		if (!r && h > a)
			r = table_get_lower(frl.liaison, buf + h, sb.len - h);
	}
	sb_release(&sb);
	return r;
}

/* The liaison.tsv row of the word or number before token i, or NULL. */
static const struct table_row *linking(const struct tok_line *tl, size_t i)
{
	if (i < 1 || !(tl->tok[i].flags & TF_SPACE))
		return NULL;
	if (tl->tok[i - 1].kind == TOK_NUM)
		return number_linking(tl, i - 1);      /* "3 ONG", "2 F-16" */
	if (tl->tok[i - 1].kind != TOK_WORD)
		return NULL;
	return table_get_lower(frl.liaison, tl->tok[i - 1].text, tl->tok[i - 1].len);
}

/* Phonemes (after "[[") that begin with a vowel (stress marks aside). */
static int vowel_phoneme(const char *ph)
{
	while (*ph == '\'' || *ph == ',' || *ph == '%' || *ph == '=')
		ph++;
	return *ph && strchr("aAeEiIoOuUyYW@&", *ph) != NULL;
}

/* Put ins at offset at of sb. */
static void insert(strbuf *sb, size_t at, const char *ins, size_t n)
{
	sb_grow(sb, n);
	memmove(sb->buf + at + n, sb->buf + at, sb->len - at + 1);
	memcpy(sb->buf + at, ins, n);
	sb->len += n;
}

size_t frl_link(const struct tok_line *tl, size_t i, strbuf *sb, int may_drop)
{
	const struct table_row *el, *li = NULL, *name;
	const char *glue;

	pthread_once(&frl_once, frl_load);
	if (!frl.letters || !frl.elisions || !frl.liaison || !sb->len)
		return 0;
	el = elided(tl, i);
	if (!el && !(li = linking(tl, i)))
		return 0;
	glue = el ? "" : table_field(li, 1);
	if (sb->len > 2 && !memcmp(sb->buf, "[[", 2)) {
		if (el && !may_drop)
			return 0;
		if (el) {
			insert(sb, 2, table_field(el, 1), strlen(table_field(el, 1)));
			return tl->tok[i - 2].len + 1;
		}
		if (vowel_phoneme(sb->buf + 2))
			insert(sb, 2, glue, strlen(glue));
		return 0;
	}
	if (sb->buf[0] < 'A' || sb->buf[0] > 'Z' || (sb->len > 1 && sb->buf[1] != ' ') ||
	    !(name = table_get(frl.letters, sb->buf, 1)) || strcmp(table_field(name, 2), "v"))
		return 0;
	{
		char first[32];
		const char *written = li ? table_field(li, 2) : "";
		size_t len = (size_t)snprintf(first, sizeof(first), "%s%s",
					      *written ? written : glue, table_field(name, 1));

		memmove(sb->buf, sb->buf + 1, sb->len);   /* with the NUL */
		sb->len--;
		insert(sb, 0, first, len < sizeof(first) ? len : sizeof(first) - 1);
	}
	return 0;
}
