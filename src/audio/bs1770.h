/* bs1770.h - integrated loudness as ITU-R BS.1770-4 defines it (the K
 * filter, 400 ms blocks every 100 ms, the -70 LUFS and -10 LU gates): the
 * figure libebur128's mode I gives, to a few 1e-9 LU, at about a third of
 * its cost.  For the measurements that mastering makes over the whole
 * bulletin on every render (the trial of pass B, the head of pass C, the
 * pilot's trials), where libebur128 was 0.7 s of CPU on a 30-minute
 * bulletin: its K filter's feedback waits on four dependent subtractions
 * per sample, and each sample is summed again into each of the four
 * blocks that hold it.  Here the feedback waits on one, and a sample is
 * summed once, into its 100 ms sub-block.  The true peak and the
 * short-term figures stay with libebur128 (loudness_meter_new()).
 *
 * Channel weights are libebur128's defaults: 1 and 2 channels weigh 1
 * each (mono counts once, as ffmpeg's ebur128 filter counts it); 4: L R
 * Ls Rs; 5: L R C Ls Rs; 3 and 6 to 8: L R C, LFE unused, Ls Rs, the rest
 * unused; surround channels weigh 1.41. */
#ifndef CRIEUR_BS1770_H
#define CRIEUR_BS1770_H

#include "audio/stage.h"

typedef struct bs1770 bs1770;

/* A meter for fmt (1 to 8 channels, 8 kHz and up), or NULL. */
bs1770 *bs1770_new(audio_format fmt);

/* Measure n interleaved frames of x. */
void bs1770_add(bs1770 *m, const float *x, long n);

/* The integrated loudness of the n meters' audio as one programme (their
 * blocks pooled, as libebur128's ebur128_loudness_global_multiple()
 * pools them), in LUFS; -HUGE_VAL when every block is gated out. */
double bs1770_loudness(bs1770 *const *m, int n);

void bs1770_free(bs1770 *m);

#endif
