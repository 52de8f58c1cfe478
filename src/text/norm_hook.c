/* norm_hook.c - lexicon words and quotations, before the language rules. */
#include "text/norm_hook.h"
#include "base/util.h"
#include "text/voicemark.h"
#include "text/fr_link.h"
#include "text/wordlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { NO_TOK = (size_t)-1 };

void norm_hook_set_quote_voice(struct norm_hook *h, const char *voice)
{
	free(h->quote_voice);
	h->quote_voice = voice && *voice ? xstrdup(voice) : NULL;
}

void norm_hook_release(struct norm_hook *h)
{
	free(h->quote_voice);
	sb_release(&h->sb);
	foreign_state_release(&h->fs);
	memset(h, 0, sizeof(*h));
}

void norm_hook_line(struct norm_hook *h, const char *in, const struct tok_line *tl)
{
	h->in = in;
	h->in_quote = 0;
	h->en_quote_end = 0;
	h->headline = norm_is_headline(tl);
	if (h->foreign)
		foreign_scan_line(&h->fs, h->lang, tl);
}

/* Write a voice mark (no span, a space before it unless glued). */
static void mark(struct norm_out *o, const char *spec)
{
	char buf[96];
	size_t n = (size_t)snprintf(buf, sizeof(buf), VMARK_S "%s" VMARK_S, spec);

	out_glued(o, buf, n < sizeof(buf) ? n : sizeof(buf) - 1, NO_TOK, NO_TOK);
}

/* A quotation mark at i: open or close the quote voice around it. */
static size_t quote(struct norm_hook *h, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const char *src = h->in + t->start;
	size_t n = t->end - t->start;
	int open;

	if (n == 2 && !memcmp(src, "«", 2))
		open = 1;
	else if (n == 2 && !memcmp(src, "»", 2))
		open = 0;
	else if (n == 3 && !memcmp(src, "“", 3))
		open = 1;
	else if (n == 3 && (!memcmp(src, "”", 3) || !memcmp(src, "„", 3)))
		open = !memcmp(src, "„", 3);
	else
		open = !h->in_quote;
	if (open == h->in_quote)
		return 0;
	if (!open)
		mark(o, "");
	norm_default(tl, i, o);
	if (open) {
		char spec[80];
		snprintf(spec, sizeof(spec), "voice:%s", h->quote_voice);
		mark(o, spec);
	}
	h->in_quote = open;
	return 1;
}

/* English letters spelled: a lone "A" is written "A-", else eSpeak NG
 * reads the article ("S A- S", not "S uh S"). */
static void en_letter_a(strbuf *sb)
{
	for (size_t k = 0; k < sb->len; k++)
		if (sb->buf[k] == 'A' && (k + 1 == sb->len || sb->buf[k + 1] == ' ') &&
		    (!k || sb->buf[k - 1] == ' ')) {
			sb_grow(sb, 1);
			memmove(sb->buf + k + 2, sb->buf + k + 1, sb->len - k);
			sb->buf[k + 1] = '-';
			sb->len++;
		}
}

/* Add English "'s" to a reading: a spelled "A-" takes it as "A's" ("M L
 * A's", not "A" then "s"). */
static void en_add_s(strbuf *sb)
{
	if (sb->len >= 2 && sb->buf[sb->len - 1] == '-' && sb->buf[sb->len - 2] == 'A')
		sb->len--;
	sb_adds(sb, "'s");
}

/* The output ends with the elision glued before token i ("l'"). */
static int elided_out(struct norm_out *o, const struct tok_line *tl, size_t i)
{
	size_t len, n;
	const char *s = out_text(o, &len);

	if (i < 2)
		return 0;
	n = tl->tok[i - 2].len;
	return len > n && s[len - 1] == '\'' && !memcmp(s + len - 1 - n, tl->tok[i - 2].text, n);
}

/* The line spells out s (ASCII case aside) before token i: a statement
 * that names "la Banque européenne pour la reconstruction et le
 * développement (BERD)" has said the expansion already. */
static int written_before(const struct tok_line *tl, size_t i, const char *s)
{
	size_t n = strlen(s), end = (size_t)(tl->tok[i].text - tl->text);

	for (size_t k = 0; n && k + n <= end; k++)
		if (!strncasecmp(tl->text + k, s, n))
			return 1;
	return 0;
}

/* s begins with a vowel or h (an elision can stand before it). */
static int vowel_start(const char *s)
{
	return strchr("AEIOUYHaeiouyh", s[0]) || (unsigned char)s[0] == 0xC3;
}

/* Whether tokens i+1, i+2 of tl are an English possessive glued to token
 * i ("Müller's"), nothing glued after it. */
static int possessive(const struct tok_line *tl, size_t i)
{
	const struct token *q = i + 2 < tl->n ? &tl->tok[i + 1] : NULL, *s = q ? q + 1 : NULL;

	return q && q->kind == TOK_PUNCT && q->len == 1 && q->text[0] == '\'' &&
		!(q->flags & TF_SPACE) && s->kind == TOK_WORD && s->len == 1 &&
		(s->text[0] | 0x20) == 's' && !(s->flags & TF_SPACE) &&
		(i + 3 >= tl->n || (tl->tok[i + 3].flags & TF_SPACE) ||
		 tl->tok[i + 3].kind == TOK_PUNCT);
}

/* Add the English possessive's (or plural's) phonemes inside the
 * "[[...]]" of sb: s after a voiceless consonant, Iz after a sibilant,
 * else z. */
static void possessive_phonemes(strbuf *sb)
{
	static const char *const sib[] = { "tS", "dZ", "s", "z", "S", "Z" };
	const char *add = "z";
	size_t n = sb->len;

	if (n < 5 || memcmp(sb->buf + n - 2, "]]", 2))
		return;
	for (size_t k = 0; k < sizeof(sib) / sizeof(sib[0]) && *add == 'z'; k++)
		if (n - 2 >= strlen(sib[k]) + 2 &&
		    !memcmp(sb->buf + n - 2 - strlen(sib[k]), sib[k], strlen(sib[k])))
			add = "Iz";
	if (*add == 'z' && strchr("ptkfT", sb->buf[n - 3]))
		add = "s";
	sb->len -= 2;
	sb_adds(sb, add);
	sb_adds(sb, "]]");
}

/* A word the lexicon knows, said its way. */
static size_t lexicon_word(struct norm_hook *h, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	size_t k, n, first = i;
	int plural;
	const lex_entry *e;
	const char *s;

	if (!strncmp(lex_lang(h->lex), "fr", 2) && frl_caps_function(tl, i, h->headline))
		return 0;      /* "CE QU'IL FAUT SAVOIR": the word, said by the rules */
	if (!(e = lex_match(h->lex, tl, i, &k, &plural)))
		return 0;
	s = tl->tok[i].text;
	n = (size_t)(tl->tok[i + k - 1].text + tl->tok[i + k - 1].len - s) - (size_t)plural;
	sb_reset(&h->sb);
	if (e->expand && written_before(tl, i, e->expand))
		lex_mark_mentioned(h->lex, e);   /* "la Banque ... (BERD)" */
	if (!(e->expand && elided_out(o, tl, i) && !vowel_start(e->expand)) &&
	    lex_first_mention(h->lex, e))
		sb_adds(&h->sb, e->expand);   /* not "l'Parti...": the reading then */
	else if (e->kind == LEX_DEFAULT)
		return 0;
	else if (e->kind == LEX_WORD && !strncmp(lex_lang(h->lex), "fr", 2))
		frl_word(&h->sb, s, n);   /* "BERD" -> "Berde": its letters sounded */
	else
		lex_say(e, s, n, &h->sb);
	if (e->kind == LEX_SPELL && !strncmp(lex_lang(h->lex), "en", 2))
		en_letter_a(&h->sb);
	if (plural && !strncmp(lex_lang(h->lex), "en", 2)) {
		if (e->kind == LEX_PHONEMES)
			possessive_phonemes(&h->sb);   /* "ASEANs": [['asI@nz]] */
		else if (e->kind == LEX_SPELL)
			en_add_s(&h->sb);              /* "MLAs": "M L A's" */
		else
			sb_adds(&h->sb, "s");
	}
	if (!plural && possessive(tl, i + k - 1)) {
		if (!strncmp(lex_lang(h->lex), "en", 2) && e->kind == LEX_PHONEMES)
			possessive_phonemes(&h->sb);   /* "Hamas's": [[h@m'asIz]] */
		else if (!strncmp(lex_lang(h->lex), "en", 2))
			en_add_s(&h->sb);              /* "Kay-for's", "C I A's" */
		k += 2;          /* French says the name alone: "la KFOR's" */
	}
	if (!strncmp(lex_lang(h->lex), "fr", 2) && (n = frl_link(tl, i, &h->sb,
								elided_out(o, tl, i)))) {
		out_drop(o, n);     /* "l'" moves into the phonemes: [[lyef'a]] */
		first = i - 2;
	}
	if (!strncmp(lex_lang(h->lex), "fr", 2) && e->kind == LEX_SPELL)
		frl_letter_y(&h->sb);       /* "N Y T": "èn i grec té" */
	out_words(o, h->sb.buf, h->sb.len, first, i + k - 1);
	return k;
}

size_t norm_hook_foreign(struct norm_hook *h, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	const struct foreign_lang *fl = h->foreign ? foreign_token_lang(&h->fs, i) : NULL;
	size_t last = i;

	if (!fl)
		return 0;
	sb_reset(&h->sb);
	if (h->foreign(h->foreign_ctx, h->lang, fl->tag, tl->tok[i].text, tl->tok[i].len,
		       &h->sb))
		return 0;
	if (!strncmp(h->lang, "en", 2) && possessive(tl, i)) {
		possessive_phonemes(&h->sb);      /* Müller's: [[m'u:l@z]] */
		last = i + 2;
	} else if (!strncmp(h->lang, "en", 2) && i + 2 < tl->n &&
		   tl->tok[i + 1].kind == TOK_PUNCT && tl->tok[i + 1].len == 1 &&
		   tl->tok[i + 1].text[0] == '-' && !(tl->tok[i + 1].flags & TF_SPACE) &&
		   !(tl->tok[i + 2].flags & TF_SPACE) && foreign_token_lang(&h->fs, i + 2)) {
		sb_addch(&h->sb, ' ');   /* Jean-Luc: eSpeak NG's English voice */
		last = i + 1;            /* says "]]-[[" with the n doubled */
	}
	out_words(o, h->sb.buf, h->sb.len, i, last);
	return last - i + 1;
}

/* The quotation that opens at the mark i of a French line is English:
 * words all of the English list, one at least not of the French one,
 * three or more, or two that French does not have (« The show must go
 * on », « Yes we can », « Game over »; not « On a gagné », « Le live »);
 * the closing mark's token is returned, else 0. */
static size_t english_quote(const struct norm_hook *h, const struct tok_line *tl, size_t i)
{
	size_t words = 0, english_only = 0;

	if (!h->lang || strncmp(h->lang, "fr", 2))
		return 0;
	for (size_t k = i + 1; k < tl->n; k++) {
		const struct token *w = &tl->tok[k];

		if (w->kind == TOK_PUNCT && w->len == 1 && w->text[0] == '"')
			return english_only && (words >= 3 || (words == 2 && english_only == 2)) ? k : 0;
		if (w->kind == TOK_NUM ||
		    (w->kind == TOK_PUNCT && !strchr(",.!?'-", w->text[0])))
			return 0;
		if (w->kind != TOK_WORD || (w->len == 1 && k > i + 1 &&
					    tok_is_punct(tl, k - 1, '\'')))
			continue;              /* the t of "don't" */
		if (!wordlist_contains("en", w->text, w->len))
			return 0;
		words++;
		english_only += !wordlist_contains("fr", w->text, w->len);
	}
	return 0;
}

/* A quotation mark at i that opens or closes an English quotation of a
 * French line: said by the voice speaking English ("lang:en"). */
static size_t english_quote_mark(struct norm_hook *h, const struct tok_line *tl, size_t i,
				 struct norm_out *o)
{
	size_t used = 1, end = h->en_quote_end ? 0 : english_quote(h, tl, i);

	if (!end && h->en_quote_end != i)
		return 0;
	if (!end)
		mark(o, "");
	if (!h->quote_voice || !(used = quote(h, tl, i, o)))
		norm_default(tl, i, o), used = 1;
	if (end)
		mark(o, "lang:en");
	h->en_quote_end = end;
	return used;
}

size_t norm_hook_expand(struct norm_hook *h, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	size_t used;

	if (t->kind == TOK_PUNCT && t->len == 1 && t->text[0] == '"' &&
	    (used = english_quote_mark(h, tl, i, o)))
		return used;
	if (h->quote_voice && t->kind == TOK_PUNCT && t->len == 1 && t->text[0] == '"')
		return quote(h, tl, i, o);
	if (h->en_quote_end)
		return 0;             /* English words: not the French lexicon's */
	if (t->kind != TOK_WORD)
		return 0;
	if (i + 1 < tl->n && !(tl->tok[i + 1].flags & TF_SPACE) &&
	    tl->tok[i + 1].kind == TOK_PUNCT && tl->tok[i + 1].len == 1 &&
	    tl->tok[i + 1].text[0] == '$')
		return 0;   /* a currency's prefix (US$, HK$), not an acronym */
	return h->lex ? lexicon_word(h, tl, i, o) : 0;
}

void norm_hook_line_end(struct norm_hook *h, struct norm_out *o)
{
	if (h->in_quote)
		mark(o, "");
	h->in_quote = 0;
}
