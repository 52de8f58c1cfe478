/* script.c - read and check a bulletin script (YAML, through libyaml's
 * document API), one table of keys per mapping. */
#include "bulletin/script.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "base/util.h"
#include "speech/voice.h"
#include "text/statement.h"
#include "text/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <yaml.h>

struct loader {
	const char *path;         /* the script, for messages */
	const char *text;         /* its bytes (for error positions) */
	yaml_document_t doc;
	bulletin_script *s;
	const char *ctx;          /* message prefix: "item 2: " or "" */
	const char *keyprefix;    /* key name prefix: "bed." or "" */
};

struct key_spec;
typedef int (*key_setter)(struct loader *l, const struct key_spec *k,
			  yaml_node_t *v, void *obj);

struct key_spec {
	const char *key;     /* as written in the script */
	key_setter set;
	size_t off;          /* the field in obj */
	double lo, hi;       /* numbers: the accepted range */
	const char *unit;    /* numbers: "seconds", "dB"...; else a hint */
};

/* ---- messages ---------------------------------------------------- */

/* Replace the string *field with a copy of value (NULL unsets it). */
static void script_set(char **field, const char *value);

static script_pos pos_of(const yaml_node_t *n)
{
	return (script_pos){ (int)n->start_mark.line + 1,
			     (int)n->start_mark.column + 1 };
}

/* Record "path:line:column: CTXmessage" and return code. */
__attribute__((format(printf, 4, 5)))
static int fail_at(struct loader *l, script_pos p, int code,
		   const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(code, "%s:%d:%d: %s%s", l->path, p.line, p.column,
		       l->ctx, msg);
}

/* The key's name as messages show it ("bed.level"). */
static const char *key_name(const struct loader *l, const struct key_spec *k)
{
	static _Thread_local char name[96];

	snprintf(name, sizeof(name), "%s%s", l->keyprefix, k->key);
	return name;
}

/* "a list", "a mapping", "nothing": what a node is, for messages. */
static const char *node_kind(const yaml_node_t *n)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	return "a string";
}

/* Whether a scalar node is YAML's null (an absent value). */
static int node_is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

/* The text of a scalar value; an error for a list, a mapping or null.
 * what says what the key wants ("a file path"). */
static int scalar(struct loader *l, const struct key_spec *k, yaml_node_t *v,
		  const char *what, const char **out)
{
	if (v->type != YAML_SCALAR_NODE)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be %s, "
			       "not %s", key_name(l, k), what, node_kind(v));
	if (node_is_null(v))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s has no value "
			       "(it wants %s)", key_name(l, k), what);
	*out = (const char *)v->data.scalar.value;
	/* quoted escapes can make what the file's bytes are not */
	if (strlen(*out) != v->data.scalar.length ||
	    utf8_validate(*out, v->data.scalar.length) != v->data.scalar.length)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s has a NUL or "
			       "an invalid character (from an escape?)",
			       key_name(l, k));
	return 0;
}

/* ---- scalar values ----------------------------------------------- */

/* Parse a decimal number (no hex, inf or nan); 0 or -1. */
static int parse_number(const char *s, double *out)
{
	char *end;

	if (!*s || s[strspn(s, "+-.0123456789eE")] || !strpbrk(s, "0123456789"))
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}

/* A number within [k->lo, k->hi] into *out. */
static int get_number(struct loader *l, const struct key_spec *k,
		      yaml_node_t *v, double *out)
{
	char what[64];
	const char *t;
	int err;

	snprintf(what, sizeof(what), "a number of %s", k->unit);
	if ((err = scalar(l, k, v, what, &t)))
		return err;
	if (parse_number(t, out))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be %s, "
			       "not '%s'", key_name(l, k), what, t);
	if (*out < k->lo || *out > k->hi)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be from "
			       "%g to %g %s, not %s", key_name(l, k), k->lo,
			       k->hi, k->unit, t);
	return 0;
}

static int set_number(struct loader *l, const struct key_spec *k,
		      yaml_node_t *v, void *obj)
{
	return get_number(l, k, v, (double *)((char *)obj + k->off));
}

/* A whole number within [k->lo, k->hi]. */
static int set_int(struct loader *l, const struct key_spec *k,
		   yaml_node_t *v, void *obj)
{
	const char *t;
	double d;
	int err = scalar(l, k, v, "a whole number", &t);

	if (err)
		return err;
	if (parse_number(t, &d) || d != floor(d) || strpbrk(t, ".eE"))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be a "
			       "whole number, not '%s'", key_name(l, k), t);
	if (d < k->lo || d > k->hi)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be from "
			       "%g to %g%s%s, not %s", key_name(l, k), k->lo,
			       k->hi, k->unit ? " " : "", k->unit ? k->unit : "",
			       t);
	*(int *)((char *)obj + k->off) = (int)d;
	return 0;
}

/* A non-empty string, copied. */
static int set_string(struct loader *l, const struct key_spec *k,
		      yaml_node_t *v, void *obj)
{
	const char *t;
	int err = scalar(l, k, v, "a string", &t);

	if (err)
		return err;
	if (!*t)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s is empty",
			       key_name(l, k));
	script_set((char **)((char *)obj + k->off), t);
	return 0;
}

/* The day count of month m (1-12) in year y. */
static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				      31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* date: YYYY-MM-DD, a real day. */
static int set_date(struct loader *l, const struct key_spec *k,
		    yaml_node_t *v, void *obj)
{
	const char *t;
	int y, m, d, n = 0, err = scalar(l, k, v, "a date (YYYY-MM-DD)", &t);

	if (err)
		return err;
	if (strlen(t) != 10 || strspn(t, "0123456789-") != 10 ||
	    t[4] != '-' || t[7] != '-' ||
	    sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "date must be a "
			       "date as YYYY-MM-DD, not '%s'", t);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "date '%s' is not "
			       "a day of the calendar", t);
	memcpy(l->s->date, t, 11);
	return 0;
}

/* language: one the normalizer knows; stored in canonical case. */
static int set_language(struct loader *l, const struct key_spec *k,
			yaml_node_t *v, void *obj)
{
	static const char *const langs[] = { "fr", "en", "fr-BE", "fr-CH" };
	const char *t;
	int err = scalar(l, k, v, "a language", &t);

	if (err)
		return err;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		if (!strcasecmp(t, langs[i])) {
			script_set(&l->s->language, langs[i]);
			return 0;
		}
	return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "language must be fr, "
		       "en, fr-BE or fr-CH, not '%s'", t);
}

/* loudness: podcast, broadcast, none or a number of LUFS. */
static int set_loudness(struct loader *l, const struct key_spec *k,
			yaml_node_t *v, void *obj)
{
	bulletin_script *s = l->s;
	const char *t;
	int err = scalar(l, k, v, "podcast, broadcast, none or a number of LUFS",
			 &t);

	if (err)
		return err;
	if (!strcasecmp(t, "podcast") || !strcasecmp(t, "broadcast")) {
		s->loudness = (t[0] | 0x20) == 'p' ? SCRIPT_LOUDNESS_PODCAST :
			      SCRIPT_LOUDNESS_BROADCAST;
		s->lufs = (t[0] | 0x20) == 'p' ? LOUDNESS_PODCAST_LUFS :
			  LOUDNESS_BROADCAST_LUFS;
		return 0;
	}
	if (!strcasecmp(t, "none")) {
		s->loudness = SCRIPT_LOUDNESS_NONE;
		s->lufs = NAN;
		return 0;
	}
	if (parse_number(t, &s->lufs))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "loudness must be "
			       "podcast, broadcast, none or a number of LUFS, "
			       "not '%s'", t);
	s->loudness = SCRIPT_LOUDNESS_LUFS;
	return get_number(l, k, v, &s->lufs);
}

/* ---- files ------------------------------------------------------- */

/* path joined to the script's folder unless absolute; heap. */
static char *resolve(const struct loader *l, const char *path)
{
	strbuf sb = { 0 };

	if (path[0] == '/' || !strcmp(l->s->dir, "."))
		return xstrdup(path);
	sb_addf(&sb, "%s/%s", l->s->dir, path);
	return sb_detach(&sb, NULL);
}

/* A path value, resolved into f (not yet checked). */
static int get_path(struct loader *l, const struct key_spec *k,
		    yaml_node_t *v, script_file *f)
{
	const char *t;
	int err = scalar(l, k, v, "a file path", &t);

	if (err)
		return err;
	if (!*t)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s is empty",
			       key_name(l, k));
	free(f->path);
	f->path = resolve(l, t);
	f->pos = pos_of(v);
	f->seconds = 0;
	return 0;
}

/* Re-record the detail left by a failed check as "path:l:c: key: it". */
static int fail_detail(struct loader *l, script_pos p, const char *key,
		       int code)
{
	char detail[768];

	snprintf(detail, sizeof(detail), "%s", err_detail());
	return fail_at(l, p, code, "%s: %s", key, detail);
}

/* An audio file libsndfile reads; its duration is probed. */
static int set_audio(struct loader *l, const struct key_spec *k,
		     yaml_node_t *v, void *obj)
{
	script_file *f = (script_file *)((char *)obj + k->off);
	audio_format fmt;
	long long frames;
	char name[64];
	int err = get_path(l, k, v, f);

	if (err)
		return err;
	err = sndfile_probe(f->path, &fmt, &frames, name, sizeof(name));
	if (err)
		return fail_detail(l, f->pos, key_name(l, k), err);
	f->seconds = frames > 0 && fmt.rate > 0 ? (double)frames / fmt.rate : 0;
	return 0;
}

/* A readable file at f->path, or an error naming it. */
static int check_readable(struct loader *l, const char *key, script_file *f)
{
	FILE *fp = fopen(f->path, "rb");

	if (!fp)
		return fail_at(l, f->pos, errno == ENOENT ? CRIEUR_ENOENT :
			       CRIEUR_EIO, "%s: cannot open '%s': %s", key,
			       f->path, strerror(errno));
	fclose(fp);
	return 0;
}

/* lexicons: a list of readable files (one path alone is accepted). */
static int set_lexicons(struct loader *l, const struct key_spec *k,
			yaml_node_t *v, void *obj)
{
	bulletin_script *s = l->s;
	yaml_node_item_t *it;
	size_t n;
	int err;

	if (v->type != YAML_SEQUENCE_NODE) {
		s->lexicons = xcalloc(1, sizeof(*s->lexicons));
		s->n_lexicons = 1;
		if ((err = get_path(l, k, v, &s->lexicons[0])))
			return err;
		return check_readable(l, "lexicons", &s->lexicons[0]);
	}
	it = v->data.sequence.items.start;
	n = (size_t)(v->data.sequence.items.top - it);
	s->lexicons = xcalloc(n, sizeof(*s->lexicons));
	while (s->n_lexicons < n) {
		size_t i = s->n_lexicons++;
		yaml_node_t *e = yaml_document_get_node(&l->doc, it[i]);
		script_file *f = &s->lexicons[i];

		if ((err = get_path(l, k, e, f)) ||
		    (err = check_readable(l, "lexicons", f)))
			return err;
	}
	return 0;
}

struct voice_names {
	const char *names[32];
	char store[32][64];
	size_t n;
};

/* voice_each_builtin() callback: collect the names. */
static void collect_voice(const voice *v, void *ctx)
{
	struct voice_names *vn = ctx;

	if (vn->n >= ARRAY_SIZE(vn->names))
		return;
	snprintf(vn->store[vn->n], sizeof(vn->store[0]), "%s", v->name);
	vn->names[vn->n] = vn->store[vn->n];
	vn->n++;
}

/* A voice: a built-in or eSpeak NG name, or a NAME.voice file (relative
 * to the script); loaded once to check it. */
static int set_voice(struct loader *l, const struct key_spec *k,
		     yaml_node_t *v, void *obj)
{
	char **field = (char **)((char *)obj + k->off);
	struct voice_names vn = { .n = 0 };
	const char *t, *hint;
	size_t len;
	voice vc;
	int err = scalar(l, k, v, "a voice name", &t);

	if (err)
		return err;
	len = strlen(t);
	if (len > 6 && !strcmp(t + len - 6, ".voice")) {
		char *path = resolve(l, t);

		err = voice_load(&vc, path);
		if (err) {
			free(path);
			return fail_detail(l, pos_of(v), key_name(l, k), err);
		}
		free(*field);
		*field = path;
		return 0;
	}
	if (!*t || voice_load(&vc, t)) {
		voice_each_builtin(collect_voice, &vn);
		hint = suggest_closest(t, vn.names, vn.n);
		return fail_at(l, pos_of(v), CRIEUR_EVOICE, "%s: unknown voice "
			       "'%s' (%s%s%s'crieur voices' lists them)",
			       key_name(l, k), t, hint ? "did you mean '" : "",
			       hint ? hint : "", hint ? "'? " : "");
	}
	script_set(field, t);
	return 0;
}

/* ---- mappings ---------------------------------------------------- */

/* Apply each pair of the mapping m through the table; unknown and
 * duplicate keys are errors.  where names the mapping for messages about
 * unknown keys ("bed"; "" at the top).  values, when not NULL, receives
 * the value node of each key in the table (NULL: absent). */
static int walk_mapping(struct loader *l, yaml_node_t *m,
			const struct key_spec *keys, size_t n, void *obj,
			const char *where, yaml_node_t **values)
{
	yaml_node_pair_t *p = m->data.mapping.pairs.start;
	yaml_node_t *seen[32] = { 0 };
	const char *names[32];
	int err;

	for (size_t i = 0; i < n; i++)
		names[i] = keys[i].key;
	for (; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(&l->doc, p->value);
		const char *key, *hint;
		size_t i;

		if (kn->type != YAML_SCALAR_NODE)
			return fail_at(l, pos_of(kn), CRIEUR_EFORMAT, "a key "
				       "must be a name, not %s", node_kind(kn));
		key = (const char *)kn->data.scalar.value;
		for (i = 0; i < n && strcmp(key, keys[i].key); i++)
			;
		if (i == n) {
			hint = suggest_closest(key, names, n);
			if (hint)
				return fail_at(l, pos_of(kn), CRIEUR_EFORMAT,
					       "unknown key '%s'%s%s (did you "
					       "mean '%s'?)", key, *where ? " in " :
					       "", where, hint);
			return fail_at(l, pos_of(kn), CRIEUR_EFORMAT, "unknown "
				       "key '%s'%s%s", key, *where ? " in " : "",
				       where);
		}
		if (seen[i])
			return fail_at(l, pos_of(kn), CRIEUR_EFORMAT, "duplicate "
				       "key '%s%s' (first at line %d)",
				       l->keyprefix, key, pos_of(seen[i]).line);
		seen[i] = kn;
		if (values)
			values[i] = vn;
		if ((err = keys[i].set(l, &keys[i], vn, obj)))
			return err;
	}
	return 0;
}

/* Check that v is a mapping; name is the key holding it. */
static int want_mapping(struct loader *l, yaml_node_t *v, const char *name,
			const char *what)
{
	if (v->type == YAML_MAPPING_NODE)
		return 0;
	if (node_is_null(v))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s has no value "
			       "(it wants %s)", name, what);
	return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "%s must be %s, not %s",
		       name, what, node_kind(v));
}

#define OFF(type, field) offsetof(type, field)

static const struct key_spec bed_keys[] = {
	{ "file", set_audio, OFF(script_bed, file), 0, 0, NULL },
	{ "level", set_number, OFF(script_bed, level), -60, 0, "dB" },
	{ "duck", set_number, OFF(script_bed, duck), -60, 0, "dB" },
	{ "attack", set_number, OFF(script_bed, attack), 1, 5000, "ms" },
	{ "release", set_number, OFF(script_bed, release), 1, 10000, "ms" },
};

/* bed: a file path alone, or a mapping with file: and settings. */
static int set_bed(struct loader *l, const struct key_spec *k,
		   yaml_node_t *v, void *obj)
{
	bulletin_script *s = l->s;
	int err;

	if (v->type == YAML_SCALAR_NODE && !node_is_null(v))
		return set_audio(l, &bed_keys[0], v, &s->bed);
	if ((err = want_mapping(l, v, "bed", "a file path or a mapping "
				"(file, level, duck, attack, release)")))
		return err;
	l->keyprefix = "bed.";
	err = walk_mapping(l, v, bed_keys, ARRAY_SIZE(bed_keys), &s->bed, "bed",
			   NULL);
	l->keyprefix = "";
	if (!err && !s->bed.file.path)
		err = fail_at(l, pos_of(v), CRIEUR_EFORMAT, "bed needs a file: "
			      "(the music to play under the bulletin)");
	return err;
}

/* output.format: mp3, wav or flac. */
static int set_format(struct loader *l, const struct key_spec *k,
		      yaml_node_t *v, void *obj)
{
	static const char *const names[] = { "mp3", "wav", "flac" };
	const char *t;
	int err = scalar(l, k, v, "mp3, wav or flac", &t);

	if (err)
		return err;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcasecmp(t, names[i])) {
			l->s->output.format = (enum script_format)(i + 1);
			return 0;
		}
	return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "output.format must be "
		       "mp3, wav or flac, not '%s'", t);
}

enum { OUT_FORMAT, OUT_BITRATE, OUT_QUALITY, OUT_SAMPLERATE, OUT_CHANNELS };
static const struct key_spec output_keys[] = {
	{ "format", set_format, 0, 0, 0, NULL },
	{ "bitrate", set_int, OFF(script_output, bitrate), 8, 320, "kbit/s" },
	{ "quality", set_int, OFF(script_output, quality), 0, 9, NULL },
	{ "samplerate", set_int, OFF(script_output, samplerate), 8000,
	  192000, "Hz" },
	{ "channels", set_int, OFF(script_output, channels), 1, 2, NULL },
};

/* Whether rate is one MP3 can carry. */
static int mp3_rate(int rate)
{
	static const int rates[] = { 8000, 11025, 12000, 16000, 22050, 24000,
				     32000, 44100, 48000 };

	for (size_t i = 0; i < ARRAY_SIZE(rates); i++)
		if (rates[i] == rate)
			return 1;
	return 0;
}

/* output: a mapping; MP3-only settings need MP3 (or no format). */
static int set_output(struct loader *l, const struct key_spec *k,
		      yaml_node_t *v, void *obj)
{
	script_output *o = &l->s->output;
	yaml_node_t *val[ARRAY_SIZE(output_keys)] = { 0 };  /* OUT_* */
	int err = want_mapping(l, v, "output", "a mapping (format, bitrate, "
			       "quality, samplerate, channels)");

	if (err)
		return err;
	l->keyprefix = "output.";
	err = walk_mapping(l, v, output_keys, ARRAY_SIZE(output_keys), o,
			   "output", val);
	l->keyprefix = "";
	if (err)
		return err;
	if (o->format == SCRIPT_FORMAT_MP3 && o->samplerate &&
	    !mp3_rate(o->samplerate))
		return fail_at(l, pos_of(val[OUT_SAMPLERATE]), CRIEUR_EFORMAT,
			       "output.samplerate %d is not an MP3 rate (8000, "
			       "11025, 12000, 16000, 22050, 24000, 32000, "
			       "44100, 48000)", o->samplerate);
	if (o->format != SCRIPT_FORMAT_UNSET && o->format != SCRIPT_FORMAT_MP3 &&
	    (o->bitrate || o->quality >= 0))
		return fail_at(l, pos_of(val[o->bitrate ? OUT_BITRATE :
					     OUT_QUALITY]), CRIEUR_EFORMAT,
			       "output.%s applies to MP3 only, not to format %s",
			       o->bitrate ? "bitrate" : "quality",
			       script_format_name(o->format));
	return 0;
}

/* publish.base_url: an http(s) URL. */
static int set_url(struct loader *l, const struct key_spec *k,
		   yaml_node_t *v, void *obj)
{
	const char *t;
	int err = scalar(l, k, v, "a URL", &t);

	if (err)
		return err;
	if (strncmp(t, "http://", 7) && strncmp(t, "https://", 8))
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "publish.base_url "
			       "must start with http:// or https://, not '%s'",
			       t);
	return set_string(l, k, v, obj);
}

static const struct key_spec publish_keys[] = {
	{ "site", set_string, OFF(script_publish, site), 0, 0, NULL },
	{ "base_url", set_url, OFF(script_publish, base_url), 0, 0, NULL },
	{ "keep", set_int, OFF(script_publish, keep), 1, 10000, "episodes" },
};

/* publish: reserved for issue 6; checked like the rest. */
static int set_publish(struct loader *l, const struct key_spec *k,
		       yaml_node_t *v, void *obj)
{
	int err = want_mapping(l, v, "publish", "a mapping (site, base_url, "
			       "keep)");

	if (err)
		return err;
	l->s->publish.set = 1;
	l->keyprefix = "publish.";
	err = walk_mapping(l, v, publish_keys, ARRAY_SIZE(publish_keys),
			   &l->s->publish, "publish", NULL);
	l->keyprefix = "";
	return err;
}

/* ---- items ------------------------------------------------------- */

/* An item's file: a statement, read and checked now. */
static int set_statement(struct loader *l, const struct key_spec *k,
			 yaml_node_t *v, void *obj)
{
	script_item *it = obj;
	statement st;
	int err;

	if (it->text)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "has both "
			       "file: and text: (keep one)");
	if ((err = get_path(l, k, v, &it->file)))
		return err;
	err = statement_load(&st, it->file.path);
	statement_release(&st);
	return err ? fail_detail(l, it->file.pos, "file", err) : 0;
}

/* An item's inline text: UTF-8 (checked with the file), not blank. */
static int set_text(struct loader *l, const struct key_spec *k,
		    yaml_node_t *v, void *obj)
{
	script_item *it = obj;
	const char *t;
	int err = scalar(l, k, v, "the text to speak", &t);

	if (err)
		return err;
	if (it->file.path)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "has both "
			       "file: and text: (keep one)");
	if (!t[strspn(t, " \t\r\n")])
		return fail_at(l, pos_of(v), CRIEUR_EEMPTY, "text is empty: "
			       "nothing to say");
	script_set(&it->text, t);
	return 0;
}

static const struct key_spec item_keys[] = {
	{ "file", set_statement, 0, 0, 0, NULL },
	{ "text", set_text, 0, 0, 0, NULL },
	{ "title", set_string, OFF(script_item, title), 0, 0, NULL },
	{ "voice", set_voice, OFF(script_item, voice), 0, 0, NULL },
};

/* One item: a mapping with file: or text:. */
static int load_item(struct loader *l, yaml_node_t *v, script_item *it,
		     size_t index)
{
	char ctx[32];
	int err;

	it->pos = pos_of(v);
	snprintf(ctx, sizeof(ctx), "item %zu: ", index + 1);
	if (v->type != YAML_MAPPING_NODE)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "item %zu must be "
			       "a mapping with file: or text:, not %s",
			       index + 1, node_is_null(v) ? "nothing" :
			       node_kind(v));
	l->ctx = ctx;
	err = walk_mapping(l, v, item_keys, ARRAY_SIZE(item_keys), it, "", NULL);
	if (!err && !it->file.path && !it->text)
		err = fail_at(l, it->pos, CRIEUR_EFORMAT, "needs file: (a "
			      "statement file) or text: (inline text)");
	l->ctx = "";
	return err;
}

/* items: a non-empty list of items. */
static int set_items(struct loader *l, const struct key_spec *k,
		     yaml_node_t *v, void *obj)
{
	bulletin_script *s = l->s;
	yaml_node_item_t *it;
	size_t n;
	int err;

	if (v->type != YAML_SEQUENCE_NODE) {
		if (node_is_null(v))
			return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "items is "
				       "empty: a bulletin needs at least one");
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "items must be a "
			       "list, not %s", node_kind(v));
	}
	it = v->data.sequence.items.start;
	n = (size_t)(v->data.sequence.items.top - it);
	if (!n)
		return fail_at(l, pos_of(v), CRIEUR_EFORMAT, "items is empty: "
			       "a bulletin needs at least one");
	s->items = xcalloc(n, sizeof(*s->items));
	for (size_t i = 0; i < n; i++) {
		s->n_items = i + 1;   /* so that script_free() sees it */
		err = load_item(l, yaml_document_get_node(&l->doc, it[i]),
				&s->items[i], i);
		if (err)
			return err;
	}
	return 0;
}

/* ---- the top level ----------------------------------------------- */

static const struct key_spec top_keys[] = {
	{ "title", set_string, OFF(bulletin_script, title), 0, 0, NULL },
	{ "date", set_date, 0, 0, 0, NULL },
	{ "language", set_language, 0, 0, 0, NULL },
	{ "voice", set_voice, OFF(bulletin_script, voice), 0, 0, NULL },
	{ "quote_voice", set_voice, OFF(bulletin_script, quote_voice), 0, 0,
	  NULL },
	{ "lexicons", set_lexicons, 0, 0, 0, NULL },
	{ "intro", set_audio, OFF(bulletin_script, intro), 0, 0, NULL },
	{ "outro", set_audio, OFF(bulletin_script, outro), 0, 0, NULL },
	{ "sting", set_audio, OFF(bulletin_script, sting), 0, 0, NULL },
	{ "bed", set_bed, 0, 0, 0, NULL },
	{ "gap", set_number, OFF(bulletin_script, gap), 0, 60, "seconds" },
	{ "talkup", set_number, OFF(bulletin_script, talkup), 0, 30,
	  "seconds" },
	{ "loudness", set_loudness, 0, -40, -5, "LUFS" },
	{ "true_peak", set_number, OFF(bulletin_script, true_peak), -9, 0,
	  "dBTP" },
	{ "duration", set_number, OFF(bulletin_script, duration), 10,
	  14400, "seconds" },
	{ "output", set_output, 0, 0, 0, NULL },
	{ "publish", set_publish, 0, 0, 0, NULL },
	{ "items", set_items, 0, 0, 0, NULL },
};

/* A new script with every default in place. */
static bulletin_script *script_new(const char *path)
{
	bulletin_script *s = xcalloc(1, sizeof(*s));
	const char *slash = strrchr(path, '/');
	time_t now = time(NULL);
	struct tm tm;

	s->path = xstrdup(path);
	if (slash)
		s->dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	else
		s->dir = xstrdup(".");
	if (localtime_r(&now, &tm))
		strftime(s->date, sizeof(s->date), "%Y-%m-%d", &tm);
	s->bed.level = SCRIPT_DEFAULT_BED_LEVEL;
	s->bed.duck = SCRIPT_DEFAULT_BED_DUCK;
	s->bed.attack = SCRIPT_DEFAULT_BED_ATTACK;
	s->bed.release = SCRIPT_DEFAULT_BED_RELEASE;
	s->gap = SCRIPT_DEFAULT_GAP;
	s->talkup = SCRIPT_DEFAULT_TALKUP;
	s->loudness = SCRIPT_LOUDNESS_PODCAST;
	s->lufs = LOUDNESS_PODCAST_LUFS;
	s->true_peak = SCRIPT_DEFAULT_TRUE_PEAK;
	s->output.quality = -1;
	return s;
}

/* The value node of key in a walk_mapping() result, or NULL. */
static yaml_node_t *value_of(yaml_node_t **values, const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(top_keys); i++)
		if (!strcmp(top_keys[i].key, key))
			return values[i];
	return NULL;
}

/* Checks across keys, once the whole mapping is read. */
static int check_whole(struct loader *l, yaml_node_t *root,
		       yaml_node_t **values)
{
	bulletin_script *s = l->s;
	yaml_node_t *talkup = value_of(values, "talkup");
	yaml_node_t *duration = value_of(values, "duration");

	if (!s->n_items)
		return fail_at(l, pos_of(root), CRIEUR_EFORMAT, "no items: a "
			       "bulletin needs at least one (items: - file: "
			       "statement.txt)");
	if (duration)
		s->duration_pos = pos_of(duration);
	if (s->intro.path && talkup && s->intro.seconds > 0 &&
	    s->talkup > s->intro.seconds)
		return fail_at(l, pos_of(talkup), CRIEUR_EFORMAT, "talkup (%g s) "
			       "is longer than the intro (%.2f s)", s->talkup,
			       s->intro.seconds);
	return 0;
}

/* The 1-based line and column (in characters) of byte offset off. */
static script_pos pos_of_offset(const char *text, size_t off)
{
	script_pos p = { 1, 1 };

	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			p.line++;
			p.column = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			p.column++;
		}
	}
	return p;
}

/* The byte at a libyaml mark (line/column count characters). */
static char byte_at(const char *text, size_t len, const yaml_mark_t *m)
{
	size_t i = 0, line = 0, col = 0;

	for (; i < len && line < m->line; i++)
		line += text[i] == '\n';
	for (; i < len && col < m->column; i++)
		col += ((unsigned char)text[i + 1] & 0xC0) != 0x80;
	return i < len ? text[i] : '\0';
}

/* Record libyaml's error as "path:line:column: problem (context)". */
static int yaml_fail(struct loader *l, yaml_parser_t *p, size_t len)
{
	yaml_mark_t m = p->problem_mark;
	script_pos at = { (int)m.line + 1, (int)m.column + 1 };
	const char *problem = p->problem ? p->problem : "cannot be parsed";
	const char *tab = "";

	if (p->error == YAML_READER_ERROR)
		at = pos_of_offset(l->text, p->problem_offset < len ?
				   p->problem_offset : len);
	else if (byte_at(l->text, len, &m) == '\t')
		tab = " (YAML indents with spaces, not tabs)";
	if (p->context)
		return fail_at(l, at, CRIEUR_EFORMAT, "YAML syntax: %s (%s "
			       "started at %d:%d)%s", problem, p->context,
			       (int)p->context_mark.line + 1,
			       (int)p->context_mark.column + 1, tab);
	return fail_at(l, at, CRIEUR_EFORMAT, "YAML syntax: %s%s", problem, tab);
}

/* Parse text (len bytes) and fill l->s from its one document. */
static int load_text(struct loader *l, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	yaml_node_t *root, *more, *values[ARRAY_SIZE(top_keys)] = { 0 };
	int err = 0;

	if (!yaml_parser_initialize(&parser))
		return err_set(CRIEUR_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &l->doc)) {
		err = yaml_fail(l, &parser, len);
		yaml_parser_delete(&parser);
		return err;
	}
	root = yaml_document_get_root_node(&l->doc);
	if (!root)
		err = err_set(CRIEUR_EEMPTY, "'%s' is empty: a bulletin script "
			      "needs at least items:", l->path);
	else if (root->type != YAML_MAPPING_NODE)
		err = fail_at(l, pos_of(root), CRIEUR_EFORMAT, "a bulletin "
			      "script is a mapping of keys (title: ..., items: "
			      "...), not %s", node_kind(root));
	if (!err && !yaml_parser_load(&parser, &extra))
		err = yaml_fail(l, &parser, len);
	else if (!err) {
		more = yaml_document_get_root_node(&extra);
		if (more)
			err = fail_at(l, pos_of(more), CRIEUR_EFORMAT, "a second "
				      "YAML document: a script holds one");
		yaml_document_delete(&extra);
	}
	yaml_parser_delete(&parser);
	if (!err)
		err = walk_mapping(l, root, top_keys, ARRAY_SIZE(top_keys), l->s,
				   "", values);
	if (!err)
		err = check_whole(l, root, values);
	yaml_document_delete(&l->doc);
	return err;
}

int script_load(bulletin_script **out, const char *path)
{
	struct loader l = { .path = path, .ctx = "", .keyprefix = "" };
	char *data;
	size_t len, bad, skip = 0;
	int err;

	*out = NULL;
	if ((err = read_file(path, &data, &len)))
		return err;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		skip = 3;                 /* a UTF-8 byte-order mark */
	l.text = data + skip;
	bad = utf8_validate(l.text, len - skip);
	if (bad == len - skip)
		bad = strlen(l.text) < len - skip ? strlen(l.text) : bad;
	if (bad < len - skip) {
		script_pos p = pos_of_offset(l.text, bad);

		err = err_set(CRIEUR_EUTF8, "%s:%d:%d: %s at byte %zu", path,
			      p.line, p.column, l.text[bad] ? "invalid UTF-8" :
			      "NUL byte", bad + skip);
		free(data);
		return err;
	}
	l.s = script_new(path);
	err = load_text(&l, l.text, len - skip);
	free(data);
	if (err) {
		script_free(l.s);
		return err;
	}
	*out = l.s;
	return 0;
}

/* ---- freeing, setting ------------------------------------------- */

static void script_set(char **field, const char *value)
{
	char *copy = value ? xstrdup(value) : NULL;

	free(*field);
	*field = copy;
}

void script_free(bulletin_script *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_items; i++) {
		free(s->items[i].file.path);
		free(s->items[i].text);
		free(s->items[i].title);
		free(s->items[i].voice);
	}
	free(s->items);
	for (size_t i = 0; i < s->n_lexicons; i++)
		free(s->lexicons[i].path);
	free(s->lexicons);
	free(s->path);
	free(s->dir);
	free(s->title);
	free(s->language);
	free(s->voice);
	free(s->quote_voice);
	free(s->intro.path);
	free(s->outro.path);
	free(s->sting.path);
	free(s->bed.file.path);
	free(s->publish.site);
	free(s->publish.base_url);
	free(s);
}
