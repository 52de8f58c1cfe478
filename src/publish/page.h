/* page.h - the show page, DIR/index.html: plain HTML, CSS and a little
 * JavaScript, no build step.
 *
 * One <article> per episode, newest first: its title (h2), date and
 * duration, headlines, an <audio controls preload="metadata"> player (with
 * a <track kind="captions"> when there is a WebVTT file), its chapters as
 * buttons that seek the player (with a media-fragment link, FILE.mp3#t=S,
 * as the no-script fallback), and its transcript under the player: one
 * list item per cue, the cue being spoken marked aria-current="true" and
 * highlighted while it plays; a polite live region announces the chapter
 * change.  All text is escaped (& < > " ').  The page's lang attribute is
 * the channel's language; its labels are French for "fr*", else English. */
#ifndef CRIEUR_PAGE_H
#define CRIEUR_PAGE_H

#include <stddef.h>
#include "base/strbuf.h"
#include "bulletin/transcript.h"
#include "publish/feed.h"

typedef struct page_episode {
	const feed_item *item;         /* title, description, date, duration */
	const char *audio_href;        /* relative to the page: "a.mp3" */
	const char *vtt_href;          /* NULL when none */
	const char *srt_href;          /* NULL when none */
	const char *chapters_href;     /* the JSON file; NULL when none */
	const transcript_chapter *chapters;   /* n_chapters, may be 0 */
	size_t n_chapters;
	const transcript *cues;        /* NULL when there is no transcript */
} page_episode;

/* Append the whole page to out; CRIEUR_EUTF8 for text that is not UTF-8. */
int page_render(strbuf *out, const feed_channel *ch, const page_episode *ep,
		size_t n);

/* Render and write to path atomically; errors name path. */
int page_write(const char *path, const feed_channel *ch,
	       const page_episode *ep, size_t n);

/* Append s to out with & < > " ' as HTML character references. */
void html_escape(strbuf *out, const char *s);

#endif
