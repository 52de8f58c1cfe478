/* fuzz_ssml.c - libFuzzer target: SSML as `crieur say` reads it.
 *
 * The path of speech_chain_say_statement(): the bytes become a statement
 * (statement_from_text: UTF-8 checked), ssml_detect() decides (or --ssml
 * forces) SSML, and ssml_parse() normalizes it with the chain's lexicon
 * and normalizer into a sink that does what ssml_queue()'s does: text,
 * pauses, clips and marks queued on a real eSpeak NG synth stage (voice
 * marks split into runs, their voices loaded).  Some inputs are then
 * synthesized, bounded: at most SYNTH_FRAMES_MAX frames of a document of
 * at most SYNTH_BYTES_MAX bytes, so readings that reach eSpeak NG are
 * tried without slowing the fuzzer down.
 *
 * The first byte picks (a printable letter in the seeds, '@' = 0x40):
 *   bit 0  language: 0 French, 1 English (its default voice);
 *   bit 1  synthesize (bounded) what was queued;
 *   bit 2  --ssml: parse even when ssml_detect() says no.
 * Checks: a chunk lies inside its text item, marks reached are the ones
 * queued (in order), samples are finite and within [-1, 1].
 *
 * Audio clips (<audio src>) resolve from samples/ (run from the top of
 * the tree: samples/jingles/sting.flac exists); a path outside samples/
 * is refused here as a missing file would be, so the fuzzer opens no
 * device or FIFO.
 * Build: make fuzz; run: make fuzz FUZZ_TARGETS=fuzz_ssml FUZZ_SECONDS=600
 * (dictionary tests/fuzz/ssml.dict). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/util.h"
#include "speech/chain.h"
#include "speech/ssml.h"
#include "speech/synth.h"
#include "text/statement.h"

enum { SYNTH_BYTES_MAX = 600, SYNTH_FRAMES_MAX = 22050 * 3, MARKS_MAX = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What was queued, to check what synthesis reports against. */
struct queued {
	audio_stage *syn;
	size_t text_len[256];   /* lengths of the first text items */
	size_t n_texts;
	char *marks[MARKS_MAX];
	size_t n_marks, marks_reached;
};

static void q_text(void *ctx, const char *s, size_t n)
{
	struct queued *q = ctx;

	if (q->n_texts < ARRAY_SIZE(q->text_len))
		q->text_len[q->n_texts] = n;
	q->n_texts++;
	synth_add_text(q->syn, s, n);
}

static void q_pause(void *ctx, int ms)
{
	struct queued *q = ctx;

	if (ms < 0 || ms > 60000)
		abort();
	synth_add_pause(q->syn, ms);
}

/* A clip: only under samples/ (no ".."), else what a missing file says. */
static int q_audio(void *ctx, const char *path)
{
	struct queued *q = ctx;

	if (strncmp(path, "samples/", 8) || strstr(path, ".."))
		return err_set(CRIEUR_ENOENT, "cannot open '%s': outside samples/ "
			       "(fuzz_ssml)", path);
	return synth_add_audio(q->syn, path);
}

static void q_mark(void *ctx, const char *name)
{
	struct queued *q = ctx;

	if (q->n_marks < MARKS_MAX)
		q->marks[q->n_marks] = xstrdup(name);
	q->n_marks++;
	synth_add_mark(q->syn, name);
}

/* A chunk is a slice of the text item it names. */
static void on_chunk(void *ctx, size_t text_index, size_t start, size_t end,
		     long long frame)
{
	struct queued *q = ctx;

	if (text_index >= q->n_texts || start > end || frame < 0 ||
	    (text_index < ARRAY_SIZE(q->text_len) && end > q->text_len[text_index]))
		abort();
}

/* Marks are reached in the order they were queued. */
static void on_mark(void *ctx, const char *name, long long frame)
{
	struct queued *q = ctx;
	size_t i = q->marks_reached++;

	if (i >= q->n_marks || frame < 0 ||
	    (i < MARKS_MAX && strcmp(q->marks[i], name)))
		abort();
}

/* Read at most SYNTH_FRAMES_MAX frames; samples are finite, in range. */
static void synthesize(audio_stage *syn)
{
	static float buf[4096];
	long total = 0, got;

	while (total < SYNTH_FRAMES_MAX &&
	       (got = stage_read(syn, buf, (long)ARRAY_SIZE(buf))) > 0) {
		for (long i = 0; i < got; i++)
			if (!isfinite(buf[i]) || buf[i] < -1 || buf[i] > 1)
				abort();
		total += got;
	}
}

/* The chain's lexicon and voice for a language, loaded once. */
struct lang_setup {
	const char *lang;
	lexicon *lex;
	voice v;
};

static struct lang_setup *setup(int english)
{
	static struct lang_setup langs[2] = { { "fr", NULL, { 0 } },
					      { "en", NULL, { 0 } } };
	struct lang_setup *l = &langs[english];

	if (!l->lex) {
		speech_options so = SPEECH_OPTIONS_INIT;
		const char *lang;

		so.lang = l->lang;
		if (speech_pick_voice(&so, &l->v, &lang) ||
		    speech_lexicon_load(&so, l->lang, &l->lex))
			abort();
	}
	lex_forget_mentions(l->lex);   /* each input is a new chain */
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	speech_options so = SPEECH_OPTIONS_INIT;
	struct queued q = { 0 };
	ssml_sink sink = { &q, q_text, q_pause, q_audio, q_mark };
	struct lang_setup *l;
	normalizer *norm;
	statement st;
	int sel;

	if (!size)
		return 0;
	sel = data[0];
	if (statement_from_text(&st, "samples/fuzz.ssml",
				xstrndup((const char *)data + 1, size - 1), size - 1)) {
		statement_release(&st);
		return 0;
	}
	if (!(sel & 4) && !ssml_detect(st.data, st.len)) {
		statement_release(&st);   /* plain text: fuzz_normalize's */
		return 0;
	}
	l = setup(sel & 1);
	if (speech_normalizer_new(&norm, &so, l->lang, l->lex) ||
	    synth_new(&q.syn, &l->v))
		abort();
	synth_set_chunk_callback(q.syn, on_chunk, &q);
	synth_set_mark_callback(q.syn, on_mark, &q);
	if (ssml_parse(st.data, st.len, st.path, norm, l->lang, &sink) == 0 &&
	    (sel & 2) && st.len <= SYNTH_BYTES_MAX)
		synthesize(q.syn);
	stage_free(q.syn);
	for (size_t i = 0; i < q.n_marks && i < MARKS_MAX; i++)
		free(q.marks[i]);
	norm_free(norm);
	statement_release(&st);
	return 0;
}
