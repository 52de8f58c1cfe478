/* lexicon.c - pronunciation lexicons: parse, layer, look up (lexicon.h). */
#include "text/lexicon.h"
#include "text/fold.h"
#include "text/foreign.h"
#include "text/wordlist.h"
#include "base/embed.h"
#include "base/error.h"
#include "base/suggest.h"
#include "base/util.h"
#include "text/utf8.h"
#include "text/voicemark.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LEX_KEY_MAX = 256, ARENA_BLOCK = 1 << 16 };

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

struct slot_entry {
	char *key;
	size_t klen;
	int cs;            /* case-sensitive key */
	int alias;         /* the capitals of a mixed-case acronym (DOE for DoE) */
	lex_entry e;
};

struct lexicon {
	char lang[16];
	lex_phoneme_check check;
	struct slot_entry *ent;
	size_t n, cap;
	struct slot { uint32_t idx, hash; } *slot;   /* idx: index + 1, 0 = empty */
	size_t nslot;      /* a power of two */
	size_t maxtok;
	unsigned char *mentioned;
	int expansions;
	int builtin_expansions;   /* say the built-in tables' expansions too */
	int loading_builtin;      /* entries being loaded are built-in */
	uint64_t filter[1024];   /* bit: some headword's first word folds to it */
	unsigned char maxk[65536];  /* by that fold: the most tokens of those
				     * headwords (most have one: the longest
				     * match is then the only one tried) */
	struct arena_block *arena;
	struct tok_line tl;
};

/* Copy s[0..n) into the lexicon's arena, NUL-terminated. */
static char *arena_dup(lexicon *lex, const char *s, size_t n)
{
	struct arena_block *b = lex->arena;
	char *p;

	if (!b || b->used + n + 1 > b->cap) {
		size_t cap = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
		b = xcalloc(1, sizeof(*b) + cap);
		b->cap = cap;
		b->next = lex->arena;
		lex->arena = b;
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

int lex_new(lexicon **out, const char *lang, lex_phoneme_check check)
{
	lexicon *lex = xcalloc(1, sizeof(*lex));

	snprintf(lex->lang, sizeof(lex->lang), "%s", lang);
	lex->check = check;
	lex->expansions = 1;
	lex->nslot = 64;
	lex->slot = xcalloc(lex->nslot, sizeof(*lex->slot));
	tok_line_init(&lex->tl);
	*out = lex;
	return 0;
}

void lex_free(lexicon *lex)
{
	if (!lex)
		return;
	while (lex->arena) {
		struct arena_block *b = lex->arena;
		lex->arena = b->next;
		free(b);
	}
	tok_line_release(&lex->tl);
	free(lex->ent);
	free(lex->slot);
	free(lex->mentioned);
	free(lex);
}

const char *lex_lang(const lexicon *lex)
{
	return lex->lang;
}

size_t lex_count(const lexicon *lex)
{
	return lex->n;
}

const lex_entry *lex_entry_at(const lexicon *lex, size_t i)
{
	return i < lex->n ? &lex->ent[i].e : NULL;
}

/* FNV-1a of key[0..n), mixed with the case flag. */
static uint32_t hash(const char *key, size_t n, int cs)
{
	uint32_t h = 2166136261u ^ (uint32_t)cs;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * 16777619u;
	return h;
}

/* The slot holding key (or the empty slot where it would go, its hash
 * set). */
static struct slot *find_slot(const lexicon *lex, const char *key, size_t n, int cs)
{
	uint32_t full = hash(key, n, cs);
	size_t h = full & (lex->nslot - 1);

	for (;;) {
		struct slot *s = &lex->slot[h];
		const struct slot_entry *e;

		if (!s->idx) {
			s->hash = full;
			return s;
		}
		if (s->hash == full) {
			e = &lex->ent[s->idx - 1];
			if (e->cs == cs && e->klen == n && !memcmp(e->key, key, n))
				return s;
		}
		h = (h + 1) & (lex->nslot - 1);
	}
}

/* Double the hash index (by the stored hashes: keys are not read). */
static void rehash(lexicon *lex)
{
	struct slot *old = lex->slot;
	size_t n = lex->nslot;

	lex->nslot *= 2;
	lex->slot = xcalloc(lex->nslot, sizeof(*lex->slot));
	for (size_t i = 0; i < n; i++) {
		size_t h;

		if (!old[i].idx)
			continue;
		h = old[i].hash & (lex->nslot - 1);
		while (lex->slot[h].idx)
			h = (h + 1) & (lex->nslot - 1);
		lex->slot[h] = old[i];
	}
	free(old);
}

/* Hashes of s[0..n-1) and s[0..n) (*shorter and the result) with case
 * folded byte-wise (ASCII, Latin-1 and Latin Extended-A capitals in
 * UTF-8), for the first-word filter: words that differ only in case hash
 * alike.  One pass gives the word and the word without its last byte (a
 * plural s). */
static uint32_t fold_hash2(const char *s, size_t n, uint32_t *shorter)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i + 1 == n && shorter)
			*shorter = h & 0xFFFF;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (i && (unsigned char)s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
			 c != 0x97)
			c += 32;
		else if (i && ((unsigned char)s[i - 1] == 0xC4 || (unsigned char)s[i - 1] == 0xC5))
			c |= 1;
		h = (h ^ c) * 16777619u;
	}
	if (!n && shorter)
		*shorter = h & 0xFFFF;
	return h & 0xFFFF;
}

static uint32_t fold_hash(const char *s, size_t n)
{
	return fold_hash2(s, n, NULL);
}

/* Append s[0..n) lowered (text/fold.h) to out, which holds len of its
 * cap bytes; the new length, or cap when it does not fit. */
static size_t add_lower(char *out, size_t len, size_t cap, const char *s, size_t n)
{
	size_t m = len < cap ? fold_lower(s, n, out + len, cap - len) : (size_t)-1;

	return m == (size_t)-1 ? cap : len + m;
}

/* The key of tokens [i, i+k) of tl: their text, one space where the
 * text has white space; lowered unless cs.  0 when too long. */
static size_t make_key(const struct tok_line *tl, size_t i, size_t k, int cs,
		       char *out, size_t cap)
{
	size_t len = 0;

	for (size_t j = i; j < i + k; j++) {
		const struct token *t = &tl->tok[j];

		if (j > i && (t->flags & TF_SPACE)) {
			if (len + 1 >= cap)
				return 0;
			out[len++] = ' ';
		}
		if (cs) {
			if (len + t->len >= cap)
				return 0;
			memcpy(out + len, t->text, t->len);
			len += t->len;
		} else {
			if ((len = add_lower(out, len, cap, t->text, t->len)) >= cap)
				return 0;
		}
	}
	out[len] = '\0';
	return len;
}

/* Every word token of tl all capitals, with two letters or more. */
static int all_caps(const struct tok_line *tl)
{
	size_t letters = 0;

	for (size_t j = 0; j < tl->n; j++) {
		if (tl->tok[j].kind != TOK_WORD)
			continue;
		if (!(tl->tok[j].flags & TF_CAPS))
			return 0;
		letters += tl->tok[j].len;
	}
	return letters >= 2;
}

/* A one-word headword of at most five letters with a capital after a
 * small letter (MoD, DoE, PhD, CoE, mRNA): an acronym, matched as
 * written or in capitals, so that it never takes a name or a word ("Lord
 * Coe", "John Doe", "ad hoc" are not CoE, DoE, HoC). */
static int camel_acronym(const struct tok_line *tl)
{
	const struct token *t = &tl->tok[0];

	if (tl->n != 1 || t->kind != TOK_WORD || t->len > 5)
		return 0;
	for (size_t k = 1; k < t->len; k++)
		if (t->text[k] >= 'A' && t->text[k] <= 'Z' &&
		    t->text[k - 1] >= 'a' && t->text[k - 1] <= 'z')
			return 1;
	return 0;
}

/* ---- parsing ---------------------------------------------------------- */

struct parse {
	lexicon *lex;
	const char *where;
	int line;
	lex_report_fn report;
	void *ctx;
	int bad;
	size_t first;      /* entries before this file: replaced, not duplicates */
};

enum { LEX_EXCERPT = 24 };   /* bytes of a file quoted in a message */

/* Copy src to dst (cap bytes) with every 'quoted' excerpt cut to
 * LEX_EXCERPT bytes and control bytes shown as '?': a file that is not a
 * lexicon at all (--lexicon /etc/shadow) is never echoed whole. */
static void shorten_quotes(char *dst, size_t cap, const char *src)
{
	size_t o = 0, run = 0;
	int in = 0;

	for (const char *c = src; *c && o + 4 < cap; c++) {
		/* a quote opens after a space or '(' (not "NG's"); the
		 * next one closes it */
		if (*c == '\'' && (in || c == src || c[-1] == ' ' || c[-1] == '(')) {
			in = !in;
			run = 0;
		} else if (in && ++run > LEX_EXCERPT) {
			if (run == LEX_EXCERPT + 1 &&
			    ((unsigned char)*c & 0xC0) == 0x80)
				run--;      /* finish the UTF-8 sequence */
			else {
				if (run == LEX_EXCERPT + 1)
					o += (size_t)snprintf(dst + o, cap - o,
							      "\u2026");
				continue;
			}
		}
		dst[o++] = (unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c;
	}
	dst[o] = '\0';
}

/* Report a bad line; returns CRIEUR_EFORMAT. */
static int bad_line(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int bad_line(struct parse *p, const char *fmt, ...)
{
	char full[512], msg[512];
	va_list ap;
	int n = snprintf(full, sizeof(full), "%s:%d: ", p->where, p->line);

	va_start(ap, fmt);
	vsnprintf(full + n, sizeof(full) - (size_t)n, fmt, ap);
	va_end(ap);
	memcpy(msg, full, (size_t)n);
	shorten_quotes(msg + n, sizeof(msg) - (size_t)n, full + n);
	p->bad++;
	if (p->report)
		p->report(p->ctx, msg);
	return err_set(CRIEUR_EFORMAT, "%s", msg);
}

/* A field of a line: a "quoted string", [[phonemes]] or a bare word. */
struct field {
	const char *s;
	size_t n;
	char kind;      /* '"', '[', 'w' */
};

/* Read the next field from *pp; 0 at the end, 1, or -1 (unclosed). */
static int next_field(const char **pp, struct field *f)
{
	const char *p = *pp, *e;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '#')
		return 0;
	if (*p == '"') {
		if (!(e = strchr(p + 1, '"')))
			return -1;
		*f = (struct field){ p + 1, (size_t)(e - p - 1), '"' };
		*pp = e + 1;
	} else if (!strncmp(p, "[[", 2)) {
		if (!(e = strstr(p + 2, "]]")))
			return -1;
		*f = (struct field){ p + 2, (size_t)(e - p - 2), '[' };
		*pp = e + 2;
	} else {
		e = p + strcspn(p, " \t");
		*f = (struct field){ p, (size_t)(e - p), 'w' };
		*pp = e;
	}
	return 1;
}

/* A language tag for lang=: 2-3 letters, optionally -XX. */
static int good_lang(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && islower((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3 || n >= 8)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != '-' || n - i < 3)
		return 0;
	for (i++; i < n; i++)
		if (!isalnum((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Set the entry's reading from one field; 0 or an error reported. */
static int set_reading(struct parse *p, lex_entry *e, const struct field *f,
		       const char **seen)
{
	static const char *const flags[] = { "spell", "word", "expand", "lang" };
	const char *close;
	char word[64];

	snprintf(word, sizeof(word), "%.*s", (int)f->n, f->s);
	if (*seen)
		return bad_line(p, "'%s' given two readings ('%s' and '%s')",
				e->head, *seen, word);
	if (f->kind == '"' || f->kind == '[') {
		if (!f->n || memchr(f->s, VMARK, f->n))
			return bad_line(p, "empty or bad reading for '%s'", e->head);
		e->kind = f->kind == '"' ? LEX_RESPELL : LEX_PHONEMES;
		e->text = arena_dup(p->lex, f->s, f->n);
	} else if (!strcmp(word, "spell") || !strcmp(word, "word")) {
		e->kind = word[0] == 's' ? LEX_SPELL : LEX_WORD;
	} else if (!strncmp(word, "lang=", 5)) {
		if (!good_lang(word + 5, strlen(word + 5)))
			return bad_line(p, "bad language in '%s' (lang=en, lang=de...)",
					word);
		e->kind = LEX_LANG;
		snprintf(e->lang, sizeof(e->lang), "%s", word + 5);
	} else if (memchr(f->s, '=', f->n)) {
		return bad_line(p, "unknown flag '%s'", word);
	} else if (f->n <= 8 && islower((unsigned char)word[0]) &&
		   (close = suggest_closest(word, flags, 4))) {
		return bad_line(p, "unknown flag '%s' (did you mean '%s'?)", word, close);
	} else {
		e->kind = LEX_RESPELL;
		e->text = arena_dup(p->lex, f->s, f->n);
	}
	*seen = e->text ? e->text : e->kind == LEX_LANG ? "lang" :
		e->kind == LEX_SPELL ? "spell" : "word";
	return 0;
}

/* Parse what follows the headword into e; 0 or an error reported. */
int lex_phonemes_unsafe(const char *ph, size_t n, char *why, size_t cap)
{
	size_t i = 0;

	while (i < n) {
		size_t w;

		while (i < n && (ph[i] == ' ' || ph[i] == '\t'))
			i++;
		for (w = 0; i + w < n && ph[i + w] != ' ' && ph[i + w] != '\t'; w++)
			;
		if (w >= 3 && !memcmp(ph + i, "_^_", 3)) {
			snprintf(why, cap, "eSpeak NG's language switch _^_ is not "
				 "allowed in a phoneme reading");
			return 1;
		}
		if (w > LEX_PHONEME_WORD_MAX) {
			snprintf(why, cap, "a phoneme word of %zu bytes (at most %d, "
				 "eSpeak NG's limit)", w, LEX_PHONEME_WORD_MAX);
			return 1;
		}
		i += w;
	}
	return 0;
}

static int parse_readings(struct parse *p, lex_entry *e, const char *rest)
{
	const char *seen = NULL;
	struct field f;
	int r;

	e->kind = LEX_DEFAULT;
	while ((r = next_field(&rest, &f)) > 0) {
		if (f.kind == 'w' && f.n == 6 && !memcmp(f.s, "expand", 6)) {
			if (next_field(&rest, &f) <= 0 || f.kind != '"' || !f.n)
				return bad_line(p, "expand wants a \"quoted\" expansion");
			if (e->expand)
				return bad_line(p, "'%s' given two expansions", e->head);
			e->expand = arena_dup(p->lex, f.s, f.n);
			continue;
		}
		if ((r = set_reading(p, e, &f, &seen)))
			return r;
	}
	if (r < 0)
		return bad_line(p, "unclosed \" or [[");
	if (e->kind == LEX_DEFAULT && !e->expand)
		return bad_line(p, "no reading for '%s'", e->head);
	if (e->kind == LEX_PHONEMES) {
		char why[96];
		if (lex_phonemes_unsafe(e->text, strlen(e->text), why, sizeof(why)))
			return bad_line(p, "%s", why);
	}
	if (e->kind == LEX_PHONEMES && p->lex->check) {
		char bad[16] = "";
		if (p->lex->check(p->lex->lang, e->text, bad, sizeof(bad)))
			return bad_line(p, "eSpeak NG has no phoneme '%s' in [[%s]] (%s)",
					bad, e->text, p->lex->lang);
	}
	return 0;
}

/* Add e under key (replacing an earlier layer's entry). */
static int add_entry(struct parse *p, lex_entry *e, const char *key, size_t klen,
		     int cs)
{
	lexicon *lex = p->lex;
	struct slot *s = find_slot(lex, key, klen, cs);
	struct slot_entry *se;

	if (s->idx) {
		se = &lex->ent[s->idx - 1];
		if (s->idx - 1 >= p->first && !se->alias)
			return bad_line(p, "'%s' given two readings (also line %d)",
					e->head, se->e.line);
		se->e = *e;
		se->alias = 0;
		return 0;
	}
	if (lex->n == lex->cap) {
		lex->cap = lex->cap ? lex->cap * 2 : 256;
		lex->ent = xrealloc(lex->ent, lex->cap * sizeof(*lex->ent));
	}
	se = &lex->ent[lex->n];
	se->key = arena_dup(lex, key, klen);
	se->klen = klen;
	se->cs = cs;
	se->alias = 0;
	se->e = *e;
	s->idx = (uint32_t)++lex->n;
	if (lex->n * 2 > lex->nslot)
		rehash(lex);
	if (e->ntok > lex->maxtok)
		lex->maxtok = e->ntok;
	{
		uint32_t f = fold_hash(lex->tl.tok[0].text, lex->tl.tok[0].len);
		lex->filter[f >> 6] |= (uint64_t)1 << (f & 63);
		if (e->ntok > lex->maxk[f])
			lex->maxk[f] = (unsigned char)(e->ntok < 255 ? e->ntok : 255);
	}
	return 0;
}

/* Cut the headword off line: before a TAB, a "quoted" phrase, or the
 * first word.  Returns what follows, or NULL. */
static const char *cut_head(const char *line, const char **h, size_t *hn)
{
	const char *tab = strchr(line, '\t'), *e;

	if (*line == '"') {
		if (!(e = strchr(line + 1, '"')))
			return NULL;
		*h = line + 1;
		*hn = (size_t)(e - line - 1);
		return e + 1;
	}
	e = tab ? tab : line + strcspn(line, " ");
	*h = line;
	*hn = (size_t)(e - line);
	while (*hn && (line[*hn - 1] == ' '))
		(*hn)--;
	return e;
}

/* Parse one line (NUL-terminated, no newline). */
static int parse_line(struct parse *p, const char *line)
{
	lexicon *lex = p->lex;
	const char *head, *rest;
	char key[LEX_KEY_MAX];
	size_t hn, klen;
	lex_entry e;
	int cs;

	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line || *line == '#')
		return 0;
	if (!(rest = cut_head(line, &head, &hn)) || !hn)
		return bad_line(p, "no headword");
	memset(&e, 0, sizeof(e));
	e.head = arena_dup(lex, head, hn);
	e.file = p->where;
	e.line = p->line;
	e.builtin = lex->loading_builtin;
	if (utf8_validate(head, hn) < hn)
		return bad_line(p, "invalid UTF-8 in the headword");
	tok_split(&lex->tl, head, hn);
	if (!lex->tl.n || lex->tl.tok[0].kind != TOK_WORD ||
	    lex->tl.tok[lex->tl.n - 1].kind == TOK_PUNCT)
		return bad_line(p, "headword '%s' must start with a letter and "
				"end with a letter or digit", e.head);
	cs = all_caps(&lex->tl) || camel_acronym(&lex->tl);
	if (!(klen = make_key(&lex->tl, 0, lex->tl.n, cs, key, sizeof(key))))
		return bad_line(p, "headword '%s' is too long", e.head);
	e.ntok = lex->tl.n;
	if (parse_readings(p, &e, rest))
		return CRIEUR_EFORMAT;
	if (add_entry(p, &e, key, klen, cs))
		return CRIEUR_EFORMAT;
	if (!all_caps(&lex->tl) && camel_acronym(&lex->tl)) {
		for (size_t k = 0; k < klen; k++)       /* MIG-25 as MiG, DOE as DoE */
			if (key[k] >= 'a' && key[k] <= 'z')
				key[k] = (char)(key[k] - 32);
		if (find_slot(lex, key, klen, 1)->idx)
			return 0;                       /* DOJ has its own line */
		char *up = arena_dup(lex, e.head, hn);

		for (char *c = up; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 32);
		e.head = up;
		if (add_entry(p, &e, key, klen, 1))
			return CRIEUR_EFORMAT;
		lex->ent[lex->n - 1].alias = 1;
	}
	return 0;
}

int lex_load_text(lexicon *lex, const char *where, const char *text,
		  lex_report_fn report, void *ctx)
{
	struct parse p = { lex, arena_dup(lex, where, strlen(where)), 0, report, ctx,
			   0, lex->n };
	const char *l = text;
	char *buf = NULL;
	size_t cap = 0;
	int err = 0;

	while (*l) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		const char *next = nl ? nl + 1 : l + n;   /* before the CR is cut */

		p.line++;
		if (n && l[n - 1] == '\r')
			n--;
		if (n + 1 > cap)
			buf = xrealloc(buf, cap = n + 64);
		memcpy(buf, l, n);
		buf[n] = '\0';
		if (memchr(l, '\0', n))
			err = bad_line(&p, "NUL byte");
		else if ((err = parse_line(&p, buf)) && !report)
			break;
		l = next;
	}
	free(buf);
	free(lex->mentioned);
	lex->mentioned = xcalloc(lex->n + 1, 1);
	if (p.bad && report)
		return err_set(CRIEUR_EFORMAT, "%s: %d bad line%s", where, p.bad,
			       p.bad > 1 ? "s" : "");
	return p.bad ? CRIEUR_EFORMAT : 0;
}

int lex_load_file(lexicon *lex, const char *path, lex_report_fn report, void *ctx)
{
	char *data;
	size_t n;
	int err = read_file_max(path, MAX_LEXICON_BYTES, "a lexicon", &data, &n);

	if (err) {
		if (report)
			report(ctx, err_detail());
		return err;
	}
	if (memchr(data, '\0', n)) {
		free(data);
		err = err_set(CRIEUR_EFORMAT, "%s: NUL byte in a lexicon", path);
		if (report)
			report(ctx, err_detail());
		return err;
	}
	err = lex_load_text(lex, path, data, report, ctx);
	free(data);
	return err;
}

int lex_load_builtin(lexicon *lex)
{
	/* the acronym table first: lexicon/<lang>.lex overrides it */
	static const char *const files[] = { "lexicon/%.2s/acronyms.lex", "lexicon/%.2s.lex" };
	char path[64];
	const char *text;
	int err;

	for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		snprintf(path, sizeof(path), files[k], lex->lang);
		lex->loading_builtin = 1;
		err = (text = embed_get(path, NULL)) ?
		      lex_load_text(lex, path, text, NULL, NULL) : 0;
		lex->loading_builtin = 0;
		if (err)
			return err;
	}
	return 0;   /* a language without a built-in lexicon has none */
}

/* ---- lookups ---------------------------------------------------------- */

/* The entry under key s[0..n) with case flag cs, or NULL. */
static const lex_entry *get(const lexicon *lex, const char *s, size_t n, int cs)
{
	const struct slot *slot = find_slot(lex, s, n, cs);

	return slot->idx ? &lex->ent[slot->idx - 1].e : NULL;
}

/* Look up tokens [i, i+k): case-sensitive first, then lowered. */
static const lex_entry *get_tokens(const lexicon *lex, const struct tok_line *tl,
				   size_t i, size_t k)
{
	char key[LEX_KEY_MAX];
	const lex_entry *e;
	size_t n;

	if ((n = make_key(tl, i, k, 1, key, sizeof(key))) && (e = get(lex, key, n, 1)))
		return e;
	if ((n = make_key(tl, i, k, 0, key, sizeof(key))))
		return get(lex, key, n, 0);
	return NULL;
}

const lex_entry *lex_lookup(const lexicon *lex, const char *s, size_t n)
{
	struct tok_line tl;
	const lex_entry *e = NULL;

	tok_line_init(&tl);
	tok_split(&tl, s, n);
	if (tl.n)
		e = get_tokens(lex, &tl, 0, tl.n);
	tok_line_release(&tl);
	return e;
}

/* Token j is a glued mark that makes the word part of something else
 * (a URL, an e-mail, a dotted abbreviation). */
static int glued_mark(const struct tok_line *tl, size_t j)
{
	const struct token *t = &tl->tok[j];

	return t->kind == TOK_PUNCT && !(t->flags & TF_SPACE) && t->len == 1 &&
		strchr("./@:_", t->text[0]);
}

/* Whether a match of tokens [i, i+k) stands alone. */
static int alone(const struct tok_line *tl, size_t i, size_t k)
{
	size_t j = i + k;

	if (i > 0 && !(tl->tok[i].flags & TF_SPACE) &&
	    (tl->tok[i - 1].kind != TOK_PUNCT || glued_mark(tl, i - 1)))
		return 0;
	if (j < tl->n && !(tl->tok[j].flags & TF_SPACE)) {
		if (tl->tok[j].kind != TOK_PUNCT)
			return 0;
		if (glued_mark(tl, j) && j + 1 < tl->n && !(tl->tok[j + 1].flags & TF_SPACE) &&
		    tl->tok[j + 1].kind != TOK_PUNCT)
			return 0;
	}
	return 1;
}

/* Token i begins a sentence: the line's first, or after . ! ? … or an
 * opening quotation mark or dash. */
static int sentence_start(const struct tok_line *tl, size_t i)
{
	const struct token *p;

	if (i == 0)
		return 1;
	p = &tl->tok[i - 1];
	if (p->kind != TOK_PUNCT)
		return 0;
	if (p->len == 1)
		return strchr(".!?\"-", p->text[0]) != NULL;
	return (p->len == 2 && !memcmp(p->text, "«", 2)) ||
		(p->len == 3 && (!memcmp(p->text, "…", 3) || !memcmp(p->text, "—", 3) ||
				 !memcmp(p->text, "–", 3) || !memcmp(p->text, "“", 3)));
}

/* Whether the title-case word t (token i of tl) is something else than
 * an acronym: a person's name of the name tables ("Olaf" is not OLAF), or
 * a first name before a surname the word list does not know ("Olaf
 * Scholz"), a proper noun of the English lists ("Isis"), an ordinary word
 * of the language's list ("Mers", "Capes") where a common noun is written
 * so (English; French at the start of a sentence, not before a colon:
 * "Mers et océans", but "le Capes", "Anses : un rapport"); never after l'
 * ("l'Olaf", "l'Anses": the article goes with the acronym). */
static int title_case_other(const lexicon *lex, const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i], *next = i + 1 < tl->n ? &tl->tok[i + 1] : NULL;
	strbuf sb;
	int proper;

	if (i >= 2 && !(t->flags & TF_SPACE) && tl->tok[i - 1].kind == TOK_PUNCT &&
	    tl->tok[i - 1].len == 1 && tl->tok[i - 1].text[0] == '\'' &&
	    tl->tok[i - 2].len == 1 && (tl->tok[i - 2].text[0] | 0x20) == 'l')
		return 0;
	if (foreign_is_name(t->text, t->len))
		return 1;
	if (wordlist_contains(lex->lang, t->text, t->len) &&
	    (strncmp(lex->lang, "fr", 2) || (sentence_start(tl, i) && !tok_is_punct(tl, i + 1, ':'))))
		return 1;   /* French writes a common noun in capitals only to begin */
	if (next && next->kind == TOK_WORD && (next->flags & TF_SPACE) && next->len > 2 &&
	    (next->flags & TF_UPPER) && !(next->flags & TF_CAPS) &&
	    !wordlist_contains(lex->lang, next->text, next->len))
		return 1;
	sb_init(&sb);
	proper = wordlist_find("en", t->text, t->len, &sb) && sb.len > 1 &&
		 sb.buf[0] >= 'A' && sb.buf[0] <= 'Z' && sb.buf[1] >= 'a' && sb.buf[1] <= 'z';
	sb_release(&sb);
	return proper;
}

/* The acronym said as a word that token i writes in title case, as the
 * press does ("Insee", "Otan", "Nato" for INSEE, OTAN, NATO; 4 ASCII
 * letters or more; never a spelled one: "Ue" is not UE; never a name or a
 * word: title_case_other()), or NULL.  A headword in mixed case
 * ("Frontex") matches any case by itself: this is for capitals only. */
static const lex_entry *title_case_acronym(const lexicon *lex, const struct tok_line *tl,
					   size_t i)
{
	const struct token *t = &tl->tok[i];
	char up[LEX_KEY_MAX];
	const lex_entry *e;

	if (t->len < 4 || t->len >= sizeof(up) || t->text[0] < 'A' || t->text[0] > 'Z')
		return NULL;
	up[0] = t->text[0];
	for (size_t k = 1; k < t->len; k++) {
		if (t->text[k] < 'a' || t->text[k] > 'z')
			return NULL;
		up[k] = (char)(t->text[k] - 32);
	}
	e = get(lex, up, t->len, 1);
	return e && e->kind != LEX_SPELL && !title_case_other(lex, tl, i) ? e : NULL;
}

const lex_entry *lex_match(const lexicon *lex, const struct tok_line *tl, size_t i,
			   size_t *ntok, int *plural)
{
	const struct token *t = &tl->tok[i];
	const lex_entry *e0;
	size_t max = lex->maxtok;

	*plural = 0;
	if (!lex->n || t->kind != TOK_WORD)
		return NULL;
	{   /* most words start no headword: a bit test says so */
		uint32_t g, f = fold_hash2(t->text, t->len, &g);
		int plural_s = t->len > 2 && t->text[t->len - 1] == 's';

		if (!(lex->filter[f >> 6] & ((uint64_t)1 << (f & 63))) &&
		    !(plural_s && (lex->filter[g >> 6] & ((uint64_t)1 << (g & 63)))))
			return NULL;
		size_t mk = lex->maxk[f];
		if (plural_s && lex->maxk[g] > mk)
			mk = lex->maxk[g];
		if (mk < max)
			max = mk;
	}
	if (max > tl->n - i)
		max = tl->n - i;
	for (size_t k = max; k >= 1; k--) {
		const lex_entry *e;

		if (tl->tok[i + k - 1].kind == TOK_PUNCT || !alone(tl, i, k))
			continue;
		if ((e = get_tokens(lex, tl, i, k))) {
			*ntok = k;
			return e;
		}
	}
	if ((e0 = title_case_acronym(lex, tl, i)) && alone(tl, i, 1)) {
		*ntok = 1;            /* "l'Insee", "l'Otan": the press's title case */
		return e0;
	}
	/* an all-capital headword with a plural s: ONGs, NGOs */
	if (t->len >= 3 && t->text[t->len - 1] == 's' && alone(tl, i, 1)) {
		const lex_entry *e;
		for (size_t k = 0; k + 1 < t->len; k++)
			if (t->text[k] < 'A' || t->text[k] > 'Z')
				return NULL;
		if ((e = get(lex, t->text, t->len - 1, 1))) {
			*ntok = 1;
			*plural = 1;
			return e;
		}
	}
	return NULL;
}

int lex_first_mention(lexicon *lex, const lex_entry *e)
{
	size_t i = (size_t)((const struct slot_entry *)
			    ((const char *)e - offsetof(struct slot_entry, e)) - lex->ent);

	if (!e->expand || !lex->expansions || i >= lex->n || lex->mentioned[i] ||
	    (e->builtin && !lex->builtin_expansions))
		return 0;
	lex->mentioned[i] = 1;
	return 1;
}

void lex_forget_mentions(lexicon *lex)
{
	if (lex->mentioned)
		memset(lex->mentioned, 0, lex->n);
}

void lex_set_expansions(lexicon *lex, int on)
{
	lex->expansions = on;
}

void lex_set_builtin_expansions(lexicon *lex, int on)
{
	lex->builtin_expansions = on;
}

void lex_mark_mentioned(lexicon *lex, const lex_entry *e)
{
	size_t i = (size_t)((const struct slot_entry *)
			    ((const char *)e - offsetof(struct slot_entry, e)) - lex->ent);

	if (i < lex->n && lex->mentioned)
		lex->mentioned[i] = 1;
}

void lex_say(const lex_entry *e, const char *s, size_t n, strbuf *out)
{
	switch (e->kind) {
	case LEX_RESPELL:
		sb_adds(out, e->text);
		break;
	case LEX_PHONEMES:
		sb_addf(out, "[[%s]]", e->text);
		break;
	case LEX_SPELL:
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			int k = utf8_decode(s + i, n - i, &cp);

			if (k <= 0)
				k = 1;
			if (cp != ' ' && cp != '-' && cp != '\'') {
				if (out->len && out->buf[out->len - 1] != ' ')
					sb_addch(out, ' ');
				sb_add(out, s + i, (size_t)k);
			}
			i += (size_t)k;
		}
		break;
	case LEX_WORD: {
		char low[LEX_KEY_MAX];
		size_t m = add_lower(low, 0, sizeof(low), s, n);

		if (m < sizeof(low))
			sb_add(out, low, m);
		else
			sb_add(out, s, n);
		break;
	}
	case LEX_LANG:
		sb_addf(out, VMARK_S "lang:%s" VMARK_S "%.*s" VMARK_S VMARK_S, e->lang,
			(int)n, s);
		break;
	case LEX_DEFAULT:
		sb_add(out, s, n);
		break;
	}
}
