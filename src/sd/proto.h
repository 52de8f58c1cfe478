/* proto.h - speech-dispatcher's output-module protocol (0.11): reading
 * the server's commands and formatting the module's replies and events.
 *
 * The server writes LF-terminated lines on the module's stdin:
 *   INIT | QUIT | STOP | PAUSE | LIST VOICES [lang [variant]] |
 *   DEBUG ON file | DEBUG OFF            one line
 *   SPEAK | CHAR | KEY | SOUND_ICON      then a body ended by a "." line
 *                                         (a body line starting with "."
 *                                         has one more "." prepended)
 *   SET | AUDIO | LOGLEVEL               then key=value lines, then "."
 * The module answers each command (codes 2xx ok, 3xx client error, 4xx
 * module error); a multi-line command is acknowledged as soon as its
 * first line arrives (202, 203, 207) and answered again after its ".".
 * Events (700 mark, 701 begin, 702 end, 703 stop, 704 pause, 705 audio)
 * come asynchronously, never between a command and its reply.
 *
 * The reader is a pure function of the bytes fed to it (no I/O), so it
 * can be fuzzed: sd_reader_push() bytes, then sd_reader_next() until it
 * returns 0. */
#ifndef CRIEUR_SD_PROTO_H
#define CRIEUR_SD_PROTO_H

#include <stddef.h>
#include "base/strbuf.h"

enum sd_cmd_type {
	SD_UNKNOWN,      /* any other line: answer SD_ERR_UNKNOWN */
	SD_INIT, SD_QUIT, SD_STOP, SD_PAUSE, SD_LIST_VOICES, SD_DEBUG,
	SD_SPEAK, SD_CHAR, SD_KEY, SD_SOUND_ICON,   /* with a body */
	SD_SET, SD_AUDIO, SD_LOGLEVEL,              /* with parameters */
};

/* Where a command is: its first line (acknowledge it now), or complete. */
enum sd_phase { SD_PHASE_START, SD_PHASE_DONE };

typedef struct sd_param {
	char *key, *value;
} sd_param;

typedef struct sd_cmd {
	enum sd_cmd_type type;
	enum sd_phase phase;
	char *line;          /* the command line, without its LF */
	/* Bodies: the text with dots unescaped, lines joined by LF, the
	 * last LF dropped; NUL-terminated (a NUL byte in it stays). */
	char *text;
	size_t len;
	size_t lines;        /* body lines */
	int truncated;       /* the body passed SD_BODY_MAX: dropped */
	/* Parameters (SET, AUDIO, LOGLEVEL) in order; syntax counts the
	 * lines that were not key=value with a non-empty key and value. */
	sd_param *params;
	size_t n_params;
	size_t syntax;
} sd_cmd;

/* The largest body kept (bytes); longer ones are read and dropped. */
enum { SD_BODY_MAX = 16 << 20 };

typedef struct sd_reader sd_reader;

/* A reader with nothing read yet, in *out; 0 (it cannot fail).
 * sd_reader_free(NULL) does nothing. */
int sd_reader_new(sd_reader **out);
void sd_reader_free(sd_reader *r);

/* Append bytes read from the server. */
void sd_reader_push(sd_reader *r, const char *buf, size_t len);

/* The next command event: 1 with *cmd filled (valid until the next call
 * or sd_reader_free), 0 when more bytes are needed.  A multi-line
 * command gives SD_PHASE_START on its first line, then SD_PHASE_DONE
 * when its "." has come; other commands only SD_PHASE_DONE. */
int sd_reader_next(sd_reader *r, const sd_cmd **cmd);

/* The replies, as the reference implementation words them. */
#define SD_OK_INIT "299 OK LOADED SUCCESSFULLY"
#define SD_ERR_INIT "399 ERR CANT INIT MODULE"
#define SD_OK_RECEIVING_MESSAGE "202 OK RECEIVING MESSAGE"
#define SD_OK_SPEAKING "200 OK SPEAKING"
#define SD_OK_RECEIVING_SETTINGS "203 OK RECEIVING SETTINGS"
#define SD_OK_SETTINGS "203 OK SETTINGS RECEIVED"
#define SD_OK_RECEIVING_AUDIO "207 OK RECEIVING AUDIO SETTINGS"
#define SD_OK_AUDIO "203 OK AUDIO INITIALIZED"
#define SD_OK_RECEIVING_LOGLEVEL "207 OK RECEIVING LOGLEVEL SETTINGS"
#define SD_OK_LOGLEVEL "203 OK LOGLEVEL SET"
#define SD_OK_VOICES "200 OK VOICE LIST SENT"
#define SD_OK_QUIT "210 OK QUIT"
#define SD_ERR_UNKNOWN "300 ERR UNKNOWN COMMAND"
#define SD_ERR_CANT_SPEAK "301 ERROR CANT SPEAK"
#define SD_ERR_SYNTAX "302 ERROR BAD SYNTAX"
#define SD_ERR_PARAM "303 ERROR INVALID PARAMETER OR VALUE"
#define SD_ERR_DEBUG_FILE "303 CANT OPEN CUSTOM DEBUG FILE"
#define SD_ERR_VOICES "304 CANT LIST VOICES"
#define SD_ERR_MULTILINE "305 DATA MORE THAN ONE LINE"
#define SD_ERR_INTERNAL "401 ERROR INTERNAL"

/* The acknowledgement a multi-line command's first line gets. */
const char *sd_ack(enum sd_cmd_type type);

/* Append a 705 AUDIO event for n mono 16-bit little-endian samples at
 * rate to out: the format lines, then "705-AUDIO", a NUL, the bytes with
 * LF and 0x7D escaped (0x7D, then the byte with bit 5 inverted), an LF
 * and "705 AUDIO". */
void sd_format_audio(strbuf *out, const short *samples, size_t n, int rate);

/* Undo the escaping of a 705 payload: in[0..len) to out (which may be
 * in); the decoded length, or (size_t)-1 when an escape is cut off. */
size_t sd_unescape_audio(const char *in, size_t len, char *out);

/* Append "700-name\n700 INDEX MARK\n". */
void sd_format_mark(strbuf *out, const char *name);

#endif
