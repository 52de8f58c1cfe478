/* ydoc.c - YAML files through key tables (libyaml's document API). */
#include "bulletin/ydoc.h"
#include "base/error.h"
#include "base/suggest.h"
#include "base/util.h"
#include "text/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- messages ---------------------------------------------------- */

ydoc_pos ydoc_pos_of(const yaml_node_t *n)
{
	return (ydoc_pos){ (int)n->start_mark.line + 1,
			   (int)n->start_mark.column + 1 };
}

yaml_node_t *ydoc_node(ydoc *d, int id)
{
	return yaml_document_get_node(&d->doc, id);
}

int ydoc_fail(ydoc *d, ydoc_pos p, int code, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return err_set(code, "%s:%d:%d: %s%s", d->path, p.line, p.column,
		       d->ctx ? d->ctx : "", msg);
}

int ydoc_fail_detail(ydoc *d, ydoc_pos p, const char *key, int code)
{
	char detail[768];

	snprintf(detail, sizeof(detail), "%s", err_detail());
	return ydoc_fail(d, p, code, "%s: %s", key, detail);
}

const char *ydoc_key_name(const ydoc *d, const ykey *k)
{
	static _Thread_local char name[96];

	snprintf(name, sizeof(name), "%s%s", d->keyprefix ? d->keyprefix : "",
		 k->key);
	return name;
}

const char *ydoc_kind(const yaml_node_t *n)
{
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	return "a string";
}

int ydoc_is_null(const yaml_node_t *n)
{
	const char *v;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)n->data.scalar.value;
	return !*v || !strcmp(v, "~") || !strcmp(v, "null") ||
	       !strcmp(v, "Null") || !strcmp(v, "NULL");
}

int ydoc_scalar(ydoc *d, const ykey *k, yaml_node_t *v, const char *what,
		const char **out)
{
	if (v->type != YAML_SCALAR_NODE)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be "
				 "%s, not %s", ydoc_key_name(d, k), what,
				 ydoc_kind(v));
	if (ydoc_is_null(v))
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s has no "
				 "value (it wants %s)", ydoc_key_name(d, k), what);
	*out = (const char *)v->data.scalar.value;
	/* quoted escapes can make what the file's bytes are not */
	if (strlen(*out) != v->data.scalar.length ||
	    utf8_validate(*out, v->data.scalar.length) != v->data.scalar.length)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s has a NUL "
				 "or an invalid character (from an escape?)",
				 ydoc_key_name(d, k));
	return 0;
}

/* ---- scalar values ----------------------------------------------- */

int ydoc_choice(ydoc *d, const ykey *k, yaml_node_t *v,
		const char *const *names, size_t n, size_t *i)
{
	char what[128] = "";
	const char *t;
	size_t at = 0;
	int err;

	for (size_t j = 0; j < n && at < sizeof what; j++)
		at += (size_t)snprintf(what + at, sizeof what - at, "%s%s",
				       !j ? "" : j + 1 < n ? ", " : " or ",
				       names[j]);
	if ((err = ydoc_scalar(d, k, v, what, &t)))
		return err;
	for (*i = 0; *i < n; (*i)++)
		if (!strcasecmp(t, names[*i]))
			return 0;
	return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be %s, "
			 "not '%s'", ydoc_key_name(d, k), what, t);
}

int ydoc_parse_number(const char *s, double *out)
{
	char *end;

	if (!*s || s[strspn(s, "+-.0123456789eE")] || !strpbrk(s, "0123456789"))
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}

int ydoc_number(ydoc *d, const ykey *k, yaml_node_t *v, double *out)
{
	char what[64];
	const char *t;
	int err;

	snprintf(what, sizeof(what), "a number of %s", k->unit);
	if ((err = ydoc_scalar(d, k, v, what, &t)))
		return err;
	if (ydoc_parse_number(t, out))
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be "
				 "%s, not '%s'", ydoc_key_name(d, k), what, t);
	if (*out < k->lo || *out > k->hi)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be "
				 "from %g to %g %s, not %s", ydoc_key_name(d, k),
				 k->lo, k->hi, k->unit, t);
	return 0;
}

int ykey_number(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	return ydoc_number(d, k, v, (double *)((char *)obj + k->off));
}

int ykey_int(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	const char *t;
	double x;
	int err = ydoc_scalar(d, k, v, "a whole number", &t);

	if (err)
		return err;
	if (ydoc_parse_number(t, &x) || x != floor(x) || strpbrk(t, ".eE"))
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be a "
				 "whole number, not '%s'", ydoc_key_name(d, k), t);
	if (x < k->lo || x > k->hi)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be "
				 "from %g to %g%s%s, not %s", ydoc_key_name(d, k),
				 k->lo, k->hi, k->unit ? " " : "",
				 k->unit ? k->unit : "", t);
	*(int *)((char *)obj + k->off) = (int)x;
	return 0;
}

int ykey_string(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	char **field = (char **)((char *)obj + k->off);
	const char *t;
	int err = ydoc_scalar(d, k, v, "a string", &t);

	if (err)
		return err;
	if (!*t)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s is empty",
				 ydoc_key_name(d, k));
	free(*field);
	*field = xstrdup(t);
	return 0;
}

int ykey_bool(ydoc *d, const ykey *k, yaml_node_t *v, void *obj)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	int *field = (int *)((char *)obj + k->off);
	const char *t;
	int err = ydoc_scalar(d, k, v, "true or false", &t);

	if (err)
		return err;
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (!strcasecmp(t, yes[i]) || !strcasecmp(t, no[i])) {
			*field = !strcasecmp(t, yes[i]);
			return 0;
		}
	return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be true "
			 "or false, not '%s'", ydoc_key_name(d, k), t);
}

/* ---- mappings ---------------------------------------------------- */

/* The error for key, unknown in a mapping of keys[0..n). */
static int unknown_key(ydoc *d, yaml_node_t *kn, const char *key,
		       const ykey *keys, size_t n, const char *where)
{
	const char *names[32], *hint;

	for (size_t i = 0; i < n; i++)
		names[i] = keys[i].key;
	hint = suggest_closest(key, names, n);
	return ydoc_fail(d, ydoc_pos_of(kn), CRIEUR_EFORMAT, "unknown key "
			 "'%s'%s%s%s%s%s", key, *where ? " in " : "", where,
			 hint ? " (did you mean '" : "", hint ? hint : "",
			 hint ? "'?)" : "");
}

int ydoc_walk(ydoc *d, yaml_node_t *m, const ykey *keys, size_t n, void *obj,
	      const char *where, yaml_node_t **values)
{
	yaml_node_pair_t *p = m->data.mapping.pairs.start;
	yaml_node_t *seen[32] = { 0 };
	int err;

	if (n > ARRAY_SIZE(seen))
		n = ARRAY_SIZE(seen);
	for (; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = ydoc_node(d, p->key);
		yaml_node_t *vn = ydoc_node(d, p->value);
		const char *key;
		size_t i;

		if (kn->type != YAML_SCALAR_NODE)
			return ydoc_fail(d, ydoc_pos_of(kn), CRIEUR_EFORMAT, "a "
					 "key must be a name, not %s",
					 ydoc_kind(kn));
		key = (const char *)kn->data.scalar.value;
		for (i = 0; i < n && strcmp(key, keys[i].key); i++)
			;
		if (i == n)
			return unknown_key(d, kn, key, keys, n, where);
		if (seen[i])
			return ydoc_fail(d, ydoc_pos_of(kn), CRIEUR_EFORMAT,
					 "duplicate key '%s%s' (first at line "
					 "%d)", d->keyprefix ? d->keyprefix : "",
					 key, ydoc_pos_of(seen[i]).line);
		seen[i] = kn;
		if (values)
			values[i] = vn;
		if ((err = keys[i].set(d, &keys[i], vn, obj)))
			return err;
	}
	return 0;
}

int ydoc_want_mapping(ydoc *d, yaml_node_t *v, const char *name,
		      const char *what)
{
	if (v->type == YAML_MAPPING_NODE)
		return 0;
	if (ydoc_is_null(v))
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s has no "
				 "value (it wants %s)", name, what);
	return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "%s must be %s, "
			 "not %s", name, what, ydoc_kind(v));
}

/* ---- loading ----------------------------------------------------- */

/* The 1-based line and column (in characters) of byte offset off. */
static ydoc_pos pos_of_offset(const char *text, size_t off)
{
	ydoc_pos p = { 1, 1 };

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
static int yaml_fail(ydoc *d, yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	ydoc_pos at = { (int)m.line + 1, (int)m.column + 1 };
	const char *problem = p->problem ? p->problem : "cannot be parsed";
	const char *tab = "";

	if (p->error == YAML_READER_ERROR)
		at = pos_of_offset(d->text, p->problem_offset < d->len ?
				   p->problem_offset : d->len);
	else if (byte_at(d->text, d->len, &m) == '\t')
		tab = " (YAML indents with spaces, not tabs)";
	if (p->context)
		return ydoc_fail(d, at, CRIEUR_EFORMAT, "YAML syntax: %s (%s "
				 "started at %d:%d)%s", problem, p->context,
				 (int)p->context_mark.line + 1,
				 (int)p->context_mark.column + 1, tab);
	return ydoc_fail(d, at, CRIEUR_EFORMAT, "YAML syntax: %s%s", problem,
			 tab);
}

/* The text must be UTF-8 without NUL bytes. */
static int check_utf8(ydoc *d, size_t skip)
{
	size_t bad = utf8_validate(d->text, d->len);
	ydoc_pos p;

	if (bad == d->len)
		bad = strlen(d->text) < d->len ? strlen(d->text) : bad;
	if (bad == d->len)
		return 0;
	p = pos_of_offset(d->text, bad);
	return err_set(CRIEUR_EUTF8, "%s:%d:%d: %s at byte %zu", d->path,
		       p.line, p.column, d->text[bad] ? "invalid UTF-8" :
		       "NUL byte", bad + skip);
}

/* Fail when the text nests collections deeper than YDOC_MAX_DEPTH: read
 * event by event, so libyaml stops at the first level too deep (its
 * scanner's simple-key bookkeeping is quadratic in the nesting, and its
 * document loader recursive).  Syntax errors are left to the loader. */
static int check_depth(ydoc *d)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int depth = 0, err = 0, done = 0;

	if (!yaml_parser_initialize(&parser))
		return err_set(CRIEUR_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)d->text,
				     d->len);
	while (!done && !err && yaml_parser_parse(&parser, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > YDOC_MAX_DEPTH)
				err = ydoc_fail(d, (ydoc_pos){ (int)ev.start_mark.line + 1,
						(int)ev.start_mark.column + 1 },
						CRIEUR_EFORMAT, "lists and mappings "
						"nested more than %d deep",
						YDOC_MAX_DEPTH);
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
			   ev.type == YAML_MAPPING_END_EVENT) {
			depth--;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return err;
}

/* Parse d->text: exactly one document, whose root is a mapping. */
static int parse(ydoc *d, const ydoc_what *what, yaml_node_t **root)
{
	yaml_parser_t parser;
	yaml_document_t extra;
	yaml_node_t *more;
	int err = 0;

	if ((err = check_depth(d)))
		return err;
	if (!yaml_parser_initialize(&parser))
		return err_set(CRIEUR_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, (const unsigned char *)d->text,
				     d->len);
	if (!yaml_parser_load(&parser, &d->doc)) {
		err = yaml_fail(d, &parser);
		yaml_parser_delete(&parser);
		return err;
	}
	d->loaded = 1;
	*root = yaml_document_get_root_node(&d->doc);
	if (!*root)
		err = err_set(CRIEUR_EEMPTY, "'%s' is empty: %s needs at least "
			      "%s", d->path, what->name, what->needs);
	else if ((*root)->type != YAML_MAPPING_NODE)
		err = ydoc_fail(d, ydoc_pos_of(*root), CRIEUR_EFORMAT, "%s is "
				"a mapping of keys (%s), not %s", what->name,
				what->example, ydoc_kind(*root));
	if (!err && !yaml_parser_load(&parser, &extra))
		err = yaml_fail(d, &parser);
	else if (!err) {
		more = yaml_document_get_root_node(&extra);
		if (more)
			err = ydoc_fail(d, ydoc_pos_of(more), CRIEUR_EFORMAT, "a "
					"second YAML document: %s holds one",
					what->name);
		yaml_document_delete(&extra);
	}
	yaml_parser_delete(&parser);
	return err;
}

/* Take data (len bytes, NUL-terminated, heap) and parse it. */
static int load_data(ydoc *d, char *data, size_t len, const ydoc_what *what,
		     yaml_node_t **root)
{
	size_t skip = 0;
	int err;

	d->data = data;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		skip = 3;                 /* a UTF-8 byte-order mark */
	d->text = data + skip;
	d->len = len - skip;
	if ((err = check_utf8(d, skip)))
		return err;
	return parse(d, what, root);
}

int ydoc_load(ydoc *d, const char *path, const ydoc_what *what,
	      yaml_node_t **root)
{
	char *data;
	size_t len;
	int err;

	d->path = path;
	*root = NULL;
	if ((err = read_file_max(path, MAX_SCRIPT_BYTES, what->name, &data,
				 &len)))
		return err;
	return load_data(d, data, len, what, root);
}

int ydoc_load_text(ydoc *d, const char *path, const char *text, size_t len,
		   const ydoc_what *what, yaml_node_t **root)
{
	char *data = xcalloc(len + 1, 1);

	memcpy(data, text, len);
	d->path = path;
	*root = NULL;
	return load_data(d, data, len, what, root);
}

void ydoc_release(ydoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = 0;
	free(d->data);
	d->data = NULL;
}
