/* ssml.c - SSML to text runs, pauses and clips (ssml.h). */
#include "speech/ssml.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "speech/synth.h"
#include "speech/voice.h"
#include "text/voicemark.h"

#include <ctype.h>
#include <stdarg.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ssml {
	const char *where;
	char dir[512];
	normalizer *norm;
	const char *lang;
	const ssml_sink *sink;
	strbuf cur;      /* spoken text not yet handed to the sink */
	strbuf tmp;
};

/* Report an error at node n. */
static int bad(struct ssml *x, xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(struct ssml *x, xmlNode *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(CRIEUR_EFORMAT, "%s:%d: %s", x->where, n ? n->line : 0, msg);
}

/* Append already spoken text (marks, [[phonemes]]) to cur. */
static void add_verbatim(struct ssml *x, const char *s, size_t n)
{
	if (x->cur.len && x->cur.buf[x->cur.len - 1] != ' ' && n && s[0] != VMARK)
		sb_addch(&x->cur, ' ');
	sb_add(&x->cur, s, n);
}

/* Normalize written text (white space folded) and append it. */
static int add_written(struct ssml *x, const char *s, size_t n)
{
	int err;

	/* a mark right after an element (", ") belongs to the text before */
	while (n && isspace((unsigned char)*s))
		s++, n--;
	if (n && strchr(",.;:!?", *s)) {
		char last = x->cur.len ? x->cur.buf[x->cur.len - 1] : '\0';
		if (last && !strchr(",.;:!?", last))
			sb_addch(&x->cur, *s);
		s++, n--;
	}
	sb_reset(&x->tmp);
	for (size_t i = 0; i < n; i++)
		sb_addch(&x->tmp, isspace((unsigned char)s[i]) ? ' ' : s[i]);
	{
		strbuf out;
		sb_init(&out);
		err = norm_line(x->norm, sb_cstr(&x->tmp), x->tmp.len, &out);
		if (!err && out.len)
			add_verbatim(x, out.buf, out.len);
		sb_release(&out);
	}
	return err;
}

/* Hand cur to the sink. */
static void flush(struct ssml *x)
{
	if (x->cur.len)
		x->sink->text(x->sink->ctx, x->cur.buf, x->cur.len);
	sb_reset(&x->cur);
}

/* An attribute (heap) or NULL; xml:lang via its namespace. */
static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = !strcmp(name, "xml:lang") ? xmlNodeGetLang(n) :
		xmlGetProp(n, (const xmlChar *)name);
	char *r;

	if (!v)
		return NULL;
	if (!strcmp(name, "xml:lang") && !xmlHasProp(n, (const xmlChar *)"lang")) {
		xmlFree(v);
		return NULL;   /* inherited: not a change here */
	}
	r = xstrdup((char *)v);
	xmlFree(v);
	return r;
}

/* The element's text content (heap). */
static char *content(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *r = xstrdup(c ? (char *)c : "");

	xmlFree(c);
	return r;
}

static int walk(struct ssml *x, xmlNode *parent);

/* Open a voice mark, walk the children, close it. */
static int marked(struct ssml *x, xmlNode *n, const char *spec)
{
	char m[300];
	int err;

	snprintf(m, sizeof(m), VMARK_S "%s" VMARK_S, spec);
	add_verbatim(x, m, strlen(m));
	err = walk(x, n);
	add_verbatim(x, VMARK_S VMARK_S, 2);
	return err;
}

/* A break's length in ms from time= or strength=, or -1. */
static int break_ms(xmlNode *n)
{
	static const struct { const char *name; int ms; } strength[] = {
		{ "none", 0 }, { "x-weak", 100 }, { "weak", 200 }, { "medium", 400 },
		{ "strong", 700 }, { "x-strong", 1200 },
	};
	char *t = attr(n, "time"), *s = attr(n, "strength"), *end = NULL;
	int ms = -1;

	if (t) {
		double v = strtod(t, &end);
		if (end != t && v >= 0 && v <= 60000 && !strcmp(end, "ms"))
			ms = (int)v;
		else if (end != t && v >= 0 && v <= 60 && !strcmp(end, "s"))
			ms = (int)(v * 1000);
	} else if (s) {
		for (size_t i = 0; i < ARRAY_SIZE(strength); i++)
			if (!strcmp(s, strength[i].name))
				ms = strength[i].ms;
	} else {
		ms = 400;
	}
	free(t);
	free(s);
	return ms;
}

/* A prosody value: keyword or relative ("+20%", "-10%", "150%"). */
static int prosody_value(const char *v, const char *const *kw, const double *kv,
			 int relative_is_offset, double *out)
{
	char *end;
	double d;

	for (int i = 0; kw[i]; i++)
		if (!strcmp(v, kw[i])) {
			*out = kv[i];
			return 0;
		}
	d = strtod(v, &end);
	if (end == v || strcmp(end, "%"))
		return -1;
	if (relative_is_offset || v[0] == '+' || v[0] == '-')
		*out = relative_is_offset ? d : 1 + d / 100;
	else
		*out = d / 100;
	return 0;
}

/* <prosody rate pitch volume>. */
static int prosody(struct ssml *x, xmlNode *n)
{
	static const char *const rk[] = { "x-slow", "slow", "medium", "fast", "x-fast",
					  "default", NULL };
	static const double rv[] = { 0.6, 0.8, 1, 1.25, 1.6, 1 };
	static const char *const pk[] = { "x-low", "low", "medium", "high", "x-high",
					  "default", NULL };
	static const double pv[] = { -20, -10, 0, 10, 20, 0 };
	static const char *const vk[] = { "silent", "x-soft", "soft", "medium", "loud",
					  "x-loud", "default", NULL };
	static const double vv[] = { 0, 0.4, 0.7, 1, 1.4, 1.8, 1 };
	char *r = attr(n, "rate"), *p = attr(n, "pitch"), *v = attr(n, "volume");
	double rate = 1, pitch = 0, vol = 1;
	char spec[96];
	int err = 0;

	if ((r && prosody_value(r, rk, rv, 0, &rate)) ||
	    (p && prosody_value(p, pk, pv, 1, &pitch)) ||
	    (v && prosody_value(v, vk, vv, 0, &vol)))
		err = bad(x, n, "prosody: bad value (keywords, or percentages "
			  "like +20%%)");
	free(r);
	free(p);
	free(v);
	if (err)
		return err;
	if (pitch > 0 && pitch < 1)
		pitch = 0;
	snprintf(spec, sizeof(spec), "prosody:r=%g,p=%g,v=%g", rate, pitch / 2, vol);
	return marked(x, n, spec);
}

/* Digits of s, spaced ("1 2 3"), into out. */
static void spaced_digits(const char *s, strbuf *out)
{
	for (; *s; s++)
		if (isdigit((unsigned char)*s) || isalpha((unsigned char)*s)) {
			if (out->len && out->buf[out->len - 1] != ' ' &&
			    out->buf[out->len - 1] != ',')
				sb_addch(out, ' ');
			else if (out->len)
				sb_addch(out, ' ');
			sb_addch(out, *s);
		}
}

/* The numbers of s in order (at most 3). */
static int numbers(const char *s, long v[3])
{
	int n = 0;

	while (*s && n < 3) {
		if (isdigit((unsigned char)*s)) {
			v[n++] = strtol(s, (char **)&s, 10);
			continue;
		}
		s++;
	}
	return n;
}

/* A date in format fmt (letters d, m, y) as the normalizer reads it. */
static int say_date(struct ssml *x, xmlNode *n, const char *text, const char *fmt,
		    strbuf *out)
{
	long v[3] = { 0 }, d = 0, m = 0, y = 0;
	int k = numbers(text, v);

	if (!fmt || (int)strlen(fmt) != k || strspn(fmt, "dmy") != strlen(fmt))
		return bad(x, n, "say-as date: format '%s' does not fit '%s' (dmy, "
			   "mdy, ymd, dm, md, my, ym)", fmt ? fmt : "", text);
	for (int i = 0; i < k; i++)
		*(fmt[i] == 'd' ? &d : fmt[i] == 'm' ? &m : &y) = v[i];
	if ((m && (m < 1 || m > 12)) || (d && (d < 1 || d > 31)))
		return bad(x, n, "say-as date: no such date '%s'", text);
	if (!strncmp(x->lang, "en", 2)) {
		static const char *const mon[] = { "January", "February", "March",
			"April", "May", "June", "July", "August", "September",
			"October", "November", "December" };
		sb_addf(out, "%s", m ? mon[m - 1] : "");
		if (d)
			sb_addf(out, " %ld%s", d, y ? "," : "");
		if (y)
			sb_addf(out, " %ld", y);
	} else if (d && m && y) {
		sb_addf(out, "%02ld/%02ld/%ld", d, m, y);
	} else {
		static const char *const mois[] = { "janvier", "février", "mars",
			"avril", "mai", "juin", "juillet", "août", "septembre",
			"octobre", "novembre", "décembre" };
		if (d)
			sb_addf(out, d == 1 ? "1er " : "%ld ", d);
		if (m)
			sb_addf(out, "%s ", mois[m - 1]);
		if (y)
			sb_addf(out, "%ld", y);
	}
	return 0;
}

/* <say-as interpret-as format>. */
static int say_as(struct ssml *x, xmlNode *n)
{
	char *how = attr(n, "interpret-as"), *fmt = attr(n, "format"), *t = content(n);
	strbuf out;
	int err = 0;

	sb_init(&out);
	if (!how) {
		err = bad(x, n, "say-as without interpret-as");
	} else if (!strcmp(how, "characters") || !strcmp(how, "spell-out") ||
		   !strcmp(how, "digits")) {
		spaced_digits(t, &out);
	} else if (!strcmp(how, "cardinal")) {
		for (char *p = t; *p; p++)
			if (isdigit((unsigned char)*p) || *p == '-')
				sb_addch(&out, *p);
	} else if (!strcmp(how, "ordinal")) {
		long v[3];
		if (numbers(t, v) != 1) {
			err = bad(x, n, "say-as ordinal: not a number '%s'", t);
		} else if (!strncmp(x->lang, "en", 2)) {
			long t100 = v[0] % 100, t10 = v[0] % 10;
			sb_addf(&out, "%ld%s", v[0], t100 >= 11 && t100 <= 13 ? "th" :
				t10 == 1 ? "st" : t10 == 2 ? "nd" : t10 == 3 ? "rd" : "th");
		} else {
			sb_addf(&out, "%ld%s", v[0], v[0] == 1 ? "er" : "e");
		}
	} else if (!strcmp(how, "date")) {
		err = say_date(x, n, t, fmt, &out);
	} else if (!strcmp(how, "time")) {
		long v[3] = { 0 };
		int k = numbers(t, v);
		if (k < 1 || v[0] > 23 || v[1] > 59)
			err = bad(x, n, "say-as time: not a time '%s'", t);
		else if (!strncmp(x->lang, "en", 2))
			sb_addf(&out, "%ld:%02ld", v[0], v[1]);
		else
			sb_addf(&out, v[1] ? "%ld h %02ld" : "%ld h", v[0], v[1]);
	} else if (!strcmp(how, "telephone")) {
		/* groups of digits, each said digit by digit, a pause between */
		for (char *p = t; *p; p++) {
			if (isdigit((unsigned char)*p)) {
				if (out.len && out.buf[out.len - 1] != ' ')
					sb_addch(&out, ' ');
				sb_addch(&out, *p);
			} else if (out.len && out.buf[out.len - 1] != ',') {
				sb_addch(&out, ',');
			}
		}
	} else {
		err = bad(x, n, "say-as interpret-as '%s' is not supported (characters, "
			  "cardinal, ordinal, digits, date, time, telephone)", how);
	}
	if (!err)
		err = add_written(x, out.buf ? out.buf : "", out.len);
	sb_release(&out);
	free(how);
	free(fmt);
	free(t);
	return err;
}

/* <phoneme alphabet="x-espeak" ph="...">. */
static int phoneme(struct ssml *x, xmlNode *n)
{
	char *al = attr(n, "alphabet"), *ph = attr(n, "ph"), badc[96] = "";
	int err = 0;

	if (!al || strcmp(al, "x-espeak"))
		err = bad(x, n, "phoneme alphabet '%s' is not supported (only "
			  "x-espeak: eSpeak NG mnemonics)", al ? al : "(none)");
	else if (!ph || !*ph || strstr(ph, "]]"))
		err = bad(x, n, "phoneme without ph");
	else if (lex_phonemes_unsafe(ph, strlen(ph), badc, sizeof(badc)))
		err = bad(x, n, "%s", badc);
	else if (phon_check(x->lang, ph, badc, sizeof(badc)))
		err = bad(x, n, "eSpeak NG has no phoneme '%s' in '%s' (%s)", badc, ph,
			  x->lang);
	if (!err) {
		sb_reset(&x->tmp);
		sb_addf(&x->tmp, "[[%s]]", ph);
		add_verbatim(x, x->tmp.buf, x->tmp.len);
	}
	free(al);
	free(ph);
	return err;
}

/* <audio src>: a local file played in place. */
static int audio(struct ssml *x, xmlNode *n)
{
	char *src = attr(n, "src"), path[1024];
	int err;

	if (!src || !*src || strstr(src, "://")) {
		free(src);
		return bad(x, n, "audio needs src, a local file");
	}
	snprintf(path, sizeof(path), "%s%s", src[0] == '/' ? "" : x->dir, src);
	free(src);
	flush(x);
	if ((err = x->sink->audio(x->sink->ctx, path)))
		return bad(x, n, "audio: %s", err_detail());
	return 0;
}

/* <p> and <s>: a sentence end; <p> a pause after it. */
static int sentence(struct ssml *x, xmlNode *n)
{
	int err = walk(x, n);

	if (err)
		return err;
	if (x->cur.len && !strchr(".!?", x->cur.buf[x->cur.len - 1]))
		sb_addch(&x->cur, '.');
	if (n->name[0] == 'p') {
		flush(x);
		x->sink->pause(x->sink->ctx, 450);
	}
	return 0;
}

/* <emphasis level>: a little slower, higher and louder. */
static int emphasis(struct ssml *x, xmlNode *n)
{
	char *lvl = attr(n, "level"), spec[64];
	const char *s = !lvl || !strcmp(lvl, "moderate") ? "r=0.9,p=4,v=1.2" :
		!strcmp(lvl, "strong") ? "r=0.8,p=8,v=1.4" :
		!strcmp(lvl, "reduced") ? "r=1.1,p=-3,v=0.8" : "r=1,p=0,v=1";

	free(lvl);
	snprintf(spec, sizeof(spec), "prosody:%s", s);
	return marked(x, n, spec);
}

/* <voice name | xml:lang> and <lang xml:lang>. */
static int voice_or_lang(struct ssml *x, xmlNode *n)
{
	const char *name = (const char *)n->name;
	char *a = NULL, *l = attr(n, "xml:lang"), spec[128];
	voice v;
	int err = 0;

	if (name[0] == 'v' && (a = attr(n, "name"))) {
		if ((err = voice_load(&v, a)))
			err = bad(x, n, "%s", err_detail());
		else
			snprintf(spec, sizeof(spec), "voice:%s", a);
	} else if (l) {
		l[strcspn(l, "-_")] = '\0';
		for (char *p = l; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		snprintf(spec, sizeof(spec), "lang:%s", l);
	} else {
		err = bad(x, n, "%s needs %s", name, name[0] == 'v' ? "name or "
			  "xml:lang" : "xml:lang");
	}
	free(a);
	free(l);
	return err ? err : marked(x, n, spec);
}

/* <break time | strength>. */
static int pause_element(struct ssml *x, xmlNode *n)
{
	int ms = break_ms(n);

	if (ms < 0)
		return bad(x, n, "break: bad time or strength");
	flush(x);
	x->sink->pause(x->sink->ctx, ms);
	return 0;
}

/* <sub alias>. */
static int sub(struct ssml *x, xmlNode *n)
{
	char *a = attr(n, "alias");
	int err;

	if (!a)
		return bad(x, n, "sub needs alias");
	err = add_written(x, a, strlen(a));
	free(a);
	return err;
}

/* <mark name>: where its audio starts is reported. */
static int mark_element(struct ssml *x, xmlNode *n)
{
	char *name = attr(n, "name");

	if (!name)
		return bad(x, n, "mark needs name");
	flush(x);
	if (x->sink->mark)
		x->sink->mark(x->sink->ctx, name);
	free(name);
	return walk(x, n);
}

/* One element, by name. */
static int element(struct ssml *x, xmlNode *n)
{
	static const struct {
		const char *name;
		int (*fn)(struct ssml *x, xmlNode *n);
	} elements[] = {
		{ "speak", walk }, { "mark", mark_element }, { "p", sentence }, { "s", sentence },
		{ "break", pause_element }, { "prosody", prosody }, { "emphasis", emphasis },
		{ "voice", voice_or_lang }, { "lang", voice_or_lang }, { "sub", sub },
		{ "phoneme", phoneme }, { "audio", audio }, { "say-as", say_as },
	};

	for (size_t i = 0; i < ARRAY_SIZE(elements); i++)
		if (!strcmp((const char *)n->name, elements[i].name))
			return elements[i].fn(x, n);
	return bad(x, n, "unknown SSML element <%s>", (const char *)n->name);
}

static int walk(struct ssml *x, xmlNode *parent)
{
	int err = 0;

	for (xmlNode *c = parent->children; c && !err; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *s = (const char *)c->content;
			err = add_written(x, s, strlen(s));
		} else if (c->type == XML_ELEMENT_NODE) {
			err = element(x, c);
		}
	}
	return err;
}

int ssml_detect(const char *t, size_t len)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && isspace((unsigned char)t[i]))
		i++;
	return (len - i >= 6 && !memcmp(t + i, "<speak", 6)) ||
	       (len - i >= 5 && !memcmp(t + i, "<?xml", 5));
}

int ssml_parse(const char *xml, size_t len, const char *where, normalizer *norm,
	       const char *lang, const ssml_sink *sink)
{
	struct ssml x = { .where = where, .norm = norm, .lang = lang, .sink = sink };
	const char *slash = strrchr(where, '/');
	xmlDoc *doc;
	xmlNode *root;
	int err;

	if (slash && (size_t)(slash - where) + 2 < sizeof(x.dir))
		snprintf(x.dir, sizeof(x.dir), "%.*s/", (int)(slash - where), where);
	doc = xmlReadMemory(xml, (int)len, where, "UTF-8", XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		const char *m = e && e->message ? e->message : "not XML";
		return err_set(CRIEUR_EFORMAT, "%s:%d:%d: malformed SSML: %.*s", where,
			       e ? e->line : 0, e ? e->int2 : 0,
			       (int)strcspn(m, "\n"), m);
	}
	root = xmlDocGetRootElement(doc);
	sb_init(&x.cur);
	sb_init(&x.tmp);
	if (!root || strcmp((const char *)root->name, "speak"))
		err = bad(&x, root, "SSML must start with <speak>");
	else
		err = walk(&x, root);
	if (!err)
		flush(&x);
	sb_release(&x.cur);
	sb_release(&x.tmp);
	xmlFreeDoc(doc);
	return err;
}

/* ---- into a synth stage ---- */

static void q_text(void *ctx, const char *s, size_t n)
{
	synth_add_text(ctx, s, n);
}

static void q_pause(void *ctx, int ms)
{
	synth_add_pause(ctx, ms);
}

static int q_audio(void *ctx, const char *path)
{
	return synth_add_audio(ctx, path);
}

static void q_mark(void *ctx, const char *name)
{
	synth_add_mark(ctx, name);
}

int ssml_queue(audio_stage *syn, const char *xml, size_t len, const char *where,
	       normalizer *norm, const char *lang)
{
	ssml_sink sink = { syn, q_text, q_pause, q_audio, q_mark };

	return ssml_parse(xml, len, where, norm, lang, &sink);
}
