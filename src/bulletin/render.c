/* render.c - statements to speech to a file. */
#include "bulletin/render.h"
#include "audio/voicefx.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include "speech/foreign_say.h"
#include "speech/phonemes.h"
#include "speech/ssml.h"
#include "speech/synth.h"
#include "speech/voice.h"
#include "text/normalize.h"

int render_pick_voice(const speech_options *opt, voice *v, const char **lang)
{
	int err = voice_load(v, opt->voice ? opt->voice :
			     voice_default_for(opt->lang ? opt->lang : "fr"));

	if (err)
		return err;
	if (opt->rate)
		v->rate = opt->rate;
	if (opt->pitch >= 0)
		v->pitch = opt->pitch;
	if (opt->volume > 0)
		v->volume = opt->volume;
	*lang = opt->lang ? opt->lang : v->language;
	return 0;
}

int render_lexicon(const speech_options *opt, const char *lang, lexicon **out)
{
	lexicon *lex = phon_lexicon_new(lang);
	int err = 0;

	*out = NULL;
	if (!lex)
		return CRIEUR_EFORMAT;
	for (size_t i = 0; i < opt->n_lexicons && !err; i++)
		err = lex_load_file(lex, opt->lexicons[i], NULL, NULL);
	if (err) {
		lex_free(lex);
		return err;
	}
	*out = lex;
	return 0;
}

int render_normalizer(const speech_options *opt, const char *lang, lexicon *lex,
		      normalizer **out)
{
	int err = norm_new(out, lang);

	if (err)
		return err;
	norm_set_lexicon(*out, lex);
	norm_set_quote_voice(*out, opt->quote_voice);
	if (!strncmp(lang, "fr", 2))     /* foreign_say.h: French text only */
		norm_set_foreign(*out, foreign_say_hook, NULL);
	return 0;
}

int render_queue_statement(audio_stage *syn, normalizer *norm,
			   const statement *st, render_line_map *maps)
{
	strbuf sb;
	int err = 0;

	if (ssml_detect(st->data, st->len))
		return err_set(CRIEUR_EINVAL, "%s: SSML is spoken by 'crieur say'; "
			       "bulletins read plain statements", st->path);
	sb_init(&sb);
	for (size_t l = 0; l < st->n_lines && !err; l++) {
		const struct norm_span *spans;
		size_t n;

		sb_reset(&sb);
		err = norm_line_map(norm, st->data + st->lines[l].start,
				    st->lines[l].len, &sb, &spans, &n);
		if (err)
			break;
		if (maps) {
			maps[l].spans = xcalloc(n + 1, sizeof(*spans));
			memcpy(maps[l].spans, spans, n * sizeof(*spans));
			maps[l].n = n;
		}
		synth_add_text(syn, sb_cstr(&sb), sb.len);
		if (l + 1 < st->n_lines)
			synth_add_pause(syn, l == 0 ? PAUSE_AFTER_HEADLINE :
					PAUSE_AFTER_PARAGRAPH);
	}
	sb_release(&sb);
	return err;
}

/* Queue n statements with a pause between them (SSML ones parsed). */
static int queue_statements(audio_stage *syn, normalizer *norm, const char *lang,
			    statement *st, size_t n, int ssml)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		if (i)
			synth_add_pause(syn, PAUSE_BETWEEN_STATEMENTS);
		if (ssml || ssml_detect(st[i].data, st[i].len))
			err = ssml_queue(syn, st[i].data, st[i].len, st[i].path, norm, lang);
		else
			err = render_queue_statement(syn, norm, &st[i], NULL);
	}
	return err;
}

int render_speech_stage(audio_stage **out, statement *st, size_t n,
			const speech_options *opt, audio_format fmt)
{
	audio_stage *syn = NULL;
	normalizer *norm = NULL;
	lexicon *lex = NULL;
	const char *lang;
	voice v, q;
	int err;

	*out = NULL;
	if ((err = render_pick_voice(opt, &v, &lang)) ||
	    (opt->quote_voice && (err = voice_load(&q, opt->quote_voice))) ||
	    (err = render_lexicon(opt, lang, &lex)) ||
	    (err = render_normalizer(opt, lang, lex, &norm)) ||
	    (err = synth_new(&syn, &v)) ||
	    (err = queue_statements(syn, norm, lang, st, n, opt->ssml))) {
		norm_free(norm);
		lex_free(lex);
		stage_free(syn);
		return err;
	}
	norm_free(norm);
	lex_free(lex);
	syn = voicefx_new(syn, &v.fx);   /* the voice's post-processing */
	if (fmt.rate && !(syn = resample_new(syn, fmt.rate)))
		return CRIEUR_ERESAMPLE;
	*out = channel_map_new(syn, fmt.channels ? fmt.channels : 1);
	return 0;
}


void render_line_maps_free(render_line_map *maps, size_t n)
{
	for (size_t i = 0; maps && i < n; i++)
		free(maps[i].spans);
	free(maps);
}
