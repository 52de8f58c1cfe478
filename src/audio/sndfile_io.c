/* sndfile_io.c - WAV/FLAC writer sink and any-format reader stage. */
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"

#include <errno.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int audio_file_type_for(const char *path, enum audio_file_type *type)
{
	const char *dot = strrchr(path, '.');

	if (!strcmp(path, "-") || (dot && !strcasecmp(dot, ".mp3")))
		*type = AUDIO_FILE_MP3;
	else if (dot && !strcasecmp(dot, ".wav"))
		*type = AUDIO_FILE_WAV;
	else if (dot && !strcasecmp(dot, ".flac"))
		*type = AUDIO_FILE_FLAC;
	else if (dot && (!strcasecmp(dot, ".opus") || !strcasecmp(dot, ".ogg")))
		*type = AUDIO_FILE_OPUS;
	else
		return err_set(CRIEUR_EINVAL, "cannot tell the format of '%s': "
			       "use .mp3, .opus, .ogg, .wav or .flac", path);
	return 0;
}

struct sf_writer {
	audio_sink base;
	outfile out;
	SNDFILE *sf;
	int done;
};

static int sf_writer_write(audio_sink *self, const float *buf, long frames)
{
	struct sf_writer *w = (struct sf_writer *)self;

	if (sf_writef_float(w->sf, buf, frames) != frames)
		return err_set(CRIEUR_EIO, "cannot write '%s': %s", w->out.path,
			       sf_strerror(w->sf));
	return 0;
}

static int sf_writer_finish(audio_sink *self)
{
	struct sf_writer *w = (struct sf_writer *)self;
	int err = 0;

	if (sf_close(w->sf))
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", w->out.path,
			      sf_strerror(NULL));
	w->sf = NULL;
	w->done = 1;
	if (err) {
		outfile_abort(&w->out);
		return err;
	}
	return outfile_commit(&w->out);
}

static void sf_writer_abort(audio_sink *self)
{
	struct sf_writer *w = (struct sf_writer *)self;

	if (w->sf)
		sf_close(w->sf);
	w->sf = NULL;
	w->done = 1;
	outfile_abort(&w->out);
}

static void sf_writer_free(audio_sink *self)
{
	struct sf_writer *w = (struct sf_writer *)self;

	if (!w->done)
		sf_writer_abort(self);
	free(w);
}

int sndfile_writer_open(audio_sink **out, const char *path,
			enum audio_file_type type, audio_format fmt)
{
	struct sf_writer *w;
	SF_INFO info = { 0 };
	int err;

	*out = NULL;
	if (!strcmp(path, "-"))
		return err_set(CRIEUR_EINVAL, "only MP3 can be written to "
			       "standard output");
	w = xcalloc(1, sizeof(*w));
	if ((err = outfile_open(&w->out, path))) {
		free(w);
		return err;
	}
	info.samplerate = fmt.rate;
	info.channels = fmt.channels;
	info.format = (type == AUDIO_FILE_FLAC ? SF_FORMAT_FLAC : SF_FORMAT_WAV) |
		      SF_FORMAT_PCM_16;
	w->sf = sf_open_fd(w->out.fd, SFM_WRITE, &info, 0);
	if (!w->sf) {
		err = err_set(CRIEUR_EIO, "cannot write '%s': %s", path,
			      sf_strerror(NULL));
		outfile_abort(&w->out);
		free(w);
		return err;
	}
	sf_command(w->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	w->base.fmt = fmt;
	w->base.write = sf_writer_write;
	w->base.finish = sf_writer_finish;
	w->base.abort = sf_writer_abort;
	w->base.free = sf_writer_free;
	*out = &w->base;
	return 0;
}

struct sf_reader {
	audio_stage base;
	SNDFILE *sf;
	char *path;
};

static long sf_reader_read(audio_stage *self, float *buf, long frames)
{
	struct sf_reader *r = (struct sf_reader *)self;
	sf_count_t got = sf_readf_float(r->sf, buf, frames);

	if (got < frames && sf_error(r->sf))
		return err_set(CRIEUR_EIO, "cannot read '%s': %s", r->path,
			       sf_strerror(r->sf));
	return (long)got;
}

static void sf_reader_free(audio_stage *self)
{
	struct sf_reader *r = (struct sf_reader *)self;

	sf_close(r->sf);
	free(r->path);
	free(r);
}

/* Open path for reading, with a clear error for a missing file. */
static SNDFILE *open_for_reading(const char *path, SF_INFO *info, int *err)
{
	SNDFILE *sf;

	memset(info, 0, sizeof(*info));
	if (access(path, R_OK)) {
		int e = errno;
		*err = err_set(e == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(e));
		return NULL;
	}
	sf = sf_open(path, SFM_READ, info);
	if (!sf)
		*err = err_set(CRIEUR_EFORMAT, "cannot read audio from '%s': %s",
			       path, sf_strerror(NULL));
	return sf;
}

int sndfile_reader_open(audio_stage **out, const char *path)
{
	SF_INFO info;
	int err = 0;
	SNDFILE *sf = open_for_reading(path, &info, &err);
	struct sf_reader *r;

	*out = NULL;
	if (!sf)
		return err;
	r = xcalloc(1, sizeof(*r));
	r->sf = sf;
	r->path = xstrdup(path);
	r->base.fmt.rate = info.samplerate;
	r->base.fmt.channels = info.channels;
	r->base.read = sf_reader_read;
	r->base.free = sf_reader_free;
	*out = &r->base;
	return 0;
}

int sndfile_probe(const char *path, audio_format *fmt, long long *frames,
		  char *format_name, size_t name_size)
{
	SF_INFO info;
	SF_FORMAT_INFO fi = { 0 };
	int err = 0;
	SNDFILE *sf = open_for_reading(path, &info, &err);

	if (!sf)
		return err;
	fmt->rate = info.samplerate;
	fmt->channels = info.channels;
	*frames = (long long)info.frames;
	fi.format = info.format & SF_FORMAT_TYPEMASK;
	sf_command(sf, SFC_GET_FORMAT_INFO, &fi, sizeof(fi));
	snprintf(format_name, name_size, "%s", fi.name ? fi.name : "unknown");
	sf_close(sf);
	return 0;
}
