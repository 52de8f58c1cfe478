/* stay_native.c - French words kept French (see stay_native.h). */
#include "speech/stay_native.h"
#include "base/embed.h"
#include "base/util.h"
#include "text/wordlist.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define RULES_PATH "lexicon/fr/stay_french.tsv"

/* A respelling: pattern (lower case, '^' and '$' anchors stripped) and
 * what replaces it. */
struct respell {
	char from[24], to[24];
	size_t from_len;
	int at_start, at_end;
};

static struct respell *rules;
static size_t n_rules;
/* Stems of words of the French list that are French though eSpeak NG
 * reads them in English ("=wallon": wallonne, wallons), lower case. */
static char (*natives)[24];
static size_t n_natives;
static pthread_once_t rules_once = PTHREAD_ONCE_INIT;

/* Read the embedded rule file (a malformed line is skipped: the file is
 * built in and checked by tests/unit/test_stay_native.c). */
static void rules_load(void)
{
	size_t len;
	const char *p = embed_get(RULES_PATH, &len), *end = p ? p + len : NULL;

	while (p && p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *tab, *tab2;

		if (!eol)
			eol = end;
		tab = memchr(p, '\t', (size_t)(eol - p));
		if (*p == '=' && tab && tab - p > 1 && tab - p < 24) {
			natives = xrealloc(natives, (n_natives + 1) * sizeof(*natives));
			memset(natives[n_natives], 0, sizeof(*natives));
			memcpy(natives[n_natives++], p + 1, (size_t)(tab - p - 1));
		} else if (*p != '#' && tab && tab > p) {
			struct respell r;
			size_t fl = (size_t)(tab - p), tl;

			tab2 = memchr(tab + 1, '\t', (size_t)(eol - tab - 1));
			tl = (size_t)((tab2 ? tab2 : eol) - tab - 1);
			memset(&r, 0, sizeof(r));
			if (*p == '^') {
				r.at_start = 1;
				p++;
				fl--;
			}
			if (fl && p[fl - 1] == '$') {
				r.at_end = 1;
				fl--;
			}
			if (fl && fl < sizeof(r.from) && tl < sizeof(r.to)) {
				memcpy(r.from, p, fl);
				memcpy(r.to, tab + 1, tl);
				r.from_len = fl;
				rules = xrealloc(rules, (n_rules + 1) * sizeof(*rules));
				rules[n_rules++] = r;
			}
		}
		p = eol + 1;
	}
}

/* Whether eSpeak NG's phonemes for text[0..len) switch language: its
 * phoneme output then holds "(en)" and back. */
static int switches(const char *text, size_t len)
{
	char *copy = xstrndup(text, len);
	const void *p = copy;
	int sw = 0;

	while (p && !sw) {
		const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
		sw = ph && strchr(ph, '(');
	}
	free(copy);
	return sw;
}

/* A byte that belongs to a word: a letter, or any byte of a UTF-8
 * sequence (accented letters). */
static int word_byte(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 1 : c >= 0x80;
}

/* Lower w in place: ASCII and the two-byte Latin-1 capitals (À..Þ). */
static void lower(char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];

		if (c >= 'A' && c <= 'Z')
			w[i] = (char)(c + 32);
		else if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 &&
			 (unsigned char)w[i + 1] <= 0x9E && (unsigned char)w[i + 1] != 0x97)
			w[++i] += 0x20;
	}
}

/* Apply rule r to sb (the whole word); 1 if it changed it. */
static int apply(const struct respell *r, strbuf *sb)
{
	int changed = 0;

	for (size_t i = 0; i + r->from_len <= sb->len; i++) {
		if ((r->at_start && i) || (r->at_end && i + r->from_len != sb->len))
			continue;
		if (memcmp(sb->buf + i, r->from, r->from_len))
			continue;
		size_t tl = strlen(r->to), tail = sb->len - i - r->from_len;

		sb_grow(sb, tl);
		memmove(sb->buf + i + tl, sb->buf + i + r->from_len, tail + 1);
		memcpy(sb->buf + i, r->to, tl);
		sb->len = i + tl + tail;
		i += tl ? tl - 1 : 0;
		changed = 1;
	}
	return changed;
}

/* Respell the word w[0..n) that switches into out; 0 when no respelling
 * of the table keeps it French (out untouched then). */
static int respell_word(const char *w, size_t n, strbuf *out)
{
	strbuf sb;
	int ok = 0;

	sb_init(&sb);
	sb_add(&sb, w, n);
	lower(sb.buf, sb.len);
	for (size_t k = 0; k < n_rules && !ok; k++)
		if (apply(&rules[k], &sb))
			ok = !switches(sb.buf, sb.len);
	if (ok) {
		/* a capital stays: names keep their capital for eSpeak NG */
		if (w[0] >= 'A' && w[0] <= 'Z' && sb.buf[0] >= 'a' && sb.buf[0] <= 'z')
			sb.buf[0] = (char)(sb.buf[0] - 32);
		sb_add(out, sb.buf, sb.len);
	}
	sb_release(&sb);
	return ok;
}

/* Whether the word w[0..n) begins with a stem of the table's French
 * words that eSpeak NG reads in English ("=wallon" in stay_french.tsv). */
static int native_stem(const char *w, size_t n)
{
	char low[64];

	if (n >= sizeof(low))
		return 0;
	memcpy(low, w, n);
	lower(low, n);
	for (size_t k = 0; k < n_natives; k++)
		if (!strncmp(low, natives[k], strlen(natives[k])) && strlen(natives[k]) <= n)
			return 1;
	return 0;
}

/* Whether the list spells w[0..n) with a capital: a place of
 * lexicon/fr/places.txt or cities.txt (Nancy, Annecy, Waterloo), a name
 * said in French, not an English loan. */
static int listed_name(const char *w, size_t n)
{
	strbuf sb;
	int cap;

	sb_init(&sb);
	cap = wordlist_find("fr", w, n, &sb) && sb.len &&
		(((unsigned char)sb.buf[0] >= 'A' && (unsigned char)sb.buf[0] <= 'Z') ||
		 ((unsigned char)sb.buf[0] == 0xC3 && sb.len > 1 &&
		  (unsigned char)sb.buf[1] >= 0x80 && (unsigned char)sb.buf[1] <= 0x9E));
	sb_release(&sb);
	return cap;
}

/* Whether the word text[s..e) (with the words hyphens join to it:
 * "week-end") is an ordinary French word, a loan eSpeak NG's French
 * dictionary itself sends to English ("week-end", "best-seller"): its
 * reading is eSpeak NG's, which a respelling would only spoil ("flach" is
 * "flak"); lexicon/fr.lex says the common ones with French sounds.  Written in lower case, or capitalized at the
 * start of a sentence; a capital inside one is a name ("le Président
 * Bush": bouche).  A place of the list (Nancy, Waterloo) and a French
 * word of the table's stems (wallonne) are no loans. */
static int french_loan(const char *text, size_t len, size_t s, size_t e)
{
	size_t a = s, b = e, k = s;

	if (native_stem(text + s, e - s) || listed_name(text + s, e - s))
		return 0;

	while (a >= 2 && text[a - 1] == '-' && word_byte((unsigned char)text[a - 2]))
		for (a -= 1; a > 0 && word_byte((unsigned char)text[a - 1]); a--)
			;
	while (b + 1 < len && text[b] == '-' && word_byte((unsigned char)text[b + 1]))
		for (b += 1; b < len && word_byte((unsigned char)text[b]); b++)
			;
	if (!wordlist_contains("fr", text + a, b - a) &&
	    (a == s && b == e ? 1 : !wordlist_contains("fr", text + s, e - s)))
		return 0;
	if (text[a] < 'A' || text[a] > 'Z')
		return 1;
	while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '"'))
		k--;
	a = k;
	return a == 0 || strchr(".!?:", text[a - 1]) ||
		(a >= 2 && !memcmp(text + a - 2, "«", 2));
}

/* Walk the plain words of text (outside [[phonemes]]); each one eSpeak
 * NG would switch is counted, and respelled into out when out is set. */
static size_t walk(const char *text, size_t len, strbuf *out)
{
	size_t i = 0, from = 0, found = 0;

	while (i < len) {
		if (i + 1 < len && text[i] == '[' && text[i + 1] == '[') {
			const char *close = strstr(text + i, "]]");
			i = close && (size_t)(close - text) < len ? (size_t)(close - text) + 2 : len;
			continue;
		}
		if (!word_byte((unsigned char)text[i])) {
			i++;
			continue;
		}
		size_t s = i;

		while (i < len && word_byte((unsigned char)text[i]))
			i++;
		if (!switches(text + s, i - s))
			continue;
		found++;
		pthread_once(&rules_once, rules_load);
		if (french_loan(text, len, s, i))
			continue;
		if (out) {
			size_t before = out->len;

			sb_add(out, text + from, s - from);
			if (!respell_word(text + s, i - s, out)) {
				sb_truncate(out, before);
				sb_add(out, text + from, i - from);
			}
			from = i;
		}
	}
	if (out)
		sb_add(out, text + from, len - from);
	return found;
}

static int is_french(const voice *v)
{
	return !strncmp(v->language, "fr", 2);
}

int stay_native(const voice *v, const char *text, size_t len, strbuf *out)
{
	if (!is_french(v) || !switches(text, len))
		return 0;
	pthread_once(&rules_once, rules_load);
	walk(text, len, out);
	return 1;
}

size_t stay_native_count(const voice *v, const char *text, size_t len)
{
	if (!is_french(v) || !switches(text, len))
		return 0;
	return walk(text, len, NULL);
}
