/* lang_fr_restate.c - French abbreviations in brackets after the words
 * they stand for: "placé en garde à vue (GAV)" is said once, as a
 * newsreader does, not "garde à vue, garde à vue". */
#include "text/lang_fr.h"

#include <string.h>
#include <strings.h>

/* The text written so far ends with the words w[0..m) (ASCII case
 * aside), starting a word. */
static int written_last(struct norm_out *o, const char *w, size_t m)
{
	size_t n;
	const char *s = out_text(o, &n);

	while (n && s[n - 1] == ' ')
		n--;
	return m && n >= m && !strncasecmp(s + n - m, w, m) &&
		(n == m || s[n - m - 1] == ' ' || s[n - m - 1] == '\'');
}

/* An abbreviation of abbreviations.tsv (one always said so), or an
 * acronym of acronyms.lex read as words, in brackets
 * at i, right after the words it stands for: "(GAV)", "(t.a.b.)".  The
 * brackets and the abbreviation are said as nothing. */
size_t fr_rule_restated(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	char key[20];
	size_t len = 0, k;
	const struct table_row *r;
	const char *w, *q;

	if (!tok_is_punct(tl, i, '('))
		return 0;
	for (k = i + 1; k < tl->n && k < i + 8 && !tok_is_punct(tl, k, ')'); k++) {
		if ((k > i + 1 && !tok_glued(tl, k)) || len + tl->tok[k].len >= sizeof(key))
			return 0;
		memcpy(key + len, tl->tok[k].text, tl->tok[k].len);
		len += tl->tok[k].len;
	}
	if (!len || !tok_is_punct(tl, k, ')'))
		return 0;
	if ((r = table_get(fr->abbr, key, len)) && !table_field(r, 2)[0] &&
	    written_last(o, table_field(r, 1), strlen(table_field(r, 1))))
		return k - i + 1;
	if ((r = table_get(fr->acr, key, len)) && (w = table_field(r, 1))[0] == '"' &&
	    (q = strchr(w + 1, '"')) && written_last(o, w + 1, (size_t)(q - w - 1)))
		return k - i + 1;       /* acronyms.lex: GAV "garde à vue" */
	return 0;
}
