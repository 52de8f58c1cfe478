/* test_feed.c - the RSS feed: every element, escaping, parse back, keep-N. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "publish/feed.h"
#include "tmp_path.h"

#define TRICKY "L’OTAN & l’ONU <à> \"Bruxelles\" – été"

/* A feed with a full channel and two items. */
static void sample(feed *f)
{
	feed_item a = { 0 }, b = { 0 };

	feed_init(f);
	f->ch.title = xstrdup("Le journal & <co>");
	f->ch.description = xstrdup("Les nouvelles « fraîches »\x01.");
	f->ch.link = xstrdup("https://example.org/news/");
	f->ch.image = xstrdup("https://example.org/news/cover.jpg");
	f->ch.category = xstrdup("News/Daily News");
	f->ch.language = xstrdup("fr");
	f->ch.author = xstrdup("Radio Crieur");
	f->ch.explicit_content = 0;
	a.title = xstrdup(TRICKY);
	a.description = xstrdup("Titre un\nTitre deux");
	a.guid = xstrdup("crieur:a:0123456789abcdef");
	a.pub_date = 1707156000;   /* Mon, 05 Feb 2024 18:00:00 GMT */
	a.url = xstrdup("https://example.org/news/a%20b.mp3");
	a.length = 412733;
	a.duration = 3725.4;
	a.vtt_url = xstrdup("https://example.org/news/a%20b.vtt");
	a.srt_url = xstrdup("https://example.org/news/a%20b.srt");
	a.chapters_url = xstrdup("https://example.org/news/a%20b.chapters.json");
	b.title = xstrdup("Plus ancien");
	b.guid = xstrdup("crieur:b:1");
	b.pub_date = 1700000000;
	b.url = xstrdup("https://example.org/news/b.mp3");
	b.length = 10;
	b.duration = 59.6;
	feed_add(f, &b);
	feed_add(f, &a);
}

/* The string value of an XPath expression over doc. */
static char *xp(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o;
	char *s;

	xmlXPathRegisterNs(c, BAD_CAST "itunes",
			   BAD_CAST "http://www.itunes.com/dtds/podcast-1.0.dtd");
	xmlXPathRegisterNs(c, BAD_CAST "podcast",
			   BAD_CAST "https://podcastindex.org/namespace/1.0");
	xmlXPathRegisterNs(c, BAD_CAST "atom",
			   BAD_CAST "http://www.w3.org/2005/Atom");
	o = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_non_null(o);
	s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return s;
}

static void expect(xmlDocPtr doc, const char *expr, const char *want)
{
	char *got = xp(doc, expr);

	if (strcmp(got, want))
		fail_msg("%s: got '%s', want '%s'", expr, got, want);
	xmlFree(got);
}

/* feed/elements: every required element, parsed by libxml2. */
static void test_elements(void **state)
{
	feed f;
	strbuf sb;
	xmlDocPtr doc;

	sample(&f);
	sb_init(&sb);
	assert_int_equal(feed_render(&f, &sb), 0);
	doc = xmlReadMemory(sb.buf, (int)sb.len, "feed.xml", NULL, 0);
	assert_non_null(doc);
	expect(doc, "string(/rss/@version)", "2.0");
	expect(doc, "string(/rss/channel/title)", "Le journal & <co>");
	expect(doc, "string(/rss/channel/description)",
	       "Les nouvelles « fraîches » .");
	expect(doc, "string(/rss/channel/link)", "https://example.org/news/");
	expect(doc, "string(/rss/channel/language)", "fr");
	expect(doc, "string(/rss/channel/atom:link[@rel='self']/@href)",
	       "https://example.org/news/feed.xml");
	expect(doc, "string(/rss/channel/image/url)",
	       "https://example.org/news/cover.jpg");
	expect(doc, "string(/rss/channel/itunes:image/@href)",
	       "https://example.org/news/cover.jpg");
	expect(doc, "string(/rss/channel/itunes:category/@text)", "News");
	expect(doc, "string(/rss/channel/itunes:category/itunes:category/@text)",
	       "Daily News");
	expect(doc, "string(/rss/channel/itunes:explicit)", "false");
	expect(doc, "string(/rss/channel/itunes:author)", "Radio Crieur");
	expect(doc, "count(/rss/channel/item)", "2");
	expect(doc, "string(//item[1]/title)", TRICKY);
	expect(doc, "string(//item[1]/description)", "Titre un\nTitre deux");
	expect(doc, "string(//item[1]/pubDate)", "Mon, 05 Feb 2024 18:00:00 GMT");
	expect(doc, "string(//item[1]/guid)", "crieur:a:0123456789abcdef");
	expect(doc, "string(//item[1]/guid/@isPermaLink)", "false");
	expect(doc, "string(//item[1]/enclosure/@url)",
	       "https://example.org/news/a%20b.mp3");
	expect(doc, "string(//item[1]/enclosure/@length)", "412733");
	expect(doc, "string(//item[1]/enclosure/@type)", "audio/mpeg");
	expect(doc, "string(//item[1]/itunes:duration)", "01:02:05");
	expect(doc, "string(//item[1]/podcast:transcript[@type='text/vtt']/@url)",
	       "https://example.org/news/a%20b.vtt");
	expect(doc, "string(//item[1]/podcast:transcript"
	       "[@type='application/x-subrip']/@url)",
	       "https://example.org/news/a%20b.srt");
	expect(doc, "string(//item[1]/podcast:chapters/@type)",
	       "application/json+chapters");
	expect(doc, "string(//item[2]/title)", "Plus ancien");
	expect(doc, "string(//item[2]/itunes:duration)", "00:01:00");
	expect(doc, "count(//item[2]/podcast:transcript)", "0");
	assert_null(strstr(sb.buf, "<co>"));     /* escaped, not pasted */
	xmlFreeDoc(doc);
	sb_release(&sb);
	feed_release(&f);
}

/* feed/roundtrip: written, read back by feed_parse, identical. */
static void test_roundtrip(void **state)
{
	feed f, g;
	strbuf sb;

	sample(&f);
	feed_init(&g);
	sb_init(&sb);
	assert_int_equal(feed_render(&f, &sb), 0);
	assert_int_equal(feed_parse(&g, "feed.xml", sb.buf, sb.len), 0);
	assert_string_equal(g.ch.title, f.ch.title);
	assert_string_equal(g.ch.category, "News/Daily News");
	assert_string_equal(g.ch.image, f.ch.image);
	assert_string_equal(g.ch.author, "Radio Crieur");
	assert_int_equal(g.n, 2);
	assert_string_equal(g.item[0].title, TRICKY);
	assert_string_equal(g.item[0].description, "Titre un\nTitre deux");
	assert_true(g.item[0].pub_date == 1707156000);
	assert_true(g.item[0].length == 412733);
	assert_true(g.item[0].duration == 3725);
	assert_string_equal(g.item[0].srt_url, f.item[0].srt_url);
	assert_string_equal(g.item[0].chapters_url, f.item[0].chapters_url);
	assert_null(g.item[1].vtt_url);
	sb_release(&sb);
	feed_release(&f);
	feed_release(&g);
}

/* feed/order_keep: newest first, same URL replaced, trim. */
static void test_order_keep(void **state)
{
	feed f;
	feed_item it = { 0 }, *gone;
	size_t n;

	sample(&f);
	it.title = xstrdup("remplacé");
	it.url = xstrdup("https://example.org/news/b.mp3");
	it.pub_date = 1800000000;
	feed_add(&f, &it);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.item[0].title, "remplacé");
	assert_string_equal(f.item[1].title, TRICKY);
	feed_trim(&f, 1, &gone, &n);
	assert_int_equal(n, 1);
	assert_int_equal(f.n, 1);
	assert_string_equal(gone[0].title, TRICKY);
	feed_item_release(&gone[0]);
	free(gone);
	feed_trim(&f, 5, &gone, &n);
	assert_int_equal(n, 0);
	assert_null(gone);
	feed_release(&f);
}

/* feed/dates: RFC 822 both ways, zones, ISO 8601. */
static void test_dates(void **state)
{
	char buf[64];
	long long t;

	feed_format_date(0, buf, sizeof(buf));
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	assert_int_equal(feed_parse_date("Mon, 05 Feb 2024 19:00:00 +0100", &t),
			 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_date("5 Feb 2024 18:00 GMT", &t), 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_date("yesterday", &t), -1);
	assert_int_equal(feed_parse_iso_date("2024-02-05T18:00", &t), 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_iso_date("2024-02-05", &t), 0);
	assert_true(t == 1707091200);
	assert_int_equal(feed_parse_iso_date("2024-02-05T18:00Z", &t), 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_iso_date("2024-02-05T19:00:00+01:00", &t), 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_iso_date("2024-02-05T13:30-0430", &t), 0);
	assert_true(t == 1707156000);
	assert_int_equal(feed_parse_iso_date("2024-02-05T18", &t), -1);
	assert_int_equal(feed_parse_iso_date("2024-02-05x", &t), -1);
	assert_int_equal(feed_parse_iso_date("2024-02-05T18:00+1", &t), -1);
	assert_int_equal(feed_parse_iso_date("2024", &t), 0);
	assert_int_equal(feed_parse_iso_date("2024-13-01", &t), -1);
	assert_int_equal(feed_parse_iso_date("soon", &t), -1);
}

/* feed/urls: path segments encoded and decoded, unsafe names refused. */
static void test_urls(void **state)
{
	strbuf sb;
	char *s;

	sb_init(&sb);
	url_add_segment(&sb, "é t/.mp3");
	assert_string_equal(sb_cstr(&sb), "%C3%A9%20t%2F.mp3");
	sb_release(&sb);
	s = url_last_segment("https://x.org/a/%C3%A9%20t.mp3?x=1#f");
	assert_string_equal(s, "é t.mp3");
	free(s);
	assert_null(url_last_segment("https://x.org/a/.."));
	assert_null(url_last_segment("https://x.org/a/%2E%2E"));
	assert_null(url_last_segment("https://x.org/a/x%2Fy"));
	assert_null(url_last_segment("https://x.org/"));
}

/* feed/errors: malformed feeds named with their line; a failed save
 * leaves the old file alone. */
static void test_errors(void **state)
{
	char dir[64], path[96], *data;
	feed f, g;
	size_t len;

	feed_init(&g);
	assert_int_equal(feed_parse(&g, "site/feed.xml", "<rss>\n<channel>", 15),
			 CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "site/feed.xml:2:"));
	assert_int_equal(feed_parse(&g, "f.xml", "<html/>", 7), CRIEUR_EFORMAT);
	assert_non_null(strstr(err_detail(), "not an RSS feed"));
	assert_int_equal(feed_load(&g, "/nonexistent/feed.xml"), CRIEUR_ENOENT);
	assert_int_equal(tmp_dir_make(dir, sizeof(dir), "feed"), 0);
	snprintf(path, sizeof(path), "%s/feed.xml", dir);
	sample(&f);
	assert_int_equal(feed_save(&f, path), 0);
	free(f.item[0].title);
	f.item[0].title = xstrdup("bad \xFF");
	assert_int_equal(feed_save(&f, path), CRIEUR_EUTF8);
	assert_non_null(strstr(err_detail(), path));
	assert_int_equal(feed_load(&g, path), 0);
	assert_string_equal(g.item[0].title, TRICKY);
	assert_int_equal(read_file(path, &data, &len), 0);
	free(data);
	feed_release(&f);
	feed_release(&g);
	assert_int_equal(tmp_dir_remove(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_order_keep),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
