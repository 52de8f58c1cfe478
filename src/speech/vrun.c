/* vrun.c - runs of text between voice marks. */
#include "speech/vrun.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "text/voicemark.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { VRUN_DEPTH = 8 };

/* Whether s[a..b) holds something to say. */
static int sayable(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80 ||
		    s[i] == '[')
			return 1;
	return 0;
}

size_t vrun_split(const char *t, size_t len, struct vrun **runs)
{
	const char *spec[VRUN_DEPTH + 1] = { NULL };
	size_t slen[VRUN_DEPTH + 1] = { 0 }, depth = 0, n = 0, cap = 4, from = 0;
	struct vrun *r = xcalloc(cap, sizeof(*r));

	for (size_t i = 0; i <= len; i++) {
		const char *close;
		size_t a = from, b = i;

		if (i < len && t[i] != VMARK)
			continue;
		while (a < b && t[a] == ' ')
			a++;
		while (b > a && t[b - 1] == ' ')
			b--;
		if (sayable(t, a, b)) {
			if (n == cap)
				r = xrealloc(r, (cap *= 2) * sizeof(*r));
			r[n++] = (struct vrun){ a, b, spec[depth], slen[depth] };
		}
		if (i == len)
			break;
		close = memchr(t + i + 1, VMARK, len - i - 1);
		if (!close)
			break;
		if (close == t + i + 1) {
			if (depth)
				depth--;
		} else if (depth < VRUN_DEPTH) {
			depth++;
			spec[depth] = t + i + 1;
			slen[depth] = (size_t)(close - t - i - 1);
		}
		i = (size_t)(close - t);
		from = i + 1;
	}
	*runs = r;
	return n;
}

int vrun_voice(const voice *base, const char *spec, size_t n, voice *out)
{
	char arg[64];
	const char *plus;

	snprintf(arg, sizeof(arg), "%.*s", (int)(n > 5 ? n - 5 : 0), spec + 5);
	*out = *base;
	if (n > 5 && !strncmp(spec, "lang:", 5)) {
		plus = strchr(base->espeak, '+');
		snprintf(out->espeak, sizeof(out->espeak), "%.*s%s", (int)(n - 5),
			 spec + 5, plus ? plus : "");
		return 0;
	}
	if (n > 6 && !strncmp(spec, "voice:", 6)) {
		snprintf(arg, sizeof(arg), "%.*s", (int)(n - 6), spec + 6);
		return voice_load(out, arg);
	}
	return err_set(CRIEUR_EVOICE, "bad voice mark '%.*s'", (int)n, spec);
}

void vrun_strip(const char *t, size_t len, int show, char **out, size_t *out_len)
{
	strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < len; i++) {
		const char *close;

		if (t[i] != VMARK) {
			sb_addch(&sb, t[i]);
			continue;
		}
		if (!(close = memchr(t + i + 1, VMARK, len - i - 1)))
			break;
		if (show)
			sb_addf(&sb, close == t + i + 1 ? "</>" : "<%.*s>",
				(int)(close - t - i - 1), t + i + 1);
		i = (size_t)(close - t);
	}
	*out = sb_detach(&sb, out_len);
	if (!*out)
		*out = xstrdup("");
}
