/* play_portaudio.h - the audio device as a sink, over PortAudio.
 *
 * write() copies frames into a lock-free ring buffer (waiting while it is
 * full); PortAudio's callback only copies out of the ring, never
 * allocating, locking or doing I/O.  finish() waits until everything
 * written has been played. */
#ifndef CRIEUR_PLAY_PORTAUDIO_H
#define CRIEUR_PLAY_PORTAUDIO_H

#include <stdio.h>
#include "audio/stage.h"

/* Open the device named by `device` (NULL: the default output; a number:
 * PortAudio's device index; otherwise a case-insensitive substring of the
 * device's name) for fmt.  When the device cannot take fmt.rate, the
 * sink's fmt.rate is the device's own rate: resample to it.
 * buffer_ms sizes the ring (0: PLAYER_BUFFER_MS); playback starts when
 * it is half full or the input ends.  CRIEUR_EDEVICE with a clear detail
 * when there is no device. */
int player_open(audio_sink **out, const char *device, audio_format fmt,
		int buffer_ms);

enum { PLAYER_BUFFER_MS = 500 };

/* Underruns counted so far by a player sink. */
long player_underruns(const audio_sink *s);

/* Print the output devices, one per line: index, name, host API, default
 * rate; the default device is marked with '*'. */
int player_list_devices(FILE *out);

#endif
