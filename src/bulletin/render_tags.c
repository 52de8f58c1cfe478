/* render_tags.c - the file renderer's output sink and its tag (ID3 for MP3,
 * the same as Vorbis comments for Opus): fixed frames, then title,
 * headlines, language and chapters. */
#include "bulletin/render.h"
#include "audio/id3.h"
#include "audio/sink_file.h"
#include "base/strbuf.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The tag's fixed frames: show, station, date, encoder, cover. */
static int tag_start(struct job *j)
{
	const bulletin_spec *s = j->spec;
	char today[16];
	time_t now = time(NULL);
	struct tm tm;

	strftime(today, sizeof(today), "%Y-%m-%d", localtime_r(&now, &tm));
	id3_new(&j->tag);
	if (s->title)
		id3_set(j->tag, "TALB", s->title);
	id3_set(j->tag, "TPE1", s->artist ? s->artist : "crieur");
	id3_set(j->tag, "TDRC", s->date ? s->date : today);
	id3_set(j->tag, "TSSE", j->type == AUDIO_FILE_MP3 ?
		"crieur (eSpeak NG, LAME)" : "crieur (eSpeak NG, libopusenc)");
	return s->cover ? id3_set_cover(j->tag, s->cover) : 0;
}

enum { TAG_ITEM_ROOM = 512 };   /* bytes: a chapter and a headline */

/* Open the output sink for the spec's format (MP3 with an ID3 tag, Opus
 * with the same tag as Vorbis comments and its R128 track gain). */
int render_open_sink(struct job *j, const char *path, audio_sink **out)
{
	const bulletin_spec *s = j->spec;
	mp3_options mp3 = s->mp3;
	opus_options opus = { .bitrate = s->mp3.bitrate,
			      .track_lufs = s->loudness };
	int err = audio_file_type_for(path, &j->type);

	if (err)
		return err;
	if (j->type == AUDIO_FILE_MP3 || j->type == AUDIO_FILE_OPUS) {
		if ((err = tag_start(j)))
			return err;
		mp3.tag = opus.tag = j->tag;
		/* room for what render_finish_tag() adds once the items are
		 * read: a chapter (a title of at most CHAPTER_TITLE_MAX
		 * bytes) and a headline per item, besides the usual padding.
		 * A tag that outgrows its room makes the writer copy the
		 * whole audio after it at the end (14 MB for 28 minutes, on
		 * the critical path); 18 items' chapters and headlines took
		 * 5.2 kB, past the 4 kB padding alone. */
		if (!mp3.tag_padding)
			mp3.tag_padding = MP3_TAG_PADDING + s->n_items * TAG_ITEM_ROOM;
	}
	return audio_sink_open_file(out, path, s->out, &mp3, &opus);
}

/* A chapter title short enough for players' chapter lists: at most
 * CHAPTER_TITLE_MAX bytes, cut at a space, with an ellipsis.  (Longer
 * embedded frames are also where some readers, ffmpeg among them, lose
 * the chapter.) */
enum { CHAPTER_TITLE_MAX = 100 };
static char *short_title(const char *t)
{
	size_t n = strlen(t), cut = CHAPTER_TITLE_MAX;
	char *out;

	if (n <= CHAPTER_TITLE_MAX)
		return xstrdup(t);
	while (cut > CHAPTER_TITLE_MAX / 2 && t[cut] != ' ')
		cut--;
	while (cut > 0 && ((unsigned char)t[cut] & 0xC0) == 0x80)
		cut--;
	while (cut > 0 && (t[cut - 1] == ' ' || t[cut - 1] == ',' || t[cut - 1] == ':'))
		cut--;
	out = xcalloc(1, cut + 4);
	memcpy(out, t, cut);
	memcpy(out + cut, "\xE2\x80\xA6", 3);   /* … */
	return out;
}

/* Now that the items are known: title, headlines, language, chapters. */
void render_finish_tag(struct job *j, const bulletin_result *res)
{
	const bulletin_spec *s = j->spec;
	strbuf heads;

	if (!j->tag)
		return;
	sb_init(&heads);
	for (size_t i = 0; i < s->n_items; i++) {
		const statement *st = &j->items[i].in->st;
		sb_add(&heads, st->data + st->lines[0].start, st->lines[0].len);
		if (i + 1 < s->n_items)
			sb_addch(&heads, '\n');
	}
	if (s->title)
		id3_set(j->tag, "TIT2", s->title);
	else if (s->items[0].title)
		id3_set(j->tag, "TIT2", s->items[0].title);
	else {
		const statement *st = &j->items[0].in->st;
		char *head = xstrndup(st->data + st->lines[0].start, st->lines[0].len);
		id3_set(j->tag, "TIT2", head);
		free(head);
	}
	id3_set(j->tag, "TLAN", id3_language_code(j->items[0].in->lang));
	id3_set_comment(j->tag, id3_language_code(j->items[0].in->lang), sb_cstr(&heads));
	for (size_t i = 0; i < res->n_chapters; i++) {
		char *t = short_title(res->chapters[i].title);
		id3_add_chapter(j->tag, (unsigned)lrint(res->chapters[i].start * 1000),
				(unsigned)lrint(res->chapters[i].end * 1000), t);
		free(t);
	}
	sb_release(&heads);
}
