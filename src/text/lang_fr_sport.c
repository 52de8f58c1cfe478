/* lang_fr_sport.c - French rules for sports: times with minute and
 * second marks ("1'23"", "9"58", "2:01:09"), the minute of a goal and its
 * added time ("à la 67'", "(12', 67')", "90'+3"), tennis sets written with
 * a slash ("6/4 6/2"). */
#include "text/lang_fr.h"

#include <string.h>

/* Token k is a second mark glued to the token before: '"' or "''". */
static size_t second_mark(const struct tok_line *tl, size_t k)
{
	if (fr_glued_punct(tl, k, '"'))
		return 1;
	if (fr_glued_punct(tl, k, '\'') && fr_glued_punct(tl, k + 1, '\''))
		return 2;
	return 0;
}

/* A NUM of 1 to 3 digits glued at k after a second mark: the tenths,
 * hundredths or thousandths, said "trente-quatre", "zéro six", "sept
 * cent huit", and nothing if all zeros ("26'11"00"); 1 if there, else 0. */
static size_t second_fraction(struct fr *fr, const struct tok_line *tl, size_t k)
{
	const struct token *t = &tl->tok[k];

	if (!fr_glued_num(tl, k) || t->len > 3 ||
	    (k + 1 < tl->n && tok_glued(tl, k + 1) && tl->tok[k + 1].kind != TOK_PUNCT))
		return 0;
	if (strspn(t->text, "0") < t->len)
		numfr_decimals(&fr->sb, t->text, t->len, fr->numflags);
	return 1;
}

/* Say v followed by its unit, feminine ("une minute", "vingt et une
 * secondes"), plural from 2. */
static void say_chrono_part(struct fr *fr, uint64_t v, const char *one, const char *many)
{
	fr_cardinal(fr, v, NUMFR_FEM);
	sb_addch(&fr->sb, ' ');
	sb_adds(&fr->sb, v >= 2 ? many : one);
}

/* The number at i, with a minute mark after it, is one of a list of the
 * minutes of goals in brackets: "Mbappé (12', 67')", "(23')". */
static int minute_list(const struct tok_line *tl, size_t i)
{
	size_t e = i + 2;

	if (!(tok_is_punct(tl, i - 1, '(') || tok_is_punct(tl, i - 1, ',') ||
	      fr_word_in(tl, i - 1, "et")))
		return 0;
	if (!(tok_is_punct(tl, e, ')') || tok_is_punct(tl, e, ',') || fr_word_in(tl, e, "et")))
		return 0;
	if (tok_is_punct(tl, i - 1, '('))
		return 1;
	return i >= 3 && fr_glued_punct(tl, i - 2, '\'') && tl->tok[i - 3].kind == TOK_NUM;
}

/* The unit of a compact duration glued after the number at k: 3 hours, 2
 * minutes, 1 seconds, else 0. */
static int compact_unit(const struct tok_line *tl, size_t k)
{
	if (k >= tl->n || !tok_glued(tl, k) || tl->tok[k].kind != TOK_WORD)
		return 0;
	if (fr_word_in(tl, k, "h|H"))
		return 3;
	if (fr_word_in(tl, k, "min|mn"))
		return 2;
	return fr_word_in(tl, k, "s|sec") ? 1 : 0;
}

/* A duration written compact, each number glued to its unit, the units
 * from larger to smaller: "2h01min09s" deux heures une minute neuf
 * secondes, "1min52s", "4h12min"; a clock time ("14h30") is no such. */
size_t fr_rule_compact_duration(struct fr *fr, const struct tok_line *tl, size_t i,
				struct norm_out *o)
{
	static const char *const one[] = { "", "seconde", "minute", "heure" };
	static const char *const many[] = { "", "secondes", "minutes", "heures" };
	size_t j = i, parts = 0;
	int last = 4, u;
	uint64_t v;

	if (i > 0 && tok_glued(tl, i) && tl->tok[i - 1].kind != TOK_PUNCT)
		return 0;
	while (fr_num_at(tl, j, 3, &v) && (j == i || tok_glued(tl, j)) &&
	       (u = compact_unit(tl, j + 1)) && u < last && (last == 4 || v < 60)) {
		if (v || (parts == 0 && u == 1))
			say_chrono_part(fr, v, one[u], many[u]);
		last = u;
		parts++;
		j += 2;
	}
	if (parts < 2 || (j < tl->n && tok_glued(tl, j) && tl->tok[j].kind != TOK_PUNCT)) {
		sb_reset(&fr->sb);
		return 0;
	}
	fr_flush(fr, o, i, j - 1);
	return j - i;
}

/* A race time written as hours, minutes and seconds: "2:01:09" deux
 * heures une minute neuf secondes (a part at zero is left out). */
static size_t race_time(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	uint64_t h, m, s;

	if (!fr_num_at(tl, i, 2, &h) || !fr_glued_punct(tl, i + 1, ':') ||
	    !fr_glued_num(tl, i + 2) || tl->tok[i + 2].len != 2 ||
	    !fr_num_at(tl, i + 2, 2, &m) || m >= 60 || !fr_glued_punct(tl, i + 3, ':') ||
	    !fr_glued_num(tl, i + 4) || tl->tok[i + 4].len != 2 ||
	    !fr_num_at(tl, i + 4, 2, &s) || s >= 60 ||
	    (i + 5 < tl->n && tok_glued(tl, i + 5) && !tok_is_punct(tl, i + 5, '.') &&
	     !tok_is_punct(tl, i + 5, ',')))
		return 0;
	if (h)
		say_chrono_part(fr, h, "heure", "heures");
	if (m || !h) {
		if (h)
			sb_addch(&fr->sb, ' ');
		say_chrono_part(fr, m, "minute", "minutes");
	}
	if (s) {
		sb_addch(&fr->sb, ' ');
		say_chrono_part(fr, s, "seconde", "secondes");
	}
	fr_flush(fr, o, i, i + 4);
	return 5;
}

/* A sports time written with minute and second marks: "1'23"" (or
 * "1' 23"") une minute
 * vingt-trois secondes, "21"34" vingt et une secondes trente-quatre,
 * "2h05'12"" deux heures cinq minutes douze secondes, "12''" douze
 * secondes; "à la 67'" à la soixante-septième minute.  A number in quotes ("« 12 »") is no time. */
size_t fr_rule_chrono(struct fr *fr, const struct tok_line *tl, size_t i,
		      struct norm_out *o)
{
	uint64_t h = 0, m, sec, cc;
	size_t j = i, k;

	if ((i > 0 && tok_glued(tl, i) && tok_is_punct(tl, i - 1, '"')) || !fr_num_at(tl, i, 2, &m))
		return 0;
	if ((k = race_time(fr, tl, i, o)))
		return k;
	if (fr_word_in(tl, i + 1, "h") && tok_glued(tl, i + 1) && fr_glued_num(tl, i + 2) &&
	    tl->tok[i + 2].len == 2 && fr_glued_punct(tl, i + 3, '\'') && !fr_glued_punct(tl, i + 4, '\'')) {
		h = m;                           /* "2h05'12"" */
		fr_num_at(tl, i + 2, 2, &m);
		j = i + 2;
	}
	if (fr_glued_punct(tl, j + 1, '\'') && !fr_glued_punct(tl, j + 2, '\'') &&
	    (fr_glued_num(tl, j + 2) || (j + 2 < tl->n && tl->tok[j + 2].kind == TOK_NUM &&
				      second_mark(tl, j + 3))) &&
	    tl->tok[j + 2].len == 2 && fr_num_at(tl, j + 2, 2, &sec) && sec < 60 &&
	    (h || second_mark(tl, j + 3) || !(j + 3 < tl->n && tok_glued(tl, j + 3)))) {
		if (h) {
			say_chrono_part(fr, h, "heure", "heures");
			sb_addch(&fr->sb, ' ');
		}
		say_chrono_part(fr, m, "minute", "minutes");
		sb_addch(&fr->sb, ' ');
		k = j + 3 + second_mark(tl, j + 3);
		if (k > j + 3) {
			say_chrono_part(fr, sec, "seconde", "secondes");
			k += second_fraction(fr, tl, k);
		} else {
			fr_cardinal(fr, sec, NUMFR_FEM);
		}
		fr_flush(fr, o, i, k - 1);
		return k - i;
	}
	if (!h && i > 0 && (fr_word_in(tl, i - 1, "la") || minute_list(tl, i)) &&
	    fr_glued_punct(tl, i + 1, '\'') &&
	    !second_mark(tl, i + 1) && !(i + 2 < tl->n && tok_glued(tl, i + 2) &&
					 tl->tok[i + 2].kind != TOK_PUNCT)) {
		numfr_ordinal(&fr->sb, m, NUMFR_FEM | fr->numflags);   /* "à la 67'" */
		sb_adds(&fr->sb, " minute");
		fr_flush(fr, o, i, i + 1);
		return 2;
	}
	if (h || !(k = second_mark(tl, i + 1)))
		return 0;
	say_chrono_part(fr, m, "seconde", "secondes");
	if (k == 1 && (cc = second_fraction(fr, tl, i + 2))) {
		fr_flush(fr, o, i, i + 2);   /* "21"34": the hundredths; "2"5" tenths */
		return 3;
	}
	if (i + 1 + k < tl->n && tok_glued(tl, i + 1 + k) && tl->tok[i + 1 + k].kind != TOK_PUNCT)
		return 0;
	fr_flush(fr, o, i, i + k);
	return 1 + k;
}


/* An end of a half (45, 90, or 105, 120 in extra time) with a minute mark
 * or ordinal suffix and the added time: "90'+3", "45e+2", "90+4'" (and
 * "90' + 3"), said "quatre-vingt-dixième minute plus trois". */
size_t fr_rule_added_time(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	uint64_t n, add;
	size_t j = i + 1, end;

	if (!fr_num_at(tl, i, 3, &n) || (n != 45 && n != 90 && n != 105 && n != 120))
		return 0;
	if (fr_glued_punct(tl, j, '\'') || (tok_glued(tl, j) && fr_word_in(tl, j, "e|è|ème|eme")))
		j++;
	if (!tok_is_punct(tl, j, '+') || !fr_num_at(tl, j + 1, 2, &add) || add == 0 || add > 30)
		return 0;
	end = j + 1;
	if (j == i + 1) {       /* "90+4'": the mark after the added minutes */
		if (!tok_glued(tl, j) || !tok_glued(tl, j + 1) ||
		    !(fr_glued_punct(tl, j + 2, '\'') ||
		      (tok_glued(tl, j + 2) && fr_word_in(tl, j + 2, "e|è|ème|eme"))))
			return 0;
		end = j + 2;
	} else if (fr_glued_punct(tl, j + 2, '\'')) {
		end = j + 2;    /* "90'+3'" */
	}
	if (end + 1 < tl->n && tok_glued(tl, end + 1) && tl->tok[end + 1].kind != TOK_PUNCT)
		return 0;
	numfr_ordinal(&fr->sb, n, NUMFR_FEM | fr->numflags);
	sb_adds(&fr->sb, " minute plus");
	fr_cardinal(fr, add, NUMFR_FEM);
	fr_flush(fr, o, i, end);
	return end - i + 1;
}

/* A tennis set score: games a/b a set ends on (6 and at most 4, 7 and 5
 * or 6). */
static int set_score(const struct tok_line *tl, size_t i)
{
	uint64_t a, b, hi, lo;

	if (!fr_num_at(tl, i, 1, &a) || !fr_glued_punct(tl, i + 1, '/') ||
	    !fr_glued_num(tl, i + 2) || !fr_num_at(tl, i + 2, 1, &b) ||
	    (i > 0 && tok_glued(tl, i) && tl->tok[i - 1].kind != TOK_PUNCT) ||
	    (i + 3 < tl->n && tok_glued(tl, i + 3) && tl->tok[i + 3].kind != TOK_PUNCT))
		return 0;
	hi = a > b ? a : b;
	lo = a > b ? b : a;
	return (hi == 6 && lo <= 4) || (hi == 7 && (lo == 5 || lo == 6));
}

/* Tennis sets written with a slash, two or more in a row ("6/4 6/2",
 * "6/4, 3/6, 7/5"): scores said "six à quatre", as "6-4" is; a lone
 * "6/4" stays a date or a fraction. */
size_t fr_rule_sets(struct fr *fr, const struct tok_line *tl, size_t i,
		    struct norm_out *o)
{
	int next, prev;

	if (!set_score(tl, i))
		return 0;
	next = set_score(tl, i + 3) || (tok_is_punct(tl, i + 3, ',') && set_score(tl, i + 4));
	prev = (i >= 3 && set_score(tl, i - 3)) ||
		(i >= 4 && tok_is_punct(tl, i - 1, ',') && set_score(tl, i - 4));
	if (!next && !prev)
		return 0;
	fr_cardinal(fr, (uint64_t)(tl->tok[i].text[0] - '0'), 0);
	sb_adds(&fr->sb, " à");
	fr_cardinal(fr, (uint64_t)(tl->tok[i + 2].text[0] - '0'), 0);
	fr_flush(fr, o, i, i + 2);
	return 3;
}

/* The word at k may not be the noun an ordinal before it qualifies: a
 * name, or a word of the grammar ("à la 38e avant la pause"). */
static int no_noun_at(const struct tok_line *tl, size_t k)
{
	if (k >= tl->n || tl->tok[k].kind == TOK_PUNCT)
		return 1;
	if (tl->tok[k].kind != TOK_WORD)
		return 0;
	return (tl->tok[k].flags & TF_UPPER) ||
		fr_word_in(tl, k, "avant|après|sur|de|d|du|des|et|puis|pour|par|grâce|quand|"
			   "alors|lorsque|mais|ou|à|au|aux|en|contre|sans|avec|le|la|les|l|"
			   "un|une|il|elle|ils|elles|qui|que|qu|on|lui|se|s|son|sa|ses|leur|"
			   "a|est|était|fut|juste|seulement|déjà|encore|ce|c|dans|sous|lors|"
			   "pendant|malgré|face|laissant|permettant|offrant|ne|n|y|suite");
}

/* The ordinal at i (a number and a singular suffix glued, "38e", "1re")
 * stands alone, a number of minutes a match can last: its value, or 0. */
static uint64_t minute_ordinal(const struct tok_line *tl, size_t i)
{
	uint64_t v;
	int kind;

	if (!fr_num_at(tl, i, 3, &v) || v == 0 || v > 130 || i + 1 >= tl->n ||
	    !tok_glued(tl, i + 1) || tl->tok[i + 1].kind != TOK_WORD ||
	    (i > 0 && tok_glued(tl, i) && tl->tok[i - 1].kind != TOK_PUNCT))
		return 0;
	kind = fr_ordinal_suffix_of(tl->tok[i + 1].text, tl->tok[i + 1].len, v);
	if (kind != 1 && kind != 2)
		return 0;
	if (i + 2 < tl->n && tok_glued(tl, i + 2) && !tok_is_punct(tl, i + 2, ',') &&
	    !tok_is_punct(tl, i + 2, ')') && !tok_is_punct(tl, i + 2, '.'))
		return 0;                /* "45e+2" is added time; "38e-40e" */
	return v;
}

/* The brackets around token i hold an added time ("(12e, 45e+1)"). */
static int added_in_brackets(const struct tok_line *tl, size_t i)
{
	for (size_t k = i; k < tl->n && k < i + 12 && !tok_is_punct(tl, k, ')'); k++)
		if (tok_is_punct(tl, k, '+'))
			return 1;
	return 0;
}

/* Brackets i-1..i+2 hold one ordinal after a team or a rider, a ranking:
 * the name is a place of the word list or a club's acronym ("Lens (3e)",
 * "le PSG (1er)", "l'OM (4e)"), opens the sentence ("Rennes (7e) marque
 * deux buts") or follows a match verb ("bat Nantes (15e)"); not a scorer
 * ("le but de Mbappé (3e)", "Buts : Mbappé (3e)"). */
static int team_rank(const struct tok_line *tl, size_t i)
{
	const struct token *t;
	size_t k = i - 2;

	if (i < 2 || !tok_is_punct(tl, i - 1, '(') || !tok_is_punct(tl, i + 2, ')') ||
	    tl->tok[k].kind != TOK_WORD || !(tl->tok[k].flags & TF_UPPER))
		return 0;
	t = &tl->tok[k];
	if (((t->flags & TF_CAPS) && t->len >= 2 && t->len <= 5) || fr_listed_place(t))
		return 1;
	while (k > 0 && tl->tok[k - 1].kind == TOK_WORD && (tl->tok[k - 1].flags & TF_UPPER) &&
	       (tl->tok[k].flags & TF_SPACE))
		k--;                     /* "Real Madrid", "Stade Rennais" */
	if (k > 0 && tok_is_punct(tl, k - 1, '-') && tok_glued(tl, k))
		return 0;
	return k == 0 || fr_word_in(tl, k - 1, "bat|battu|battre|contre|face|reçoit|recevait|"
				    "recevra|affronte|affrontait|affrontera|devant|chez|domine|"
				    "dominé|accueille|accueillait|accueillera|surclasse|"
				    "surclassé|écrase|écrasé|dépasse|devance|devancé");
}

/* The minute of a match, written as a bare ordinal in a football report
 * (contexts.tsv, field 2 "goal" or "minute"): "à la 38e", "dès la 5e de
 * la seconde période", and the minutes of goals in brackets, which need a
 * goal word, a ranking being written so too ("Lens (3e) reçoit Lille"):
 * "un doublé (23e, 56e)".  Said "trente-huitième minute".  A rank ("Lens
 * pointe à la 3e") and an ordinal with its noun ("la 38e journée") are
 * left to the ordinal rule. */
size_t fr_rule_goal_minute(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	uint64_t v = minute_ordinal(tl, i);
	int listed;

	if (!v || !no_noun_at(tl, i + 2))
		return 0;
	listed = tok_is_punct(tl, i - 1, '(') ||
		((tok_is_punct(tl, i - 1, ',') || fr_word_in(tl, i - 1, "et")) && i >= 3 &&
		 (minute_ordinal(tl, i - 3) || tok_is_punct(tl, i - 2, '\'')));
	if (listed) {
		if (team_rank(tl, i))
			return 0;
		if (!(tok_is_punct(tl, i + 2, ')') || tok_is_punct(tl, i + 2, ',') ||
		      fr_word_in(tl, i + 2, "et")) ||
		    !(fr_sentence_has(fr, tl, i, 2, "goal") || added_in_brackets(tl, i)))
			return 0;
	} else if (!(i >= 2 && fr_word_in(tl, i - 1, "la") &&
		     fr_word_in(tl, i - 2, "à|dès|avant|après|vers|depuis|de|partir|jusqu") &&
		     !(i >= 3 && fr_word_in(tl, i - 3, "pointe|pointait|remonte|remonté|recule|"
					     "reculé|glisse|glissé|grimpe|grimpé|reste|classé|"
					     "classée|monte|monté|descend|descendu|figure|termine|"
					     "terminé|terminée|fini|finit|finie|occupe|passe|passé|"
					     "rétrogradé|rétrograde|chute|chuté|hissé|hisse")) &&
		     (fr_sentence_has(fr, tl, i, 2, "goal") ||
		      fr_sentence_has(fr, tl, i, 2, "minute")))) {
		return 0;
	}
	numfr_ordinal(&fr->sb, v, NUMFR_FEM | fr->numflags);
	sb_adds(&fr->sb, " minute");
	fr_flush(fr, o, i, i + 1);
	return 2;
}

/* Tokens i-4..i-1 are a set won on a tie-break and the bracket after it:
 * "7-6 (", "6/7(": 1 if the first player won it, 2 if the second, else 0. */
static int tiebreak_set(const struct tok_line *tl, size_t i)
{
	uint64_t a, b;

	if (i < 4 || !tok_is_punct(tl, i - 1, '(') || !fr_num_at(tl, i - 2, 1, &b) ||
	    !(fr_glued_punct(tl, i - 3, '-') || fr_glued_punct(tl, i - 3, '/')) ||
	    !tok_glued(tl, i - 2) || !fr_num_at(tl, i - 4, 1, &a))
		return 0;
	return a == 7 && b == 6 ? 1 : a == 6 && b == 7 ? 2 : 0;
}

/* The points of a tie-break in brackets after its set: "7-6 (7/4)",
 * "6-7 (5-7)" said "sept à quatre", "cinq à sept"; only the loser's
 * written, "7-6 (4)", the winner's are put back (7, or two more past 5):
 * "sept à quatre". */
size_t fr_rule_tiebreak(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	int won = tiebreak_set(tl, i);
	uint64_t a, b;

	if (!won || !fr_num_at(tl, i, 2, &a))
		return 0;
	if (tok_is_punct(tl, i + 1, ')')) {
		b = a >= 6 ? a + 2 : 7;
		fr_cardinal(fr, won == 1 ? b : a, 0);
		sb_adds(&fr->sb, " à");
		fr_cardinal(fr, won == 1 ? a : b, 0);
		fr_flush(fr, o, i, i);
		return 1;
	}
	if (!(fr_glued_punct(tl, i + 1, '/') || fr_glued_punct(tl, i + 1, '-')) ||
	    !fr_glued_num(tl, i + 2) || !fr_num_at(tl, i + 2, 2, &b) ||
	    !tok_is_punct(tl, i + 3, ')'))
		return 0;
	fr_cardinal(fr, a, 0);
	sb_adds(&fr->sb, " à");
	fr_cardinal(fr, b, 0);
	fr_flush(fr, o, i, i + 2);
	return 3;
}
