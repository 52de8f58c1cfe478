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
			strbuf sb;
			sb_init(&sb);
			for (size_t d = 1; d <= depth; d++)
				sb_addf(&sb, "%s%.*s", d > 1 ? "|" : "", (int)slen[d], spec[d]);
			if (n == cap)
				r = xrealloc(r, (cap *= 2) * sizeof(*r));
			r[n].start = a;
			r[n].end = b;
			r[n].spec_len = sb.len;
			r[n++].spec = depth ? sb_detach(&sb, NULL) : NULL;
			sb_release(&sb);
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

void vrun_free(struct vrun *runs, size_t n)
{
	for (size_t i = 0; runs && i < n; i++)
		free((char *)runs[i].spec);
	free(runs);
}

/* Apply one mark to *v. */
static int apply_mark(voice *v, const char *spec, size_t n)
{
	char arg[96];

	if (n > 5 && !strncmp(spec, "lang:", 5)) {
		const char *plus = strchr(v->espeak, '+');
		char variant[32];

		snprintf(variant, sizeof(variant), "%s", plus ? plus : "");
		snprintf(v->espeak, sizeof(v->espeak), "%.*s%s", (int)(n - 5), spec + 5,
			 variant);
		return 0;
	}
	if (n > 6 && !strncmp(spec, "voice:", 6)) {
		/* the speaker's rate change (--rate, a slot fit) carries over */
		voice file;
		double scale = !voice_load(&file, v->name) && file.rate ?
			(double)v->rate / file.rate : 1;
		int err, rate;

		snprintf(arg, sizeof(arg), "%.*s", (int)(n - 6), spec + 6);
		if ((err = voice_load(v, arg)))
			return err;
		rate = (int)(v->rate * scale + 0.5);
		v->rate = rate < 80 ? 80 : rate > 450 ? 450 : rate;
		return 0;
	}
	if (n > 8 && !strncmp(spec, "prosody:", 8)) {
		double r = 1, p = 0, vol = 1;
		snprintf(arg, sizeof(arg), "%.*s", (int)(n - 8), spec + 8);
		if (sscanf(arg, "r=%lf,p=%lf,v=%lf", &r, &p, &vol) == 3) {
			int rate = (int)(v->rate * r + 0.5), pitch = (int)(v->pitch + p + 0.5);
			int volume = (int)(v->volume * vol + 0.5);
			v->rate = rate < 80 ? 80 : rate > 450 ? 450 : rate;
			v->pitch = pitch < 0 ? 0 : pitch > 100 ? 100 : pitch;
			v->volume = volume < 0 ? 0 : volume > 200 ? 200 : volume;
			return 0;
		}
	}
	return err_set(CRIEUR_EVOICE, "bad voice mark '%.*s'", (int)n, spec);
}

int vrun_voice(const voice *base, const char *spec, size_t n, voice *out)
{
	size_t a = 0;

	*out = *base;
	while (a < n) {
		const char *bar = memchr(spec + a, '|', n - a);
		size_t b = bar ? (size_t)(bar - spec) : n;
		int err = apply_mark(out, spec + a, b - a);

		if (err)
			return err;
		a = b + 1;
	}
	return 0;
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
