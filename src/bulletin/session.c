/* session.c - a bulletin's items, voices, lexicons and clips, loaded once
 * (session.h). */
#include "bulletin/session.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/ssml.h"
#include "text/guess.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bulletin_item_speech(const bulletin_spec *s, size_t i,
			  const char *written_in, speech_options *out)
{
	const bulletin_item *it = &s->items[i];

	*out = s->speech;
	if (it->voice) {   /* the item's voice speaks its own language */
		out->voice = it->voice;
		out->lang = NULL;
	} else if (!out->voice && !out->lang) {   /* nothing chosen */
		out->lang = written_in;
	}
}

/* Item i of spec: its statement (a file, or the inline text), and the
 * voice and language it is read in.  The caller releases *st. */
static int item_load(const bulletin_spec *s, size_t i, statement *st,
		     voice *v, const char **lang)
{
	const bulletin_item *it = &s->items[i];
	speech_options so;
	int err = it->file ? statement_load(st, it->file) :
		  statement_from_text(st, "inline text",
				      xstrdup(it->text ? it->text : ""),
				      it->text ? strlen(it->text) : 0);

	if (!err && ssml_detect(st->data, st->len))
		err = err_set(CRIEUR_EINVAL, "%s: SSML is spoken by 'crieur say'; "
			      "bulletins read plain statements", st->path);
	bulletin_item_speech(s, i, err ? NULL : lang_guess(st->data, st->len), &so);
	return err ? err : speech_pick_voice(&so, v, lang);
}

int bulletin_session_chain(bulletin_session *ses, size_t i,
			   double rate_factor, audio_format fmt,
			   speech_line_map *maps, speech_chain **out)
{
	const bulletin_spec *s = ses->spec;
	speech_chain_config cfg = { .fmt = fmt, .mode = SPEECH_BULLETIN,
				    .lexicons = ses->lexicons,
				    .to_file = ses->to_file };
	speech_options so;
	int err;

	*out = NULL;
	bulletin_item_speech(s, i, ses->items[i].lang, &so);
	if (rate_factor != 1.0)   /* fitting a slot: the voice's rate scaled */
		so.rate = (int)lrint(ses->items[i].v.rate * rate_factor);
	if ((err = speech_chain_new(out, &so, &cfg)))
		return err;
	if ((err = speech_chain_say_statement(*out, &ses->items[i].st, 0, maps))) {
		speech_chain_free(*out);
		*out = NULL;
	}
	return err;
}

int bulletin_clip_frames(const bulletin_spec *spec, const char *path,
			 long long *out)
{
	audio_format fmt;
	long long frames;
	char name[64];
	int err;

	*out = 0;
	if (!path)
		return 0;
	if ((err = sndfile_probe(path, &fmt, &frames, name, sizeof(name))))
		return err;
	*out = llround((double)frames * spec->out.rate / fmt.rate);
	return 0;
}

int bulletin_open_clip(const bulletin_spec *spec, const char *path,
		       audio_stage **out)
{
	audio_stage *s = NULL;
	int err = sndfile_reader_open(&s, path);

	*out = NULL;
	if (err)
		return err;
	if ((err = resample_new(&s, s, spec->out.rate)))
		return err;
	return channel_map_new(out, s, spec->out.channels);
}

int bulletin_session_open(bulletin_session **out, const bulletin_spec *spec)
{
	bulletin_session *ses;
	lexicon *lex;
	voice q;
	int err;

	*out = NULL;
	if (!spec->n_items)
		return err_set(CRIEUR_EEMPTY, "the bulletin has no items");
	ses = xcalloc(1, sizeof(*ses));
	ses->spec = spec;
	ses->items = xcalloc(spec->n_items, sizeof(*ses->items));
	speech_lexicons_new(&ses->lexicons, &spec->speech);
	err = spec->speech.quote_voice ? voice_load(&q, spec->speech.quote_voice) : 0;
	for (size_t i = 0; i < spec->n_items && !err; i++) {
		bulletin_session_item *it = &ses->items[i];

		if (!(err = item_load(spec, i, &it->st, &it->v, &it->lang)))
			err = speech_lexicons_get(ses->lexicons, it->lang, &lex);
	}
	if (!err && !(err = bulletin_clip_frames(spec, spec->intro, &ses->intro)) &&
	    !(err = bulletin_clip_frames(spec, spec->outro, &ses->outro)))
		err = bulletin_clip_frames(spec, spec->sting, &ses->sting);
	if (err) {
		bulletin_session_free(ses);
		return err;
	}
	*out = ses;
	return 0;
}

void bulletin_session_free(bulletin_session *ses)
{
	if (!ses)
		return;
	for (size_t i = 0; i < ses->spec->n_items; i++)
		statement_release(&ses->items[i].st);
	free(ses->items);
	speech_lexicons_free(ses->lexicons);
	free(ses);
}
