/* publish.c - an episode onto a podcast site: files, feed.xml, index.html. */
#include "publish/publish.h"
#include "audio/id3.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/transcript.h"
#include "publish/feed.h"
#include "publish/page.h"
#include "publish/site.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { COPY_BLOCK = 65536 };

static const char *const sidecar_ext[3] = { ".vtt", ".srt", ".chapters.json" };

/* The episode being published. */
struct episode {
	const char *src;          /* the MP3 given */
	char *stem;               /* src without ".mp3" */
	char *name_stem;          /* its last component */
	char *side[3];            /* existing sidecar paths, else NULL */
	id3_tag *tag;             /* NULL when the MP3 has none */
	uint64_t hash;
	long long size;
	double seconds;
};

static void episode_release(struct episode *e)
{
	free(e->stem);
	free(e->name_stem);
	for (int i = 0; i < 3; i++)
		free(e->side[i]);
	id3_free(e->tag);
}

/* FNV-1a 64 of the file's bytes and its size. */
static int hash_file(const char *path, uint64_t *h, long long *size)
{
	unsigned char *buf;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", path, strerror(errno));
	buf = xcalloc(1, COPY_BLOCK);
	*h = 0xcbf29ce484222325ull;
	*size = 0;
	while ((n = fread(buf, 1, COPY_BLOCK, f)) > 0) {
		for (size_t i = 0; i < n; i++)
			*h = (*h ^ buf[i]) * 0x100000001b3ull;
		*size += (long long)n;
	}
	n = (size_t)ferror(f);
	fclose(f);
	free(buf);
	return n ? err_set(CRIEUR_EIO, "cannot read '%s'", path) : 0;
}

/* Stem, sidecars, size, hash, duration and tag of the MP3. */
static int episode_load(struct episode *e, const char *src)
{
	size_t len = strlen(src);
	const char *slash = strrchr(src, '/');
	audio_format fmt;
	long long frames;
	char name[64];
	int err;

	memset(e, 0, sizeof(*e));
	e->src = src;
	if (len < 5 || strcasecmp(src + len - 4, ".mp3"))
		return err_set(CRIEUR_EINVAL, "'%s' is not an .mp3 file", src);
	e->stem = xstrndup(src, len - 4);
	e->name_stem = xstrdup(slash ? strrchr(e->stem, '/') + 1 : e->stem);
	if ((err = hash_file(src, &e->hash, &e->size)) ||
	    (err = sndfile_probe(src, &fmt, &frames, name, sizeof(name))) ||
	    (err = id3_read_file(src, &e->tag)))
		return err;
	e->seconds = (double)frames / fmt.rate;
	for (int i = 0; i < 3; i++) {
		char *p = xcalloc(1, strlen(e->stem) + 16);

		strcat(strcpy(p, e->stem), sidecar_ext[i]);
		if (access(p, R_OK) == 0)
			e->side[i] = p;
		else
			free(p);
	}
	return 0;
}

/* "DIR/name" in a new string. */
static char *join(const char *dir, const char *name)
{
	char *p = xcalloc(1, strlen(dir) + strlen(name) + 2);

	sprintf(p, "%s/%s", dir, name);
	return p;
}

/* base/ + name percent-encoded, in a new string. */
static char *url_for(const char *base, const char *name)
{
	strbuf sb;

	sb_init(&sb);
	sb_adds(&sb, base);
	sb_addch(&sb, '/');
	url_add_segment(&sb, name);
	return sb_detach(&sb, NULL);
}

/* Copy src to dst atomically, unless they are the same file. */
static int copy_file(const char *src, const char *dst)
{
	struct stat a, b;
	unsigned char *buf;
	FILE *in;
	outfile o;
	size_t n;
	int err;

	if (!stat(src, &a) && !stat(dst, &b) && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return 0;
	if (!(in = fopen(src, "rb")))
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot open '%s': %s", src, strerror(errno));
	if ((err = outfile_open(&o, dst))) {
		fclose(in);
		return err;
	}
	buf = xcalloc(1, COPY_BLOCK);
	while (!err && (n = fread(buf, 1, COPY_BLOCK, in)) > 0)
		if (crieur_interrupted)
			err = err_set(CRIEUR_EINTR, "interrupted");
		else if (fwrite(buf, 1, n, o.f) != n)
			err = err_set(CRIEUR_EIO, "cannot write '%s': %s", dst,
				      strerror(errno));
	if (!err && ferror(in))
		err = err_set(CRIEUR_EIO, "cannot read '%s'", src);
	fclose(in);
	free(buf);
	if (err)
		outfile_abort(&o);
	return err ? err : outfile_commit(&o);
}

/* Replace *dst by a copy of s when s is given. */
static void set(char **dst, const char *s)
{
	if (!s)
		return;
	free(*dst);
	*dst = xstrdup(s);
}

/* The description: the option, COMM, or the chapter titles. */
static char *episode_description(const struct episode *e,
				 const publish_options *opt)
{
	strbuf sb;

	if (opt->episode_description)
		return xstrdup(opt->episode_description);
	if (e->tag && id3_comment(e->tag))
		return xstrdup(id3_comment(e->tag));
	if (!e->tag || !id3_chapter_count(e->tag))
		return NULL;
	sb_init(&sb);
	for (size_t i = 0; i < id3_chapter_count(e->tag); i++) {
		if (i)
			sb_addch(&sb, '\n');
		sb_adds(&sb, id3_chapter_at(e->tag, i)->title);
	}
	return sb_detach(&sb, NULL);
}

/* The publication date: option, TDRC, earlier publication, now. */
static int episode_date(const struct episode *e, const publish_options *opt,
			const feed *f, const char *url, long long *t)
{
	const char *tdrc = e->tag ? id3_get(e->tag, "TDRC") : NULL;

	if (opt->date) {
		if (feed_parse_iso_date(opt->date, t) &&
		    feed_parse_date(opt->date, t))
			return err_set(CRIEUR_EINVAL, "--date '%s' is neither "
				       "ISO 8601 nor RFC 822", opt->date);
		return 0;
	}
	if (tdrc && !feed_parse_iso_date(tdrc, t))
		return 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->item[i].url && !strcmp(f->item[i].url, url)) {
			*t = f->item[i].pub_date;
			return 0;
		}
	*t = (long long)time(NULL);
	return 0;
}

/* The feed item for the episode. */
static int make_item(feed_item *it, const struct episode *e,
		     const publish_options *opt, const char *base, const feed *f)
{
	const char *title = opt->episode_title ? opt->episode_title :
			    e->tag && id3_get(e->tag, "TIT2") ?
			    id3_get(e->tag, "TIT2") : e->name_stem;
	char *name = xcalloc(1, strlen(e->name_stem) + 16);
	char **side[3] = { &it->vtt_url, &it->srt_url, &it->chapters_url };
	strbuf guid;

	memset(it, 0, sizeof(*it));
	it->title = xstrdup(title);
	it->description = episode_description(e, opt);
	sprintf(name, "%s.mp3", e->name_stem);
	it->url = url_for(base, name);
	for (int i = 0; i < 3; i++) {
		sprintf(name, "%s%s", e->name_stem, sidecar_ext[i]);
		*side[i] = e->side[i] ? url_for(base, name) : NULL;
	}
	free(name);
	sb_init(&guid);
	sb_addf(&guid, "crieur:%s:%016llx", e->name_stem,
		(unsigned long long)e->hash);
	it->guid = sb_detach(&guid, NULL);
	it->length = e->size;
	it->duration = e->seconds;
	return episode_date(e, opt, f, it->url, &it->pub_date);
}

/* RSS language from an ISO 639-2 TLAN, or NULL. */
static const char *rss_language(const char *tlan)
{
	static const char *const map[][2] = {
		{ "fra", "fr" }, { "fre", "fr" }, { "eng", "en" },
		{ "deu", "de" }, { "ger", "de" }, { "spa", "es" },
		{ "ita", "it" }, { "nld", "nl" }, { "dut", "nl" },
	};

	for (size_t i = 0; tlan && i < ARRAY_SIZE(map); i++)
		if (!strcmp(tlan, map[i][0]))
			return map[i][1];
	return NULL;
}

/* The channel: options over the existing feed over defaults. */
static void merge_channel(feed_channel *c, const publish_options *opt,
			  const id3_tag *tag, const char *base)
{
	const char *album = tag ? id3_get(tag, "TALB") : NULL;
	const char *artist = tag ? id3_get(tag, "TPE1") : NULL;
	char *link = xcalloc(1, strlen(base) + 2);

	set(&c->title, opt->title);
	set(&c->description, opt->description);
	set(&c->image, opt->image);
	set(&c->category, opt->category);
	set(&c->language, opt->language);
	set(&c->author, opt->author);
	if (opt->explicit_content >= 0)
		c->explicit_content = opt->explicit_content;
	sprintf(link, "%s/", base);
	set(&c->link, link);
	free(link);
	if (!c->title)
		set(&c->title, album ? album : artist ? artist : "crieur");
	if (!c->description)
		set(&c->description, c->title);
	if (!c->language) {
		const char *l = rss_language(tag ? id3_get(tag, "TLAN") : NULL);

		set(&c->language, l ? l : "fr");
	}
	if (!c->author && artist)
		set(&c->author, artist);
}

/* What the page shows of one item, and the memory behind it. */
struct page_item {
	char *name[4];            /* mp3, vtt, srt, chapters: local names */
	char *href[4];            /* the same, percent-encoded */
	transcript tr;
	transcript_chapter *ch;
	id3_tag *tag;
};

/* Fill pi/ep for item it from the files in site (missing ones skipped). */
static void page_item_load(struct page_item *pi, page_episode *ep,
			   const feed_item *it, const char *site)
{
	const char *urls[4] = { it->url, it->vtt_url, it->srt_url,
				it->chapters_url };
	char *path;

	for (int i = 0; i < 4; i++) {
		strbuf sb;

		if (!urls[i] || !(pi->name[i] = url_last_segment(urls[i])))
			continue;
		sb_init(&sb);
		url_add_segment(&sb, pi->name[i]);
		pi->href[i] = sb_detach(&sb, NULL);
	}
	ep->item = it;
	ep->audio_href = pi->href[0] ? pi->href[0] : it->url;
	ep->vtt_href = pi->href[1];
	ep->srt_href = pi->href[2];
	ep->chapters_href = pi->href[3];
	if (pi->name[1]) {
		path = join(site, pi->name[1]);
		if (!transcript_read_vtt(&pi->tr, path))
			ep->cues = &pi->tr;
		free(path);
	}
	path = pi->name[0] ? join(site, pi->name[0]) : NULL;
	if (path && !id3_read_file(path, &pi->tag) && pi->tag) {
		size_t n = id3_chapter_count(pi->tag);

		pi->ch = xcalloc(n + 1, sizeof(*pi->ch));
		for (size_t i = 0; i < n; i++) {
			const id3_chapter *c = id3_chapter_at(pi->tag, i);

			pi->ch[i].start = c->start_ms / 1000.0;
			pi->ch[i].end = c->end_ms / 1000.0;
			pi->ch[i].title = c->title;
		}
		ep->chapters = pi->ch;
		ep->n_chapters = n;
	}
	free(path);
}

/* Regenerate SITE/index.html from the feed. */
static int write_page(const char *site, const feed *f)
{
	struct page_item *pi = xcalloc(f->n + 1, sizeof(*pi));
	page_episode *ep = xcalloc(f->n + 1, sizeof(*ep));
	char *path = join(site, "index.html");
	int err;

	for (size_t i = 0; i < f->n; i++)
		page_item_load(&pi[i], &ep[i], &f->item[i], site);
	err_clear();
	err = page_write(path, &f->ch, ep, f->n);
	for (size_t i = 0; i < f->n; i++) {
		for (int k = 0; k < 4; k++) {
			free(pi[i].name[k]);
			free(pi[i].href[k]);
		}
		transcript_release(&pi[i].tr);
		free(pi[i].ch);
		id3_free(pi[i].tag);
	}
	free(pi);
	free(ep);
	free(path);
	return err;
}

/* Check the options; base receives the URL without trailing '/'. */
static int check_options(const publish_options *opt, char **base)
{
	struct stat st;
	size_t len;

	if (!opt->site || !*opt->site)
		return err_set(CRIEUR_EINVAL, "no site directory (--site DIR)");
	if (!opt->base_url || (strncmp(opt->base_url, "http://", 7) &&
			       strncmp(opt->base_url, "https://", 8)))
		return err_set(CRIEUR_EINVAL, "--base-url '%s' is not an http(s) "
			       "URL", opt->base_url ? opt->base_url : "");
	if (opt->keep < 0)
		return err_set(CRIEUR_EINVAL, "--keep %d: not a count", opt->keep);
	if (mkdir(opt->site, 0777) && errno != EEXIST)
		return err_set(errno == ENOENT ? CRIEUR_ENOENT : CRIEUR_EIO,
			       "cannot create directory '%s': %s", opt->site,
			       strerror(errno));
	if (stat(opt->site, &st) || !S_ISDIR(st.st_mode))
		return err_set(CRIEUR_EINVAL, "'%s' is not a directory",
			       opt->site);
	len = strlen(opt->base_url);
	while (len > 8 && opt->base_url[len - 1] == '/')
		len--;
	*base = xstrndup(opt->base_url, len);
	return 0;
}

/* Copy the MP3 and its sidecars into site, recording them under guid;
 * the new episode's VTT must parse. */
static int copy_episode(const struct episode *e, const char *site,
			const char *guid, site_record *rec, int *n)
{
	char *name = xcalloc(1, strlen(e->name_stem) + 16), *dst;
	int err = 0;

	*n = 0;
	if (e->side[0]) {
		transcript tr;

		if (!(err = transcript_read_vtt(&tr, e->side[0])))
			transcript_release(&tr);
	}
	for (int i = -1; i < 3 && !err; i++) {
		if (i >= 0 && !e->side[i])
			continue;
		sprintf(name, "%s%s", e->name_stem, i < 0 ? ".mp3" :
			sidecar_ext[i]);
		if (!site_name_ok(name)) {
			err = err_set(CRIEUR_EINVAL, "'%s': cannot publish a file "
				      "named '%s'", e->src, name);
			break;
		}
		site_record_add(rec, guid, name);
		dst = join(site, name);
		err = crieur_interrupted ? err_set(CRIEUR_EINTR, "interrupted") :
			copy_file(i < 0 ? e->src : e->side[i], dst);
		free(dst);
		*n += i >= 0 && !err;
	}
	free(name);
	return err;
}

/* Load the site's feed (an absent one is an empty feed). */
static int load_site_feed(feed *f, const char *path)
{
	int err = feed_load(f, path);

	if (err == CRIEUR_ENOENT) {
		feed_init(f);
		err_clear();
		return 0;
	}
	return err;
}

/* Whether the feed (ctx) still has an item with this guid. */
static int feed_has_guid(void *ctx, const char *guid)
{
	const feed *f = ctx;

	for (size_t i = 0; i < f->n; i++)
		if (f->item[i].guid && !strcmp(f->item[i].guid, guid))
			return 1;
	return 0;
}

/* Pass the feed's warnings, one line a call, to opt->warn. */
static void tell_warnings(const publish_options *opt, const strbuf *w)
{
	const char *p = w->len ? w->buf : NULL;

	while (opt->warn && p && *p) {
		const char *nl = strchr(p, '\n');
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));

		opt->warn(opt->warn_ctx, line);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

/* The locked part: read the feed and record, copy, write them back,
 * delete the files of the episodes dropped. */
static int publish_locked(struct episode *e, const publish_options *opt,
			  const char *base, feed *f, publish_report *rep)
{
	char *feed_path = join(opt->site, "feed.xml");
	feed_item it = { 0 }, *gone = NULL;
	size_t n_gone = 0;
	site_record rec;
	int err, sidecars = 0;

	memset(&rec, 0, sizeof(rec));
	if (!(err = load_site_feed(f, feed_path)))
		tell_warnings(opt, &f->warnings);
	if (!err &&
	    !(err = site_record_load(&rec, opt->site)) &&
	    !(err = make_item(&it, e, opt, base, f)) &&
	    !(err = copy_episode(e, opt->site, it.guid, &rec, &sidecars)) &&
	    !(err = site_record_save(&rec, opt->site))) {
		merge_channel(&f->ch, opt, e->tag, base);
		feed_add(f, &it);
		feed_trim(f, opt->keep ? (size_t)opt->keep :
			  PUBLISH_KEEP_DEFAULT, &gone, &n_gone);
		if (crieur_interrupted)
			err = err_set(CRIEUR_EINTR, "interrupted before '%s' was "
				      "written: the site is as it was", feed_path);
		if (!err && !(err = feed_save(f, feed_path)) &&
		    !(err = write_page(opt->site, f))) {
			site_record_prune(&rec, opt->site, feed_has_guid, f);
			err = site_record_save(&rec, opt->site);
		}
	}
	*rep = (publish_report){ (int)f->n, (int)n_gone, sidecars };
	for (size_t i = 0; i < n_gone; i++)
		feed_item_release(&gone[i]);
	free(gone);
	feed_item_release(&it);
	site_record_release(&rec);
	free(feed_path);
	return err;
}

int publish_episode(const char *mp3, const publish_options *opt,
		    publish_report *report)
{
	struct episode e;
	publish_report rep;
	feed f;
	char *base = NULL;
	int err, lock = -1;

	feed_init(&f);
	memset(&e, 0, sizeof(e));
	if (!(err = check_options(opt, &base)) &&
	    !(err = episode_load(&e, mp3)) &&
	    !(err = site_lock(opt->site, &lock)))
		err = publish_locked(&e, opt, base, &f, &rep);
	site_unlock(lock);
	if (report && !err)
		*report = rep;
	feed_release(&f);
	episode_release(&e);
	free(base);
	return err;
}
