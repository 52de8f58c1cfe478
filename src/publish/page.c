/* page.c - the show page: episodes, players, chapters, live transcript. */
#include "publish/page.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "text/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The page's words, by language. */
struct words {
	const char *skip, *episodes, *feed, *chapters, *transcript, *listen,
		   *download, *now, *no_episode, *captions;
};

static const struct words fr = {
	"Aller aux épisodes", "Épisodes", "S’abonner (flux RSS)", "Chapitres",
	"Transcription", "Écouter", "Télécharger le MP3", "Chapitre en cours : ",
	"Aucun épisode pour l’instant.", "Sous-titres (WebVTT)",
};
static const struct words en = {
	"Skip to episodes", "Episodes", "Subscribe (RSS feed)", "Chapters",
	"Transcript", "Listen", "Download the MP3", "Current chapter: ",
	"No episode yet.", "Captions (WebVTT)",
};

static const char css[] =
	"body{font:1.05rem/1.5 system-ui,sans-serif;max-width:46rem;"
	"margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}\n"
	"a{color:#0645ad}\n"
	"a:focus-visible,audio:focus-visible{"
	"outline:3px solid #c60;outline-offset:2px}\n"
	".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;"
	"background:#fff;padding:.5rem}\n"
	".episode{border-top:2px solid #ddd;padding:1rem 0}\n"
	".meta{color:#555}.desc{white-space:pre-line}\n"
	"audio{width:100%}\n"
	".chapters{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
	"gap:.4rem}\n"
	".chapters a{display:inline-block;padding:.3rem .6rem;border:1px solid "
	"#888;border-radius:.3rem;background:#f4f4f4;text-decoration:none}\n"
	".chapters a[aria-current=true]{background:#ffe08a;color:#1a1a1a;"
	"border-color:#a60}\n"
	".cues{max-height:16rem;overflow-y:auto;padding-left:1.5rem;"
	"border:1px solid #ddd;border-radius:.3rem}\n"
	".cues li{padding:.15rem .3rem}\n"
	".cues li[aria-current=true]{background:#ffe08a;font-weight:600}\n"
	".visually-hidden{position:absolute;width:1px;height:1px;"
	"overflow:hidden;clip:rect(0 0 0 0)}\n"
	"@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}"
	"a{color:#8ab4f8}.meta{color:#aaa}.chapters a{background:#333;"
	"color:#eee}.chapters a[aria-current=true],"
	".cues li[aria-current=true]{background:#6b5200;color:#fff}}\n";

static const char js[] =
	"(function () {\n"
	"  'use strict';\n"
	"  /* Index of the item of list whose [data-start, data-end) holds t. */\n"
	"  function find(list, t) {\n"
	"    for (var i = list.length - 1; i >= 0; i--) {\n"
	"      var s = parseFloat(list[i].dataset.start);\n"
	"      var e = parseFloat(list[i].dataset.end);\n"
	"      if (t >= s && (isNaN(e) || t < e)) return i;\n"
	"    }\n"
	"    return -1;\n"
	"  }\n"
	"  /* Mark list[i] current (aria-current) instead of list[old]. */\n"
	"  function mark(list, old, i) {\n"
	"    if (old >= 0 && list[old]) list[old].removeAttribute('aria-current');\n"
	"    if (i >= 0) list[i].setAttribute('aria-current', 'true');\n"
	"    return i;\n"
	"  }\n"
	"  function setup(ep) {\n"
	"    var audio = ep.querySelector('audio');\n"
	"    var cues = ep.querySelectorAll('.cues li');\n"
	"    var chapters = ep.querySelectorAll('.chapters a');\n"
	"    var box = ep.querySelector('.cues');\n"
	"    var now = ep.querySelector('.now');\n"
	"    var cue = -1, chapter = -1, raf = 0;\n"
	"    function update() {\n"
	"      var t = audio.currentTime, i = find(cues, t), c = find(chapters, t);\n"
	"      if (i !== cue) {\n"
	"        cue = mark(cues, cue, i);\n"
	"        ep.setAttribute('data-cue', String(i));\n"
	"        if (i >= 0 && box) box.scrollTop = cues[i].offsetTop - box.offsetTop\n"
	"          - box.clientHeight / 3;\n"
	"      }\n"
	"      if (c !== chapter) {\n"
	"        chapter = mark(chapters, chapter, c);\n"
	"        if (now && c >= 0 && !audio.paused)\n"
	"          now.textContent = now.dataset.label + chapters[c].dataset.title;\n"
	"      }\n"
	"    }\n"
	"    function tick() {\n"
	"      update();\n"
	"      raf = audio.paused ? 0 : window.requestAnimationFrame(tick);\n"
	"    }\n"
	"    ['timeupdate', 'seeked', 'loadedmetadata'].forEach(function (e) {\n"
	"      audio.addEventListener(e, update);\n"
	"    });\n"
	"    audio.addEventListener('play', function () { if (!raf) tick(); });\n"
	"    Array.prototype.forEach.call(chapters, function (b) {\n"
	"      b.addEventListener('click', function (ev) {\n"
	"        ev.preventDefault();\n"
	"        audio.currentTime = parseFloat(b.dataset.start);\n"
	"        var p = audio.play();\n"
	"        if (p && p.catch) p.catch(function () {});\n"
	"        update();\n"
	"      });\n"
	"    });\n"
	"    update();\n"
	"  }\n"
	"  Array.prototype.forEach.call(document.querySelectorAll('.episode'), setup);\n"
	"})();\n";

void html_escape(strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_adds(out, "&amp;"); break;
		case '<': sb_adds(out, "&lt;"); break;
		case '>': sb_adds(out, "&gt;"); break;
		case '"': sb_adds(out, "&quot;"); break;
		case '\'': sb_adds(out, "&#39;"); break;
		default: sb_addch(out, *s);
		}
	}
}

/* Seconds as "M:SS" or "H:MM:SS" for display. */
static void add_clock(strbuf *out, double t)
{
	long s = t > 0 ? (long)t : 0;   /* as players show it */

	if (s >= 3600)
		sb_addf(out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		sb_addf(out, "%ld:%02ld", s / 60, s % 60);
}

static void head(strbuf *o, const feed_channel *ch, const struct words *w)
{
	sb_adds(o, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(o, ch->language ? ch->language : "fr");
	sb_adds(o, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport"
		"\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_escape(o, ch->title);
	sb_adds(o, "</title>\n<link rel=\"alternate\" type=\"application/rss+xml"
		"\" title=\"");
	html_escape(o, ch->title);
	sb_adds(o, "\" href=\"feed.xml\">\n<style>\n");
	sb_adds(o, css);
	sb_adds(o, "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#episodes"
		"\">");
	html_escape(o, w->skip);
	sb_adds(o, "</a>\n<header>\n");
	if (ch->image) {
		sb_adds(o, "<img src=\"");
		html_escape(o, ch->image);
		sb_adds(o, "\" alt=\"\" width=\"120\" height=\"120\">\n");
	}
	sb_adds(o, "<h1>");
	html_escape(o, ch->title);
	sb_adds(o, "</h1>\n<p>");
	html_escape(o, ch->description);
	sb_adds(o, "</p>\n<p><a href=\"feed.xml\">");
	html_escape(o, w->feed);
	sb_adds(o, "</a></p>\n</header>\n");
}

/* Title, date, duration, headlines and the player. */
static void player(strbuf *o, const page_episode *e, size_t k,
		   const feed_channel *ch, const struct words *w)
{
	char date[32];
	time_t t = (time_t)e->item->pub_date;
	struct tm tm;

	gmtime_r(&t, &tm);
	sb_addf(o, "<article class=\"episode\" id=\"ep%zu\" aria-labelledby="
		"\"ep%zu-title\">\n<h2 id=\"ep%zu-title\">", k, k, k);
	html_escape(o, e->item->title);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_addf(o, "</h2>\n<p class=\"meta\"><time datetime=\"%s\">", date);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M UTC", &tm);
	sb_addf(o, "%s</time> · ", date);
	add_clock(o, e->item->duration);
	sb_adds(o, "</p>\n");
	if (e->item->description) {
		sb_adds(o, "<p class=\"desc\">");
		html_escape(o, e->item->description);
		sb_adds(o, "</p>\n");
	}
	sb_addf(o, "<audio id=\"ep%zu-audio\" controls preload=\"metadata\" "
		"aria-label=\"", k);
	html_escape(o, w->listen);
	sb_adds(o, " : ");
	html_escape(o, e->item->title);
	sb_adds(o, "\" src=\"");
	html_escape(o, e->audio_href);
	sb_adds(o, "\">\n");
	if (e->vtt_href) {
		sb_adds(o, "<track kind=\"captions\" default src=\"");
		html_escape(o, e->vtt_href);
		sb_adds(o, "\" srclang=\"");
		html_escape(o, ch->language ? ch->language : "fr");
		sb_adds(o, "\" label=\"");
		html_escape(o, w->transcript);
		sb_adds(o, "\">\n");
	}
	sb_adds(o, "<a href=\"");
	html_escape(o, e->audio_href);
	sb_adds(o, "\">");
	html_escape(o, w->download);
	sb_adds(o, "</a>\n</audio>\n");
}

static void chapters(strbuf *o, const page_episode *e, size_t k,
		     const struct words *w)
{
	if (!e->n_chapters)
		return;
	sb_addf(o, "<nav aria-labelledby=\"ep%zu-ch\">\n<h3 id=\"ep%zu-ch\">",
		k, k);
	html_escape(o, w->chapters);
	sb_adds(o, "</h3>\n<ol class=\"chapters\">\n");
	for (size_t i = 0; i < e->n_chapters; i++) {
		const transcript_chapter *c = &e->chapters[i];
		double end = i + 1 < e->n_chapters ? e->chapters[i + 1].start :
			     (c->end > c->start ? c->end : -1);

		sb_adds(o, "<li><a href=\"");
		html_escape(o, e->audio_href);
		sb_addf(o, "#t=%.3f\" data-start=\"%.3f\"", c->start, c->start);
		if (end >= 0)
			sb_addf(o, " data-end=\"%.3f\"", end);
		sb_adds(o, " data-title=\"");
		html_escape(o, c->title);
		sb_addf(o, "\" aria-controls=\"ep%zu-audio\">", k);
		add_clock(o, c->start);
		sb_adds(o, " ");
		html_escape(o, c->title);
		sb_adds(o, "</a></li>\n");
	}
	sb_adds(o, "</ol>\n</nav>\n");
}

static void cues(strbuf *o, const page_episode *e, size_t k,
		 const struct words *w)
{
	if (!e->cues)
		return;
	sb_addf(o, "<section aria-labelledby=\"ep%zu-tr\">\n<h3 id=\"ep%zu-tr\">",
		k, k);
	html_escape(o, w->transcript);
	/* focusable: the list scrolls, keyboard users must reach it */
	sb_addf(o, "</h3>\n<ol class=\"cues\" tabindex=\"0\" "
		"aria-labelledby=\"ep%zu-tr\">\n", k);
	for (size_t i = 0; i < e->cues->n; i++) {
		const transcript_cue *c = &e->cues->cue[i];

		sb_addf(o, "<li data-start=\"%.3f\" data-end=\"%.3f\">", c->start,
			c->end);
		html_escape(o, c->text);
		sb_adds(o, "</li>\n");
	}
	sb_adds(o, "</ol>\n</section>\n");
}

/* Links to the files, the live region; closes the article. */
static void links(strbuf *o, const page_episode *e, const struct words *w)
{
	sb_adds(o, "<p class=\"now visually-hidden\" aria-live=\"polite\" "
		"data-label=\"");
	html_escape(o, w->now);
	sb_adds(o, "\"></p>\n<p class=\"files\"><a href=\"");
	html_escape(o, e->audio_href);
	sb_adds(o, "\" download>");
	html_escape(o, w->download);
	sb_adds(o, "</a>");
	if (e->vtt_href) {
		sb_adds(o, " · <a href=\"");
		html_escape(o, e->vtt_href);
		sb_adds(o, "\">");
		html_escape(o, w->captions);
		sb_adds(o, "</a>");
	}
	if (e->srt_href) {
		sb_adds(o, " · <a href=\"");
		html_escape(o, e->srt_href);
		sb_adds(o, "\">SRT</a>");
	}
	if (e->chapters_href) {
		sb_adds(o, " · <a href=\"");
		html_escape(o, e->chapters_href);
		sb_adds(o, "\">");
		html_escape(o, w->chapters);
		sb_adds(o, " (JSON)</a>");
	}
	sb_adds(o, "</p>\n</article>\n");
}

/* All text the page shows is valid UTF-8. */
static int check_text(const feed_channel *ch, const page_episode *ep, size_t n)
{
	strbuf all;
	int err;

	sb_init(&all);
	sb_adds(&all, ch->title ? ch->title : "");
	sb_adds(&all, ch->description ? ch->description : "");
	for (size_t i = 0; i < n; i++) {
		sb_adds(&all, ep[i].item->title ? ep[i].item->title : "");
		sb_adds(&all, ep[i].item->description ?
			      ep[i].item->description : "");
		for (size_t j = 0; j < ep[i].n_chapters; j++)
			sb_adds(&all, ep[i].chapters[j].title ?
				      ep[i].chapters[j].title : "");
		for (size_t j = 0; ep[i].cues && j < ep[i].cues->n; j++)
			sb_adds(&all, ep[i].cues->cue[j].text);
	}
	err = utf8_check("page text", sb_cstr(&all), all.len);
	sb_release(&all);
	return err;
}

int page_render(strbuf *o, const feed_channel *ch, const page_episode *ep,
		size_t n)
{
	const struct words *w = ch->language && !strncmp(ch->language, "fr", 2) ?
				&fr : &en;
	int err = check_text(ch, ep, n);

	if (err)
		return err;
	head(o, ch, w);
	sb_adds(o, "<main id=\"episodes\">\n<h2 class=\"visually-hidden\">");
	html_escape(o, w->episodes);
	sb_adds(o, "</h2>\n");
	if (!n) {
		sb_adds(o, "<p>");
		html_escape(o, w->no_episode);
		sb_adds(o, "</p>\n");
	}
	for (size_t k = 0; k < n; k++) {
		player(o, &ep[k], k, ch, w);
		chapters(o, &ep[k], k, w);
		cues(o, &ep[k], k, w);
		links(o, &ep[k], w);
	}
	sb_adds(o, "</main>\n<script>\n");
	sb_adds(o, js);
	sb_adds(o, "</script>\n</body>\n</html>\n");
	return 0;
}

int page_write(const char *path, const feed_channel *ch,
	       const page_episode *ep, size_t n)
{
	strbuf sb;
	int err;

	sb_init(&sb);
	if ((err = page_render(&sb, ch, ep, n)))
		err = err_set(err, "cannot write '%s': invalid text", path);
	else
		err = outfile_write_all(path, sb.buf, sb.len);
	sb_release(&sb);
	return err;
}
