/* encode_mp3_parallel.h - one MP3 stream encoded in segments on several
 * cores.
 *
 * The PCM is cut into segments at MP3 frame boundaries.  Each segment is
 * encoded by its own LAME instance, started a few frames early (the
 * pre-roll primes LAME's delay line, MDCT overlap and psychoacoustic
 * state; those frames are dropped) and run a few frames past its end.
 * The frames are then joined in order into one stream: each frame's main
 * data is laid out again across the bit reservoir (main_data_begin
 * rewritten), and the join between two segments is made at the first
 * frame of the overlap where the stream so far leaves the next segment
 * the reservoir its encoder counted on.  The result decodes like one
 * continuous encode; mp3_par_info_frame() gives the LAME/Xing info frame
 * for the whole of it. */
#ifndef CRIEUR_ENCODE_MP3_PARALLEL_H
#define CRIEUR_ENCODE_MP3_PARALLEL_H

#include <lame/lame.h>
#include <stddef.h>
#include "audio/encode_mp3.h"

/* n new LAME encoders configured for fmt and opt into out[0, n)
 * (encode_mp3.c; info: LAME writes its own info frame), or all NULL and
 * an error with a detail.  LAME's start-up writes tables that all its
 * encoders read, so encoders start while no encoding call is under way:
 * the n of one call start together, in one such pause. */
int mp3_lame_new(lame_global_flags **out, int n, audio_format fmt,
		 const mp3_options *opt, int info);
/* How many times, in this process, encoding calls were paused for
 * encoders to start (for tests). */
long mp3_lame_pauses(void);

/* Around every call that encodes (lame_encode_buffer*()): any number of
 * threads at once, but not while an encoder starts. */
void mp3_lame_enter(void);
void mp3_lame_leave(void);

/* lame_encode_flush() between mp3_lame_enter() and mp3_lame_leave(). */
int mp3_lame_flush(lame_global_flags *l, unsigned char *out, size_t size);

/* The encoder threads a parallel encoder asked for `jobs` runs: at most
 * MP3_PAR_MAX_JOBS, and no more than keep the PCM it holds within 16 MB
 * with segments of 128 frames or more: 9 in stereo (21 in mono, over the
 * cap).  Each LAME encoder holds about 0.6 MB besides, and the worker's
 * malloc arena more: the peak RSS of `crieur build` on the 30-minute
 * bulletin of make bench rose past 64 MB from 32 threads in mono
 * (69.8 MB) and 16 in stereo (65.8 MB).  More would not be faster there:
 * pass C, which feeds them, is one thread, about five times as fast as
 * one encoder (mono, 64 kbit/s). */
enum { MP3_PAR_MAX_JOBS = 16 };
int mp3_par_jobs(audio_format fmt, int jobs);

/* Input samples per segment (a multiple of 1152, about 20 s at 44.1 kHz
 * and fewer with many jobs or two channels, so that the PCM held stays
 * within 16 MB), for mp3_par_jobs(fmt, jobs) threads, and how many
 * frames either side of each boundary the join may be made at. */
long mp3_par_segment_samples(audio_format fmt, int jobs);
enum { MP3_PAR_WINDOW = 8 };

typedef struct mp3_par mp3_par;

/* A parallel encoder over jobs threads (jobs >= 1; the environment's
 * CRIEUR_MP3_JOIN=merge makes every join by encoding again, for tests) whose stream goes,
 * in order, to put(ctx, bytes, n) (0 or an error code, passed on).
 * Memory stays bounded: at most a few segments are in flight. */
int mp3_par_new(mp3_par **out, audio_format fmt, const mp3_options *opt,
		int jobs, int (*put)(void *ctx, const unsigned char *p, size_t n),
		void *ctx);
int mp3_par_write(mp3_par *p, const float *buf, long frames);
/* Encode what is left and put out the end of the stream. */
int mp3_par_finish(mp3_par *p);
/* The size of the info frame (the stream's first frame size, known at
 * open), to reserve before the audio. */
size_t mp3_par_info_size(const mp3_par *p);
/* After finish: the LAME/Xing info frame for the whole stream (frames,
 * bytes, seek table, encoder delay and padding, music CRC) into buf of
 * mp3_par_info_size() bytes.  0 or an error. */
int mp3_par_info_frame(mp3_par *p, unsigned char *buf);
void mp3_par_free(mp3_par *p);

/* How many joins, in this process, were made by encoding two segments
 * again as one (for tests). */
long mp3_par_merges(void);   /* stops the workers; NULL does nothing */

#endif
