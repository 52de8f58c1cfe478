/* module.h - sd_crieur: a speech-dispatcher output module.
 *
 * Reads the server's commands (sd/proto.h) from one descriptor and
 * writes replies and events to another; each message is said on a
 * worker thread (sd/speak.h) and its audio sent back to the server as
 * 705 AUDIO blocks as eSpeak NG produces it, with each index mark (700)
 * sent when the audio before it has all been sent.  STOP ends the audio
 * at once (703), PAUSE at the next "__spd_" mark (704).  Replies and
 * events are written whole, under one lock, and no event is written
 * between a command and its reply. */
#ifndef CRIEUR_SD_MODULE_H
#define CRIEUR_SD_MODULE_H

/* The module's configuration file (speech-dispatcher passes its path):
 * dotconf-style lines, "#" comments:
 *   CrieurDefaultVoice "fr-anchor"    voice when the server names none
 *   CrieurLogLevel 3                  0 quiet .. 5 every command (the
 *                                     server's LOGLEVEL may raise it);
 *                                     to stderr, which the server logs
 * 0, or CRIEUR_ENOENT/EFORMAT with a detail "FILE:LINE: ...". */
typedef struct sd_config {
	char default_voice[64];
	int log_level;
} sd_config;

int sd_config_load(sd_config *c, const char *path);

/* Serve the protocol until QUIT or the end of input.  0 after QUIT or
 * end of input, CRIEUR_EIO when the server is gone (a write failed). */
int sd_module_run(int in_fd, int out_fd, const sd_config *c);

#endif
