/* lang_en.c - English rules.  STUB by the framework so the tree links:
 * the English helper owns this file and replaces it (see lang.h). */
#include "text/lang.h"

/* Nothing special yet: every token gets the default handling. */
static size_t en_expand(void *state, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	return 0;
}

const struct norm_lang norm_lang_en = {
	.name = "en",
	.expand = en_expand,
};
