/* synth.c - eSpeak NG synthesis (placeholder). */
#include "speech/synth.h"

volatile sig_atomic_t synth_interrupted;
