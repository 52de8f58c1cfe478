/* foreign.c - a foreign name's language from its spelling, name tables and
 * the statement's context (see foreign.h; data in lexicon/foreign/). */
#include "text/foreign.h"
#include "base/embed.h"
#include "base/util.h"
#include "text/utf8.h"
#include "text/wordlist.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	ALONE = 8,          /* a score that says the language alone */
	WEAK = 2,           /* the least score the context can complete */
	CTX_BONUS = 6,      /* what the statement's context adds */
	FRENCH = -2,        /* cues.tsv rows for French spellings */
	UNDECIDED = -2,     /* a candidate token before the context is known */
	WORD_MAX = 64,      /* longer words are never names */
	LOWER_MAX = 48,     /* nor longer lower-case forms */
	EN_LIST = 3,        /* a word of the English lists (not alone: Putin, Michel) */
};

/* ---- tables ----------------------------------------------------------- */

struct cue {
	char pat[24];
	unsigned char len;
	char anchor;          /* '^', '$' or 0 */
	signed char lang;     /* index, or FRENCH */
	signed char weight;
};

struct name {
	char *key;            /* lower case */
	uint32_t langs;       /* bit per language; 0: a French name */
	signed char weight;
	char place;
};

static struct {
	struct foreign_lang lang[FOREIGN_MAX_LANGS];
	int nlang;
	struct cue *cue;
	size_t ncue;
	unsigned short *by_byte[256];   /* unanchored cues by first byte */
	unsigned char n_by_byte[256];
	struct name *name;    /* open addressing, power of two */
	size_t name_cap;
	int en;               /* the index of English, or -1 */
	int fr;               /* the index of French (names in English text), or -1 */
	int ok;
} db;

static pthread_once_t db_once = PTHREAD_ONCE_INIT;

/* FNV-1a over s[0..n). */
static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The lower-case form of cp (Latin-1, Latin Extended-A, Romanian
 * Ș/Ț); İ becomes i with a combining dot, as Unicode says. */
static uint32_t lower_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp == 0x130 || cp == 0x178)
		return cp == 0x178 ? 0xFF : cp;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
	    (cp >= 0x218 && cp <= 0x21B))
		return cp | 1;
	if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && (cp & 1))
		return cp + 1;
	return cp;
}

/* Whether cp is a capital letter (Turkish İ too: İmamoğlu). */
static int is_capital(uint32_t cp)
{
	return cp == 0x130 || lower_cp(cp) != cp;
}

size_t foreign_lower(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		char enc[4];
		int m;

		if (k <= 0)
			break;
		i += (size_t)k;
		if (cp == 0x130) {                     /* İ -> i + U+0307 */
			if (o + 3 >= cap)
				break;
			memcpy(out + o, "i\xCC\x87", 3);
			o += 3;
			continue;
		}
		m = utf8_encode(lower_cp(cp), enc);
		if (o + (size_t)m >= cap)
			break;
		memcpy(out + o, enc, (size_t)m);
		o += (size_t)m;
	}
	out[o] = '\0';
	return o;
}

/* The index of language tag[0..n), or -1. */
static int lang_index(const char *tag, size_t n)
{
	for (int i = 0; i < db.nlang; i++)
		if (strlen(db.lang[i].tag) == n && !memcmp(db.lang[i].tag, tag, n))
			return i;
	return -1;
}

/* Call fn for every row of the embedded TSV at path (fields split,
 * comments skipped); 0, or -1 when the file is not embedded. */
static int each_row(const char *path, void (*fn)(char **f, int nf))
{
	size_t len;
	const char *data = embed_get(path, &len);
	char *copy, *line, *save = NULL;

	if (!data)
		return -1;
	copy = xstrndup(data, len);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *f[6], *p = line;
		int nf = 0;

		if (*line == '#' || !*line)
			continue;
		while (nf < 6) {
			f[nf++] = p;
			if (!(p = strchr(p, '\t')))
				break;
			*p++ = '\0';
		}
		fn(f, nf);
	}
	free(copy);
	return 0;
}

static void lang_row(char **f, int nf)
{
	struct foreign_lang *l;

	if (nf < 2 || db.nlang == FOREIGN_MAX_LANGS)
		return;
	l = &db.lang[db.nlang++];
	snprintf(l->tag, sizeof(l->tag), "%s", f[0]);
	snprintf(l->voice, sizeof(l->voice), "%s", f[1]);
	snprintf(l->nasal, sizeof(l->nasal), "%s", nf > 2 ? f[2] : "");
	l->translit = nf > 3 && !strcmp(f[3], "translit");
	snprintf(l->english, sizeof(l->english), "%s", nf > 4 ? f[4] : "");
}

static void cue_row(char **f, int nf)
{
	static size_t cap;
	struct cue c = { 0 };
	const char *p = f[0];
	size_t n;
	int li;

	if (nf < 3)
		return;
	li = !strcmp(f[1], "fr") ? FRENCH : lang_index(f[1], strlen(f[1]));
	if (li == -1)
		return;
	if (*p == '^')
		c.anchor = '^', p++;
	n = strlen(p);
	if (n && p[n - 1] == '$')
		c.anchor = '$', n--;
	if (!n || n >= sizeof(c.pat))
		return;
	memcpy(c.pat, p, n);
	c.len = (unsigned char)n;
	c.lang = (signed char)li;
	c.weight = (signed char)atoi(f[2]);
	if (db.ncue == cap) {
		cap = cap ? cap * 2 : 256;
		db.cue = xrealloc(db.cue, cap * sizeof(*db.cue));
	}
	db.cue[db.ncue++] = c;
}

static void name_row(char **f, int nf)
{
	char key[WORD_MAX * 2];
	size_t n, h;
	uint32_t langs = 0;
	int french = 0;
	char *save = NULL, *t;

	if (nf < 4)
		return;
	for (t = strtok_r(f[1], ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int li = strcmp(t, "fr") ? lang_index(t, strlen(t)) : -1;
		if (li >= 0)
			langs |= 1u << li;
		else
			french |= !strcmp(t, "fr");
	}
	n = foreign_lower(f[0], strlen(f[0]), key, sizeof(key));
	if ((!langs && !french) || !n)
		return;
	h = hash(key, n) & (db.name_cap - 1);
	while (db.name[h].key)            /* several rows may share a key */
		h = (h + 1) & (db.name_cap - 1);
	db.name[h] = (struct name){ xstrndup(key, n), langs, (signed char)atoi(f[2]),
				    (char)!strcmp(f[3], "place") };
}

/* Load the tables once. */
static void db_load(void)
{
	size_t len;

	if (each_row("lexicon/foreign/langs.tsv", lang_row) || !db.nlang)
		return;
	if (each_row("lexicon/foreign/cues.tsv", cue_row))
		return;
	if (!embed_get("lexicon/foreign/names.tsv", &len))
		return;
	db.name_cap = 1024;
	while (db.name_cap < len / 4)     /* a row is 12 bytes or more */
		db.name_cap *= 2;
	db.name = xcalloc(db.name_cap, sizeof(*db.name));
	each_row("lexicon/foreign/names.tsv", name_row);
	for (size_t k = 0; k < db.ncue; k++) {      /* index the cues */
		unsigned char b = (unsigned char)db.cue[k].pat[0];
		if (db.cue[k].anchor || db.n_by_byte[b] == 255)
			continue;
		db.by_byte[b] = xrealloc(db.by_byte[b], (db.n_by_byte[b] + 1u) *
					 sizeof(**db.by_byte));
		db.by_byte[b][db.n_by_byte[b]++] = (unsigned short)k;
	}
	db.en = lang_index("en", 2);
	db.fr = lang_index("fr", 2);
	db.ok = 1;
}

const struct foreign_lang *foreign_lang_get(const char *tag)
{
	int i;

	pthread_once(&db_once, db_load);
	i = db.ok ? lang_index(tag, strlen(tag)) : -1;
	return i < 0 ? NULL : &db.lang[i];
}

/* ---- scoring ----------------------------------------------------------- */

/* Add cue c's weight to score or *fr. */
static void cue_add(const struct cue *c, short *score, short *fr)
{
	if (c->lang == FRENCH)
		*fr += c->weight;
	else
		score[(int)c->lang] += c->weight;
}

/* The facts of one word, what scoring needs (computed once per word and
 * normalizer: struct foreign_state's memo). */
struct foreign_word {
	char raw[WORD_MAX];   /* as written (the memo's key) */
	unsigned char raw_len;   /* 0: an empty slot */
	char too_long;        /* lower case longer than LOWER_MAX: never a name */
	short score[FOREIGN_MAX_LANGS];
	short fr;             /* French spelling score */
	uint32_t places;      /* a place of these languages (context) */
	char place, in_list, name;
	char en_list;         /* EN_LIST is in score[en]: Austin, Lyon */
	char en_name;         /* an English name of names.tsv: Joe, Lloyd */
	char own_name;        /* ... in English text (never taken from a neighbour) */
	char fr_name;         /* a French name of names.tsv: Michel, Macron */
};

/* Score the lower-case word w[0..n) into f: every language's cues and
 * names, the French cues, whether it is a place. */
static void score_word(const char *w, size_t n, struct foreign_word *f)
{
	memset(f->score, 0, sizeof(f->score));
	f->fr = f->place = f->name = f->en_list = f->en_name = f->fr_name = 0;
	f->places = 0;
	for (size_t k = 0; k < db.ncue; k++) {      /* anchored cues (few) */
		const struct cue *c = &db.cue[k];
		if (c->anchor && c->len <= n &&
		    !memcmp(c->anchor == '^' ? w : w + n - c->len, c->pat, c->len))
			cue_add(c, f->score, &f->fr);
	}
	for (size_t i = 0; i < n; i++) {            /* the others, by first byte */
		unsigned char b = (unsigned char)w[i];
		for (int j = 0; j < db.n_by_byte[b]; j++) {
			const struct cue *c = &db.cue[db.by_byte[b][j]];
			int seen = 0;
			if (c->len > n - i || memcmp(w + i, c->pat, c->len))
				continue;
			for (size_t e = 0; e < i && !seen; e++)   /* count it once */
				seen = e + c->len <= n && !memcmp(w + e, c->pat, c->len);
			if (!seen)
				cue_add(c, f->score, &f->fr);
		}
	}
	for (size_t h = hash(w, n) & (db.name_cap - 1); db.name[h].key;
	     h = (h + 1) & (db.name_cap - 1)) {
		const struct name *nm = &db.name[h];
		if (strlen(nm->key) != n || memcmp(nm->key, w, n))
			continue;
		if (!nm->langs) {                /* a French name: Mitterrand */
			f->fr += nm->weight;
			f->fr_name = 1;
			continue;
		}
		if (nm->place) {
			f->place = 1;
			f->places |= nm->langs;
			continue;
		}
		f->name = 1;
		f->en_name |= db.en >= 0 && (nm->langs & (1u << db.en));
		for (int l = 0; l < db.nlang; l++)
			if (nm->langs & (1u << l))
				f->score[l] += nm->weight;
	}
}

enum { MEMO = 512 };     /* words remembered per normalizer */

/* Whether the English lists hold token t as a proper noun (Jean, Anne;
 * not macron, a word). */
static int english_proper(const struct token *t)
{
	strbuf sb;
	uint32_t cp;
	int yes;

	sb_init(&sb);
	yes = wordlist_find("en", t->text, t->len, &sb) && sb.len &&
		utf8_decode(sb.buf, sb.len, &cp) > 0 && is_capital(cp);
	sb_release(&sb);
	return yes;
}

/* The facts of token t (a capitalized word), from fs's memo or computed;
 * NULL for a word too long to be a name. */
static const struct foreign_word *word_facts(struct foreign_state *fs, const char *text_lang,
					     const struct token *t)
{
	char w[WORD_MAX * 2];
	struct foreign_word *f;
	size_t n;
	int l;

	if (!fs->memo)
		fs->memo = xcalloc(MEMO, sizeof(*fs->memo));
	f = &fs->memo[hash(t->text, t->len) & (MEMO - 1)];  /* as written: no lowering */
	if (f->raw_len == t->len && !memcmp(f->raw, t->text, t->len))
		return f->too_long ? NULL : f;
	memcpy(f->raw, t->text, t->len);                    /* candidate(): < WORD_MAX */
	f->raw_len = (unsigned char)t->len;
	n = foreign_lower(t->text, t->len, w, sizeof(w));
	if ((f->too_long = !n || n >= LOWER_MAX))
		return NULL;
	score_word(w, n, f);
	if ((l = lang_index(text_lang, 2)) >= 0) {   /* English in English text */
		f->score[l] = 0;
		f->own_name = f->en_name && l == db.en;
		f->en_name &= l != db.en;
		if (l == db.en && db.fr >= 0) {      /* French in English text: */
			f->score[db.fr] = f->fr;     /* its spelling and names */
			f->name |= f->fr_name;       /* vote for it (Macron) */
		}
	}
	f->in_list = (char)wordlist_contains(text_lang, t->text, t->len);
	if (l == db.en && db.fr >= 0 && f->in_list && f->score[db.fr] >= ALONE &&
	    english_proper(t))          /* an English name too: French only */
		f->score[db.fr] = ALONE - 1;    /* Jean Dufour, not Jean Smith */
	if (!f->in_list && db.en >= 0 && strncmp(text_lang, "en", 2) &&
	    wordlist_contains("en", t->text, t->len))
		f->score[db.en] += EN_LIST, f->en_list = 1;
	return f;
}

/* Whether token t may be a name at a first look: a word, not in capitals,
 * not beginning with a lower-case ASCII letter (most tokens stop here). */
static inline int maybe_name(const struct token *t)
{
	return t->kind == TOK_WORD && !(t->flags & TF_CAPS) && t->len >= 2 && t->len < WORD_MAX &&
		((unsigned char)t->text[0] >= 0x80 || (t->text[0] >= 'A' && t->text[0] <= 'Z'));
}

/* Whether t is a lower-case particle of a full name (de, von, van der,
 * da, dos...). */
static int particle(const struct token *t)
{
	static const char *const p[] = { "de", "du", "des", "von", "van", "der", "den",
		"da", "di", "del", "della", "do", "dos", "das", "ter", "zu", "y" };

	if (t->kind != TOK_WORD)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(p); i++)
		if (strlen(p[i]) == t->len && !memcmp(p[i], t->text, t->len))
			return 1;
	return 0;
}

/* The neighbour word of token i on side d (-1, +1): the next token, the
 * one after a hyphen glued on both sides, or the capitalized one after
 * one or two particles; (size_t)-1 if none. */
static size_t neighbour(const struct tok_line *tl, size_t i, int d)
{
	size_t j = i + (size_t)d;

	if (j >= tl->n)
		return (size_t)-1;
	if (tl->tok[j].kind == TOK_PUNCT && tl->tok[j].len == 1 && tl->tok[j].text[0] == '-') {
		size_t k = j + (size_t)d;
		if (k >= tl->n || (tl->tok[d > 0 ? j : i].flags & TF_SPACE) ||
		    (tl->tok[d > 0 ? k : j].flags & TF_SPACE))
			return (size_t)-1;
		j = k;
	}
	for (int hops = 0; hops < 2 && particle(&tl->tok[j]); hops++) {
		size_t k = j + (size_t)d;       /* Dominique de Villepin, */
		uint32_t cp;                    /* Ursula von der Leyen */
		if (k >= tl->n || tl->tok[k].kind != TOK_WORD)
			return (size_t)-1;
		if (utf8_decode(tl->tok[k].text, tl->tok[k].len, &cp) > 0 && is_capital(cp))
			return k;
		j = k;
	}
	return tl->tok[j].kind == TOK_WORD ? j : (size_t)-1;
}

/* Whether the word f says its language by itself: a score of ALONE or
 * more, over its French one. */
static int own_language(const struct foreign_word *f)
{
	for (int l = 0; l < db.nlang; l++)
		if (f->score[l] >= ALONE && (f->score[l] > f->fr || l == db.fr))
			return 1;
	return 0;
}

/* Whether token i of tl may be a foreign name in a text in text_lang: a
 * capitalized word, not all capitals, not a word of the language (or,
 * inside a sentence, one that is also a name of names.tsv: "Jan", "Ana").
 * Its facts in *out. */
static int candidate(struct foreign_state *fs, const char *text_lang,
		     const struct tok_line *tl, size_t i, const struct foreign_word **out)
{
	const struct token *t = &tl->tok[i];
	const struct foreign_word *f;
	uint32_t cp;
	size_t j;

	if (!maybe_name(t))
		return 0;
	if (utf8_decode(t->text, t->len, &cp) <= 0 || !is_capital(cp))
		return 0;
	if (!(*out = f = word_facts(fs, text_lang, t)))
		return 0;
	if (!f->in_list)
		return 1;
	if (!f->name)
		return 0;
	if (i > 0 && !(tl->tok[i - 1].kind == TOK_PUNCT && tl->tok[i - 1].len == 1 &&
		       strchr(".!?:\"", tl->tok[i - 1].text[0])))
		return 1;
	/* a sentence begins: a name only before a surname ("Ana Brnabić") or a
	 * hyphen and a name ("Jean-Luc"), one
	 * the word list knows too when the given name alone says its language
	 * ("Péter Magyar": péter and magyar are French words) */
	return (j = neighbour(tl, i, 1)) != (size_t)-1 &&
		(!wordlist_contains(text_lang, tl->tok[j].text, tl->tok[j].len) ||
		 own_language(f)) &&
		utf8_decode(tl->tok[j].text, tl->tok[j].len, &cp) > 0 && is_capital(cp);
}

/* The best language of score (its index, -1 if none) and its score. */
static int best_lang(const short *score, int *best)
{
	int b = -1;

	*best = 0;
	for (int l = 0; l < db.nlang; l++)
		if (score[l] > *best)
			*best = score[l], b = l;
	return b;
}

/* The language of word f from its scores, the French score and the
 * statement's context (NULL: none; line: this line's part of it), or -1.
 * The context completes a score of the word's own spelling or names; the
 * English lists' alone only with this line's (Lloyd Austin, not Lyon after
 * an English statement). */
static int decide(const struct foreign_word *f, const int *ctx, const int *line)
{
	const short *score = f->score;
	int fr = f->fr, best, b = best_lang(score, &best);

	if (b >= 0 && best >= ALONE && (best > fr || b == db.fr))
		return b;
	if (!ctx)
		return -1;
	b = -1;
	best = 0;
	for (int l = 0; l < db.nlang; l++) {
		int s = score[l] + (ctx[l] > 0 ? CTX_BONUS : 0);
		int own = score[l] - (l == db.en && f->en_list ? EN_LIST : 0);
		if ((own >= WEAK || (own < score[l] && line[l] > 0)) && s > best)
			best = s, b = l;
	}
	return b >= 0 && best >= ALONE && (best > fr || b == db.fr) ? b : -1;
}

void foreign_state_release(struct foreign_state *fs)
{
	free(fs->lang);
	free(fs->facts);
	free(fs->memo);
	memset(fs, 0, sizeof(*fs));
}

void foreign_state_reset(struct foreign_state *fs)
{
	memset(fs->ctx, 0, sizeof(fs->ctx));
}

/* The words of a full name share its language: an undecided candidate
 * next to a decided one (a space or a hyphen between) with no French
 * spelling takes its language ("Evo Morales", "Erhard Drews"); not an
 * English name in English text ("Chuck Schumer": Chuck stays English).
 * Across a hyphen or a particle, only from a given name (Jean-Luc) or
 * into a word with a cue of that language (Kosiniak-Kamysz): the French
 * half of a double surname stays French (Dupond-Moretti). */
static void full_names(struct foreign_state *fs, const struct tok_line *tl)
{
	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < tl->n; i++) {
			if (fs->lang[i] != UNDECIDED || fs->facts[i].fr > 0 ||
			    fs->facts[i].own_name)
				continue;
			for (int d = -1; d <= 1; d += 2) {
				size_t j = neighbour(tl, i, d);
				if (j != (size_t)-1 && fs->lang[j] >= 0 &&
				    (j == i + (size_t)d || fs->facts[j].name ||
				     fs->facts[i].score[(int)fs->lang[j]] > 0)) {
					fs->lang[i] = fs->lang[j];
					changed = 1;
					break;
				}
			}
		}
	}
	for (size_t i = 0; i < tl->n; i++)
		if (fs->lang[i] == UNDECIDED)
			fs->lang[i] = -1;
}

/* A person has one language: a word decided by its spelling alone, next
 * to a name of the tables (a space between) decided in another language
 * by a stronger score and unknown to the word's, takes that language
 * (Grzegorz Schetyna: Polish, not German by its sch; but Abdullah, Arabic
 * and Turkish, leaves Gül Turkish). */
static void one_language(struct foreign_state *fs, const struct tok_line *tl)
{
	for (size_t i = 0; i < tl->n; i++) {
		const struct foreign_word *f = &fs->facts[i];
		int l = fs->lang[i];

		if (l < 0 || f->name || f->fr > 0 || f->score[l] >= 2 * ALONE)
			continue;
		for (int d = -1; d <= 1; d += 2) {
			size_t j = i + (size_t)d;
			int lj = j < tl->n ? fs->lang[j] : -1;
			if (lj >= 0 && lj != l && fs->facts[j].name && !fs->facts[j].place &&
			    fs->facts[j].score[l] <= 0 &&
			    fs->facts[j].score[lj] > f->score[l] + ALONE / 2 &&
			    (tl->tok[d > 0 ? j : i].flags & TF_SPACE)) {
				fs->lang[i] = (signed char)lj;
				break;
			}
		}
	}
}

/* A given name of two languages alike (José: Spanish and Portuguese)
 * takes the language of its full name's other words: José Manuel
 * Barroso, José Mourinho Portuguese; José Luis Zapatero Spanish. */
static void shared_names(struct foreign_state *fs, const struct tok_line *tl)
{
	char moved[64] = { 0 };

	for (int changed = 1; changed;) {
		changed = 0;
		for (size_t i = 0; i < tl->n; i++) {
			const struct foreign_word *f = &fs->facts[i];
			int l = fs->lang[i];

			if (l < 0 || !f->name || (i < sizeof(moved) && moved[i]))
				continue;
			for (int d = -1; d <= 1; d += 2) {
				size_t j = i + (size_t)d;
				int lj = j < tl->n ? fs->lang[j] : -1;
				if (lj < 0 || lj == l || f->score[lj] != f->score[l] ||
				    !(tl->tok[d > 0 ? j : i].flags & TF_SPACE) ||
				    (fs->facts[j].score[lj] <= fs->facts[j].score[l] &&
				     !(j < sizeof(moved) && moved[j])))
					continue;
				fs->lang[i] = (signed char)lj;
				if (i < sizeof(moved))
					moved[i] = 1;
				changed = 1;
				break;
			}
		}
	}
}

/* A lower-case particle inside a full name whose words on both sides
 * have one language is said in it, as French radio reads the name
 * (Rebelo de Sousa "dé", Fernández de Kirchner, von der Leyen "fone
 * dère"); not in a French name (Dominique de Villepin).  English
 * newsreaders say them as English words ("duh"). */
static void particles(struct foreign_state *fs, const struct tok_line *tl)
{
	for (size_t i = 1; i + 1 < tl->n; i++) {
		size_t a = i - 1, b = i;
		int l = fs->lang[a];

		if (l < 0 || l == db.fr || !particle(&tl->tok[i]) || fs->lang[i] >= 0)
			continue;
		while (b < tl->n && particle(&tl->tok[b]) && (tl->tok[b].flags & TF_SPACE))
			b++;
		if (b >= tl->n || b - i > 2 || fs->lang[b] != l || !(tl->tok[b].flags & TF_SPACE))
			continue;
		for (size_t k = i; k < b; k++)
			fs->lang[k] = (signed char)l;
	}
}

/* A capitalized particle of Flemish names (Bart De Wever, Herman Van
 * Rompuy, Alexander De Croo) between two capitalized words makes the
 * undecided word after it Dutch, unless its spelling or names say
 * another language (Vincenzo De Luca stays Italian). */
static void flemish(struct foreign_state *fs, const struct tok_line *tl)
{
	static const char *const p[] = { "De", "Van", "Vande", "Vanden", "Vander", "Ver", "Ter" };
	int nl = lang_index("nl", 2), best;

	for (size_t i = 1; nl >= 0 && i + 1 < tl->n; i++) {
		const struct token *t = &tl->tok[i], *prev = &tl->tok[i - 1];
		size_t k = 0;
		uint32_t cp;

		while (k < ARRAY_SIZE(p) && (strlen(p[k]) != t->len || memcmp(p[k], t->text, t->len)))
			k++;
		if (k == ARRAY_SIZE(p) || fs->lang[i + 1] != UNDECIDED || fs->facts[i + 1].fr > 0 ||
		    !(t->flags & TF_SPACE) || !(tl->tok[i + 1].flags & TF_SPACE) ||
		    prev->kind != TOK_WORD || utf8_decode(prev->text, prev->len, &cp) <= 0 ||
		    !is_capital(cp))
			continue;
		best_lang(fs->facts[i + 1].score, &best);
		if (best < ALONE)
			fs->lang[i + 1] = (signed char)nl;
	}
}

/* A surname that is also a word of the text's language, after a given
 * name of the tables that has a language (Evo Morales, Olof Palme, Péter
 * Magyar), takes it, unless spelled the French way (Vladimir Poutine). */
static void surnames(struct foreign_state *fs, const char *text_lang,
		     const struct tok_line *tl)
{
	for (size_t i = 1; i < tl->n; i++) {
		const struct token *t = &tl->tok[i];
		const struct foreign_word *f;
		size_t j = i - 1;
		uint32_t cp;

		if (fs->lang[j] < 0 || fs->lang[i] >= 0 || !fs->facts[j].name ||
		    fs->facts[j].place || !(t->flags & TF_SPACE) || !maybe_name(t) ||
		    utf8_decode(t->text, t->len, &cp) <= 0 || !is_capital(cp))
			continue;
		if ((f = word_facts(fs, text_lang, t)) && f->in_list && f->fr <= 0) {
			fs->lang[i] = fs->lang[j];
			fs->facts[i] = *f;
		}
	}
}

/* English is a person's name: a full name with a name of the tables in it
 * (Lloyd Austin, Boris Johnson).  English words alone (Washington,
 * Downing Street) stay with the text's rules, where eSpeak NG's French
 * voice says them in English itself. */
static void english_people(struct foreign_state *fs, const struct tok_line *tl)
{
	for (size_t i = 0; i < tl->n; i++) {
		size_t first = i, last = i, j;
		int named = 0;

		if (db.en < 0 || fs->lang[i] != db.en)
			continue;
		while ((j = neighbour(tl, last, 1)) != (size_t)-1 && fs->lang[j] == db.en)
			last = j;
		for (j = first; j <= last; j++)
			named |= fs->lang[j] == db.en && fs->facts[j].en_name;
		for (j = first; j <= last && !named; j++)
			fs->lang[j] = -1;
		i = last;
	}
}

void foreign_scan_line(struct foreign_state *fs, const char *text_lang,
		       const struct tok_line *tl)
{
	int line_ctx[FOREIGN_MAX_LANGS] = { 0 };
	size_t found = 0;
	int given = 0;

	pthread_once(&db_once, db_load);
	if (fs->cap < tl->n) {
		fs->cap = tl->n + 16;
		fs->lang = xrealloc(fs->lang, fs->cap);
		fs->facts = xrealloc(fs->facts, fs->cap * sizeof(*fs->facts));
	}
	if (tl->n)
		memset(fs->lang, -1, tl->n);
	for (int l = 0; l < FOREIGN_MAX_LANGS; l++)
		fs->ctx[l] /= 2;
	if (!db.ok)
		return;
	for (size_t i = 0; i < tl->n; i++) {          /* the words and the context */
		const struct foreign_word *f;
		int best, b;

		if (!maybe_name(&tl->tok[i]) || !candidate(fs, text_lang, tl, i, &f) ||
		    f->own_name)
			continue;        /* "Chuck", "Johnson" in English: English */
		fs->facts[i] = *f;
		found++;
		for (int l = 0; l < db.nlang; l++)
			if (f->places & (1u << l))
				line_ctx[l]++;
		b = best_lang(f->score, &best);
		fs->lang[i] = UNDECIDED;
		if (b >= 0 && best >= ALONE && (best > f->fr || b == db.fr))
			line_ctx[b]++;
	}
	if (!found)                                   /* most lines */
		return;
	for (int l = 0; l < db.nlang; l++)
		fs->ctx[l] += 2 * line_ctx[l];
	for (size_t i = 0; i < tl->n; i++) {          /* a place: its own spelling */
		const struct foreign_word *f = &fs->facts[i];
		int l = fs->lang[i] == UNDECIDED ?
			decide(f, f->place ? NULL : fs->ctx, line_ctx) : -1;
		if (l >= 0) {
			fs->lang[i] = (signed char)l;
			given |= f->name;
		}
	}
	flemish(fs, tl);
	one_language(fs, tl);
	full_names(fs, tl);
	shared_names(fs, tl);
	if (given)                                    /* a given name decided */
		surnames(fs, text_lang, tl);
	english_people(fs, tl);
	if (!strncmp(text_lang, "fr", 2))
		particles(fs, tl);
}

const struct foreign_lang *foreign_token_lang(const struct foreign_state *fs, size_t i)
{
	if (!fs->lang || i >= fs->cap || fs->lang[i] < 0)
		return NULL;
	return &db.lang[(int)fs->lang[i]];
}

int foreign_is_name(const char *word, size_t n)
{
	char w[WORD_MAX * 2];
	size_t k;

	pthread_once(&db_once, db_load);
	if (!db.ok || n >= WORD_MAX || !(k = foreign_lower(word, n, w, sizeof(w))))
		return 0;
	for (size_t h = hash(w, k) & (db.name_cap - 1); db.name[h].key;
	     h = (h + 1) & (db.name_cap - 1))
		if (!db.name[h].place && strlen(db.name[h].key) == k &&
		    !memcmp(db.name[h].key, w, k))
			return 1;
	return 0;
}

const struct foreign_lang *foreign_word_lang(const char *text_lang, const char *word,
					     size_t n)
{
	struct token t = { .kind = TOK_WORD, .text = word, .len = n };
	struct tok_line tl = { .tok = &t, .n = 1 };
	struct foreign_state fs = { { 0 }, NULL, NULL, NULL, 0 };
	const struct foreign_word *f;
	int l = -1;

	pthread_once(&db_once, db_load);
	if (db.ok && candidate(&fs, text_lang, &tl, 0, &f))
		l = decide(f, NULL, NULL);
	if (l >= 0 && l == db.en && !f->en_name)    /* english_people() */
		l = -1;
	foreign_state_release(&fs);
	return l < 0 ? NULL : &db.lang[l];
}
