/* render.c - statements to speech to a file. */
#include "bulletin/render.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
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

int render_queue_statement(audio_stage *syn, normalizer *norm,
			   const statement *st, render_line_map *maps)
{
	strbuf sb;
	int err = 0;

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

/* Queue n statements with a pause between them. */
static int queue_statements(audio_stage *syn, normalizer *norm,
			    statement *st, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		if (i)
			synth_add_pause(syn, PAUSE_BETWEEN_STATEMENTS);
		err = render_queue_statement(syn, norm, &st[i], NULL);
	}
	return err;
}

int render_speech_stage(audio_stage **out, statement *st, size_t n,
			const speech_options *opt, audio_format fmt)
{
	audio_stage *syn = NULL;
	normalizer *norm = NULL;
	const char *lang;
	voice v;
	int err;

	*out = NULL;
	if ((err = render_pick_voice(opt, &v, &lang)) || (err = norm_new(&norm, lang)) ||
	    (err = synth_new(&syn, &v)) ||
	    (err = queue_statements(syn, norm, st, n))) {
		norm_free(norm);
		stage_free(syn);
		return err;
	}
	norm_free(norm);
	if (fmt.rate && !(syn = resample_new(syn, fmt.rate)))
		return CRIEUR_ERESAMPLE;
	*out = channel_map_new(syn, fmt.channels ? fmt.channels : 1);
	return 0;
}

int render_to_file(statement *st, size_t n, const char *out_path,
		   const render_options *opt, double *seconds)
{
	audio_format fmt = { opt->samplerate ? opt->samplerate : 44100,
			     opt->channels ? opt->channels : 1 };
	enum audio_file_type type;
	audio_stage *src = NULL;
	audio_sink *sink = NULL;
	long long frames = 0;
	int err;

	if ((err = audio_file_type_for(out_path, &type)) ||
	    (err = render_speech_stage(&src, st, n, &opt->speech, fmt)))
		return err;
	err = type == AUDIO_FILE_MP3 ?
		mp3_writer_open(&sink, out_path, fmt, &opt->mp3) :
		sndfile_writer_open(&sink, out_path, type, fmt);
	if (!err)
		err = audio_pump(src, sink, &frames);
	sink_free(sink);
	stage_free(src);
	if (seconds)
		*seconds = (double)frames / fmt.rate;
	return err;
}

void render_line_maps_free(render_line_map *maps, size_t n)
{
	for (size_t i = 0; maps && i < n; i++)
		free(maps[i].spans);
	free(maps);
}
