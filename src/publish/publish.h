/* publish.h - put an episode on a podcast site: copy, feed, page.
 *
 * publish_episode(mp3, opt) copies the episode MP3 and the sidecars found
 * beside it (same name with .vtt, .srt, .chapters.json in place of .mp3)
 * into opt->site, adds the episode to SITE/feed.xml (creating it, or
 * carrying over the episodes already there), keeps the newest opt->keep
 * and deletes the files of the episodes dropped, then regenerates
 * SITE/index.html.  Every file is replaced atomically; an error before the
 * feed is written leaves the old feed untouched.
 *
 * The episode's metadata comes from the options when given, else from
 * the MP3's ID3 tag:
 *   title        --episode-title, else TIT2, else the file name's stem
 *   description  --episode-description, else COMM (the headlines, one a
 *                line), else the chapter titles one a line
 *   date         --date (ISO 8601 or RFC 822), else TDRC (read as UTC),
 *                else the date of the same file published before, else now
 *   guid         "crieur:STEM:HASH" (FNV-1a 64 of the MP3's bytes): stable
 *                while the file is unchanged
 *   duration     decoded with libsndfile (exact frames / rate)
 * The channel's fields come from the options, else from the existing
 * feed, else: title from TALB, TPE1 or "crieur"; description = title;
 * language from TLAN (fra -> fr, eng -> en...) or "fr"; explicit false. */
#ifndef CRIEUR_PUBLISH_H
#define CRIEUR_PUBLISH_H

enum { PUBLISH_KEEP_DEFAULT = 50 };

typedef struct publish_options {
	const char *site;       /* DIR; created when missing (not its parent) */
	const char *base_url;   /* the public http(s) URL of DIR */
	/* channel: NULL keeps the feed's value */
	const char *title, *description, *image, *category, *language, *author;
	int explicit_content;   /* -1 keeps the feed's (default no), 0, 1 */
	/* episode: NULL takes it from the ID3 tag (see above) */
	const char *episode_title, *episode_description, *date;
	int keep;               /* episodes kept; 0 for PUBLISH_KEEP_DEFAULT */
	/* told what loading the existing feed kept as it was or dropped
	 * ("feed.xml:12: ..."), one message a call; NULL: quiet */
	void (*warn)(void *ctx, const char *msg);
	void *warn_ctx;
} publish_options;

/* What publishing did, for the command's report. */
typedef struct publish_report {
	int episodes;           /* in the feed now */
	int removed;            /* dropped past keep */
	int sidecars;           /* transcript/chapters files copied */
} publish_report;

/* Publish mp3 (see above).  Errors name the file at fault: CRIEUR_ENOENT
 * for a missing MP3, CRIEUR_EFORMAT for an undecodable one or a malformed
 * feed.xml/VTT, CRIEUR_EINVAL for bad options, CRIEUR_EIO.  report may be
 * NULL. */
int publish_episode(const char *mp3, const publish_options *opt,
		    publish_report *report);

#endif
