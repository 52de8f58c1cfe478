/* feed.h - a podcast feed: RSS 2.0 with the iTunes and Podcasting 2.0
 * namespaces, read with libxml2's parser and written with its
 * xmlTextWriter (never by pasting strings).
 *
 * A feed is a channel and its items, newest first.  Loading an existing
 * feed.xml keeps what crieur writes (the elements below); anything else in
 * it is dropped when the feed is written again.
 *
 * Channel: title, link, description, language, atom:link rel="self",
 *   image (url, title, link), itunes:image, itunes:category (a "/" in
 *   category makes a subcategory: "News/Daily News"), itunes:explicit
 *   ("true"/"false"), itunes:author, generator, lastBuildDate.
 * Item: title, description, pubDate (RFC 822, GMT), guid
 *   (isPermaLink="false"), enclosure (url, length in bytes, audio/mpeg),
 *   itunes:duration (HH:MM:SS), podcast:transcript (text/vtt, and
 *   application/x-subrip when an SRT exists), podcast:chapters
 *   (application/json+chapters). */
#ifndef CRIEUR_FEED_H
#define CRIEUR_FEED_H

#include <stddef.h>
#include "base/strbuf.h"

typedef struct feed_channel {
	char *title, *description, *link, *image, *category, *language,
	     *author;
	int explicit_content;   /* itunes:explicit true/false */
} feed_channel;

typedef struct feed_item {
	char *title, *description, *guid;
	long long pub_date;     /* seconds since the epoch, UTC */
	char *pub_date_text;    /* a pubDate read that is not RFC 822: written
				 * back as it was (pub_date is then 0) */
	char *url;              /* the enclosure */
	long long length;       /* the enclosure's exact size in bytes */
	double duration;        /* seconds */
	char *vtt_url, *srt_url, *chapters_url;   /* NULL when absent */
} feed_item;

typedef struct feed {
	feed_channel ch;
	feed_item *item;        /* newest first */
	size_t n;
	strbuf warnings;        /* what loading kept or dropped, one a line:
				 * "feed.xml:12: ..." */
} feed;

void feed_init(feed *f);
void feed_release(feed *f);
void feed_item_release(feed_item *it);

/* Read the feed at path (replacing f's content).  CRIEUR_ENOENT when
 * there is no file; CRIEUR_EFORMAT naming path:line when it is not a
 * well-formed RSS feed. */
int feed_load(feed *f, const char *path);

/* Parse a feed from memory; what names it in errors.  A pubDate that is
 * not RFC 822 is kept as written, and of items sharing a guid only the
 * first is kept: each noted in f->warnings. */
int feed_parse(feed *f, const char *what, const char *xml, size_t len);

/* Add item (f takes its strings; *it is zeroed).  An item with the same
 * enclosure URL is replaced; items are then ordered newest first
 * (stable for equal dates). */
void feed_add(feed *f, feed_item *it);

/* Keep the first `keep` items; the others are moved into *removed
 * (a heap array of *n_removed items the caller releases and frees). */
void feed_trim(feed *f, size_t keep, feed_item **removed, size_t *n_removed);

/* Render the feed as UTF-8 XML into out.  Control characters that XML
 * cannot carry become spaces.  CRIEUR_EINVAL if text is not UTF-8 or
 * libxml2's writer fails. */
int feed_render(const feed *f, strbuf *out);

/* Render, then replace path atomically (temporary + rename): a failure
 * leaves the old feed as it was.  Errors name path. */
int feed_save(const feed *f, const char *path);

/* RFC 822 date ("Mon, 05 Feb 2024 18:00:00 GMT") of t into buf (>= 32). */
void feed_format_date(long long t, char *buf, size_t size);

/* Parse an RFC 822 date (day name optional; zones GMT, UT, Z, +hhmm,
 * -hhmm); 0 or -1 when malformed. */
int feed_parse_date(const char *s, long long *t);

/* Parse an ISO 8601 / ID3 TDRC time ("2024", "2024-02-05",
 * "2024-02-05T18:00", "2024-02-05T18:00:30", read as UTC); 0 or -1. */
int feed_parse_iso_date(const char *s, long long *t);

/* Percent-encode s for one URL path segment (unreserved characters
 * kept), and decode the last segment of url into a new string (NULL if
 * it is empty, "." or "..", or holds '/' or NUL once decoded). */
void url_add_segment(strbuf *out, const char *s);
char *url_last_segment(const char *url);

#endif
