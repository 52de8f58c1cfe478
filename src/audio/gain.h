/* gain.h - gain stages: a fixed gain, and one settled later from
 * another thread (pass C's gain, while pass B measures). */
#ifndef CRIEUR_AUDIO_GAIN_H
#define CRIEUR_AUDIO_GAIN_H

#include "audio/stage.h"
#include "base/error.h"

/* The largest gain, up or down, a gain stage or a loudness plan takes. */
#define GAIN_MAX_DB 60.0

/* 0 if gain_db is within +-GAIN_MAX_DB (and finite); else CRIEUR_EINVAL
 * with a detail, and src (which the stage would have owned) freed. */
int gain_range_check(double gain_db, audio_stage *src);

/* A stage that multiplies src by 10^(gain_db/20), in *out.  Takes
 * ownership of src; *out is src itself when gain_db is 0.  gain_db must
 * be finite and within +-60 dB: otherwise CRIEUR_EINVAL with a detail
 * recorded, src freed and *out NULL.  The output is not clipped: follow
 * it with a limiter. */
int gain_new(audio_stage **out, audio_stage *src, double gain_db);

/* A gain stage whose gain is settled later, from another thread, while
 * it runs: it starts at gain_db; reads that would go past frame hold_at
 * wait until gain_ctl_settle() or gain_ctl_fail() (or a signal:
 * CRIEUR_EINTR).  Takes ownership of src; the stage goes to *out, and
 * *ctl stays valid as long as the stage.  Returns 0, or CRIEUR_EINVAL on
 * a bad gain or ramp with a detail recorded, src freed and *out NULL. */
typedef struct gain_ctl gain_ctl;
int gain_ctl_new(audio_stage **out, audio_stage *src, double gain_db,
		 long long hold_at, long ramp_frames, gain_ctl **ctl);

/* Settle the gain, once: decide(ctx, pos) is called under the stage's
 * lock with the frame where the change begins, hold_at (or where the
 * stage is, if already past it: never while it holds), and returns the
 * gain in dB for the rest, reached by a linear ramp of ramp_frames from
 * there.  The frames before it keep the first gain however early the
 * gain is settled, so the output does not depend on the threads'
 * timing.  0, or CRIEUR_EINVAL when that gain is out of range (the
 * reader then fails with it too). */
int gain_ctl_settle(gain_ctl *c, double (*decide)(void *ctx, long long pos),
		    void *ctx);

/* Make the stage's reads fail with e (unless settled). */
void gain_ctl_fail(gain_ctl *c, const err_ctx *e);

#endif
