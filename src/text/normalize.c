/* normalize.c - placeholder: passes text through (issue 3 fills it in). */
#include "text/normalize.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

struct normalizer {
	char *lang;
};

int norm_new(normalizer **out, const char *lang)
{
	static const char *const known[] = { "fr", "en", "fr-BE", "fr-CH" };

	*out = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		if (!strcmp(lang, known[i])) {
			*out = xcalloc(1, sizeof(**out));
			(*out)->lang = xstrdup(lang);
			return 0;
		}
	}
	return err_set(CRIEUR_EINVAL,
		       "unknown language '%s' (fr, en, fr-BE, fr-CH)", lang);
}

void norm_free(normalizer *n)
{
	if (!n)
		return;
	free(n->lang);
	free(n);
}

const char *norm_lang(const normalizer *n)
{
	return n->lang;
}

int norm_line(normalizer *n, const char *in, size_t len, strbuf *out)
{
	sb_add(out, in, len);
	return 0;
}
