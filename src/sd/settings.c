/* settings.c - SET parameters mapped onto a crieur voice. */
#include "sd/settings.h"
#include "base/error.h"
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Rate limits in words per minute (crieur's own: voices/README.md). */
enum { RATE_MIN = 80, RATE_MAX = 450 };

void sd_settings_init(sd_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->punct = SD_PUNCT_SOME;
}

/* A whole decimal integer in [-100, 100]. */
static int parse_level(const char *value, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (end == value || *end || errno || n < -100 || n > 100)
		return -1;
	*out = (int)n;
	return 0;
}

/* The index of value in names[] (NULL-terminated), or -1. */
static int pick(const char *value, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(value, names[i]))
			return i;
	return -1;
}

const char *sd_language(const char *tag)
{
	size_t n = strcspn(tag, "-_");

	if (n == 2 && !strncasecmp(tag, "en", 2))
		return "en";
	if (n != 2 || strncasecmp(tag, "fr", 2))
		return NULL;
	if (tag[2] && !strcasecmp(tag + 3, "BE"))
		return "fr-BE";
	if (tag[2] && !strcasecmp(tag + 3, "CH"))
		return "fr-CH";
	return "fr";
}

/* A string parameter; 1 when key is not one of them. */
static int set_string(sd_settings *s, const char *key, const char *value)
{
	static const char *const puncts[] = { "none", "some", "most", "all", NULL };
	static const char *const caps[] = { "none", "spell", "icon", NULL };
	static const char *const onoff[] = { "off", "on", NULL };
	static const char *const voices[] = { "male1", "male2", "male3",
		"female1", "female2", "female3", "child_male", "child_female",
		NULL };
	int null = !strcmp(value, "NULL"), i;
	voice v;

	if (!strcmp(key, "punctuation_mode"))
		return (i = pick(value, puncts)) < 0 ? -1 : (s->punct = i, 0);
	if (!strcmp(key, "cap_let_recogn"))
		return (i = pick(value, caps)) < 0 ? -1 : (s->cap = i, 0);
	if (!strcmp(key, "spelling_mode"))
		return (i = pick(value, onoff)) < 0 ? -1 : (s->spelling = i, 0);
	if (!strcmp(key, "voice"))
		return (i = pick(value, voices)) < 0 ? -1 :
			(s->female = (i >= 3 && i <= 5) || i == 7, 0);
	if (!strcmp(key, "language")) {
		const char *l = null ? "" : sd_language(value);
		if (!l)
			return -1;
		snprintf(s->language, sizeof(s->language), "%s", l);
		return 0;
	}
	if (!strcmp(key, "synthesis_voice")) {
		if (!null && (strlen(value) >= sizeof(s->synthesis_voice) ||
			      strchr(value, '/') || voice_load(&v, value)))
			return -1;
		snprintf(s->synthesis_voice, sizeof(s->synthesis_voice), "%s",
			 null ? "" : value);
		return 0;
	}
	return 1;
}

int sd_settings_set(sd_settings *s, const char *key, const char *value)
{
	int *level = !strcmp(key, "rate") ? &s->rate :
		!strcmp(key, "pitch") ? &s->pitch :
		!strcmp(key, "pitch_range") ? &s->pitch_range :
		!strcmp(key, "volume") ? &s->volume : NULL;
	int r;

	if (level)
		return parse_level(value, level);
	r = set_string(s, key, value);
	return r ? -1 : 0;
}

/* Map a -100..100 level around base, within [lo, hi]. */
static int around(int level, int base, int lo, int hi)
{
	if (base < lo)
		base = lo;
	if (base > hi)
		base = hi;
	return level < 0 ? base + (base - lo) * level / 100 :
		base + (hi - base) * level / 100;
}

struct pick_ctx {
	const char *lang;
	int female;
	char name[64];     /* the best so far */
	int score;
};

static void pick_voice(const voice *v, void *arg)
{
	struct pick_ctx *c = arg;
	int female = strstr(v->description, "female") != NULL;
	int score = 1 + (female == c->female);

	if (strcmp(v->language, c->lang) || score <= c->score)
		return;
	c->score = score;
	snprintf(c->name, sizeof(c->name), "%s", v->name);
}

int sd_settings_voice(const sd_settings *s, const char *fallback, voice *v,
		      const char **lang)
{
	struct pick_ctx c = { s->language, s->female, "", 0 };
	int err;

	if (s->synthesis_voice[0])
		err = voice_load(v, s->synthesis_voice);
	else if (s->language[0]) {
		voice_each_builtin(pick_voice, &c);
		err = voice_load(v, c.score ? c.name : voice_default_for(s->language));
	} else {
		err = voice_load(v, fallback);
	}
	if (err)
		return err;
	v->rate = around(s->rate, v->rate, RATE_MIN, RATE_MAX);
	v->pitch = around(s->pitch, v->pitch, 0, 100);
	v->range = around(s->pitch_range, v->range, 0, 100);
	/* as sd_espeak-ng: 0 the voice's level, -100 silent, 100 twice */
	v->volume = v->volume * (s->volume + 100) / 100;
	if (v->volume > 200)
		v->volume = 200;
	*lang = s->language[0] && !s->synthesis_voice[0] ? s->language : v->language;
	return 0;
}
