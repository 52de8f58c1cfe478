/* ydoc.h - a YAML file read through one table of keys per mapping.
 *
 * The loaders of crieur's YAML files (bulletin scripts, station files)
 * share this: the file is read, checked for UTF-8, parsed with libyaml's
 * document API, and each mapping is walked through a table of keys whose
 * setters fill a struct.  Every error names the file and a 1-based
 * line:column and says what is wrong:
 *   station.yaml:7:6: prepare must be a number of seconds, not 'abc'
 *   station.yaml:3:3: unknown key 'tmezone' (did you mean 'timezone'?)
 * Positions point at the value for a bad value, at the key for an unknown
 * or duplicate key.  Unknown keys are errors at every level. */
#ifndef CRIEUR_YDOC_H
#define CRIEUR_YDOC_H

#include <stddef.h>
#include <yaml.h>

/* A place in the file, 1-based; {0, 0}: not from the file. */
/* Lists and mappings nest at most this deep (checked before libyaml
 * loads the document). */
enum { YDOC_MAX_DEPTH = 64 };

typedef struct ydoc_pos {
	int line;
	int column;
} ydoc_pos;

typedef struct ydoc {
	const char *path;       /* the file, for messages */
	char *data;             /* its bytes (owned) */
	const char *text;       /* data after a byte-order mark */
	size_t len;
	yaml_document_t doc;
	int loaded;
	const char *ctx;        /* message prefix: "slot 'news': " or "" */
	const char *keyprefix;  /* key name prefix: "bed." or "" */
	void *user;             /* the loader's own state */
} ydoc;

struct ykey;
typedef int (*ykey_setter)(ydoc *d, const struct ykey *k, yaml_node_t *v,
			   void *obj);

/* One key of a mapping: its setter fills the field at off in obj. */
typedef struct ykey {
	const char *key;     /* as written in the file */
	ykey_setter set;
	size_t off;          /* the field in obj */
	double lo, hi;       /* numbers: the accepted range */
	const char *unit;    /* numbers: "seconds", "dB"...; else a hint */
} ykey;

/* What kind of file a loader reads, for messages about the whole file. */
typedef struct ydoc_what {
	const char *name;      /* "a bulletin script" */
	const char *example;   /* its keys, "title: ..., items: ..." */
	const char *needs;     /* what an empty one lacks, "items:" */
} ydoc_what;

/* Read path, check it is UTF-8, parse its one YAML document and check
 * that the root is a mapping.  On success *root is the root mapping.
 * Errors: CRIEUR_ENOENT/EIO (unreadable), CRIEUR_EUTF8, CRIEUR_EEMPTY
 * ("'x.yaml' is empty: a bulletin script needs at least items:"),
 * CRIEUR_EFORMAT (YAML syntax, a second document, not a mapping).
 * Release d with ydoc_release() whatever the result. */
int ydoc_load(ydoc *d, const char *path, const ydoc_what *what,
	      yaml_node_t **root);

/* The same from len bytes in memory (copied); path names them. */
int ydoc_load_text(ydoc *d, const char *path, const char *text, size_t len,
		   const ydoc_what *what, yaml_node_t **root);

void ydoc_release(ydoc *d);

/* The position of a node, and its child node by id. */
ydoc_pos ydoc_pos_of(const yaml_node_t *n);
yaml_node_t *ydoc_node(ydoc *d, int id);

/* Record "path:line:column: CTXmessage" and return code. */
int ydoc_fail(ydoc *d, ydoc_pos p, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Re-record the detail left by a failed check as "path:l:c: key: it". */
int ydoc_fail_detail(ydoc *d, ydoc_pos p, const char *key, int code);

/* The key's name as messages show it ("bed.level"). */
const char *ydoc_key_name(const ydoc *d, const ykey *k);

/* "a list", "a mapping", "a string": what a node is, for messages. */
const char *ydoc_kind(const yaml_node_t *n);

/* Whether a node is YAML's null (an absent value). */
int ydoc_is_null(const yaml_node_t *n);

/* The text of a scalar value; an error for a list, a mapping or null.
 * what says what the key wants ("a file path"). */
int ydoc_scalar(ydoc *d, const ykey *k, yaml_node_t *v, const char *what,
		const char **out);

/* A scalar that is one of names[0..n) (any case): its index in *i.
 * Otherwise the error "KEY must be a, b or c, not 'x'". */
int ydoc_choice(ydoc *d, const ykey *k, yaml_node_t *v,
		const char *const *names, size_t n, size_t *i);

/* Parse a decimal number (no hex, inf or nan); 0 or -1. */
int ydoc_parse_number(const char *s, double *out);

/* A number within [k->lo, k->hi] (in k->unit) into *out. */
int ydoc_number(ydoc *d, const ykey *k, yaml_node_t *v, double *out);

/* Setters for common fields: a double in range, an int in range, a
 * non-empty string (char *, replaced), a boolean (int: true/false,
 * yes/no, on/off). */
int ykey_number(ydoc *d, const ykey *k, yaml_node_t *v, void *obj);
int ykey_int(ydoc *d, const ykey *k, yaml_node_t *v, void *obj);
int ykey_string(ydoc *d, const ykey *k, yaml_node_t *v, void *obj);
int ykey_bool(ydoc *d, const ykey *k, yaml_node_t *v, void *obj);

/* Apply each pair of the mapping m through keys[0..n) (at most 32);
 * unknown keys (with the closest known one suggested) and duplicate keys
 * are errors.  where names the mapping for messages ("bed"; "" at the
 * top).  values, when not NULL, receives each key's value node (NULL:
 * absent), in the table's order. */
int ydoc_walk(ydoc *d, yaml_node_t *m, const ykey *keys, size_t n, void *obj,
	      const char *where, yaml_node_t **values);

/* 0 when v is a mapping; else an error: name (the key holding it) must
 * be what. */
int ydoc_want_mapping(ydoc *d, yaml_node_t *v, const char *name,
		      const char *what);

#endif
