/* script.c - read and check a bulletin script (YAML, through libyaml's
 * document API), one table of keys per mapping. */
#include "bulletin/script.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/suggest.h"
#include "bulletin/settings.h"
#include "bulletin/ydoc.h"
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
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

/* The loader's state is a ydoc whose user pointer is the script. */
#define SCRIPT(l) ((bulletin_script *)(l)->user)

/* Replace the string *field with a copy of value (NULL unsets it). */
static void script_set(char **field, const char *value);

/* The day count of month m (1-12) in year y. */
static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				      31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* date: YYYY-MM-DD, a real day. */
static int set_date(ydoc *l, const ykey *k,
		    yaml_node_t *v, void *obj)
{
	const char *t;
	int y, m, d, n = 0, err = ydoc_scalar(l, k, v, "a date (YYYY-MM-DD)", &t);

	if (err)
		return err;
	if (strlen(t) != 10 || strspn(t, "0123456789-") != 10 ||
	    t[4] != '-' || t[7] != '-' ||
	    sscanf(t, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "date must be a "
			       "date as YYYY-MM-DD, not '%s'", t);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "date '%s' is not "
			       "a day of the calendar", t);
	memcpy(SCRIPT(l)->date, t, 11);
	return 0;
}

/* language: one the normalizer knows; stored in canonical case. */
static int set_language(ydoc *l, const ykey *k,
			yaml_node_t *v, void *obj)
{
	static const char *const langs[] = { "fr", "en", "fr-BE", "fr-CH" };
	size_t i;
	int err = ydoc_choice(l, k, v, langs, ARRAY_SIZE(langs), &i);

	if (!err)
		script_set((char **)&SCRIPT(l)->spec.speech.lang, langs[i]);
	return err;
}

/* loudness: podcast, broadcast, none or a number of LUFS. */
static int set_loudness(ydoc *l, const ykey *k,
			yaml_node_t *v, void *obj)
{
	bulletin_script *s = SCRIPT(l);
	const char *t;
	int err = ydoc_scalar(l, k, v, "podcast, broadcast, none or a number of "
			      "LUFS", &t);

	if (err)
		return err;
	if (!strcasecmp(t, "podcast") || !strcasecmp(t, "broadcast")) {
		s->loudness = (t[0] | 0x20) == 'p' ? SCRIPT_LOUDNESS_PODCAST :
			      SCRIPT_LOUDNESS_BROADCAST;
		s->spec.loudness = (t[0] | 0x20) == 'p' ? LOUDNESS_PODCAST_LUFS :
				   LOUDNESS_BROADCAST_LUFS;
		return 0;
	}
	if (!strcasecmp(t, "none")) {
		s->loudness = SCRIPT_LOUDNESS_NONE;
		s->spec.loudness = NAN;
		return 0;
	}
	if (ydoc_parse_number(t, &s->spec.loudness))
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "loudness must "
				 "be podcast, broadcast, none or a number of LUFS, "
				 "not '%s'", t);
	s->loudness = SCRIPT_LOUDNESS_LUFS;
	return ydoc_number(l, k, v, &s->spec.loudness);
}

/* ---- files ------------------------------------------------------- */

/* path joined to the script's folder unless absolute; heap. */
static char *resolve(const ydoc *l, const char *path)
{
	strbuf sb = { 0 };

	if (path[0] == '/' || !strcmp(SCRIPT(l)->dir, "."))
		return xstrdup(path);
	sb_addf(&sb, "%s/%s", SCRIPT(l)->dir, path);
	return sb_detach(&sb, NULL);
}

/* A path value, resolved into f (not yet checked). */
static int get_path(ydoc *l, const ykey *k,
		    yaml_node_t *v, script_file *f)
{
	const char *t;
	int err = ydoc_scalar(l, k, v, "a file path", &t);

	if (err)
		return err;
	if (!*t)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s is empty",
			       ydoc_key_name(l, k));
	free(f->path);
	f->path = resolve(l, t);
	f->pos = ydoc_pos_of(v);
	f->seconds = 0;
	if ((err = path_check_confined(f->path)))
		return ydoc_fail_detail(l, f->pos, ydoc_key_name(l, k), err);
	return 0;
}

/* An audio file libsndfile reads; its duration is probed. */
static int set_audio(ydoc *l, const ykey *k,
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
		return ydoc_fail_detail(l, f->pos, ydoc_key_name(l, k), err);
	f->seconds = frames > 0 && fmt.rate > 0 ? (double)frames / fmt.rate : 0;
	return 0;
}

/* A readable file at f->path, or an error naming it. */
static int check_readable(ydoc *l, const char *key, script_file *f)
{
	FILE *fp = fopen(f->path, "rb");

	if (!fp)
		return ydoc_fail(l, f->pos, errno == ENOENT ? CRIEUR_ENOENT :
			       CRIEUR_EIO, "%s: cannot open '%s': %s", key,
			       f->path, strerror(errno));
	fclose(fp);
	return 0;
}

/* lexicons: a list of readable files (one path alone is accepted). */
static int set_lexicons(ydoc *l, const ykey *k,
			yaml_node_t *v, void *obj)
{
	bulletin_script *s = SCRIPT(l);
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
	if (n > SPEECH_LEXICONS_MAX)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "lexicons: at "
				 "most %d files, not %zu", SPEECH_LEXICONS_MAX, n);
	s->lexicons = xcalloc(n, sizeof(*s->lexicons));
	while (s->n_lexicons < n) {
		size_t i = s->n_lexicons++;
		yaml_node_t *e = ydoc_node(l, it[i]);
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
static int set_voice(ydoc *l, const ykey *k,
		     yaml_node_t *v, void *obj)
{
	char **field = (char **)((char *)obj + k->off);
	struct voice_names vn = { .n = 0 };
	const char *t, *hint;
	size_t len;
	voice vc;
	int err = ydoc_scalar(l, k, v, "a voice name", &t);

	if (err)
		return err;
	len = strlen(t);
	if (len > 6 && !strcmp(t + len - 6, ".voice")) {
		char *path = resolve(l, t);

		err = path_check_confined(path);
		if (!err)
			err = voice_load(&vc, path);
		if (err) {
			free(path);
			return ydoc_fail_detail(l, ydoc_pos_of(v), ydoc_key_name(l, k), err);
		}
		free(*field);
		*field = path;
		return 0;
	}
	if (!*t || voice_load(&vc, t)) {
		voice_each_builtin(collect_voice, &vn);
		hint = suggest_closest(t, vn.names, vn.n);
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EVOICE, "%s: unknown voice "
			       "'%s' (%s%s%s'crieur voices' lists them)",
			       ydoc_key_name(l, k), t, hint ? "did you mean '" : "",
			       hint ? hint : "", hint ? "'? " : "");
	}
	script_set(field, t);
	return 0;
}

/* ---- mappings ---------------------------------------------------- */

#define OFF(type, field) offsetof(type, field)

/* A number the settings table declares (k->off is its id), into the
 * script's spec with the table's range and unit. */
static int set_setting(ydoc *l, const ykey *k, yaml_node_t *v, void *obj)
{
	const bulletin_setting *b = &bulletin_settings[k->off];
	ykey in_spec = { k->key, NULL, b->off, b->lo, b->hi, b->unit };

	return (b->type == BS_INT ? ykey_int : ykey_number)(l, &in_spec, v,
							    &SCRIPT(l)->spec);
}
#define SETTING(key, id) { key, set_setting, id, 0, 0, NULL }

static const ykey bed_keys[] = {
	{ "file", set_audio, OFF(script_bed, file), 0, 0, NULL },
	SETTING("level", BS_BED_LEVEL),
	SETTING("duck", BS_BED_DUCK),
	SETTING("attack", BS_BED_ATTACK),
	SETTING("release", BS_BED_RELEASE),
};

/* bed: a file path alone, or a mapping with file: and settings. */
static int set_bed(ydoc *l, const ykey *k,
		   yaml_node_t *v, void *obj)
{
	bulletin_script *s = SCRIPT(l);
	int err;

	if (v->type == YAML_SCALAR_NODE && !ydoc_is_null(v))
		return set_audio(l, &bed_keys[0], v, &s->bed);
	if ((err = ydoc_want_mapping(l, v, "bed", "a file path or a mapping "
				"(file, level, duck, attack, release)")))
		return err;
	l->keyprefix = "bed.";
	err = ydoc_walk(l, v, bed_keys, ARRAY_SIZE(bed_keys), &s->bed, "bed",
			   NULL);
	l->keyprefix = "";
	if (!err && !s->bed.file.path)
		err = ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "bed needs a file: "
			      "(the music to play under the bulletin)");
	return err;
}

/* output.format: mp3, wav, flac or opus. */
static int set_format(ydoc *l, const ykey *k,
		      yaml_node_t *v, void *obj)
{
	static const char *const names[] = { "mp3", "wav", "flac", "opus" };
	size_t i;
	int err = ydoc_choice(l, k, v, names, ARRAY_SIZE(names), &i);

	if (!err)
		SCRIPT(l)->output.format = (enum script_format)(i + 1);
	return err;
}

enum { OUT_FORMAT, OUT_BITRATE, OUT_QUALITY, OUT_SAMPLERATE, OUT_CHANNELS };
static const ykey output_keys[] = {
	{ "format", set_format, 0, 0, 0, NULL },
	SETTING("bitrate", BS_BITRATE),
	SETTING("quality", BS_QUALITY),
	SETTING("samplerate", BS_SAMPLERATE),
	SETTING("channels", BS_CHANNELS),
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
static int set_output(ydoc *l, const ykey *k,
		      yaml_node_t *v, void *obj)
{
	script_output *o = &SCRIPT(l)->output;
	yaml_node_t *val[ARRAY_SIZE(output_keys)] = { 0 };  /* OUT_* */
	int err = ydoc_want_mapping(l, v, "output", "a mapping (format, bitrate, "
			       "quality, samplerate, channels)");

	if (err)
		return err;
	l->keyprefix = "output.";
	err = ydoc_walk(l, v, output_keys, ARRAY_SIZE(output_keys), o,
			   "output", val);
	l->keyprefix = "";
	if (err)
		return err;
	if (o->format == SCRIPT_FORMAT_MP3 && val[OUT_SAMPLERATE] &&
	    !mp3_rate(SCRIPT(l)->spec.out.rate))
		return ydoc_fail(l, ydoc_pos_of(val[OUT_SAMPLERATE]), CRIEUR_EFORMAT,
			       "output.samplerate %d is not an MP3 rate (8000, "
			       "11025, 12000, 16000, 22050, 24000, 32000, "
			       "44100, 48000)", SCRIPT(l)->spec.out.rate);
	if ((o->format == SCRIPT_FORMAT_WAV || o->format == SCRIPT_FORMAT_FLAC) &&
	    val[OUT_BITRATE])
		return ydoc_fail(l, ydoc_pos_of(val[OUT_BITRATE]), CRIEUR_EFORMAT,
			       "output.bitrate applies to MP3 and Opus, not to "
			       "format %s", script_format_name(o->format));
	if (o->format != SCRIPT_FORMAT_UNSET && o->format != SCRIPT_FORMAT_MP3 &&
	    val[OUT_QUALITY])
		return ydoc_fail(l, ydoc_pos_of(val[OUT_QUALITY]), CRIEUR_EFORMAT,
			       "output.quality applies to MP3 only, not to "
			       "format %s", script_format_name(o->format));
	return 0;
}

/* publish.base_url: an http(s) URL. */
static int set_url(ydoc *l, const ykey *k,
		   yaml_node_t *v, void *obj)
{
	const char *t;
	int err = ydoc_scalar(l, k, v, "a URL", &t);

	if (err)
		return err;
	if (strncmp(t, "http://", 7) && strncmp(t, "https://", 8))
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "publish.base_url "
			       "must start with http:// or https://, not '%s'",
			       t);
	return ykey_string(l, k, v, obj);
}

static const ykey publish_keys[] = {
	{ "site", ykey_string, OFF(script_publish, site), 0, 0, NULL },
	{ "base_url", set_url, OFF(script_publish, base_url), 0, 0, NULL },
	{ "keep", ykey_int, OFF(script_publish, keep), 1, 10000, "episodes" },
};

/* publish: reserved for issue 6; checked like the rest. */
static int set_publish(ydoc *l, const ykey *k,
		       yaml_node_t *v, void *obj)
{
	int err = ydoc_want_mapping(l, v, "publish", "a mapping (site, base_url, "
			       "keep)");

	if (err)
		return err;
	SCRIPT(l)->publish.set = 1;
	l->keyprefix = "publish.";
	err = ydoc_walk(l, v, publish_keys, ARRAY_SIZE(publish_keys),
			   &SCRIPT(l)->publish, "publish", NULL);
	l->keyprefix = "";
	return err;
}

/* ---- items ------------------------------------------------------- */

/* An item's file: a statement, read and checked now. */
static int set_statement(ydoc *l, const ykey *k,
			 yaml_node_t *v, void *obj)
{
	script_item *it = obj;
	statement st;
	int err;

	if (it->text || it->inbox.path)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "has both "
			       "file: and %s: (keep one)", it->text ? "text" :
			       "inbox");
	if ((err = get_path(l, k, v, &it->file)))
		return err;
	err = statement_load(&st, it->file.path);
	statement_release(&st);
	return err ? ydoc_fail_detail(l, it->file.pos, "file", err) : 0;
}

/* An item's inline text: UTF-8 (checked with the file), not blank. */
static int set_text(ydoc *l, const ykey *k,
		    yaml_node_t *v, void *obj)
{
	script_item *it = obj;
	const char *t;
	int err = ydoc_scalar(l, k, v, "the text to speak", &t);

	if (err)
		return err;
	if (it->file.path || it->inbox.path)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "has both "
			       "%s: and text: (keep one)", it->file.path ?
			       "file" : "inbox");
	if (!t[strspn(t, " \t\r\n")])
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EEMPTY, "text is empty: "
			       "nothing to say");
	script_set(&it->text, t);
	return 0;
}

/* An item's inbox: a directory statements are dropped into. */
static int set_inbox(ydoc *l, const ykey *k,
		     yaml_node_t *v, void *obj)
{
	script_item *it = obj;
	struct stat st;
	int err, missing;

	if (it->file.path || it->text)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "has both %s: and "
			       "inbox: (keep one)", it->text ? "text" : "file");
	if ((err = get_path(l, k, v, &it->inbox)))
		return err;
	missing = stat(it->inbox.path, &st) ? errno : 0;
	if (missing || !S_ISDIR(st.st_mode))
		return ydoc_fail(l, it->inbox.pos, CRIEUR_ENOENT, "inbox: '%s' is "
				 "not a directory%s%s", it->inbox.path,
				 missing ? ": " : "",
				 missing ? strerror(missing) : "");
	return 0;
}

enum { IK_FILE, IK_TEXT, IK_INBOX, IK_TITLE, IK_VOICE, IK_MAX, IK_MAX_AGE,
       IK_ONCE };
static const ykey item_keys[] = {
	{ "file", set_statement, 0, 0, 0, NULL },
	{ "text", set_text, 0, 0, 0, NULL },
	{ "inbox", set_inbox, 0, 0, 0, NULL },
	{ "title", ykey_string, OFF(script_item, title), 0, 0, NULL },
	{ "voice", set_voice, OFF(script_item, voice), 0, 0, NULL },
	{ "max", ykey_int, OFF(script_item, inbox_max), 1, 100, "statements" },
	{ "max_age", ykey_number, OFF(script_item, inbox_max_age), 60, 2592000,
	  "seconds" },
	{ "once", ykey_bool, OFF(script_item, inbox_once), 0, 0, NULL },
};

/* One item: a mapping with file: or text:. */
static int load_item(ydoc *l, yaml_node_t *v, script_item *it,
		     size_t index)
{
	yaml_node_t *val[ARRAY_SIZE(item_keys)] = { 0 };
	char ctx[32];
	int err;

	it->pos = ydoc_pos_of(v);
	snprintf(ctx, sizeof(ctx), "item %zu: ", index + 1);
	if (v->type != YAML_MAPPING_NODE)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "item %zu must be "
			       "a mapping with file: or text:, not %s",
			       index + 1, ydoc_is_null(v) ? "nothing" :
			       ydoc_kind(v));
	l->ctx = ctx;
	it->inbox_max = SCRIPT_DEFAULT_INBOX_MAX;
	it->inbox_max_age = SCRIPT_DEFAULT_INBOX_MAX_AGE;
	err = ydoc_walk(l, v, item_keys, ARRAY_SIZE(item_keys), it, "", val);
	if (!err && !it->file.path && !it->text && !it->inbox.path)
		err = ydoc_fail(l, it->pos, CRIEUR_EFORMAT, "needs file: (a "
			      "statement file), text: (inline text) or inbox: "
			      "(a directory)");
	for (size_t i = IK_MAX; !err && !it->inbox.path && i <= IK_ONCE; i++)
		if (val[i])
			err = ydoc_fail(l, ydoc_pos_of(val[i]), CRIEUR_EFORMAT, "%s: "
				      "applies to an inbox: item only",
				      item_keys[i].key);
	l->ctx = "";
	return err;
}

/* items: a non-empty list of items. */
static int set_items(ydoc *l, const ykey *k,
		     yaml_node_t *v, void *obj)
{
	bulletin_script *s = SCRIPT(l);
	yaml_node_item_t *it;
	size_t n;
	int err;

	if (v->type != YAML_SEQUENCE_NODE) {
		if (ydoc_is_null(v))
			return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "items is "
				       "empty: a bulletin needs at least one");
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "items must be a "
			       "list, not %s", ydoc_kind(v));
	}
	it = v->data.sequence.items.start;
	n = (size_t)(v->data.sequence.items.top - it);
	if (!n)
		return ydoc_fail(l, ydoc_pos_of(v), CRIEUR_EFORMAT, "items is empty: "
			       "a bulletin needs at least one");
	s->items = xcalloc(n, sizeof(*s->items));
	for (size_t i = 0; i < n; i++) {
		s->n_items = i + 1;   /* so that script_free() sees it */
		err = load_item(l, ydoc_node(l, it[i]),
				&s->items[i], i);
		if (err)
			return err;
	}
	return 0;
}

/* ---- the top level ----------------------------------------------- */

static const ykey top_keys[] = {
	{ "title", ykey_string, OFF(bulletin_script, spec.title), 0, 0, NULL },
	{ "date", set_date, 0, 0, 0, NULL },
	{ "language", set_language, 0, 0, 0, NULL },
	{ "voice", set_voice, OFF(bulletin_script, spec.speech.voice), 0, 0,
	  NULL },
	{ "quote_voice", set_voice, OFF(bulletin_script, spec.speech.quote_voice),
	  0, 0, NULL },
	{ "lexicons", set_lexicons, 0, 0, 0, NULL },
	{ "expand_acronyms", ykey_bool,
	  OFF(bulletin_script, spec.speech.expand_acronyms), 0, 0, NULL },
	{ "intro", set_audio, OFF(bulletin_script, intro), 0, 0, NULL },
	{ "outro", set_audio, OFF(bulletin_script, outro), 0, 0, NULL },
	{ "sting", set_audio, OFF(bulletin_script, sting), 0, 0, NULL },
	{ "bed", set_bed, 0, 0, 0, NULL },
	SETTING("gap", BS_GAP),
	SETTING("talkup", BS_TALKUP),
	{ "loudness", set_loudness, 0, LOUDNESS_TARGET_MIN, LOUDNESS_TARGET_MAX,
	  "LUFS" },
	SETTING("true_peak", BS_TRUE_PEAK),
	SETTING("duration", BS_DURATION),
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
	bulletin_spec_init(&s->spec);
	s->loudness = SCRIPT_LOUDNESS_PODCAST;
	return s;
}

/* The value node of key in a ydoc_walk() result, or NULL. */
static yaml_node_t *value_of(yaml_node_t **values, const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(top_keys); i++)
		if (!strcmp(top_keys[i].key, key))
			return values[i];
	return NULL;
}

/* Checks across keys, once the whole mapping is read. */
static int check_whole(ydoc *l, yaml_node_t *root,
		       yaml_node_t **values)
{
	bulletin_script *s = SCRIPT(l);
	yaml_node_t *talkup = value_of(values, "talkup");
	yaml_node_t *duration = value_of(values, "duration");

	if (!s->n_items)
		return ydoc_fail(l, ydoc_pos_of(root), CRIEUR_EFORMAT, "no items: a "
			       "bulletin needs at least one (items: - file: "
			       "statement.txt)");
	if (duration)
		s->duration_pos = ydoc_pos_of(duration);
	if (s->intro.path && talkup && s->intro.seconds > 0 &&
	    s->spec.talkup > s->intro.seconds)
		return ydoc_fail(l, ydoc_pos_of(talkup), CRIEUR_EFORMAT, "talkup (%g s) "
			       "is longer than the intro (%.2f s)", s->spec.talkup,
			       s->intro.seconds);
	return 0;
}

/* The spec's pointers to what the script holds with its positions: the
 * date, lexicon and clip paths, the show's name, the items. */
static void link_spec(bulletin_script *s)
{
	bulletin_spec *b = &s->spec;
	bulletin_item *it = xcalloc(s->n_items + 1, sizeof(*it));

	b->date = s->date[0] ? s->date : NULL;
	for (size_t i = 0; i < s->n_lexicons; i++)
		b->speech.lexicons[b->speech.n_lexicons++] = s->lexicons[i].path;
	b->intro = s->intro.path;
	b->outro = s->outro.path;
	b->sting = s->sting.path;
	b->bed = s->bed.file.path;
	b->artist = s->publish.site;
	for (size_t i = 0; i < s->n_items; i++)
		it[i] = (bulletin_item){ s->items[i].file.path, s->items[i].text,
					 s->items[i].title, s->items[i].voice };
	b->items = it;
	b->n_items = s->n_items;
}

int script_load(bulletin_script **out, const char *path)
{
	static const ydoc_what what = { "a bulletin script",
					"title: ..., items: ...", "items:" };
	yaml_node_t *root, *values[ARRAY_SIZE(top_keys)] = { 0 };
	ydoc d = { .ctx = "", .keyprefix = "" };
	int err;

	*out = NULL;
	d.user = script_new(path);
	err = ydoc_load(&d, path, &what, &root);
	if (!err)
		err = ydoc_walk(&d, root, top_keys, ARRAY_SIZE(top_keys), d.user,
				"", values);
	if (!err)
		err = check_whole(&d, root, values);
	ydoc_release(&d);
	if (err) {
		script_free(d.user);
		return err;
	}
	link_spec(d.user);
	*out = d.user;
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
		free(s->items[i].inbox.path);
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
	free((char *)s->spec.title);
	free((char *)s->spec.speech.lang);
	free((char *)s->spec.speech.voice);
	free((char *)s->spec.speech.quote_voice);
	free((bulletin_item *)s->spec.items);
	free(s->intro.path);
	free(s->outro.path);
	free(s->sting.path);
	free(s->bed.file.path);
	free(s->publish.site);
	free(s->publish.base_url);
	free(s);
}
