/* feed.c - the podcast feed model, dates, URLs and the RSS writer. */
#include "publish/feed.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "text/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/xmlwriter.h>

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"
#define NS_ATOM "http://www.w3.org/2005/Atom"

void feed_init(feed *f)
{
	memset(f, 0, sizeof(*f));
	sb_init(&f->warnings);
}

void feed_item_release(feed_item *it)
{
	free(it->title);
	free(it->description);
	free(it->guid);
	free(it->url);
	free(it->vtt_url);
	free(it->srt_url);
	free(it->chapters_url);
	free(it->pub_date_text);
	memset(it, 0, sizeof(*it));
}

static void channel_release(feed_channel *c)
{
	free(c->title);
	free(c->description);
	free(c->link);
	free(c->image);
	free(c->category);
	free(c->language);
	free(c->author);
	memset(c, 0, sizeof(*c));
}

void feed_release(feed *f)
{
	channel_release(&f->ch);
	for (size_t i = 0; i < f->n; i++)
		feed_item_release(&f->item[i]);
	free(f->item);
	sb_release(&f->warnings);
	feed_init(f);
}

void feed_add(feed *f, feed_item *it)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->item[i].url && it->url && !strcmp(f->item[i].url, it->url))
			break;
	if (i < f->n) {
		feed_item_release(&f->item[i]);
		memmove(&f->item[i], &f->item[i + 1],
			(f->n - i - 1) * sizeof(*f->item));
		f->n--;
	}
	f->item = xrealloc(f->item, (f->n + 1) * sizeof(*f->item));
	for (i = 0; i < f->n && f->item[i].pub_date > it->pub_date; i++)
		;
	memmove(&f->item[i + 1], &f->item[i], (f->n - i) * sizeof(*f->item));
	f->item[i] = *it;
	f->n++;
	memset(it, 0, sizeof(*it));
}

void feed_trim(feed *f, size_t keep, feed_item **removed, size_t *n_removed)
{
	size_t extra = f->n > keep ? f->n - keep : 0;

	*removed = NULL;
	*n_removed = extra;
	if (!extra)
		return;
	*removed = xcalloc(extra, sizeof(**removed));
	memcpy(*removed, &f->item[keep], extra * sizeof(**removed));
	f->n = keep;
}

/* --- dates --- */

static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
				 "Sat" };
static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void feed_format_date(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Zone offset in seconds from "GMT", "+0100"...; -1 when unknown. */
static int zone_offset(const char *z, long *off)
{
	int h, m;

	if (!*z || !strcmp(z, "GMT") || !strcmp(z, "UT") || !strcmp(z, "UTC") ||
	    !strcmp(z, "Z")) {
		*off = 0;
		return 0;
	}
	if ((z[0] != '+' && z[0] != '-') || strlen(z) != 5 ||
	    sscanf(z + 1, "%2d%2d", &h, &m) != 2)
		return -1;
	*off = (z[0] == '-' ? -1 : 1) * (h * 3600L + m * 60L);
	return 0;
}

int feed_parse_date(const char *s, long long *t)
{
	struct tm tm = { 0 };
	char mon[4] = { 0 }, zone[8] = { 0 };
	const char *comma = strchr(s, ',');
	int m, sec = 0;
	long off;

	if (comma)
		s = comma + 1;
	if (sscanf(s, " %d %3s %d %d:%d:%d %7s", &tm.tm_mday, mon, &tm.tm_year,
		   &tm.tm_hour, &tm.tm_min, &sec, zone) < 6 &&
	    sscanf(s, " %d %3s %d %d:%d %7s", &tm.tm_mday, mon, &tm.tm_year,
		   &tm.tm_hour, &tm.tm_min, zone) < 5)
		return -1;
	for (m = 0; m < 12 && strcmp(mon, months[m]); m++)
		;
	if (m == 12 || zone_offset(zone, &off))
		return -1;
	tm.tm_mon = m;
	tm.tm_sec = sec;
	tm.tm_year -= tm.tm_year < 100 ? 0 : 1900;
	*t = (long long)timegm(&tm) - off;
	return 0;
}

/* An ISO 8601 zone suffix ("", "Z", "+01:00", "-0530") in seconds. */
static int iso_zone(const char *z, long *off)
{
	int h, m;

	if (!*z || !strcmp(z, "Z")) {
		*off = 0;
		return 0;
	}
	if ((z[0] != '+' && z[0] != '-') ||
	    (sscanf(z + 1, "%2d:%2d", &h, &m) != 2 &&
	     sscanf(z + 1, "%2d%2d", &h, &m) != 2) ||
	    strlen(z) > 6 || strlen(z) < 5)
		return -1;
	*off = (z[0] == '-' ? -1 : 1) * (h * 3600L + m * 60L);
	return 0;
}

int feed_parse_iso_date(const char *s, long long *t)
{
	struct tm tm = { 0 };
	int v[6] = { 0, 1, 1, 0, 0, 0 }, n = 0, used = 0;
	static const char seps[] = "--T::";
	long off;

	while (n < 6) {
		int len = 0, x;

		if ((n && s[used] != seps[n - 1]) ||
		    sscanf(s + used + (n > 0), "%4d%n", &x, &len) != 1 ||
		    s[used + (n > 0)] < '0' || s[used + (n > 0)] > '9' ||
		    len != (n ? 2 : 4))
			break;
		v[n++] = x;
		used += len + (n > 1);
	}
	if (n < 1 || n == 4 || (n < 4 && s[used]) ||
	    iso_zone(s + used, &off) || v[0] < 1970 || v[1] < 1 || v[1] > 12 ||
	    v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return -1;
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	*t = (long long)timegm(&tm) - off;
	return 0;
}

/* --- URLs --- */

void url_add_segment(strbuf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			sb_addch(out, (char)*p);
		else
			sb_addf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_last_segment(const char *url)
{
	const char *end = url + strcspn(url, "?#"), *s = end;
	strbuf sb;

	while (s > url && s[-1] != '/')
		s--;
	sb_init(&sb);
	for (; s < end; s++) {
		int hi = s[0] == '%' && s + 2 < end + 1 ? hexval(s[1]) : -1;
		int lo = hi >= 0 ? hexval(s[2]) : -1;

		if (lo >= 0) {
			sb_addch(&sb, (char)(hi * 16 + lo));
			s += 2;
		} else {
			sb_addch(&sb, *s);
		}
	}
	if (!sb.len || strlen(sb_cstr(&sb)) != sb.len ||
	    strchr(sb.buf, '/') || !strcmp(sb.buf, ".") ||
	    !strcmp(sb.buf, "..")) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb, NULL);
}

/* --- writing --- */

/* The writer and whether any call failed. */
struct xw {
	xmlTextWriterPtr w;
	int bad;
	strbuf tmp;
};

/* s with characters XML 1.0 cannot carry replaced by spaces. */
static const char *xml_text(struct xw *x, const char *s)
{
	sb_reset(&x->tmp);
	for (; *s; s++)
		sb_addch(&x->tmp, ((unsigned char)*s < 0x20 && *s != '\t' &&
				   *s != '\n' && *s != '\r') ? ' ' : *s);
	return sb_cstr(&x->tmp);
}

static void start(struct xw *x, const char *prefix, const char *name)
{
	x->bad |= (prefix ? xmlTextWriterStartElementNS(x->w, BAD_CAST prefix,
							BAD_CAST name, NULL) :
			    xmlTextWriterStartElement(x->w, BAD_CAST name)) < 0;
}

static void end(struct xw *x)
{
	x->bad |= xmlTextWriterEndElement(x->w) < 0;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	x->bad |= xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
					      BAD_CAST xml_text(x, value)) < 0;
}

/* <prefix:name>text</prefix:name>, nothing when text is NULL. */
static void element(struct xw *x, const char *prefix, const char *name,
		    const char *text)
{
	if (!text)
		return;
	start(x, prefix, name);
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST xml_text(x, text)) < 0;
	end(x);
}

/* An empty element with one or two attributes (NULL names skipped). */
static void empty(struct xw *x, const char *prefix, const char *name,
		  const char *a1, const char *v1, const char *a2,
		  const char *v2)
{
	start(x, prefix, name);
	if (a1 && v1)
		attr(x, a1, v1);
	if (a2 && v2)
		attr(x, a2, v2);
	end(x);
}

/* itunes:category, nested for "Parent/Child". */
static void category(struct xw *x, const char *cat)
{
	const char *slash = strchr(cat, '/');
	char *parent = xstrndup(cat, slash ? (size_t)(slash - cat) : strlen(cat));

	start(x, "itunes", "category");
	attr(x, "text", parent);
	if (slash && slash[1])
		empty(x, "itunes", "category", "text", slash + 1, NULL, NULL);
	end(x);
	free(parent);
}

/* The channel's own elements (before the items). */
static void write_channel(struct xw *x, const feed_channel *c, long long now)
{
	char date[64];
	strbuf self;

	element(x, NULL, "title", c->title ? c->title : "");
	element(x, NULL, "link", c->link ? c->link : "");
	element(x, NULL, "description", c->description ? c->description : "");
	element(x, NULL, "language", c->language);
	sb_init(&self);
	if (c->link) {
		sb_adds(&self, c->link);
		sb_adds(&self, self.len && self.buf[self.len - 1] == '/' ?
				       "feed.xml" : "/feed.xml");
		start(x, "atom", "link");
		attr(x, "href", self.buf);
		attr(x, "rel", "self");
		attr(x, "type", "application/rss+xml");
		end(x);
	}
	sb_release(&self);
	feed_format_date(now, date, sizeof(date));
	element(x, NULL, "lastBuildDate", date);
	element(x, NULL, "generator", "crieur");
	if (c->image) {
		start(x, NULL, "image");
		element(x, NULL, "url", c->image);
		element(x, NULL, "title", c->title ? c->title : "");
		element(x, NULL, "link", c->link ? c->link : "");
		end(x);
		empty(x, "itunes", "image", "href", c->image, NULL, NULL);
	}
	if (c->category)
		category(x, c->category);
	element(x, "itunes", "explicit", c->explicit_content ? "true" : "false");
	element(x, "itunes", "author", c->author);
}

/* itunes:duration as HH:MM:SS. */
static void format_duration(double s, char *buf, size_t size)
{
	long t = (long)(s + 0.5);

	snprintf(buf, size, "%02ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

static void write_item(struct xw *x, const feed_item *it)
{
	char date[64], num[32];

	start(x, NULL, "item");
	element(x, NULL, "title", it->title ? it->title : "");
	element(x, NULL, "description", it->description);
	feed_format_date(it->pub_date, date, sizeof(date));
	element(x, NULL, "pubDate", it->pub_date_text ? it->pub_date_text : date);
	start(x, NULL, "guid");
	attr(x, "isPermaLink", "false");
	x->bad |= xmlTextWriterWriteString(x->w, BAD_CAST xml_text(x,
					   it->guid ? it->guid : "")) < 0;
	end(x);
	snprintf(num, sizeof(num), "%lld", it->length);
	start(x, NULL, "enclosure");
	attr(x, "url", it->url ? it->url : "");
	attr(x, "length", num);
	attr(x, "type", "audio/mpeg");
	end(x);
	format_duration(it->duration, num, sizeof(num));
	element(x, "itunes", "duration", num);
	if (it->vtt_url) {
		empty(x, "podcast", "transcript", "url", it->vtt_url, "type",
		      "text/vtt");
	}
	if (it->srt_url)
		empty(x, "podcast", "transcript", "url", it->srt_url, "type",
		      "application/x-subrip");
	if (it->chapters_url)
		empty(x, "podcast", "chapters", "url", it->chapters_url, "type",
		      "application/json+chapters");
	end(x);
}

/* The <rss> element with its namespaces. */
static void write_rss(struct xw *x, const feed *f)
{
	start(x, NULL, "rss");
	attr(x, "version", "2.0");
	attr(x, "xmlns:itunes", NS_ITUNES);
	attr(x, "xmlns:podcast", NS_PODCAST);
	attr(x, "xmlns:atom", NS_ATOM);
	start(x, NULL, "channel");
	write_channel(x, &f->ch, (long long)time(NULL));
	for (size_t i = 0; i < f->n; i++)
		write_item(x, &f->item[i]);
	end(x);
	end(x);
}

/* Every string of the feed is valid UTF-8. */
static int check_utf8(const feed *f)
{
	const feed_channel *c = &f->ch;
	const char *s[] = { c->title, c->description, c->link, c->image,
			    c->category, c->language, c->author };
	int err = 0;

	for (size_t i = 0; i < ARRAY_SIZE(s) && !err; i++)
		err = s[i] ? utf8_check("feed channel", s[i], strlen(s[i])) : 0;
	for (size_t i = 0; i < f->n && !err; i++) {
		const feed_item *it = &f->item[i];
		const char *t[] = { it->title, it->description, it->guid,
				    it->url, it->vtt_url, it->srt_url,
				    it->chapters_url };

		for (size_t j = 0; j < ARRAY_SIZE(t) && !err; j++)
			err = t[j] ? utf8_check("feed item", t[j],
						strlen(t[j])) : 0;
	}
	return err;
}

int feed_render(const feed *f, strbuf *out)
{
	xmlBufferPtr buf = xmlBufferCreate();
	struct xw x = { 0 };
	int err;

	if ((err = check_utf8(f))) {
		xmlBufferFree(buf);
		return err;
	}
	x.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!x.w) {
		xmlBufferFree(buf);
		return err_set(CRIEUR_ENOMEM, "cannot start the XML writer");
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
	x.bad |= xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0;
	write_rss(&x, f);
	x.bad |= xmlTextWriterEndDocument(x.w) < 0;
	xmlFreeTextWriter(x.w);
	if (!x.bad)
		sb_add(out, xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	sb_release(&x.tmp);
	return x.bad ? err_set(CRIEUR_EINVAL, "the XML writer failed") : 0;
}

int feed_save(const feed *f, const char *path)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	if ((err = feed_render(f, &sb))) {
		char why[512];

		snprintf(why, sizeof(why), "%s", err_detail());
		sb_release(&sb);
		return err_set(err, "cannot write '%s': %s", path, why);
	}
	err = outfile_update_all(path, sb.buf, sb.len);
	sb_release(&sb);
	return err;
}
