/* spill.h - audio kept on disk instead of in memory.
 *
 * A bulletin synthesizes its speech once, into a spill (an anonymous
 * temporary file of 16-bit samples, what eSpeak NG produces), then mixes
 * and masters from it as often as needed: memory stays bounded whatever
 * the bulletin's length.  The file disappears when the spill is freed or
 * the process dies. */
#ifndef CRIEUR_SPILL_H
#define CRIEUR_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include "audio/stage.h"

typedef struct spill spill;

/* A spill for fmt in $TMPDIR (or /tmp).  CRIEUR_EIO with a detail. */
int spill_new(spill **out, audio_format fmt);
void spill_free(spill *s);

/* Give the spill's storage back now, its frames gone (a read after it is
 * CRIEUR_EIO), while s stays to be freed; NULL does nothing.  For the
 * end of a render: dropping the pages of a long bulletin's spill takes
 * the kernel tens of milliseconds, better spent while the encoders
 * finish than after them. */
void spill_discard(spill *s);

audio_format spill_format(const spill *s);

/* Its frames in all. */
long long spill_length(const spill *s);

/* Append all of src (owned by the caller, in the spill's format) to the
 * spill; *offset and *frames receive where it went.  0 or an error. */
int spill_append(spill *s, audio_stage *src, long long *offset,
		 long long *frames);

/* Take src's frames (src: empty when this process forked a child, which
 * then appended `frames` frames to it) as s's next ones, by reference:
 * nothing is copied.  *offset receives where they went; src is freed
 * either way.  0, or CRIEUR_EINVAL when the formats differ. */
int spill_adopt(spill *s, spill *src, long long frames, long long *offset);

/* Read n frames at frame `at` as float into out; CRIEUR_EIO when they
 * are not all there.  Threads may read at once (not while one appends). */
int spill_read(spill *s, long long at, float *out, long n);

/* A read-ahead cursor over a spill, embedded in a stage that reads it
 * front to back: each pread fetches SPILL_AHEAD_BYTES, and reads inside
 * what was fetched make no system call (a read per mixer block of 1024
 * or 2048 frames was measurable kernel time).  One thread per reader. */
enum { SPILL_AHEAD_BYTES = 32768 };
typedef struct spill_reader {
	spill *s;
	int16_t *pcm;        /* SPILL_AHEAD_BYTES of samples */
	long long from;      /* the first frame in pcm */
	long len;            /* frames in pcm */
} spill_reader;

/* Set up r over s (it must outlive r); spill_reader_release() frees
 * its buffer. */
void spill_reader_init(spill_reader *r, spill *s);
void spill_reader_release(spill_reader *r);

/* As spill_read(), through r's read-ahead. */
int spill_reader_read(spill_reader *r, long long at, float *out, long n);

/* A piece of the spill placed on a timeline. */
typedef struct spill_piece {
	long long at;       /* frame of the output where it starts */
	long long offset;   /* frame of the spill where it is */
	long long frames;
} spill_piece;

/* A stage playing pieces (sorted by `at`, not overlapping) with silence
 * between them, total frames long, in *out.  The spill must outlive the
 * stage; pieces are copied.  Returns 0 (it cannot fail). */
int spill_track_new(audio_stage **out, spill *s, const spill_piece *pieces,
		    size_t n, long long total);

#endif
