/* feed_read.c - load an existing feed.xml with libxml2's parser. */
#include "publish/feed.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_PODCAST "https://podcastindex.org/namespace/1.0"

/* Whether node is element name in namespace ns (NULL: no namespace). */
static int is(const xmlNode *n, const char *ns, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
		return 0;
	if (!ns)
		return !n->ns;
	return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, ns);
}

/* Replace *dst by node's text content. */
static void take_text(char **dst, const xmlNode *n)
{
	xmlChar *s = xmlNodeGetContent(n);

	free(*dst);
	*dst = xstrdup(s ? (const char *)s : "");
	xmlFree(s);
}

/* Replace *dst by node's attribute name (left alone when absent). */
static void take_attr(char **dst, const xmlNode *n, const char *name)
{
	xmlChar *s = xmlGetProp(n, BAD_CAST name);

	if (!s)
		return;
	free(*dst);
	*dst = xstrdup((const char *)s);
	xmlFree(s);
}

/* "HH:MM:SS", "MM:SS" or seconds. */
static double parse_duration(const char *s)
{
	double v = 0;
	char *end;

	while (*s) {
		v = v * 60 + strtod(s, &end);
		if (end == s)
			break;
		s = *end == ':' ? end + 1 : end;
	}
	return v;
}

static void read_transcript(feed_item *it, const xmlNode *n)
{
	xmlChar *type = xmlGetProp(n, BAD_CAST "type");

	if (type && !strcmp((const char *)type, "text/vtt"))
		take_attr(&it->vtt_url, n, "url");
	else if (type && (!strcmp((const char *)type, "application/x-subrip") ||
			  !strcmp((const char *)type, "application/srt")))
		take_attr(&it->srt_url, n, "url");
	xmlFree(type);
}

/* One <item> into it; what names the feed in f's warnings. */
static void read_item(feed *f, const char *what, feed_item *it,
		      const xmlNode *item)
{
	char *tmp = NULL;

	for (const xmlNode *n = item->children; n; n = n->next) {
		if (is(n, NULL, "title"))
			take_text(&it->title, n);
		else if (is(n, NULL, "description"))
			take_text(&it->description, n);
		else if (is(n, NULL, "guid"))
			take_text(&it->guid, n);
		else if (is(n, NULL, "pubDate")) {
			take_text(&tmp, n);
			if (feed_parse_date(tmp, &it->pub_date)) {
				it->pub_date = 0;
				free(it->pub_date_text);
				it->pub_date_text = xstrdup(tmp);
				sb_addf(&f->warnings, "%s:%d: pubDate '%.60s' is not "
					"an RFC 822 date: kept as it was\n", what,
					n->line, tmp);
			}
		} else if (is(n, NULL, "enclosure")) {
			take_attr(&it->url, n, "url");
			take_attr(&tmp, n, "length");
			it->length = tmp ? atoll(tmp) : 0;
		} else if (is(n, NS_ITUNES, "duration")) {
			take_text(&tmp, n);
			it->duration = parse_duration(tmp);
		} else if (is(n, NS_PODCAST, "transcript"))
			read_transcript(it, n);
		else if (is(n, NS_PODCAST, "chapters"))
			take_attr(&it->chapters_url, n, "url");
	}
	free(tmp);
}

/* itunes:category text, with a nested one as "Parent/Child". */
static void read_category(feed_channel *c, const xmlNode *n)
{
	xmlChar *top = xmlGetProp(n, BAD_CAST "text");

	if (!top || c->category) {
		xmlFree(top);
		return;
	}
	c->category = xstrdup((const char *)top);
	for (const xmlNode *k = n->children; k; k = k->next) {
		xmlChar *sub = is(k, NS_ITUNES, "category") ?
			xmlGetProp(k, BAD_CAST "text") : NULL;

		if (sub) {
			size_t len = strlen(c->category) + strlen((char *)sub) + 2;

			c->category = xrealloc(c->category, len);
			strcat(strcat(c->category, "/"), (const char *)sub);
			xmlFree(sub);
			break;
		}
	}
	xmlFree(top);
}

/* A channel-level element into c (items are handled by the caller). */
static void read_channel_child(feed_channel *c, const xmlNode *n)
{
	char *tmp = NULL;

	if (is(n, NULL, "title"))
		take_text(&c->title, n);
	else if (is(n, NULL, "description"))
		take_text(&c->description, n);
	else if (is(n, NULL, "link"))
		take_text(&c->link, n);
	else if (is(n, NULL, "language"))
		take_text(&c->language, n);
	else if (is(n, NS_ITUNES, "author"))
		take_text(&c->author, n);
	else if (is(n, NS_ITUNES, "image"))
		take_attr(&c->image, n, "href");
	else if (is(n, NS_ITUNES, "category"))
		read_category(c, n);
	else if (is(n, NS_ITUNES, "explicit")) {
		take_text(&tmp, n);
		c->explicit_content = !strcmp(tmp, "true") ||
				      !strcmp(tmp, "yes");
	}
	free(tmp);
}

/* Whether an item before the last has the last one's guid. */
static int guid_seen(const feed *f)
{
	const char *g = f->item[f->n - 1].guid;

	for (size_t i = 0; g && i + 1 < f->n; i++)
		if (f->item[i].guid && !strcmp(f->item[i].guid, g))
			return 1;
	return 0;
}

/* The channel and its items (the first of those sharing a guid). */
static void read_channel(feed *f, const char *what, const xmlNode *channel)
{
	for (const xmlNode *n = channel->children; n; n = n->next) {
		if (is(n, NULL, "item")) {
			f->item = xrealloc(f->item, (f->n + 1) * sizeof(*f->item));
			memset(&f->item[f->n], 0, sizeof(*f->item));
			read_item(f, what, &f->item[f->n++], n);
			if (guid_seen(f)) {
				sb_addf(&f->warnings, "%s:%d: a second item with "
					"guid '%.80s': dropped\n", what, n->line,
					f->item[f->n - 1].guid);
				feed_item_release(&f->item[--f->n]);
			}
		} else {
			read_channel_child(&f->ch, n);
		}
	}
}

int feed_parse(feed *f, const char *what, const char *xml, size_t len)
{
	xmlDocPtr doc;
	const xmlNode *root, *ch = NULL;

	feed_release(f);
	doc = xmlReadMemory(xml, (int)len, what, NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();

		const char *m = e && e->message ? e->message : "parse error";

		return err_set(CRIEUR_EFORMAT, "%s:%d: not well-formed XML: %.*s",
			       what, e ? e->line : 0, (int)strcspn(m, "\n"), m);
	}
	root = xmlDocGetRootElement(doc);
	for (const xmlNode *n = root && is(root, NULL, "rss") ? root->children :
				NULL; n && !ch; n = n->next)
		if (is(n, NULL, "channel"))
			ch = n;
	if (!ch) {
		xmlFreeDoc(doc);
		return err_set(CRIEUR_EFORMAT, "%s: not an RSS feed (no "
			       "<rss><channel>)", what);
	}
	read_channel(f, what, ch);
	xmlFreeDoc(doc);
	return 0;
}

int feed_load(feed *f, const char *path)
{
	char *data;
	size_t len;
	int err = read_file_max(path, MAX_FEED_BYTES, "a feed", &data, &len);

	if (err)
		return err;
	err = feed_parse(f, path, data, len);
	free(data);
	return err;
}
