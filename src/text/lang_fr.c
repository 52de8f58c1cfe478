/* lang_fr.c - French rules (in progress). */
#include "text/lang.h"

/* Nothing special yet. */
static size_t fr_expand(void *state, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	return 0;
}

const struct norm_lang norm_lang_fr = {
	.name = "fr",
	.expand = fr_expand,
};
