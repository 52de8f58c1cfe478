/* sndfile_io.c - WAV/FLAC writer sink and any-format reader stage. */
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
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
	long long pos;    /* frames read so far */
};

static long sf_reader_read(audio_stage *self, float *buf, long frames)
{
	struct sf_reader *r = (struct sf_reader *)self;
	sf_count_t got = sf_readf_float(r->sf, buf, frames);

	if (got < frames && sf_error(r->sf))
		return err_set(CRIEUR_EIO, "cannot read '%s': %s", r->path,
			       sf_strerror(r->sf));
	for (sf_count_t i = 0; i < got * r->base.fmt.channels; i++)
		if (!isfinite(buf[i]))
			return err_set(CRIEUR_EFORMAT, "'%s': a sample that is not "
				       "a number (NaN or infinite) at %.3f s", r->path,
				       (double)(r->pos + i / r->base.fmt.channels) /
				       r->base.fmt.rate);
	r->pos += got;
	return (long)got;
}

static void sf_reader_free(audio_stage *self)
{
	struct sf_reader *r = (struct sf_reader *)self;

	sf_close(r->sf);
	free(r->path);
	free(r);
}

/* Bytes per sample of an uncompressed file, or 0 (compressed: FLAC
 * says PCM_16 too). */
static int pcm_bytes(int format)
{
	switch (format & SF_FORMAT_TYPEMASK) {
	case SF_FORMAT_WAV: case SF_FORMAT_WAVEX: case SF_FORMAT_AIFF:
	case SF_FORMAT_AU: case SF_FORMAT_W64: case SF_FORMAT_RF64:
	case SF_FORMAT_CAF:
		break;
	default:
		return 0;
	}
	switch (format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_S8: case SF_FORMAT_PCM_U8:
	case SF_FORMAT_ULAW: case SF_FORMAT_ALAW: return 1;
	case SF_FORMAT_PCM_16: return 2;
	case SF_FORMAT_PCM_24: return 3;
	case SF_FORMAT_PCM_32: case SF_FORMAT_FLOAT: return 4;
	case SF_FORMAT_DOUBLE: return 8;
	default: return 0;
	}
}

/* Whether the header's claims are believable: a rate in
 * [CLIP_MIN_RATE, CLIP_MAX_RATE], 1 to CLIP_MAX_CHANNELS channels, at most
 * CLIP_MAX_SECONDS, and (uncompressed) no more frames than the file's
 * bytes hold.  0 or CRIEUR_EFORMAT naming path. */
static int check_claims(const char *path, const SF_INFO *info)
{
	struct stat st;
	int bps = pcm_bytes(info->format);
	double secs;

	if (info->samplerate < CLIP_MIN_RATE || info->samplerate > CLIP_MAX_RATE ||
	    info->channels < 1 || info->channels > CLIP_MAX_CHANNELS)
		return err_set(CRIEUR_EFORMAT, "'%s': a header claiming %d Hz and "
			       "%d channels (crieur reads %d to %d Hz, 1 to %d "
			       "channels)", path, info->samplerate, info->channels,
			       CLIP_MIN_RATE, CLIP_MAX_RATE, CLIP_MAX_CHANNELS);
	secs = (double)info->frames / info->samplerate;
	if (secs > CLIP_MAX_SECONDS)
		return err_set(CRIEUR_EFORMAT, "'%s': a header claiming %.1f hours "
			       "(at most %d hours)", path, secs / 3600,
			       CLIP_MAX_SECONDS / 3600);
	if (bps && !stat(path, &st) && S_ISREG(st.st_mode) &&
	    (double)info->frames * info->channels * bps > (double)st.st_size)
		return err_set(CRIEUR_EFORMAT, "'%s': a header claiming %.1f s of "
			       "audio in a file of %lld bytes (damaged?)", path,
			       secs, (long long)st.st_size);
	return 0;
}

/* The length of the MPEG Layer III frame whose header is h, or 0 when h
 * is not one (sync, version, layer, bit rate, sample rate checked). */
static size_t mp3_frame_length(const unsigned char *h)
{
	static const short kbps[2][15] = {
		{ 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320 },
		{ 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160 } };
	static const int rate[3][3] = { { 44100, 48000, 32000 },
					{ 22050, 24000, 16000 },
					{ 11025, 12000, 8000 } };
	int version = (h[1] >> 3) & 3, b = h[2] >> 4, r = (h[2] >> 2) & 3;
	int v = version == 3 ? 0 : version == 2 ? 1 : 2;

	if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0 || version == 1 ||
	    ((h[1] >> 1) & 3) != 1 || !b || b == 15 || r == 3)
		return 0;
	return (size_t)((v ? 72 : 144) * 1000 * kbps[v != 0][b] /
			rate[v][r]) + ((h[2] >> 1) & 1);
}

/* For a path named .mp3: an empty file, or one without an MPEG audio
 * frame in its first MP3_PROBE_BYTES after the ID3v2 tag, is refused
 * with a message of ours (libsndfile would say "File does not exist or is
 * not a regular file", and libmpg123 print notes of its own). */
static int check_mp3(const char *path)
{
	enum { MP3_PROBE_BYTES = 65536 };
	size_t n = strlen(path), got, skip = 0;
	unsigned char *buf;
	FILE *f;
	int found = 0;

	if (n < 4 || strcasecmp(path + n - 4, ".mp3") || !(f = fopen(path, "rb")))
		return 0;
	buf = xcalloc(1, MP3_PROBE_BYTES + 4);
	got = fread(buf, 1, 10, f);
	if (got == 10 && !memcmp(buf, "ID3", 3))
		skip = 10 + ((size_t)(buf[6] & 0x7F) << 21 | (size_t)(buf[7] & 0x7F) << 14 |
			     (size_t)(buf[8] & 0x7F) << 7 | (size_t)(buf[9] & 0x7F));
	if (skip && fseek(f, (long)skip, SEEK_SET) == 0)
		got = fread(buf, 1, MP3_PROBE_BYTES, f);
	else if (!skip)
		got += fread(buf + got, 1, MP3_PROBE_BYTES - got, f);
	fclose(f);
	for (size_t i = 0; i + 4 <= got && !found; i++) {
		size_t len = mp3_frame_length(buf + i);

		/* a frame, and another where it ends (or the file's end) */
		found = len && ((i + len + 4 <= got &&
				 mp3_frame_length(buf + i + len) > 0) ||
				(i + len == got && got < MP3_PROBE_BYTES));
	}
	free(buf);
	if (!got && !skip)
		return err_set(CRIEUR_EFORMAT, "'%s' is empty: not an MP3 file", path);
	return found ? 0 : err_set(CRIEUR_EFORMAT, "'%s' is not an MP3 file: no "
				   "MPEG audio in its first %d KiB", path,
				   MP3_PROBE_BYTES / 1024);
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
	outfile_note_input(path);
	if ((*err = check_mp3(path)))
		return NULL;
	sf = sf_open(path, SFM_READ, info);
	if (!sf)
		*err = err_set(CRIEUR_EFORMAT, "cannot read audio from '%s': %s",
			       path, sf_error(NULL) == SF_ERR_UNRECOGNISED_FORMAT ||
			       strstr(sf_strerror(NULL), "possibly a pipe") ?
			       "not an audio file crieur can read (WAV, FLAC, Ogg, "
			       "MP3...)" : sf_strerror(NULL));
	else if ((*err = check_claims(path, info))) {
		sf_close(sf);
		sf = NULL;
	}
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
