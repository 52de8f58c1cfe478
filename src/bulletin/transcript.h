/* transcript.h - timed text beside a bulletin: WebVTT, SRT, chapters JSON.
 *
 * The renderer collects one cue per written sentence (times in seconds on
 * the bulletin's timeline) and one chapter per item, then writes:
 *   OUT.vtt            WebVTT: "WEBVTT", blank line, then per cue
 *                      "HH:MM:SS.mmm --> HH:MM:SS.mmm" and its text
 *   OUT.srt            SubRip: numbered cues, "HH:MM:SS,mmm --> ..."
 *   OUT.chapters.json  Podcasting 2.0 chapters, version 1.2.0
 * Times are rounded to the millisecond; negative times count as 0.  Text
 * is UTF-8; line breaks inside a cue are kept, blank lines dropped (a
 * blank line would end the cue); WebVTT escapes & < > as entities.
 * Files are written atomically (base/outfile.h); errors name the file. */
#ifndef CRIEUR_TRANSCRIPT_H
#define CRIEUR_TRANSCRIPT_H

#include <stddef.h>
#include "base/strbuf.h"

typedef struct transcript_cue {
	double start, end;     /* seconds, end >= start */
	const char *text;      /* UTF-8; NULL counts as "" */
} transcript_cue;

typedef struct transcript_chapter {
	double start;          /* seconds */
	double end;            /* seconds; written as endTime when > start */
	const char *title;     /* UTF-8; NULL counts as "" */
} transcript_chapter;

/* Append the WebVTT / SRT / chapters-JSON text to out.  CRIEUR_EINVAL
 * (naming the cue) when a cue ends before it starts, CRIEUR_EUTF8 for
 * invalid text; out is left as it was on failure. */
int transcript_format_vtt(strbuf *out, const transcript_cue *cue, size_t n);
int transcript_format_srt(strbuf *out, const transcript_cue *cue, size_t n);
int transcript_format_chapters(strbuf *out, const transcript_chapter *ch,
			       size_t n);

/* The same, written to path atomically ("-" is standard output). */
int transcript_write_vtt(const char *path, const transcript_cue *cue,
			 size_t n);
int transcript_write_srt(const char *path, const transcript_cue *cue,
			 size_t n);
int transcript_write_chapters(const char *path, const transcript_chapter *ch,
			      size_t n);

/* Append s as the body of a JSON string (no quotes): " \ and control
 * characters escaped, U+2028/U+2029 as \u escapes, other UTF-8 as is. */
void json_escape(strbuf *out, const char *s);

/* A transcript read back from a WebVTT file: cues own their text. */
typedef struct transcript {
	transcript_cue *cue;
	size_t n;
} transcript;

/* Parse WebVTT text (len bytes): cue timings and text; NOTE, STYLE and
 * REGION blocks are skipped, tags (<v Name>, <b>...) dropped and the
 * entities &amp; &lt; &gt; &nbsp; decoded.  CRIEUR_EFORMAT naming
 * what:line for a missing header or a bad timing line. */
int transcript_parse_vtt(transcript *t, const char *what, const char *data,
			 size_t len);

/* transcript_parse_vtt() on the file at path. */
int transcript_read_vtt(transcript *t, const char *path);

/* Free the cues; the struct is left empty. */
void transcript_release(transcript *t);

#endif
