/* render_cues.c - what the file renderer writes beside the audio: chapters,
 * transcript cues (the written text, timed) and the sidecar files. */
#include "bulletin/render.h"
#include "base/util.h"
#include "bulletin/transcript.h"

#include <stdlib.h>
#include <string.h>

/* Chapters: the intro, each item, the outro. */
void render_chapters(const struct job *j, bulletin_result *res)
{
	const bulletin_spec *s = j->spec;
	double rate = s->out.rate, end = (double)j->tl.total / rate;
	size_t n = 0;

	res->chapters = xcalloc(s->n_items + 2, sizeof(*res->chapters));
	if (s->intro && j->tl.item_at[0] > 0) {
		res->chapters[n].start = 0;
		res->chapters[n++].title = xstrdup("Intro");
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const statement *st = &j->items[i].in->st;
		res->chapters[n].start = (double)j->tl.item_at[i] / rate;
		res->chapters[n++].title = s->items[i].title ? xstrdup(s->items[i].title) :
			xstrndup(st->data + st->lines[0].start, st->lines[0].len);
	}
	if (s->outro) {
		res->chapters[n].start = (double)j->tl.outro_at / rate;
		res->chapters[n++].title = xstrdup("Outro");
	}
	for (size_t i = 0; i < n; i++)
		res->chapters[i].end = i + 1 < n ? res->chapters[i + 1].start : end;
	res->n_chapters = n;
}

/* Trim ASCII and typographic spaces off both ends of s[0..n). */
static void trim_span(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && (s[*a] == ' ' || s[*a] == '\t'))
		(*a)++;
	while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\t' || s[*b - 1] == '\r'))
		(*b)--;
}

/* Length of the opening punctuation mark (« ( “ ‘ „ ‹ [ { " ' < ¿ ¡ or a
 * dialogue dash) that ends s[0..end), or 0. */
static size_t opening_mark_before(const char *s, size_t end)
{
	static const char *const marks[] = {
		"\u00ab", "\u2039", "\u201c", "\u2018", "\u201e", "\u00bf",
		"\u00a1", "\u2014", "\u2013", "(", "[", "{", "\"", "'", "<", "-"
	};

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		size_t n = strlen(marks[i]);

		if (end < n || memcmp(s + end - n, marks[i], n))
			continue;
		/* " ' - open only after a space or another opening mark:
		 * «Fin." "Début» keeps the first " in its sentence */
		if (n == 1 && strchr("\"'-", marks[i][0]) && end > n &&
		    s[end - n - 1] != ' ' && s[end - n - 1] != '\t' &&
		    !opening_mark_before(s, end - n))
			return 0;
		return n;
	}
	return 0;
}

/* Move a cue boundary p back over the opening punctuation (and the spaces
 * after it) of the sentence that starts there: « Nous..., (AFP) Le... */
static size_t cue_boundary(const char *s, size_t p)
{
	for (;;) {
		size_t q = p, k;

		while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '\t'))
			q--;
		while (q >= 2 && !memcmp(s + q - 2, "\u00a0", 2))
			q -= 2;                    /* no-break space */
		while (q >= 3 && !memcmp(s + q - 3, "\u202f", 3))
			q -= 3;                    /* narrow no-break space */
		if (!(k = opening_mark_before(s, q)))
			return p;
		p = q - k;
	}
}

/* Cues: one per synthesized sentence, showing the written text, timed
 * on the bulletin's timeline. */
void render_cues(const struct job *j, bulletin_result *res)
{
	size_t cap = 16, n = 0;

	res->cues = xcalloc(cap, sizeof(*res->cues));
	for (size_t i = 0; i < j->spec->n_items; i++) {
		const struct item_state *is = &j->items[i];
		double at = (double)j->tl.item_at[i] / j->spec->out.rate;
		double item_end = at + (double)is->frames / j->spec->out.rate;

		for (size_t c = 0; c < is->n_chunks; c++) {
			const struct chunk *ch = &is->chunks[c], *next =
				c + 1 < is->n_chunks ? &is->chunks[c + 1] : NULL;
			const statement_line *ln = &is->in->st.lines[ch->line];
			const char *src = is->in->st.data + ln->start;
			size_t a = cue_boundary(src, ch->src_start),
			       b = next && next->line == ch->line ?
				cue_boundary(src, next->src_start) : ln->len;

			trim_span(src, &a, &b);
			if (n == cap)
				res->cues = xrealloc(res->cues, (cap *= 2) * sizeof(*res->cues));
			res->cues[n].start = at + ch->seconds;
			res->cues[n].end = next ? at + next->seconds : item_end;
			res->cues[n++].text = xstrndup(src + a, b - a);
		}
	}
	res->n_cues = n;
}

/* OUT without its extension, plus ext. */
static char *sidecar_path(const char *out, const char *ext)
{
	const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
	size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - out) : strlen(out);
	char *p = xcalloc(1, n + strlen(ext) + 1);

	memcpy(p, out, n);
	strcpy(p + n, ext);
	return p;
}

int bulletin_write_sidecars(const bulletin_result *res, const char *out_path,
			    int srt)
{
	transcript_cue *cues = xcalloc(res->n_cues + 1, sizeof(*cues));
	transcript_chapter *ch = xcalloc(res->n_chapters + 1, sizeof(*ch));
	char *vtt = sidecar_path(out_path, ".vtt"), *srtp = sidecar_path(out_path, ".srt");
	char *json = sidecar_path(out_path, ".chapters.json");
	int err = 0;

	if (!strcmp(out_path, "-"))
		goto done;
	for (size_t i = 0; i < res->n_cues; i++)
		cues[i] = (transcript_cue){ res->cues[i].start, res->cues[i].end,
					    res->cues[i].text };
	for (size_t i = 0; i < res->n_chapters; i++)
		ch[i] = (transcript_chapter){ res->chapters[i].start,
					      res->chapters[i].end,
					      res->chapters[i].title };
	err = transcript_write_vtt(vtt, cues, res->n_cues);
	if (!err && srt)
		err = transcript_write_srt(srtp, cues, res->n_cues);
	if (!err)
		err = transcript_write_chapters(json, ch, res->n_chapters);
done:
	free(cues);
	free(ch);
	free(vtt);
	free(srtp);
	free(json);
	return err;
}
