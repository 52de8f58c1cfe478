/* station.c - read and check a station file (ydoc key tables). */
#include "air/station.h"
#include "air/inbox.h"
#include "audio/sndfile_io.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/script.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* path joined to the station file's folder unless absolute; heap. */
static char *resolve(const air_station *st, const char *path)
{
	strbuf sb = { 0 };

	if (path[0] == '/' || !strcmp(st->dir, "."))
		return xstrdup(path);
	sb_addf(&sb, "%s/%s", st->dir, path);
	return sb_detach(&sb, NULL);
}

static air_station *station_of(ydoc *d)
{
	return d->user;
}

/* ---- slot values ------------------------------------------------- */

/* name: used in file names and the as-run log. */
static int set_name(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_slot *s = obj;
	const char *t;
	int err = ydoc_scalar(d, k, v, "a name", &t);

	if (err)
		return err;
	if (!*t || strlen(t) > 64 || t[0] == '.' ||
	    t[strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		     "0123456789._-")])
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "name '%s': "
				 "use letters, digits, '.', '_' and '-' (at most "
				 "64, not starting with '.')", t);
	free(s->name);
	s->name = xstrdup(t);
	return 0;
}

/* The column of byte off of a scalar's text (plain or quoted on one
 * line; else the scalar's own position). */
static ydoc_pos scalar_pos(const yaml_node_t *v, size_t off)
{
	ydoc_pos p = ydoc_pos_of(v);

	if (v->start_mark.line != v->end_mark.line)
		return p;
	p.column += (int)off + (v->data.scalar.style !=
				YAML_PLAIN_SCALAR_STYLE);
	return p;
}

/* One cron line into s->at[s->n_at]. */
static int add_cron(ydoc *d, const ykey *k, yaml_node_t *v, air_slot *s)
{
	const char *t;
	size_t at;
	int err = ydoc_scalar(d, k, v, "a cron line (such as \"0 6-22 * * *\")",
			      &t);

	if (err)
		return err;
	s->at = xrealloc(s->at, (s->n_at + 1) * sizeof(*s->at));
	s->at_text = xrealloc(s->at_text, (s->n_at + 1) * sizeof(char *));
	s->at_text[s->n_at] = xstrdup(t);
	err = cron_parse(&s->at[s->n_at++], t, &at);
	if (!err) {
		time_t next;

		if (cron_next(&s->at[s->n_at - 1], time(NULL), &next))
			return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "at: "
					 "'%s' never comes (no such day)", t);
		return 0;
	}
	return ydoc_fail_detail(d, scalar_pos(v, at), "at", err);
}

/* at: one cron line or a list of them. */
static int set_at(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_slot *s = obj;
	yaml_node_item_t *it;
	int err;

	if (v->type != YAML_SEQUENCE_NODE)
		return add_cron(d, k, v, s);
	if (v->data.sequence.items.start == v->data.sequence.items.top)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "at: an "
				 "empty list (give at least one cron line)");
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	     it++)
		if ((err = add_cron(d, k, ydoc_node(d, *it), s)))
			return err;
	return 0;
}

/* A path value resolved into *field, with its position. */
static int get_path(ydoc *d, const ykey *k, yaml_node_t *v, char **field,
		    ydoc_pos *pos)
{
	const char *t;
	int err = ydoc_scalar(d, k, v, "a file path", &t);

	if (err)
		return err;
	if (!*t)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s is empty",
				 k->key);
	free(*field);
	*field = resolve(station_of(d), t);
	if (pos)
		*pos = ydoc_pos_of(v);
	if ((err = path_check_confined(*field)))
		return ydoc_fail_detail(d, ydoc_pos_of(v), k->key, err);
	return 0;
}

/* bulletin: a bulletin script, loaded now to check it. */
static int set_bulletin(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_slot *s = obj;
	bulletin_script *sc;
	int err = get_path(d, k, v, &s->bulletin, &s->bulletin_pos);

	if (err)
		return err;
	if ((err = script_load(&sc, s->bulletin)))
		return ydoc_fail_detail(d, s->bulletin_pos, "bulletin", err);
	script_free(sc);
	return 0;
}

/* fallback: an audio file libsndfile reads. */
static int set_fallback(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_slot *s = obj;
	audio_format fmt;
	long long frames;
	char name[64];
	int err = get_path(d, k, v, &s->fallback, NULL);

	if (err)
		return err;
	err = sndfile_probe(s->fallback, &fmt, &frames, name, sizeof(name));
	return err ? ydoc_fail_detail(d, ydoc_pos_of(v), "fallback", err) : 0;
}

/* start: hard or soft. */
static int set_start(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	static const char *const names[] = { "hard", "soft" };
	air_slot *s = obj;
	size_t i;
	int err = ydoc_choice(d, k, v, names, ARRAY_SIZE(names), &i);

	if (!err)
		s->start = i == 0 ? AIR_START_HARD : AIR_START_SOFT;
	return err;
}

#define OFF(type, field) offsetof(type, field)

enum { SK_NAME, SK_AT, SK_BULLETIN };
static const ykey slot_keys[] = {
	{ "name", set_name, 0, 0, 0, NULL },
	{ "at", set_at, 0, 0, 0, NULL },
	{ "bulletin", set_bulletin, 0, 0, 0, NULL },
	{ "duration", ykey_number, OFF(air_slot, duration), 10, 14400,
	  "seconds" },
	{ "start", set_start, 0, 0, 0, NULL },
	{ "prepare", ykey_number, OFF(air_slot, prepare), 1, 86400, "seconds" },
	{ "fallback", set_fallback, 0, 0, 0, NULL },
	{ "late", ykey_number, OFF(air_slot, late), 0, 86400, "seconds" },
};

/* One slot: a mapping with name, at and bulletin. */
static int load_slot(ydoc *d, yaml_node_t *v, air_slot *s, size_t index)
{
	static const char *const need[] = { "name", "at", "bulletin" };
	yaml_node_t *val[ARRAY_SIZE(slot_keys)] = { 0 };
	char ctx[96];
	int err;

	s->pos = ydoc_pos_of(v);
	s->prepare = AIR_DEFAULT_PREPARE;
	if (v->type != YAML_MAPPING_NODE)
		return ydoc_fail(d, s->pos, CRIEUR_EFORMAT, "slot %zu must be a "
				 "mapping (name, at, bulletin...), not %s",
				 index + 1, ydoc_is_null(v) ? "nothing" :
				 ydoc_kind(v));
	snprintf(ctx, sizeof(ctx), "slot %zu: ", index + 1);
	d->ctx = ctx;
	err = ydoc_walk(d, v, slot_keys, ARRAY_SIZE(slot_keys), s, "a slot",
			val);
	for (size_t i = 0; !err && i < ARRAY_SIZE(need); i++)
		if (!val[i])
			err = ydoc_fail(d, s->pos, CRIEUR_EFORMAT, "needs %s:",
					need[i]);
	d->ctx = "";
	return err;
}

/* The items of a non-empty list (*n of them); NULL with an error when
 * v is not one ("slots must be a list of at least one slot..."). */
static yaml_node_item_t *list_items(ydoc *d, yaml_node_t *v, const char *key,
				    const char *what, size_t *n, int *err)
{
	*err = 0;
	if (v->type != YAML_SEQUENCE_NODE ||
	    v->data.sequence.items.start == v->data.sequence.items.top) {
		*err = ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be "
				 "a list of at least one %s, not %s", key, what,
				 ydoc_is_null(v) ? "nothing" : ydoc_kind(v));
		return NULL;
	}
	*n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
	return v->data.sequence.items.start;
}

/* slots: a non-empty list of slots with distinct names. */
static int set_slots(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_station *st = obj;
	size_t n = 0;
	int err;
	yaml_node_item_t *it = list_items(d, v, "slots", "slot", &n, &err);

	if (!it)
		return err;
	st->slots = xcalloc(n, sizeof(*st->slots));
	for (size_t i = 0; i < n; i++) {
		st->n_slots = i + 1;
		if ((err = load_slot(d, ydoc_node(d, it[i]), &st->slots[i], i)))
			return err;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(st->slots[j].name, st->slots[i].name))
				return ydoc_fail(d, st->slots[i].pos,
						 CRIEUR_EFORMAT, "slot %zu: name "
						 "'%s' is already slot %zu's", i + 1,
						 st->slots[i].name, j + 1);
	}
	return 0;
}

/* ---- station values ---------------------------------------------- */

static int set_timezone(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_station *st = obj;
	const char *t;
	int err = ydoc_scalar(d, k, v, "an IANA time zone (Europe/Paris)", &t);

	if (err)
		return err;
	if (!air_tz_exists(t))
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "timezone: "
				 "unknown time zone '%s' (an IANA name such as "
				 "Europe/Paris; see /usr/share/zoneinfo)", t);
	free(st->timezone);
	st->timezone = xstrdup(t);
	return 0;
}

static int set_state(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_station *st = obj;

	return get_path(d, k, v, &st->state, &st->state_pos);
}

/* outputs: a list of outputs, each of one kind. */
static int set_outputs(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	air_station *st = obj;
	size_t n = 0;
	int err;
	yaml_node_item_t *it = list_items(d, v, "outputs", "output (- device: "
					  "NAME, - folder: DIR)", &n, &err);

	if (!it)
		return err;
	st->outputs = xcalloc(n, sizeof(*st->outputs));
	for (size_t i = 0; i < n && !err; i++) {
		st->n_outputs = i + 1;
		err = air_output_parse(d, ydoc_node(d, it[i]), st->dir,
				       &st->outputs[i]);
	}
	return err;
}

enum { TK_STATION, TK_TIMEZONE, TK_STATE, TK_OUTPUTS, TK_SLOTS };
static const ykey top_keys[] = {
	{ "station", ykey_string, OFF(air_station, name), 0, 0, NULL },
	{ "timezone", set_timezone, 0, 0, 0, NULL },
	{ "state", set_state, 0, 0, 0, NULL },
	{ "outputs", set_outputs, 0, 0, 0, NULL },
	{ "slots", set_slots, 0, 0, 0, NULL },
};

/* The default state directory: $XDG_STATE_HOME/crieur/NAME (or
 * ~/.local/state/crieur/NAME), NAME made safe for a file name. */
static char *default_state(const char *name)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	strbuf sb = { 0 };
	size_t start;

	if (xdg && *xdg)
		sb_addf(&sb, "%s/crieur/", xdg);
	else
		sb_addf(&sb, "%s/.local/state/crieur/", home && *home ? home :
			".");
	start = sb.len;
	sb_adds(&sb, name);
	for (size_t i = start; i < sb.len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._-", sb.buf[i]) || (i == start &&
							   sb.buf[i] == '.'))
			sb.buf[i] = '-';
	return sb_detach(&sb, NULL);
}

/* The name of the file without folder and extension. */
static char *file_stem(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');

	return xstrndup(base, dot && dot > base ? (size_t)(dot - base) :
			strlen(base));
}

/* A new station with its folder set. */
static air_station *station_new(const char *path)
{
	air_station *st = xcalloc(1, sizeof(*st));
	const char *slash = strrchr(path, '/');

	st->path = xstrdup(path);
	if (slash)
		st->dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
	else
		st->dir = xstrdup(".");
	return st;
}

/* Walk the root mapping and check what is required. */
static int load_root(ydoc *d, yaml_node_t *root, air_station *st)
{
	yaml_node_t *val[ARRAY_SIZE(top_keys)] = { 0 };
	int err = ydoc_walk(d, root, top_keys, ARRAY_SIZE(top_keys), st, "",
			    val);

	if (err)
		return err;
	if (!val[TK_OUTPUTS])
		return ydoc_fail(d, ydoc_pos_of(root), CRIEUR_EFORMAT, "no "
				 "outputs: say where bulletins go (outputs: - "
				 "device: NAME)");
	if (!val[TK_SLOTS])
		return ydoc_fail(d, ydoc_pos_of(root), CRIEUR_EFORMAT, "no "
				 "slots: say when bulletins air (slots: - name: "
				 "news, at: \"0 * * * *\", bulletin: news.yaml)");
	if (!st->name)
		st->name = file_stem(st->path);
	if (!st->state)
		st->state = default_state(st->name);
	return 0;
}

static const ydoc_what station_what = { "a station file",
	"station: ..., outputs: ..., slots: ...", "outputs: and slots:" };

/* Load from d (already read), freeing st on failure. */
static int finish_load(ydoc *d, int err, yaml_node_t *root, air_station *st,
		       air_station **out)
{
	d->user = st;
	d->ctx = "";
	if (!err)
		err = load_root(d, root, st);
	ydoc_release(d);
	if (err) {
		station_free(st);
		return err;
	}
	*out = st;
	return 0;
}

int station_load(air_station **out, const char *path)
{
	ydoc d = { 0 };
	yaml_node_t *root;
	air_station *st = station_new(path);
	int err;

	*out = NULL;
	d.user = st;
	err = ydoc_load(&d, path, &station_what, &root);
	return finish_load(&d, err, root, st, out);
}

int station_load_text(air_station **out, const char *path, const char *text,
		      size_t len)
{
	ydoc d = { 0 };
	yaml_node_t *root;
	air_station *st = station_new(path);
	int err;

	*out = NULL;
	d.user = st;
	err = ydoc_load_text(&d, path, text, len, &station_what, &root);
	return finish_load(&d, err, root, st, out);
}

void station_free(air_station *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_slots; i++) {
		air_slot *s = &st->slots[i];

		for (size_t j = 0; j < s->n_at; j++)
			free(s->at_text[j]);
		free(s->at);
		free(s->at_text);
		free(s->name);
		free(s->bulletin);
		free(s->fallback);
	}
	free(st->slots);
	for (size_t i = 0; i < st->n_outputs; i++)
		air_output_release(&st->outputs[i]);
	free(st->outputs);
	free(st->path);
	free(st->dir);
	free(st->name);
	free(st->timezone);
	free(st->state);
	free(st);
}

/* ---- checks at start --------------------------------------------- */

/* mkdir -p dir (mode 0755). */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int err = 0;

	for (char *s = p + 1; *s && !err; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) && errno != EEXIST)
				err = -1;
			*s = '/';
		}
	if (!err && mkdir(p, 0755) && errno != EEXIST)
		err = -1;
	free(p);
	return err;
}

/* "station.yaml:LINE:COL: " + what, for a check without its own place. */
static int fail_at(const air_station *st, ydoc_pos p, int code,
		   const char *what)
{
	char detail[768];

	snprintf(detail, sizeof(detail), "%s", what);
	if (!p.line)
		return err_set(code, "%s: %s", st->path, detail);
	return err_set(code, "%s:%d:%d: %s", st->path, p.line, p.column, detail);
}

int station_check(const air_station *st)
{
	char what[640];
	int err;

	if (make_dirs(st->state) || access(st->state, W_OK | X_OK)) {
		snprintf(what, sizeof(what), "state directory '%s' cannot be "
			 "written: %s", st->state, strerror(errno));
		return fail_at(st, st->state_pos, CRIEUR_EIO, what);
	}
	for (size_t i = 0; i < st->n_outputs; i++) {
		const air_output *o = &st->outputs[i];

		if (!o->kind->check || !(err = o->kind->check(o->cfg)))
			continue;
		snprintf(what, sizeof(what), "outputs: %s", err_detail());
		return fail_at(st, o->pos, err, what);
	}
	return 0;
}

/* ---- the schedule ------------------------------------------------ */

int slot_next(const air_slot *s, air_ns after, air_ns *at)
{
	time_t a = (time_t)(after >= 0 ? after / AIR_NS_PER_S :
			    -((-after + AIR_NS_PER_S - 1) / AIR_NS_PER_S));
	time_t best = 0, t;
	int found = 0;

	/* a = floor(after): the first whole second after a is after `after` */
	for (size_t i = 0; i < s->n_at; i++)
		if (!cron_next(&s->at[i], a, &t) && (!found || t < best)) {
			best = t;
			found = 1;
		}
	if (!found)
		return err_set(CRIEUR_ENOENT, "slot '%s' never comes", s->name);
	*at = (air_ns)best * AIR_NS_PER_S;
	return 0;
}

int station_next(const air_station *st, air_ns after, size_t after_slot,
		 size_t *slot, air_ns *at)
{
	int found = 0;
	air_ns t;

	for (size_t i = 0; i < st->n_slots; i++) {
		air_ns from = after_slot != SIZE_MAX && i > after_slot ?
			      after - 1 : after;

		if (!slot_next(&st->slots[i], from, &t) && (!found || t < *at)) {
			*at = t;
			*slot = i;
			found = 1;
		}
	}
	return found ? 0 : err_set(CRIEUR_ENOENT, "no slot ever comes");
}

/* ---- the inboxes of the slots' bulletins ---------------------------- */

int station_each_inbox(const air_station *st,
		       int (*fn)(const air_station *st, const air_slot *s,
				 const script_item *it, void *ctx),
		       void *ctx)
{
	int err = 0;

	for (size_t i = 0; !err && i < st->n_slots; i++) {
		bulletin_script *sc;

		if (script_load(&sc, st->slots[i].bulletin))
			continue;   /* reported when the slot is prepared */
		for (size_t k = 0; !err && k < sc->n_items; k++)
			if (sc->items[k].inbox.path)
				err = fn(st, &st->slots[i], &sc->items[k], ctx);
		script_free(sc);
	}
	return err;
}

static int check_one_inbox(const air_station *st, const air_slot *s,
			   const script_item *it, void *ctx)
{
	int err = inbox_prepare(it->inbox.path);
	char detail[640];

	if (!err)
		return 0;
	snprintf(detail, sizeof(detail), "%s", err_detail());
	return err_set(err, "%s:%d:%d: slot '%s': bulletin '%s': inbox: %s",
		       st->path, s->bulletin_pos.line, s->bulletin_pos.column,
		       s->name, s->bulletin, detail);
}

int station_check_inboxes(const air_station *st)
{
	return station_each_inbox(st, check_one_inbox, NULL);
}
