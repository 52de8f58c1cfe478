/* lang_fr_rate.c - French units and rates without a number before them:
 * "au km²", "des milliards de km", "véhicules/an", "g de CO2/km". */
#include "text/lang_fr.h"

#include <string.h>

/* Words that count many of what "de" brings ("des milliards de km"). */
#define UNIT_QUANTITIES "millions|milliards|billions|centaines|dizaines|milliers|" \
	"beaucoup|plus|moins|peu|combien|trop|assez|nombre|kilos|tonnes"

/* A unit symbol with no number before it: after "par" ("par km"), and a
 * symbol marked bare in units.tsv (no French word: km, kg, m², kWh) after
 * an article or a quantity ("au km²", "le km 120", "du kWh": singular;
 * "des km", "en km", "des milliards de km": plural). */
size_t fr_rule_unit_per(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	const struct table_row *r;
	size_t used;
	int plural;

	if (i == 0 || tl->tok[i].len > 3 || !(tl->tok[i].flags & TF_SPACE) ||
	    !(r = fr_unit_at(fr, tl, i, &used)) || (used == 1 && tl->tok[i].len == 1))
		return 0;
	if (fr_word_in(tl, i - 1, "par|le|au|du|chaque|un|ce|cet|quel"))
		plural = 0;
	else if (fr_word_in(tl, i - 1, "des|les|aux|ces|en|quelques|plusieurs|nombreux") ||
		 (fr_word_in(tl, i - 1, "de") && fr_word_in(tl, i - 2, UNIT_QUANTITIES)))
		plural = 1;
	else
		return 0;
	if (!fr_word_in(tl, i - 1, "par") && strcmp(table_field(r, 5), "bare"))
		return 0;
	out_word(o, table_field(r, plural ? 2 : 1), i, i + used - 1);
	return used;
}

/* A rate written word/word, "véhicules/an", "repas/jour": "par" when the
 * word after the slash is one a rate is counted by (not "et/ou",
 * "entrées/sorties"). */
size_t fr_rule_per_word(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	(void)fr;
	if (i == 0 || !tok_is_punct(tl, i, '/') || !tok_glued(tl, i) || i + 1 >= tl->n ||
	    !tok_glued(tl, i + 1) || tl->tok[i - 1].kind != TOK_WORD ||
	    (tl->tok[i - 1].flags & TF_CAPS) ||
	    !fr_word_in(tl, i + 1, "an|jour|mois|semaine|heure|nuit|habitant|personne|tête|"
			"élève|foyer|ménage|salarié|patient|lit") ||
	    (i + 2 < tl->n && tok_glued(tl, i + 2) && tl->tok[i + 2].kind != TOK_PUNCT))
		return 0;
	out_word(o, "par", i, i);
	return 1;
}

/* A rate after a chemical formula, "/" glued then a unit marked bare in
 * units.tsv ("120 g de CO2/km", "kgCO2/kWh"): "par" and the unit's
 * singular, "par kilomètre". */
size_t fr_rule_per_formula(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	const struct table_row *r;
	size_t used;

	if (i < 2 || !tok_is_punct(tl, i, '/') || !tok_glued(tl, i) || !tok_glued(tl, i + 1) ||
	    tl->tok[i - 1].kind != TOK_NUM || !tok_glued(tl, i - 1) ||
	    tl->tok[i - 2].kind != TOK_WORD || !(tl->tok[i - 2].flags & TF_CAPS) ||
	    !(r = fr_unit_at(fr, tl, i + 1, &used)) || strcmp(table_field(r, 5), "bare"))
		return 0;
	sb_adds(&fr->sb, "par ");
	sb_adds(&fr->sb, table_field(r, 1));
	fr_flush(fr, o, i, i + used);
	return used + 1;
}
