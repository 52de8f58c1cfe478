/* loop.h - play an audio file over and over, joined without clicks. */
#ifndef CRIEUR_LOOP_H
#define CRIEUR_LOOP_H

#include "audio/stage.h"

/* A never-ending stage looping the file at path (any format libsndfile
 * reads, at the file's own rate and channels).  Each join crossfades the
 * file's last xfade_ms with its beginning (equal power), so material that
 * was not made to loop joins smoothly; a file made to loop (periodic)
 * loses nothing audible.  Bound it with the mixer's track length.
 * CRIEUR_ENOENT / CRIEUR_EFORMAT naming the file, or CRIEUR_EINVAL for a
 * file too short to loop (under 4 x xfade). */
int loop_open(audio_stage **out, const char *path, double xfade_ms);

#endif
