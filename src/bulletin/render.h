/* render.h - the file renderer's job, shared by its parts (bulletin.c and
 * render_*.c): not part of the library's interface. */
#ifndef CRIEUR_BULLETIN_RENDER_H
#define CRIEUR_BULLETIN_RENDER_H

#include "bulletin/bulletin.h"
#include "audio/gain.h"
#include "audio/loudness.h"
#include "audio/sndfile_io.h"
#include "audio/spill.h"
#include "base/error.h"
#include "bulletin/session.h"
#include "bulletin/timeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

/* A sentence chunk as it was synthesized: its line, its source bytes,
 * where its audio begins (seconds from the item's start). */
struct chunk {
	size_t line, src_start;
	double seconds;
};

/* What the renderer records of an item (its words: the session's). */
struct item_state {
	const bulletin_session_item *in;
	long long spill_off, spill_frames, frames;   /* frames: output */
	speech_line_map *maps;    /* per line: output -> source spans */
	struct chunk *chunks;
	size_t n_chunks, cap_chunks;
};

/* One rendering: the output, the items' records, the speech and the bed
 * in their spills, the timeline, the session they came from. */
struct job {
	const bulletin_spec *spec;
	id3_tag *tag;             /* MP3/Opus output: filled as the layout is known */
	enum audio_file_type type;   /* of the output */
	struct item_state *items;
	spill *sp;                /* speech, mono, at the output rate */
	spill *music;             /* the bed, decoded once, output format */
	long long bed_frames;
	pthread_t bed_thread;     /* decoding it (render_bed_start()) */
	int bed_running;
	err_ctx bed_err;          /* its error, passed to the job's thread */
	int synth_rate;
	double rate_factor;
	timeline tl;
	bulletin_session *ses;       /* items, voices, lexicons, clip lengths */
};

/* The pilot (loudness_pilot) runs on PILOT_PIECES excerpts of
 * PILOT_SECONDS of the speech, spread over the spill, with short fades so
 * that the joins make no peaks.  A bulletin of up to WHOLE_SECONDS is its
 * own excerpt: the whole mix, jingles and bed included, is held in memory
 * (at most 23 MB: 60 s of 48 kHz stereo) and the pilot's gain is exact, so
 * no pass B runs.  Speech excerpts do not stand for a short mix: an intro
 * that is louder than the voice measured -13.9 LUFS against -16 (the
 * first half went out at the speech's gain and the rest could only make
 * up 2 dB), and a short item under a bed, mostly bed, asked the speech
 * for a loudness it cannot reach under the ceiling ("gain +62 dB"). */
enum { PILOT_PIECES = 8, PILOT_SECONDS = 3, WHOLE_SECONDS = 60 };

struct pilot {
	float *x;                 /* the excerpts, mono; or the whole mix */
	long n;
	audio_format fmt;
	double target;            /* for the excerpts (see pilot_new) */
	int whole;                /* x is the whole mix: its gain is exact */
	loudness_curve curve;     /* what its pilots measured on x, for the
				     next (pass B's, at a moved target) */
};

/* Pass B, on a thread of its own beside pass C: the loudness of
 * limiter(gain(mix)) at the pilot's gain, from which a Newton step gives
 * the gain the whole bulletin needs (the limiter takes away up to several
 * LU of eSpeak NG's peaky speech).  Pass C starts at the pilot's gain
 * meanwhile and holds it up to the bulletin's middle (`split`), measuring
 * that half of its own output (loudness_head_new()); pass B runs one
 * trial chain over the second half only, from PASS_B_PREROLL seconds
 * before the split (unmeasured: the ducking and the limiter settle as in
 * the whole mix), and pools the two measurements.  When pass B is done,
 * the rest of pass C glides to the gain that brings the whole to the
 * target (SETTLE_GLIDE_SECONDS); pass C waits a second
 * past the middle if pass B is slower.  Half the mix and limiter that
 * pass B ran over the whole bulletin (0.7 s of CPU on the 30-minute
 * bulletin), and pass B runs at the encoders' priority: at nice 10 it
 * got a sliver of a core while they were busy, then ran alone while
 * pass C waited at the middle and the encoders starved.  The mix itself
 * is not measured (a second meter and a worker thread, with a lock
 * handshake per block, were 1 s of CPU on a 30-minute bulletin);
 * `measured` is the pooled loudness less the pilot's gain. */
enum { PASS_B_PREROLL = 5 };

/* The settled gain is reached by a linear glide of SETTLE_GLIDE_SECONDS
 * from a second past the middle.  The pilot's excerpts (speech alone)
 * can be a dB or more from what the whole needs: the 30-minute bulletin
 * under its bed went out at +9.3 dB for its first half and +6.6 dB
 * after, and over one second, as it was, that fall was heard as the
 * level dropping mid-sentence (-15.7 LUFS before the middle, -16.5
 * after); over ten it is a glide no one hears.  The shortest bulletin
 * that has a pass B (WHOLE_SECONDS) has 29 s left after the hold. */
enum { SETTLE_GLIDE_SECONDS = 10 };

struct pass_b {
	struct job *j;
	struct pilot pilot;
	double target, ceiling, pilot_gain;
	long long split;          /* pass C measures [0, split), B the rest */
	audio_stage *head;        /* pass C's measuring stage (not owned) */
	gain_ctl *ctl;
	pthread_t thread;
	int started;
	atomic_int stop;          /* pass C failed: give up */
	double measured, gain;    /* the results (measured: see above) */
	double wall, cpu;         /* seconds it took (its thread's CPU) */
	err_ctx err;
};

/* render_speech.c */

/* Pass A's runs of items, each synthesized by a process of its own
 * (render_synth_items()): at most SYNTH_GROUPS, each of at least
 * SYNTH_GROUP_BYTES of text. */
enum { SYNTH_GROUPS = 16, SYNTH_GROUP_BYTES = 8192 };

/* Pass A: synthesize every item into a new spill, speaking rate scaled
 * by `factor`, in child processes (see render_speech.c); the bed is
 * decoded meanwhile, the first time. */
int render_synth_items(struct job *j, double factor);

/* Lay out the items (fitting the slot if asked). */
int render_layout(struct job *j, bulletin_result *res);

/* Each item's record points at the session's item. */
void render_item_states(struct job *j);

/* render_mix.c */

/* Decode the bed once, in the output format, into its own spill: every
 * pass then loops it without decoding or resampling again. */
int render_prepare_bed(struct job *j);

/* render_prepare_bed() on a thread of its own, started before anything
 * else (loading the items and eSpeak NG leaves the other cores idle, and
 * pass A's first run no longer waits on the bed); render_bed_wait() for
 * its end, before the mix or the end of the job: err when set (a job
 * that failed first keeps its own message), else the bed's error or 0.
 * Without a bed both do nothing. */
void render_bed_start(struct job *j);
int render_bed_wait(struct job *j, int err);

/* Build the mix for the current timeline, from frame `from` on (0: the
 * whole mix). */
int render_build_mix(struct job *j, long long from, audio_stage **out);

/* render_master.c */

/* Seconds on clock c. */
double render_clock_seconds(clockid_t c);

/* CPU seconds of the whole process so far, with its ended children's. */
double render_process_cpu(void);

/* Pass C: the mix, with gain and limiter, on its own thread; the gain
 * settled by pass B (started here) when there is a loudness target. */
int render_master_chain(struct job *j, struct pass_b *b, audio_stage **out);

/* The pilot and its gain, for pass B and the start of pass C. */
int render_plan_master(struct job *j, struct pass_b *b);

/* Stop pass B if pass C failed (err), wait for it, and give its error
 * (which pass C may have passed on already) or err. */
int render_end_master(struct pass_b *b, int err, bulletin_result *res);

/* render_tags.c */

/* Open the output sink for the spec's format (MP3 with an ID3 tag, Opus
 * with the same tag as Vorbis comments and its R128 track gain). */
int render_open_sink(struct job *j, const char *path, audio_sink **out);

/* Now that the items are known: title, headlines, language, chapters. */
void render_finish_tag(struct job *j, const bulletin_result *res);

/* render_cues.c */

/* Chapters: the intro, each item, the outro. */
void render_chapters(const struct job *j, bulletin_result *res);

/* Cues: one per synthesized sentence, showing the written text, timed
 * on the bulletin's timeline. */
void render_cues(const struct job *j, bulletin_result *res);

#endif
