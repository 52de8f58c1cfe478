/* synth.h - eSpeak NG as a pull stage of float audio (placeholder). */
#ifndef CRIEUR_SYNTH_H
#define CRIEUR_SYNTH_H

#include <signal.h>

/* Set from a signal handler; long operations poll it and fail with
 * CRIEUR_EINTR. */
extern volatile sig_atomic_t synth_interrupted;

#endif
