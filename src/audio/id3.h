/* id3.h - ID3v2.4 tags in memory: text frames, comment, cover, chapters.
 *
 * An id3_tag collects what a bulletin's MP3 says about itself:
 *   text frames   TIT2 title, TPE1 artist/station, TALB album/show,
 *                 TDRC date ("2024-02-05" or "2024-02-05T18:00"),
 *                 TLAN language (ISO 639-2: "fra", "eng"), any other T***
 *   COMM          a comment with its language (crieur puts the headlines
 *                 there, one per line)
 *   APIC          an optional front cover (JPEG or PNG)
 *   CHAP + CTOC   chapters: one CHAP per chapter (element ids "ch0",
 *                 "ch1"..., start/end in ms, an embedded TIT2 title) and a
 *                 top-level, ordered CTOC ("toc") listing them in order.
 * Text is UTF-8 (encoding byte 0x03); sizes are sync-safe; no
 * unsynchronisation, no extended header.  At most 255 chapters (CTOC's
 * entry count is one byte).
 *
 * id3_render() produces the bytes; id3_parse() reads a tag back (v2.3 and
 * v2.4; the frames above, others are skipped), so `crieur publish` can
 * take an episode's title, date, headlines and chapters from its MP3. */
#ifndef CRIEUR_ID3_H
#define CRIEUR_ID3_H

#include <stddef.h>
#include "base/strbuf.h"

typedef struct id3_tag id3_tag;

typedef struct id3_chapter {
	unsigned start_ms, end_ms;
	char *title;            /* UTF-8; never NULL ("" when untitled) */
} id3_chapter;

enum {
	ID3_HEADER_SIZE = 10,
	ID3_MAX_CHAPTERS = 255,
	ID3_MAX_SIZE = 0x0FFFFFFF,  /* largest sync-safe size */
};

/* A new, empty tag in *out; 0 (it cannot fail).  id3_free(NULL) does
 * nothing. */
int id3_new(id3_tag **out);
void id3_free(id3_tag *tag);

/* Set text frame frame_id ("TIT2", "TPE1"...: four characters, 'T'
 * first, not "TXXX") to utf8, replacing any earlier value; NULL or ""
 * removes it.  CRIEUR_EINVAL for a bad id, CRIEUR_EUTF8 for bad text. */
int id3_set(id3_tag *tag, const char *frame_id, const char *utf8);

/* The text of frame_id, or NULL when absent. */
const char *id3_get(const id3_tag *tag, const char *frame_id);

/* The ISO 639-2 code for a language tag ("fr", "fr-BE" -> "fra"; "en",
 * "en-GB" -> "eng"; also de, es, it, nl), "und" when unknown or NULL: for
 * TLAN and the comment's language. */
const char *id3_language_code(const char *lang);

/* Set the comment (COMM, empty description) in language lang (three
 * ASCII letters, ISO 639-2; NULL means "und").  NULL text removes it. */
int id3_set_comment(id3_tag *tag, const char *lang, const char *utf8);

/* The comment text, or NULL. */
const char *id3_comment(const id3_tag *tag);

/* Embed the JPEG or PNG file at path as the front cover (APIC type 3);
 * the type is taken from the file's magic bytes.  NULL path removes it.
 * CRIEUR_ENOENT/EIO naming the file, CRIEUR_EFORMAT if neither type. */
int id3_set_cover(id3_tag *tag, const char *path);

/* The cover's MIME type and bytes, or NULL when there is none. */
const unsigned char *id3_cover(const id3_tag *tag, const char **mime,
			       size_t *len);

/* Append a chapter [start_ms, end_ms) titled title (UTF-8, may be NULL).
 * Chapters are listed in the order added.  CRIEUR_EINVAL if end < start
 * or there are already ID3_MAX_CHAPTERS. */
int id3_add_chapter(id3_tag *tag, unsigned start_ms, unsigned end_ms,
		    const char *title);

/* Remove every chapter. */
void id3_clear_chapters(id3_tag *tag);

/* Number of chapters, and chapter i (NULL when out of range). */
size_t id3_chapter_count(const id3_tag *tag);
const id3_chapter *id3_chapter_at(const id3_tag *tag, size_t i);

/* Append the whole tag (header + frames + `padding` zero bytes) to out.
 * CRIEUR_EINVAL if it would exceed ID3_MAX_SIZE. */
int id3_render_padded(const id3_tag *tag, size_t padding, strbuf *out);

/* id3_render_padded() without padding. */
int id3_render(const id3_tag *tag, strbuf *out);

/* Total size of a tag whose 10-byte header is hdr (header included), or
 * 0 when hdr is not an ID3v2 header. */
size_t id3_tag_size(const unsigned char *hdr);

/* Parse the tag at the start of data (len bytes) into a new *out.  A tag
 * with nothing crieur knows is not an error (an empty tag);
 * CRIEUR_EFORMAT when data does not start with a well-formed ID3v2.3/2.4
 * tag.  *out is NULL on failure. */
int id3_parse(const unsigned char *data, size_t len, id3_tag **out);

/* Read the tag at the start of the file at path.  *out is NULL and the
 * result 0 when the file has no ID3v2 tag; errors name the file. */
int id3_read_file(const char *path, id3_tag **out);

#endif
