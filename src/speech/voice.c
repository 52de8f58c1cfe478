/* voice.c - parse .voice files; resolve voice names. */
#include "speech/voice.h"
#include "base/embed.h"
#include "base/error.h"
#include "base/util.h"
#include "speech/synth.h"

#include <ctype.h>
#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void voice_defaults(voice *v, const char *name)
{
	memset(v, 0, sizeof(*v));
	snprintf(v->name, sizeof(v->name), "%s", name);
	snprintf(v->language, sizeof(v->language), "fr");
	snprintf(v->espeak, sizeof(v->espeak), "fr");
	v->rate = 165;
	v->pitch = 50;
	v->range = 50;
	v->volume = 100;
	v->fx.eq_q = 1;
	v->fx.ratio = 1;
	v->fx.attack_ms = 5;
	v->fx.release_ms = 120;
}

/* Parse "key = value" into v; 0 or CRIEUR_EFORMAT naming where:line. */
static int voice_set(voice *v, const char *where, int line, const char *key,
		     const char *val)
{
	static const struct { const char *key; int lo, hi; size_t off; } ints[] = {
		{ "rate", 80, 450, offsetof(voice, rate) },
		{ "pitch", 0, 100, offsetof(voice, pitch) },
		{ "range", 0, 100, offsetof(voice, range) },
		{ "volume", 0, 200, offsetof(voice, volume) },
	};
	static const struct { const char *key; double lo, hi; size_t off; } reals[] = {
		{ "highpass", 0, 500, offsetof(voice, fx.hp_hz) },
		{ "presence_hz", 200, 10000, offsetof(voice, fx.eq_hz) },
		{ "presence_db", -12, 12, offsetof(voice, fx.eq_db) },
		{ "presence_q", 0.1, 10, offsetof(voice, fx.eq_q) },
		{ "compress_threshold", -60, 0, offsetof(voice, fx.threshold_db) },
		{ "compress_ratio", 1, 20, offsetof(voice, fx.ratio) },
		{ "compress_attack", 0.1, 500, offsetof(voice, fx.attack_ms) },
		{ "compress_release", 1, 5000, offsetof(voice, fx.release_ms) },
		{ "makeup", -12, 12, offsetof(voice, fx.makeup_db) },
		{ "phase_rotate", 0, 1000, offsetof(voice, fx.rotate_hz) },
	};
	char *end;

	if (!strcmp(key, "description") || !strcmp(key, "sample")) {
		char *dst = key[0] == 'd' ? v->description : v->sample;
		size_t cap = key[0] == 'd' ? sizeof(v->description) : sizeof(v->sample);
		if (strlen(val) >= cap)
			return err_set(CRIEUR_EFORMAT, "%s:%d: %s is too long", where,
				       line, key);
		snprintf(dst, cap, "%s", val);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(reals); i++) {
		if (strcmp(key, reals[i].key))
			continue;
		double d = strtod(val, &end);
		if (!*val || *end || !(d >= reals[i].lo && d <= reals[i].hi))
			return err_set(CRIEUR_EFORMAT, "%s:%d: %s wants a number "
				       "from %g to %g, not '%s'", where, line,
				       key, reals[i].lo, reals[i].hi, val);
		*(double *)((char *)v + reals[i].off) = d;
		return 0;
	}
	if (!strcmp(key, "language") || !strcmp(key, "espeak")) {
		char *dst = key[0] == 'l' ? v->language : v->espeak;
		size_t cap = key[0] == 'l' ? sizeof(v->language) : sizeof(v->espeak);
		if (!*val || strlen(val) >= cap)
			return err_set(CRIEUR_EFORMAT, "%s:%d: bad %s '%s'", where,
				       line, key, val);
		snprintf(dst, cap, "%s", val);
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ints); i++) {
		if (strcmp(key, ints[i].key))
			continue;
		long n = strtol(val, &end, 10);
		if (!*val || *end || n < ints[i].lo || n > ints[i].hi)
			return err_set(CRIEUR_EFORMAT, "%s:%d: %s wants a number "
				       "from %d to %d, not '%s'", where, line,
				       key, ints[i].lo, ints[i].hi, val);
		*(int *)((char *)v + ints[i].off) = (int)n;
		return 0;
	}
	return err_set(CRIEUR_EFORMAT, "%s:%d: unknown key '%s'", where, line, key);
}

/* Trim ASCII white space at both ends, in place. */
static char *trim(char *s)
{
	char *e = s + strlen(s);

	while (isspace((unsigned char)*s))
		s++;
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Parse a whole .voice text. */
static int voice_parse(voice *v, const char *where, const char *text)
{
	char *copy = xstrdup(text), *l = copy;
	int line = 0, err = 0;

	while (l && !err) {
		char *next = strchr(l, '\n'), *eq, *s;

		if (next)
			*next++ = '\0';
		line++;
		s = trim(l);
		l = next;
		if (!*s || *s == '#')
			continue;
		eq = strchr(s, '=');
		if (!eq) {
			err = err_set(CRIEUR_EFORMAT, "%s:%d: expected 'key = "
				      "value', got '%s'", where, line, s);
			break;
		}
		*eq = '\0';
		err = voice_set(v, where, line, trim(s), trim(eq + 1));
	}
	free(copy);
	return err;
}

/* Whether an eSpeak NG voice entry answers to name (file identifier,
 * voice name, or one of its languages). */
static int voice_entry_matches(const espeak_VOICE *ev, const char *name)
{
	const char *id = ev->identifier, *slash = id ? strrchr(id, '/') : NULL;

	if ((id && !strcasecmp(slash ? slash + 1 : id, name)) ||
	    !strcasecmp(ev->name, name))
		return 1;
	/* languages: a priority byte, then a NUL-terminated name, repeated */
	for (const char *l = ev->languages; l && *l; l += strlen(l + 1) + 2)
		if (!strcasecmp(l + 1, name))
			return 1;
	return 0;
}

/* Whether eSpeak NG has a voice (or language) called name[+variant]. */
static int espeak_knows(const char *name)
{
	char base[64];
	const espeak_VOICE **list;

	if (synth_engine_init() < 0)
		return 0;
	list = espeak_ListVoices(NULL);
	snprintf(base, sizeof(base), "%s", name);
	base[strcspn(base, "+")] = '\0';
	for (; list && *list; list++)
		if (voice_entry_matches(*list, base))
			return 1;
	return 0;
}

int voice_load(voice *v, const char *name)
{
	char path[128];
	const char *text;
	size_t len = strlen(name);

	voice_defaults(v, name);
	if (len > 6 && !strcmp(name + len - 6, ".voice")) {
		char *data;
		size_t n;
		int err = read_file_max(name, MAX_VOICE_BYTES, "a voice file", &data,
					&n);
		if (err)
			return err;
		err = voice_parse(v, name, data);
		free(data);
		return err;
	}
	snprintf(path, sizeof(path), "voices/%s.voice", name);
	if ((text = embed_get(path, NULL)))
		return voice_parse(v, path, text);
	if (espeak_knows(name)) {
		snprintf(v->espeak, sizeof(v->espeak), "%s", name);
		snprintf(v->language, sizeof(v->language), "%.2s", name);
		return 0;
	}
	return err_set(CRIEUR_EVOICE, "unknown voice '%s' ('crieur voices' "
		       "lists them)", name);
}

const char *voice_default_for(const char *lang)
{
	if (!strcmp(lang, "en-US"))
		return "en-us-anchor";
	if (!strcmp(lang, "en") || !strcmp(lang, "en-GB"))
		return "en-anchor";
	if (!strcmp(lang, "fr-BE"))
		return "fr-be-anchor";
	if (!strcmp(lang, "fr-CH"))
		return "fr-ch-anchor";
	return "fr-anchor";
}

void voice_each_builtin(void (*fn)(const voice *v, void *ctx), void *ctx)
{
	for (const struct embed_file *f = embed_files; f->path; f++) {
		size_t n = strlen(f->path);
		char name[64];
		voice v;

		if (strncmp(f->path, "voices/", 7) || n < 13 ||
		    strcmp(f->path + n - 6, ".voice"))
			continue;
		snprintf(name, sizeof(name), "%.*s", (int)(n - 13), f->path + 7);
		voice_defaults(&v, name);
		if (!voice_parse(&v, f->path, f->data))
			fn(&v, ctx);
	}
}
