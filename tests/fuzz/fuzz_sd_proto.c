/* fuzz_sd_proto.c - libFuzzer target: speech-dispatcher's module protocol
 * as sd_crieur reads it.  Any bytes, fed in two pieces, through the
 * command reader; every message body through the SSML mark reader and the
 * punctuation, character and key namers; every parameter through SET.
 * Checks: a message's segments keep at most its bytes, 705 escaping
 * round-trips. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "sd/message.h"
#include "sd/names.h"
#include "sd/proto.h"
#include "sd/settings.h"
#include "text/utf8.h"

static sd_names *names;

static void body(const sd_cmd *c, sd_settings *set)
{
	sd_message m;
	strbuf sb;
	size_t total = 0;

	sd_message_parse(&m, c->text, c->len);
	for (size_t i = 0; i < m.n; i++)
		total += m.seg[i].len;
	if (total > c->len + 1)   /* </s> may add one LF per element: < len */
		abort();
	sb_init(&sb);
	if (utf8_validate(c->text, c->len) == c->len) {
		for (size_t i = 0; i < m.n; i++) {
			sd_names_punctuate(names, m.seg[i].text, m.seg[i].len,
					   SD_PUNCT_ALL, &sb);
			sd_names_spell(names, m.seg[i].text, m.seg[i].len, set->cap, &sb);
		}
		sd_names_key(names, c->text, c->len, SD_CAP_SPELL, &sb, NULL);
		sd_names_char(names, c->text, c->len, SD_CAP_NONE, &sb, NULL);
	}
	/* the body as audio bytes: escaping round-trips */
	sb_reset(&sb);
	sd_format_audio(&sb, (const short *)(const void *)c->text, c->len / 2, 22050);
	{
		const char *p = memchr(sb.buf, '\0', sb.len) + 1;
		size_t n = sb.len - (size_t)(p - sb.buf) - strlen("\n705 AUDIO\n");
		char *out = malloc(n + 1);
		if (sd_unescape_audio(p, n, out) != c->len / 2 * 2 ||
		    memcmp(out, c->text, c->len / 2 * 2))
			abort();
		free(out);
	}
	sb_release(&sb);
	sd_message_release(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sd_reader *r;
	const sd_cmd *c;
	sd_settings set;
	size_t cut = size ? data[0] % (size + 1) : 0;

	if (sd_reader_new(&r))
		abort();
	if (!names && sd_names_new(&names, size && data[size - 1] & 1 ? "en" : "fr"))
		abort();
	sd_settings_init(&set);
	for (int part = 0; part < 2; part++) {
		sd_reader_push(r, (const char *)data + (part ? cut : 0),
			       part ? size - cut : cut);
		while (sd_reader_next(r, &c)) {
			if (c->phase != SD_PHASE_DONE)
				continue;
			if (c->text)
				body(c, &set);
			for (size_t i = 0; i < c->n_params; i++)
				sd_settings_set(&set, c->params[i].key, c->params[i].value);
		}
	}
	sd_reader_free(r);
	return 0;
}
