/* phonemes.c - IPA through espeak_TextToPhonemes; mnemonic checks from
 * eSpeak NG's phontab. */
#include "speech/phonemes.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/synth.h"
#include "speech/vrun.h"

#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The phonemes eSpeak NG says for text, in IPA or (ipa 0) its mnemonics. */
static int say_phonemes(const char *text, size_t len, const voice *v, strbuf *out, int ipa)
{
	struct vrun *runs;
	size_t n = vrun_split(text, len, &runs);
	int err = 0;

	for (size_t r = 0; r < n && !err; r++) {
		voice rv = *v;
		size_t cl = runs[r].end - runs[r].start;
		char *chunk;
		const void *p;

		if (runs[r].spec && (err = vrun_voice(v, runs[r].spec, runs[r].spec_len, &rv)))
			break;
		if ((err = synth_use_voice(&rv)))
			break;
		/* espeak_TextToPhonemes() honours [[...]] only once a synthesis
		 * has set eSpeak NG's phoneme-input option (a global it keeps):
		 * synthesize nothing with espeakPHONEMES first. */
		espeak_Synth("", 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8 |
			     espeakPHONEMES, NULL, NULL);
		chunk = xstrndup(text + runs[r].start, cl);
		synth_engine_blank_unsafe(chunk, cl);
		chunk = synth_respell(&rv, chunk, &cl);
		p = chunk;
		while (p) {
			const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8 |
							       espeakPHONEMES,
							       ipa ? espeakPHONEMES_IPA : 0);
			if (ph && *ph) {
				if (out->len && out->buf[out->len - 1] != ' ')
					sb_addch(out, ' ');
				sb_adds(out, ph);
			}
		}
		free(chunk);
	}
	vrun_free(runs, n);
	return err;
}

int phon_ipa(const char *text, size_t len, const voice *v, strbuf *out)
{
	return say_phonemes(text, len, v, out, 1);
}

int phon_mnemonics(const char *text, size_t len, const voice *v, strbuf *out)
{
	return say_phonemes(text, len, v, out, 0);
}

/* ---- phontab ------------------------------------------------------------
 * espeak-ng-data/phontab: a little-endian int (number of tables), then
 * per table: n_phonemes (byte), includes (byte, 1 + the base table's
 * index, 0: none), 2 bytes, name[32], then n_phonemes PHONEME_TAB of 16
 * bytes: mnemonic (4 chars, first in the low byte), flags (4), program (2),
 * code, type, start_type, end_type, std_length, length_mod. */

enum { PH_ENTRY = 16, PH_NAME = 32, PH_MAX_TABLES = 256, PH_DELETED = 14 };

static unsigned char *phontab;
static size_t phontab_len;
static const unsigned char *tab_at[PH_MAX_TABLES];
static int n_tables;
static pthread_once_t phontab_once = PTHREAD_ONCE_INIT;

/* Read phontab from eSpeak NG's data folder and index its tables. */
static void phontab_load(void)
{
	const char *dir = NULL;
	char path[1024];
	const unsigned char *p, *end;
	char *data;
	size_t n;

	if (synth_engine_init() < 0)
		return;
	espeak_Info(&dir);
	snprintf(path, sizeof(path), "%s/phontab", dir ? dir : ".");
	if (read_file(path, &data, &n) || n < 4)
		return;
	phontab = (unsigned char *)data;
	phontab_len = n;
	p = phontab + 4;
	end = phontab + n;
	for (int t = 0; t < phontab[0] && t < PH_MAX_TABLES; t++) {
		if (p + 4 + PH_NAME > end || p + 4 + PH_NAME + p[0] * PH_ENTRY > end)
			break;
		tab_at[n_tables++] = p;
		p += 4 + PH_NAME + p[0] * PH_ENTRY;
	}
}

/* The table called name, or -1. */
static int table_named(const char *name)
{
	for (int t = 0; t < n_tables; t++)
		if (!strncmp((const char *)tab_at[t] + 4, name, PH_NAME))
			return t;
	return -1;
}

/* The mnemonics of one table and its bases, by first byte (a cache of
 * the last table asked for; lexicons load on one thread). */
static struct {
	int table;
	const unsigned char *by_first[256][64];
	unsigned char n[256];
} mn = { -1, { { 0 } }, { 0 } };

/* Fill mn for table t. */
static void index_table(int t)
{
	memset(mn.n, 0, sizeof(mn.n));
	mn.table = t;
	for (int depth = 0; t >= 0 && depth < 16; depth++) {
		const unsigned char *tab = tab_at[t];

		for (int i = 0; i < tab[0]; i++) {
			const unsigned char *e = tab + 4 + PH_NAME + i * PH_ENTRY;

			if (e[11] >= PH_DELETED || !e[0] || mn.n[e[0]] == 64)
				continue;
			mn.by_first[e[0]][mn.n[e[0]]++] = e;
		}
		t = tab[1] - 1;
	}
}

/* The longest mnemonic of table t (and its bases) that starts s: its
 * length, or 0. */
static size_t longest(int t, const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t best = 0;

	if (mn.table != t)
		index_table(t);
	for (int i = 0; i < mn.n[c]; i++) {
		const unsigned char *e = mn.by_first[c][i];
		size_t k = 0;

		while (k < 4 && e[k] && s[k] && (unsigned char)s[k] > ' ' &&
		       (unsigned char)s[k] == e[k])
			k++;
		if (k > best && (k == 4 || !e[k]))
			best = k;
	}
	return best;
}

int phon_check(const char *lang, const char *ph, char *bad, size_t cap)
{
	char name[PH_NAME];
	int t;

	pthread_once(&phontab_once, phontab_load);
	snprintf(name, sizeof(name), "%s", lang);
	if ((t = table_named(name)) < 0) {
		name[strcspn(name, "-+_")] = '\0';
		t = table_named(name);
	}
	if (t < 0) {
		snprintf(bad, cap, "no eSpeak NG phoneme table for '%s'", lang);
		return -1;
	}
	while (*ph) {
		size_t k;

		if (*ph == ' ' || *ph == '\t') {
			ph++;
			continue;
		}
		if (!(k = longest(t, ph))) {
			size_t l = 1;
			while (((unsigned char)ph[l] & 0xC0) == 0x80)
				l++;
			snprintf(bad, cap, "%.*s", (int)l, ph);
			return 1;
		}
		ph += k;
	}
	return 0;
}

int phon_check_lex(const char *lang, const char *ph, char *bad, size_t cap)
{
	return phon_check(lang, ph, bad, cap) != 0;
}

int phon_lexicon_new(lexicon **out, const char *lang)
{
	lexicon *lex = NULL;
	int err = lex_new(&lex, lang, phon_check_lex);

	*out = NULL;
	if (err || (err = lex_load_builtin(lex))) {
		lex_free(lex);
		return err;
	}
	*out = lex;
	return 0;
}
