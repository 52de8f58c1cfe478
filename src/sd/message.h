/* message.h - what speech-dispatcher asks a module to say: the SSML of a
 * SPEAK, cut at its index marks.
 *
 * The server wraps each message in <speak>...</speak> and inserts
 * <mark name="__spd_id_N"/> after sentence ends (index_marking.c); a
 * client in SSML mode may send other elements.  The reader keeps the text
 * and the marks: every other tag is dropped (</s>, </p> and <br/> end a
 * line), comments and processing instructions are skipped, the five XML
 * entities and numeric character references are decoded (an unknown one
 * is kept as written).  Text that does not start with "<speak" is read as
 * plain text, whole.  Pure and bounded: linear in the input, never fails
 * on odd input (an unclosed tag ends the text). */
#ifndef CRIEUR_SD_MESSAGE_H
#define CRIEUR_SD_MESSAGE_H

#include <stddef.h>

typedef struct sd_segment {
	char *text;      /* UTF-8 as given (valid if the input was), may hold LF */
	size_t len;
	char *mark;      /* the mark reached after text, or NULL (last one) */
} sd_segment;

typedef struct sd_message {
	sd_segment *seg;
	size_t n;        /* at least 1 */
} sd_message;

/* Cut msg[0..len) into segments; release with sd_message_release(). */
void sd_message_parse(sd_message *m, const char *msg, size_t len);
void sd_message_release(sd_message *m);

#endif
