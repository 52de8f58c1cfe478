/* lang_fr.c - French: the rule table, and the rules for words and symbols
 * (abbreviations, acronyms, URLs, signs).  Numbers, dates
 * and times are in lang_fr_num.c, quantities in lang_fr_qty.c, sports in
 * lang_fr_sport.c, Roman numerals in lang_fr_roman.c, units without a
 * number in lang_fr_rate.c; the words themselves in lexicon/fr/. */
#include "text/lang_fr.h"
#include "text/fr_link.h"
#include "text/wordlist.h"
#include "text/foreign.h"
#include "text/utf8.h"
#include "base/error.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const struct url_words fr_url = {
	"point", "arobase", "tiret", "barre oblique", "deux-points", "tiret bas",
};

/* Elide "de" or "que" before a number said "un", "une": "d'un euro". */
static void elide_before(struct fr *fr, struct norm_out *o)
{
	size_t n;
	char *s = out_text(o, &n);
	const char *w = fr->sb.buf;

	if (!w || strncmp(w, "un", 2) || (w[2] && w[2] != ' ' && w[2] != 'e'))
		return;
	if (w[2] == 'e' && w[3] && w[3] != ' ')
		return;
	for (int k = 2; k <= 3; k++) {
		const char *word = k == 2 ? "de" : "que";

		if (n >= (size_t)k && !memcmp(s + n - k, word, (size_t)k) &&
		    (n == (size_t)k || s[n - k - 1] == ' ' || s[n - k - 1] == '\'')) {
			s[n - 1] = '\'';
			return;
		}
	}
}

/* Write the scratch buffer as words for tokens first..last. */
void fr_flush(struct fr *fr, struct norm_out *o, size_t first, size_t last)
{
	elide_before(fr, o);
	out_words(o, fr->sb.buf ? fr->sb.buf : "", fr->sb.len, first, last);
	sb_reset(&fr->sb);
}

/* A cardinal in this normalizer's variety of French. */
void fr_cardinal(struct fr *fr, uint64_t v, unsigned flags)
{
	numfr_cardinal(&fr->sb, v, flags | fr->numflags);
}

/* Token i is one of the words of set, ASCII case aside. */
int fr_word_in(const struct tok_line *tl, size_t i, const char *set)
{
	const struct token *t;

	if (i >= tl->n || tl->tok[i].kind != TOK_WORD)
		return 0;
	t = &tl->tok[i];
	for (const char *p = set; *p;) {
		size_t n = strcspn(p, "|");

		if (n == t->len) {
			size_t k = 0;

			while (k < n && (t->text[k] | 0x20) == (p[k] | 0x20))
				k++;
			if (k == n)
				return 1;
		}
		p += n + (p[n] == '|');
	}
	return 0;
}

/* The months.tsv row of word i. */
const struct table_row *fr_month(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	if (i >= tl->n || tl->tok[i].kind != TOK_WORD)
		return NULL;
	return table_get_lower(fr->months, tl->tok[i].text, tl->tok[i].len);
}

/* s[0..n) ends with suffix. */
static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && !memcmp(s + n - k, suffix, k);
}

/* Is the noun at i feminine (list, then endings)? */
int fr_feminine(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	static const char *const endings[] = { "tion", "sion", "aison", "ité",
		"ette", "ance", "ence", "esse", "ière", "euse", "rice", "ure", "ée",
		"ante", "ente", "ienne", "onne", "elle", "ie", "ise" };
	const struct token *t;
	size_t n;

	if (i >= tl->n || tl->tok[i].kind != TOK_WORD || (tl->tok[i].flags & TF_CAPS))
		return 0;
	t = &tl->tok[i];
	n = t->len;
	if (table_get_lower(fr->fem, t->text, n))
		return 1;
	if (n > 2 && (t->text[n - 1] == 's' || t->text[n - 1] == 'x'))
		n--;
	if (table_get_lower(fr->fem, t->text, n))
		return 1;
	if (table_get_lower(fr->masc, t->text, n))
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(endings); k++)
		if (ends_with(t->text, n, endings[k]))
			return 1;
	return 0;
}

/* ---- abbreviations ---------------------------------------------------- */

/* Token i begins a sentence (line start, or after . ! ? or a quote). */
static int sentence_start(const struct tok_line *tl, size_t i)
{
	if (i == 0)
		return 1;
	return tl->tok[i - 1].kind == TOK_PUNCT && tl->tok[i - 1].len == 1 &&
		strchr(".!?\"", tl->tok[i - 1].text[0]);
}

/* Token k is a dot glued to the token before. */
static int glued_dot(const struct tok_line *tl, size_t k)
{
	return tok_is_punct(tl, k, '.') && tok_glued(tl, k);
}

/* A day abbreviation ("lun." ... "dim.") is written before token i on
 * the line: the end of "du lun. au ven." is a day too, "le jeu." alone
 * is a game. */
static int day_before(const struct tok_line *tl, size_t i)
{
	for (size_t k = 0; k + 1 < i; k++)
		if (fr_word_in(tl, k, "lun|mar|mer|jeu|ven|sam|dim") && glued_dot(tl, k + 1))
			return 1;
	return 0;
}

/* Token i follows a century's ordinal: "XXe", "IIIe", "19e", "19ème". */
static int century_before(const struct tok_line *tl, size_t i)
{
	const struct token *t = &tl->tok[i - 1];
	size_t k = 0;

	if (fr_word_in(tl, i - 1, "e|ème|è") && i >= 2 && tl->tok[i - 2].kind == TOK_NUM &&
	    tok_glued(tl, i - 1))
		return 1;
	while (k < t->len && strchr("IVXL", t->text[k]))
		k++;
	return t->kind == TOK_WORD && k && k + 1 == t->len && t->text[k] == 'e';
}

/* Token i follows what a wind's direction follows: "secteur", "vent(s)
 * de", "vents d'", "tournant au". */
static int wind_before(const struct tok_line *tl, size_t i)
{
	size_t k = i - 1;

	if (i == 0)
		return 0;
	if (fr_word_in(tl, k, "secteur|dominante"))
		return 1;
	if (k >= 2 && tok_is_punct(tl, k, '\'') && fr_word_in(tl, k - 1, "d"))
		k--;
	else if (!fr_word_in(tl, k, "de|du|au"))
		return 0;
	return k >= 1 && fr_word_in(tl, k - 1, "vent|vents|secteur|brise|tournant|tourne|"
				    "orienté|orientés|rafales|houle");
}

/* Token i, written after a space, follows a number: "50 000 ex.". */
static int after_number(const struct tok_line *tl, size_t i)
{
	return i > 0 && tl->tok[i - 1].kind == TOK_NUM && (tl->tok[i].flags & TF_SPACE);
}

/* The condition of an abbreviation row written from token i holds at
 * token j (the next one); a row with a form after a number (field 3)
 * holds there whatever its condition. */
static int abbr_cond(const struct table_row *r, const struct tok_line *tl, size_t i, size_t j)
{
	const char *cond = table_field(r, 2);

	if (*table_field(r, 3) && after_number(tl, i))
		return 1;
	if (!strncmp(cond, "prev=", 5))  /* "par ex." */
		return i > 0 && fr_word_in(tl, i - 1, cond + 5);

	if (!strcmp(cond, "cap") || !strcmp(cond, "capp"))
		return j >= tl->n || (tl->tok[j].kind == TOK_WORD && (tl->tok[j].flags & TF_UPPER)) ||
			(cond[3] == 'p' && fr_word_in(tl, j, "le|la|les|l|de|du|des|d")) ||
			(cond[3] == 'p' && fr_word_in(tl, j, "et") && j + 1 < tl->n &&
			 tl->tok[j + 1].kind == TOK_WORD && (tl->tok[j + 1].flags & TF_UPPER));
			/* "M. et Mme Martin" */
	if (!strcmp(cond, "dept"))       /* "le dép. 93", "le dép. du Nord", not "dép. 8 h 15" */
		return fr_word_in(tl, j, "du|de|des|d") ||
		       (j < tl->n && tl->tok[j].kind == TOK_NUM && !fr_word_in(tl, j + 1, "h") &&
			!tok_is_punct(tl, j + 1, ':'));
	if (!strcmp(cond, "wind"))       /* "vent de NO", "secteur SO" */
		return wind_before(tl, i);
	if (!strcmp(cond, "century"))    /* "XXe s.", "19e s." */
		return i > 0 && !tok_glued(tl, i) && century_before(tl, i);
	if (!strcmp(cond, "num") || !strcmp(cond, "day") || !strcmp(cond, "numw"))
		if (j < tl->n && tl->tok[j].kind == TOK_NUM)
			return 1;
	if (!strcmp(cond, "numw"))       /* "env. un milliard", "env. deux cents" */
		return fr_word_in(tl, j, "un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|"
				  "dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|"
				  "quarante|cinquante|soixante|cent|cents|mille|la|"
				  "moitié|quart|tiers");
	if (!strcmp(cond, "day"))        /* "du lun. au ven.", "le sam. et le dim." */
		return i > 0 && fr_word_in(tl, i - 1, "du|au|le|et|ou|chaque|dès|les") &&
		       (fr_word_in(tl, j, "au|et|ou|inclus|matin|soir|midi") ||
			(j < tl->n && tl->tok[j].kind == TOK_PUNCT &&
			 strchr(",;:)", tl->tok[j].text[0])) ||
			((j >= tl->n || sentence_start(tl, j)) && day_before(tl, i)));
	return strcmp(cond, "num") != 0;
}

/* Abbreviations: the longest written form in abbreviations.tsv. */
static size_t rule_abbrev(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	char key[20];            /* longer than any written form in the table */
	size_t len = 0, best = 0;
	const struct table_row *hit = NULL;
	int counted;

	if (tl->tok[i].kind == TOK_NUM || tl->tok[i].len > 6)
		return 0;                /* no written form starts with a longer token */
	if (i > 0 && tok_glued(tl, i) && tl->tok[i - 1].kind != TOK_PUNCT)
		return 0;                /* inside a word: the "M." of "A400M." */
	for (size_t k = i; k < tl->n && k < i + 7; k++) {
		const struct token *t = &tl->tok[k];

		if (k > i && (t->flags & TF_SPACE) && t->kind != TOK_PUNCT &&
		    tl->tok[k - 1].kind != TOK_PUNCT)
			break;             /* "p. ex." spans spaces only after a dot */
		if (len + t->len >= sizeof(key))
			break;
		memcpy(key + len, t->text, t->len);
		len += t->len;
		const struct table_row *r = table_get(fr->abbr, key, len);
		if (r && abbr_cond(r, tl, i, k + 1) &&
		    !(t->kind == TOK_WORD && k + 1 < tl->n && tok_glued(tl, k + 1) &&
		      tl->tok[k + 1].kind != TOK_PUNCT)) {
			hit = r;
			best = k - i + 1;
		}
	}
	if (!hit)
		return 0;
	counted = *table_field(hit, 3) && after_number(tl, i);
	sb_adds(&fr->sb, table_field(hit, counted ? 3 : 1));
	if (sentence_start(tl, i) && fr->sb.buf[0] >= 'a' && fr->sb.buf[0] <= 'z')
		fr->sb.buf[0] = (char)(fr->sb.buf[0] - 32);   /* "Monsieur X a dit" */
	fr_flush(fr, o, i, i + best - 1);
	if (hit->key[hit->klen - 1] == '.') {
		size_t j = i + best;    /* the dot ends the sentence too: "tiré à 50 000 ex." */
		const char *cond = table_field(hit, 2);

		/* before a capital, a dot ends the sentence after what never
		 * comes before a name: a row marked end, a century ("au XXe
		 * s. Les guerres"), "et suiv.", a count ("50 000 ex. Le
		 * livre"); not "par ex. Paris ou Lyon" */
		if (j >= tl->n || ((!strcmp(cond, "end") || !strcmp(cond, "century") ||
				    !strcmp(cond, "prev=et") || counted) &&
				   tl->tok[j].kind == TOK_WORD && (tl->tok[j].flags & TF_UPPER)))
			out_punct(o, '.', i + best - 1);
	}
	return best;
}

/* ---- acronyms --------------------------------------------------------- */

/* Token d is the dot of an abbreviation ("M.", "Dr."), not a sentence's. */
static int abbrev_dot(const struct fr *fr, const struct tok_line *tl, size_t d)
{
	char key[8];
	const struct token *w;

	if (d < 1 || d >= tl->n || !tok_is_punct(tl, d, '.') || !tok_glued(tl, d))
		return 0;
	w = &tl->tok[d - 1];
	if (w->kind != TOK_WORD || w->len + 1 >= sizeof(key))
		return 0;
	memcpy(key, w->text, w->len);
	key[w->len] = '.';
	return table_get(fr->abbr, key, w->len + 1) != NULL;
}

/* Token p is a title written short, an abbreviation of the table that
 * goes before a name ("M.", "Mme", "Dr", "Me", "Mgr"). */
static int abbrev_title(const struct fr *fr, const struct tok_line *tl, size_t p)
{
	char key[8];
	const struct token *w;
	const struct table_row *r;
	size_t n;

	if (p >= tl->n)
		return 0;
	if (tok_is_punct(tl, p, '.') && p > 0 && tok_glued(tl, p) && abbrev_dot(fr, tl, p))
		p--;
	w = &tl->tok[p];
	if (w->kind != TOK_WORD || w->len + 1 >= sizeof(key))
		return 0;
	memcpy(key, w->text, w->len);
	n = w->len;
	if (p + 1 < tl->n && tok_is_punct(tl, p + 1, '.') && tok_glued(tl, p + 1))
		key[n++] = '.';
	if (!(r = table_get(fr->abbr, key, n)) && !(r = table_get(fr->abbr, key, w->len)))
		return 0;
	return !strncmp(table_field(r, 2), "cap", 3);
}

/* Token p is a first name: a word in title case of 3 letters or more; a
 * word capitalized to begin the sentence is one only if the word list
 * does not know it or names.tsv has it ("Les FARDC", "Pour EELV", but
 * "Manuel VALLS"). */
static int first_name(const struct fr *fr, const struct tok_line *tl, size_t p)
{
	const struct token *w = &tl->tok[p];

	if (!(w->kind == TOK_WORD && (w->flags & TF_UPPER) && !(w->flags & TF_CAPS) &&
	      w->len >= 3))
		return 0;
	return !sentence_start(tl, p) || (p >= 2 && abbrev_dot(fr, tl, p - 1)) ||
		!wordlist_contains("fr", w->text, w->len) || foreign_is_name(w->text, w->len);
}

/* Token p is a particle of a surname in capitals ("LE", "DE", "VAN"). */
static int particle(const struct fr *fr, const struct tok_line *tl, size_t p)
{
	const struct table_row *r;

	if (p >= tl->n || tl->tok[p].kind != TOK_WORD || !(tl->tok[p].flags & TF_CAPS) ||
	    !(r = table_get_lower(fr->names, tl->tok[p].text, tl->tok[p].len)))
		return 0;
	return !strcmp(table_field(r, 1), "particle");
}

enum name_lead { LEAD_NONE, LEAD_TITLE, LEAD_FIRST, LEAD_ABBREV };

/* What makes the word in capitals at i a surname: a title before it (an
 * abbreviation, "M. DUPONT"; a title word, "le président MACRON"), a
 * first name ("Manuel VALLS"), over particles ("Mme LE PEN", "Charles DE
 * GAULLE") and the first part of a double name ("DUPOND-MORETTI"). */
static enum name_lead name_lead(const struct fr *fr, const struct tok_line *tl, size_t i,
				int depth)
{
	const struct table_row *r;
	size_t p = i, spelled;

	if (i >= 2 && tok_is_punct(tl, i - 1, '-') && tok_glued(tl, i - 1) && tok_glued(tl, i) &&
	    (tl->tok[i - 2].flags & TF_CAPS) && tl->tok[i - 2].kind == TOK_WORD)
		return depth < 3 ? name_lead(fr, tl, i - 2, depth + 1) : LEAD_NONE;
	if (!(tl->tok[i].flags & TF_SPACE) && !(i >= 2 && tok_is_punct(tl, i - 1, '\'') &&
						particle(fr, tl, i - 2)))
		return LEAD_NONE;
	for (int k = 0; k < 3 && p >= 2; k++) {       /* over "DE LA", "D'" */
		if (particle(fr, tl, p - 1) && (tl->tok[p - 1].flags & TF_SPACE))
			p--;
		else if (tok_is_punct(tl, p - 1, '\'') && particle(fr, tl, p - 2))
			p -= 2;
		else
			break;
	}
	if (p == 0)
		return LEAD_NONE;
	p--;
	/* "MM. DUPONT et DURAND", "Mmes MARTIN, PETIT et BERNARD": a surname
	 * after another, by "et", "ou" or a comma, has its lead */
	if (p >= 1 && depth < 4 && (fr_word_in(tl, p, "et|ou") || tok_is_punct(tl, p, ',')) &&
	    tl->tok[p - 1].kind == TOK_WORD && (tl->tok[p - 1].flags & TF_CAPS) &&
	    tl->tok[p - 1].len >= 2 && !particle(fr, tl, p - 1))
		return name_lead(fr, tl, p - 1, depth + 1);
	if (abbrev_title(fr, tl, p))
		return LEAD_ABBREV;
	if (first_name(fr, tl, p))
		return tl->tok[i].len >= 4 || p + 1 < i ? LEAD_FIRST : LEAD_NONE;
	/* "Marine LE PEN" opening a sentence: a given name that is also a
	 * word, before particles and a surname that is no spelled acronym */
	if (p + 1 < i && tl->tok[p].kind == TOK_WORD && (tl->tok[p].flags & TF_UPPER) &&
	    !(tl->tok[p].flags & TF_CAPS) && tl->tok[p].len >= 3 &&
	    frl_shape(tl->tok[i].text, tl->tok[i].len, &spelled) != FRL_SPELL)
		return LEAD_FIRST;
	if (tl->tok[p].kind == TOK_WORD && !(tl->tok[p].flags & TF_CAPS) &&
	    (r = table_get_lower(fr->names, tl->tok[p].text, tl->tok[p].len)) &&
	    !strcmp(table_field(r, 1), "title"))
		return LEAD_TITLE;
	/* "M. JEAN DUPONT": a second word in capitals after a title, in text */
	if (!fr->headline && depth == 0 && (tl->tok[p].flags & TF_CAPS) &&
	    tl->tok[p].kind == TOK_WORD && !particle(fr, tl, p)) {
		enum name_lead before = name_lead(fr, tl, p, 1);

		if (before == LEAD_ABBREV || before == LEAD_FIRST)
			return before;   /* "Valéry GISCARD D'ESTAING" */
	}
	return LEAD_NONE;
}

/* The particle at i begins a surname in capitals: the name after it has
 * a title or first name before the particles. */
static int name_particle(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	size_t j = i + 1, spelled;

	if (!particle(fr, tl, i))
		return 0;
	while (j < tl->n && (particle(fr, tl, j) || tok_is_punct(tl, j, '\'')) && j < i + 4)
		j++;
	if (j >= tl->n || tl->tok[j].kind != TOK_WORD || !(tl->tok[j].flags & TF_CAPS) ||
	    particle(fr, tl, j))
		return 0;
	switch (name_lead(fr, tl, j, 0)) {
	case LEAD_NONE: return 0;
	case LEAD_TITLE: return frl_shape(tl->tok[j].text, tl->tok[j].len, &spelled) != FRL_SPELL;
	default: return 1;
	}
}

/* Add s[0..n) in lower case to fr->sb (ASCII and Latin-1 capitals). */
static void add_lower(struct fr *fr, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (k && (unsigned char)s[k - 1] == 0xC3 && c >= 0x80 && c < 0x9F)
			c = (unsigned char)(c + 32);
		sb_addch(&fr->sb, (char)c);
	}
}

/* An all-capital word that is an ordinary French word ("ALERTE",
 * "ETAT" -> "état"): 4 letters or more, or any length in a headline or a
 * run of capitals (caps set).  Its
 * spelling from the word list goes to fr->sb. */
static int caps_word(struct fr *fr, const struct token *t, int caps)
{
	if (t->len < 4 && !caps)
		return 0;
	return wordlist_find("fr", t->text, t->len, &fr->sb);
}

/* An all-capital word of 4 letters or more in a headline or a run of
 * capitals that is an ordinary English word, not French ("BREAKING NEWS",
 * "LIVE"): said as that word in lower case, as the text would have it,
 * not spelled.  The English list's acronyms ("NATO") are not words. */
static int english_caps_word(struct fr *fr, const struct token *t, int caps)
{
	size_t at = fr->sb.len;

	if (!caps || t->len < 4 || !wordlist_find("en", t->text, t->len, &fr->sb))
		return 0;
	for (size_t k = at; k < fr->sb.len; k++)
		if (fr->sb.buf[k] >= 'a' && fr->sb.buf[k] <= 'z')
			return 1;
	sb_truncate(&fr->sb, at);
	return 0;
}

/* The word in capitals at i is quoted as a word: after "le mot", "le
 * terme" ("le mot EST", "le terme « NON »"). */
static int quoted_word(const struct tok_line *tl, size_t i)
{
	size_t p = i;

	while (p > 0 && p + 2 > i && tl->tok[p - 1].kind == TOK_PUNCT &&
	       (tok_is_punct(tl, p - 1, '"') || tok_eq_ci(&tl->tok[p - 1], "«")))
		p--;
	return p > 0 && fr_word_in(tl, p - 1, "mot|mots|terme|termes|verbe|adjectif");
}

/* The word of three letters in capitals at i is a place of the word list
 * after a word that names a place ("le maire de PAU", "l'AIN", "à
 * AIX-EN-PROVENCE") or in a club's name ("le PAU FC", "l'US DAX"), not
 * letters. */
static int place_caps3(const struct tok_line *tl, size_t i)
{
	static const char clubs[] = "fc|hb|hc|bc|rc|us|as|su|sc|ca|es|ac|cs|ua|sa|fca";

	if (tl->tok[i].len != 3 || i == 0 || !fr_listed_place(&tl->tok[i]))
		return 0;
	if ((fr_word_in(tl, i + 1, clubs) && (tl->tok[i + 1].flags & TF_CAPS)) ||
	    (fr_word_in(tl, i - 1, clubs) && (tl->tok[i - 1].flags & TF_CAPS)))
		return 1;
	if (tok_is_punct(tl, i - 1, '\'') && i >= 2)
		return fr_word_in(tl, i - 2, "l|d|jusqu");
	return fr_word_in(tl, i - 1, "à|de|dans|vers|près|depuis|entre|sur|pour|par");
}

/* How the normalizer says an entry of the acronym table (the built-in
 * lexicon's lexicon/fr/acronyms.lex, the one list of French acronyms):
 * "spell" and "word" as they are; a respelling ("Kafor") is the spoken
 * form itself, quotes off, returned as "=Kafor"; phonemes and other
 * languages are the lexicon's to say: read as a word here (crieur
 * normalize --no-lexicon, the unit tests). */
static const char *acronym_how(const char *reading)
{
	if (!strcmp(reading, "spell") || !strcmp(reading, "word"))
		return reading;
	if (reading[0] == '"')
		return reading;
	return "word";
}

/* A capital word: the acronym table says word, spell or how; then an ordinary
 * word in capitals, a surname after a first name, else the acronym's
 * shape (frl_shape: word, letters, or letters then word).  A spelled
 * letter links with an elision or liaison before it (frl_link). */
static size_t rule_acronym(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	const struct table_row *r;
	const char *how = NULL;
	size_t spelled = 0;
	enum name_lead lead;
	int caps;

	if (!(t->flags & TF_CAPS))
		return 0;
	caps = fr->headline || frl_caps_run(tl, i);
	if (t->len == 1 && caps && (t->text[0] == 'A' || t->text[0] == 'Y')) {
		sb_addch(&fr->sb, (char)(t->text[0] + 32));   /* "LA FRANCE A PEUR" */
		fr_flush(fr, o, i, i);
		return 1;
	}
	if (t->len == 1 && name_particle(fr, tl, i)) {
		add_lower(fr, t->text, 1);             /* "M. D'ESTAING" */
		fr_flush(fr, o, i, i);
		return 1;
	}
	if (t->len == 1) {             /* "deux F-16" -> "deux zèf", "L'A380" -> "L'a" */
		sb_add(&fr->sb, t->text, 1);
		frl_link(tl, i, &fr->sb, 0);
		if (fr->sb.len == 1 && fr->sb.buf[0] == t->text[0]) {
			sb_reset(&fr->sb);
			return 0;
		}
		fr_flush(fr, o, i, i);
		return 1;
	}
	lead = name_lead(fr, tl, i, 0);
	if (i + 2 < tl->n && tok_is_punct(tl, i + 1, '-') && tok_glued(tl, i + 1) &&
	    tok_glued(tl, i + 2) && (tl->tok[i + 2].flags & TF_CAPS) &&
	    !(i + 3 < tl->n && tok_glued(tl, i + 3) && tok_is_punct(tl, i + 3, '-')) &&
	    wordlist_find("fr", t->text, (size_t)(tl->tok[i + 2].text + tl->tok[i + 2].len -
						    t->text), &fr->sb)) {
		fr_flush(fr, o, i, i + 2);     /* "WEEK-END": the word's spelling */
		return 3;
	}
	if ((frl_caps_function(tl, i, caps) || frl_caps_determiner(tl, i)) &&
	    caps_word(fr, t, 1))
		how = "";              /* "CE QU'IL FAUT SAVOIR": not CE */
	else if (name_particle(fr, tl, i))
		how = "particle";      /* the "LE" of "Mme LE PEN": le */
	else if (lead == LEAD_ABBREV)
		how = "name";          /* "M. DUPONT", "Mme LE PEN" */
	else if (quoted_word(tl, i) && caps_word(fr, t, 1))
		how = "";              /* "le mot EST": est */
	else if ((r = table_get(fr->acr, t->text, t->len)))
		how = acronym_how(table_field(r, 1));
	else if (place_caps3(tl, i))
		how = "name";          /* "le maire de PAU": Pau */
	else if (lead == LEAD_FIRST ||
		 (lead == LEAD_TITLE && frl_shape(t->text, t->len, &spelled) != FRL_SPELL))
		how = "name";          /* "Manuel VALLS", "le président MACRON" */
	else if (caps_word(fr, t, caps) || english_caps_word(fr, t, caps))
		how = "";
	else
		switch (frl_shape(t->text, t->len, &spelled)) {
		case FRL_WORD:   /* a headline's unknown word is a name: "MORT DE JACQUES DELORS" */
			how = fr->headline && t->len >= 4 ? "name" : "word";
			break;
		case FRL_SPELL: how = "spell"; break;
		case FRL_MIXED: how = "mixed"; break;
		}
	if (!strcmp(how, "particle")) {
		add_lower(fr, t->text, t->len);
	} else if (!strcmp(how, "name")) {     /* "Manuel VALLS": as the press writes */
		sb_add(&fr->sb, t->text, (unsigned char)t->text[0] >= 0xC0 ? 2 : 1);
		add_lower(fr, t->text + fr->sb.len, t->len - fr->sb.len);
	} else if (!strcmp(how, "word")) {
		frl_word(&fr->sb, t->text, t->len);
	} else if (!strcmp(how, "spell")) {
		frl_spell(&fr->sb, t->text, t->len);
	} else if (!strcmp(how, "mixed")) {
		frl_spell(&fr->sb, t->text, spelled);
		sb_addch(&fr->sb, ' ');
		frl_word(&fr->sb, t->text + spelled, t->len - spelled);
	} else if (how[0] == '"') {
		size_t n = strlen(how);

		sb_add(&fr->sb, how + 1, n >= 2 && how[n - 1] == '"' ? n - 2 : n - 1);
	} else {
		sb_adds(&fr->sb, how);
	}
	frl_link(tl, i, &fr->sb, 0);
	frl_letter_y(&fr->sb);
	fr_flush(fr, o, i, i);
	return 1;
}

/* ---- symbols and URLs ------------------------------------------------- */

/* A URL or an e-mail address, said with its marks. */
static size_t rule_url(struct fr *fr, const struct tok_line *tl, size_t i,
		       struct norm_out *o)
{
	size_t n = norm_scan_url(tl, i);

	if (n)
		norm_say_url(o, tl, i, n, &fr_url);
	return n;
}

/* A sign before a number: "-5", "+3,2 %" (not a hyphen between words). */
static size_t rule_sign(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	const struct token *t = &tl->tok[i];

	if (!tok_is_punct(tl, i, '-') && !tok_is_punct(tl, i, '+') &&
	    !(t->len == 2 && !memcmp(t->text, "±", 2)))
		return 0;
	if (i + 1 >= tl->n || tl->tok[i + 1].kind != TOK_NUM || !tok_glued(tl, i + 1))
		return 0;
	if (i > 0 && tl->tok[i - 1].len == 1 && strchr("JHD", tl->tok[i - 1].text[0]) &&
	    tl->tok[i - 1].kind == TOK_WORD && !(t->flags & TF_SPACE)) {
		out_word(o, t->text[0] == '-' ? "moins" : "plus", i, i);   /* "J-3" */
		return 1;
	}
	if (i > 0 && !(t->flags & TF_SPACE) && !tok_is_punct(tl, i - 1, '(') &&
	    !tok_is_punct(tl, i - 1, '"') && !tok_is_punct(tl, i - 1, '/'))
		return 0;
	out_word(o, t->text[0] == '-' ? "moins" : t->text[0] == '+' ? "plus" :
		 "plus ou moins", i, i);
	return 1;
}

/* Symbols said as words when they stand alone. */
static size_t rule_symbol(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	static const struct { const char *sym, *word; } sym[] = {
		{ "&", "et" }, { "%", "pour cent" }, { "‰", "pour mille" },
		{ "§", "paragraphe" }, { "=", "égale" }, { "@", "arobase" },
		{ "°", "degrés" }, { "+", "plus" }, { "×", "fois" }, { "~", "environ" },
		{ "€", "euros" }, { "$", "dollars" }, { "£", "livres" },
	};
	const struct token *t = &tl->tok[i];

	if (t->kind != TOK_PUNCT)
		return 0;
	for (size_t k = 0; k < ARRAY_SIZE(sym); k++)
		if (t->len == strlen(sym[k].sym) && !memcmp(t->text, sym[k].sym, t->len)) {
			if (sym[k].sym[0] == '+' && i > 0 && !(t->flags & TF_SPACE) &&
			    !(tl->tok[i - 1].kind != TOK_PUNCT &&
			      !(tok_glued(tl, i + 1) && tl->tok[i + 1].kind != TOK_PUNCT)))
				return 0;   /* not "+5"; but "OPEP+", "Canal+", "65+" */
			out_word(o, sym[k].word, i, i);
			return 1;
		}
	return 0;
}

/* Decades written "80s", "1980s" or "années 80s": said "années
 * quatre-vingt". */
static size_t rule_decade_s(struct fr *fr, const struct tok_line *tl, size_t i,
			    struct norm_out *o)
{
	const struct token *t = &tl->tok[i];
	uint64_t v;

	if (t->kind != TOK_NUM || (t->len != 2 && t->len != 4) || !tok_is(tl, i + 1, TOK_WORD, "s") ||
	    !tok_glued(tl, i + 1) || !numfr_value(t->text, t->len, &v) || v % 10)
		return 0;
	if (!fr_word_in(tl, i - 1, "années"))
		sb_adds(&fr->sb, "années");       /* not twice: "les années 80s" */
	/* the twentieth century's decades without it ("1980s": quatre-vingt);
	 * others whole ("1880s", "2010s": mille huit cent..., deux mille dix) */
	fr_cardinal(fr, t->len == 4 && v > 1900 && v < 2000 ? v % 100 : v, 0);
	if (fr->sb.len > 6 && !memcmp(fr->sb.buf + fr->sb.len - 6, "vingts", 6))
		sb_truncate(&fr->sb, fr->sb.len - 1);
	fr_flush(fr, o, i, i + 1);
	return 2;
}

/* Bytes of a run of initials as a key of acronyms.lex ("É-U"): longer
 * runs are no acronym of the table. */
enum { INITIALS_KEY = 48 };

/* Token i is one capital letter (accented too: "É.-U.") followed by a
 * glued dot. */
static int initial_at(const struct tok_line *tl, size_t i)
{
	const struct token *t = i + 1 < tl->n ? &tl->tok[i] : NULL;

	return t && t->kind == TOK_WORD && (t->flags & TF_CAPS) &&
		utf8_decode(t->text, t->len, NULL) == (int)t->len &&
		tok_is_punct(tl, i + 1, '.') && tok_glued(tl, i + 1);
}

/* The initials key[0..n) ("ONU", "É-U") are an acronym the table reads
 * otherwise: its reading replaces the spelled letters in fr->sb ("O.N.U."
 * is "Onu").  Looked up as written, hyphens kept ("É.-U." is É-U,
 * États-Unis), then as the letters alone ("P.-D.G." is PDG). */
static void initials_known(struct fr *fr, const char *key, size_t n)
{
	const struct table_row *r = table_get(fr->acr, key, n);
	char letters[INITIALS_KEY];
	size_t k = 0;
	const char *how;

	if (!r) {
		for (size_t c = 0; c < n; c++)
			if (key[c] != '-')
				letters[k++] = key[c];
		if (k == n || !(r = table_get(fr->acr, letters, k)))
			return;
		key = letters;
		n = k;
	}
	if (!strcmp(how = acronym_how(table_field(r, 1)), "spell"))
		return;
	sb_reset(&fr->sb);
	if (how[0] == '"')
		sb_add(&fr->sb, how + 1, strlen(how) >= 2 ? strlen(how) - 2 : 0);
	else
		frl_word(&fr->sb, key, n);
}

/* After dotted initials, a new sentence starts at token i: a capitalized
 * word of sentence_starters.tsv; one that is also a surname's particle
 * ("Le", "De") only before a word in lower case ("J.-M. Le Pen" goes
 * on), and an elided one ("L'", "D'") the same way ("L'Oréal" too). */
static int initials_end_sentence(const struct fr *fr, const struct tok_line *tl, size_t i)
{
	const struct token *t = i < tl->n ? &tl->tok[i] : NULL;
	const struct table_row *r;
	size_t next = i + 1;

	if (!t || t->kind != TOK_WORD || (t->flags & (TF_UPPER | TF_SPACE)) !=
	    (TF_UPPER | TF_SPACE) || !table_get_lower(fr->starters, t->text, t->len))
		return 0;
	if (tok_is_punct(tl, next, '\'') && tok_glued(tl, next))
		next++;
	else if (!((r = table_get_lower(fr->names, t->text, t->len)) &&
		   !strcmp(table_field(r, 1), "particle")))
		return 1;
	return next < tl->n && tl->tok[next].kind == TOK_WORD &&
		!(tl->tok[next].flags & TF_UPPER);
}

/* "S.N.C.F." spelled like SNCF, "J.-M." and "P.-D.G." too; "George W.
 * Bush": an initial whose dot does not end the sentence.  The last dot of
 * two initials or more ends it before a word that starts sentences
 * ("selon l'A.F.P. Le directeur..."). */
static size_t rule_initials(struct fr *fr, const struct tok_line *tl, size_t i,
			    struct norm_out *o)
{
	char key[INITIALS_KEY];
	size_t j = i, n = 0, letters = 0;
	int whole = 1;                     /* the key holds every initial */

	while (j < i + 36) {
		if (j > i && tok_is_punct(tl, j, '-') && tok_glued(tl, j) &&
		    initial_at(tl, j + 1) && tok_glued(tl, j + 1)) {
			j++;                   /* "J.-M.", "É.-U." */
			if (n + 1 < sizeof(key))
				key[n++] = '-';
			else
				whole = 0;
		} else if (!initial_at(tl, j) || (j > i && !tok_glued(tl, j))) {
			break;
		}
		if (j > i)
			sb_addch(&fr->sb, ' ');
		sb_add(&fr->sb, tl->tok[j].text, tl->tok[j].len);
		if (n + tl->tok[j].len < sizeof(key)) {
			memcpy(key + n, tl->tok[j].text, tl->tok[j].len);
			n += tl->tok[j].len;
		} else {
			whole = 0;
		}
		letters++;
		j += 2;
	}
	if (!letters)
		return 0;
	if (letters == 1 && (!(j < tl->n && tl->tok[j].kind == TOK_WORD &&
			       (tl->tok[j].flags & TF_UPPER) && (tl->tok[j].flags & TF_SPACE)) ||
			     (i > 0 && tl->tok[i - 1].kind == TOK_WORD &&
			      !(tl->tok[i - 1].flags & TF_UPPER) &&
			      !fr_word_in(tl, i - 1, "par|de|et|à|avec|selon|pour|chez|dit|signé")))) {
		sb_reset(&fr->sb);
		return 0;                /* "catégorie A." ends a sentence */
	}
	if (letters > 1 && whole)
		initials_known(fr, key, n);
	frl_link(tl, i, &fr->sb, 0);    /* "L'A.F.P." -> "L'a F P" */
	fr_flush(fr, o, i, j - 1);
	if (letters > 1 && (j >= tl->n || initials_end_sentence(fr, tl, j)))
		out_punct(o, '.', j - 1);
	return j - i;
}

/* "4 x 100 m", "45+2": a times or plus sign between two numbers. */
static size_t rule_between_numbers(struct fr *fr, const struct tok_line *tl, size_t i,
				   struct norm_out *o)
{
	int x, plus;

	if (i == 0 || tl->tok[i - 1].kind != TOK_NUM || i + 1 >= tl->n ||
	    tl->tok[i + 1].kind != TOK_NUM)
		return 0;
	x = fr_word_in(tl, i, "x");
	plus = tok_is_punct(tl, i, '+');
	if (!x && !plus)
		return 0;
	if (plus && (!tok_glued(tl, i) || !tok_glued(tl, i + 1)))
		return 0;
	out_word(o, x ? "fois" : "plus", i, i);
	return 1;
}

/* A vehicle's drive, "4x4", "6×6", "8x8" (the same digit twice, glued,
 * no unit after): "quatre-quatre", as the vehicle is called.  "4 x 100 m",
 * "2x2 voies", "3x3" stay a product ("fois"). */
static size_t rule_drive(struct fr *fr, const struct tok_line *tl, size_t i,
			 struct norm_out *o)
{
	static const char *const names[] = { "quatre-quatre", "six-six", "huit-huit" };
	const struct token *a = &tl->tok[i];
	size_t used;

	if (a->len != 1 || (a->text[0] != '4' && a->text[0] != '6' && a->text[0] != '8') ||
	    i + 2 >= tl->n || !tok_glued(tl, i + 1) || !tok_glued(tl, i + 2) ||
	    !(fr_word_in(tl, i + 1, "x") || tok_eq_ci(&tl->tok[i + 1], "×")) ||
	    tl->tok[i + 2].len != 1 || tl->tok[i + 2].text[0] != a->text[0] ||
	    (i + 3 < tl->n && tok_glued(tl, i + 3) && tl->tok[i + 3].kind != TOK_PUNCT) ||
	    (i > 0 && tok_glued(tl, i) && tl->tok[i - 1].kind != TOK_PUNCT) ||
	    fr_unit_at(fr, tl, i + 3, &used))
		return 0;
	out_word(o, names[(a->text[0] - '4') / 2], i, i + 2);
	return 3;
}

/* A quarter or half of a year before the year: "T3 2024", "Q1 2025", "S1
 * 2024" -> "troisième trimestre", "premier semestre"; without a year
 * after "au", "du", "le"... when the sentence is about the economy ("le
 * PIB a crû au T3"; else "un T3" is a flat's size), or a Q ("au Q4"). */
static size_t rule_period(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	const struct token *t = &tl->tok[i], *n = i + 1 < tl->n ? &tl->tok[i + 1] : NULL;
	const struct token *y = i + 2 < tl->n ? &tl->tok[i + 2] : NULL;
	int half = t->len == 1 && t->text[0] == 'S';

	if (t->len != 1 || !strchr("TQS", t->text[0]) || !n || n->kind != TOK_NUM ||
	    n->len != 1 || !tok_glued(tl, i + 1) || n->text[0] < '1' ||
	    n->text[0] > (half ? '2' : '4') ||
	    (i + 2 < tl->n && tok_glued(tl, i + 2) && tl->tok[i + 2].kind != TOK_PUNCT))
		return 0;
	if (!y || y->kind != TOK_NUM || y->len != 4 || !(y->flags & TF_SPACE) ||
	    (memcmp(y->text, "19", 2) && memcmp(y->text, "20", 2))) {
		/* no year: "au T3", "le Q4" of a sentence about the economy */
		if (!fr_word_in(tl, i - 1, "au|du|le|ce|chaque|premier|dernier|second") ||
		    !(t->text[0] == 'Q' || fr_sentence_has(fr, tl, i, 1, "economy")))
			return 0;
	}
	fr_say_ordinal(fr, (uint64_t)(n->text[0] - '0'), 1);
	sb_adds(&fr->sb, half ? " semestre" : " trimestre");
	fr_flush(fr, o, i, i + 1);
	return 2;
}

/* The sentence around token i has a word of contexts.tsv whose field col
 * is val ("economy" in field 1: "PIB", "croissance", "ventes"). */
int fr_sentence_has(const struct fr *fr, const struct tok_line *tl, size_t i, int col,
		    const char *val)
{
	size_t a = i, b = i;

	while (a > 0 && !(tl->tok[a - 1].kind == TOK_PUNCT && tl->tok[a - 1].len == 1 &&
			  strchr(".!?;", tl->tok[a - 1].text[0])))
		a--;
	while (b < tl->n && !(tl->tok[b].kind == TOK_PUNCT && tl->tok[b].len == 1 &&
			      strchr(".!?;", tl->tok[b].text[0])))
		b++;
	for (size_t k = a; k < b; k++) {
		const struct table_row *r;

		if (tl->tok[k].kind == TOK_WORD &&
		    (r = table_get_lower(fr->ctx, tl->tok[k].text, tl->tok[k].len)) &&
		    !strcmp(table_field(r, col), val))
			return 1;
	}
	return 0;
}

/* A factor written before its number, "x3", "×2" ("la population a triplé :
 * x3"): "fois trois".  Glued to its number, not to what is before; a
 * capital X is a name ("BMW X5"). */
static size_t rule_factor(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	const struct token *t = &tl->tok[i];

	if (!((t->len == 1 && t->text[0] == 'x') || tok_eq_ci(t, "×")) || i + 1 >= tl->n ||
	    tl->tok[i + 1].kind != TOK_NUM || !tok_glued(tl, i + 1) ||
	    (i > 0 && tok_glued(tl, i)) ||
	    (i + 2 < tl->n && tok_glued(tl, i + 2) && tl->tok[i + 2].kind != TOK_PUNCT))
		return 0;
	sb_adds(&fr->sb, "fois");
	fr_flush(fr, o, i, i);
	return 1;
}

/* An aircraft's "neo" (new engine option) glued to its model number,
 * "A320neo": "néo", as Airbus and the press say it (eSpeak NG reads
 * "neo" as "neu-o"). */
static size_t rule_neo(struct fr *fr, const struct tok_line *tl, size_t i,
		       struct norm_out *o)
{
	(void)fr;
	if (i == 0 || !fr_word_in(tl, i, "neo") || !tok_glued(tl, i) ||
	    tl->tok[i - 1].kind != TOK_NUM)
		return 0;
	out_word(o, "néo", i, i);
	return 1;
}

/* Two words joined by an apostrophe that is no elision, said as two
 * words: "les Vert'libéraux" vert libéraux (frl_joined_words). */
static size_t rule_joined(struct fr *fr, const struct tok_line *tl, size_t i,
			  struct norm_out *o)
{
	if (!frl_joined_words(tl, i))
		return 0;
	sb_add(&fr->sb, tl->tok[i].text, tl->tok[i].len);
	sb_addch(&fr->sb, ' ');
	sb_add(&fr->sb, tl->tok[i + 2].text, tl->tok[i + 2].len);
	fr_flush(fr, o, i, i + 2);
	return 3;
}

/* The compass point "est" said as a word, not as the verb eSpeak NG
 * reads (ɛ): after an elided l' that no pronoun or "ne" comes before
 * ("dans l'est de l'Ukraine", "l'Europe de l'Est", not "il l'est",
 * "elle ne l'est pas"), or with a capital inside a sentence ("le Grand
 * Est", "Berlin-Est"): "èst".  And eSpeak NG reads "nord est", "sud est"
 * as one point: where est is the verb ("Le Nord est touché", not "du
 * nord est." nor "au sud est de Lyon"), the point goes in phonemes. */
static size_t rule_east(struct fr *fr, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	const struct token *t = &tl->tok[i];

	(void)fr;
	if (fr_word_in(tl, i, "nord|sud") && !(t->flags & TF_CAPS) &&
	    tok_is(tl, i + 1, TOK_WORD, "est") && (tl->tok[i + 1].flags & TF_SPACE) &&
	    i + 2 < tl->n && tl->tok[i + 2].kind == TOK_WORD &&
	    !fr_word_in(tl, i + 2, "de|du|des|d")) {
		out_word(o, (t->text[0] | 0x20) == 'n' ? "[[n'Or]]" : "[[s'yd]]", i, i);
		return 1;
	}
	if (!fr_word_in(tl, i, "est") || (t->flags & TF_CAPS) || i == 0)
		return 0;
	if (i >= 2 && fr_glued_punct(tl, i - 1, '\'') && !(t->flags & TF_SPACE) &&
	    fr_word_in(tl, i - 2, "l") &&
	    !fr_word_in(tl, i - 3, "il|elle|on|ils|elles|qui|ne|ce|cela|ça|je|tu|nous|vous")) {
		out_word(o, t->flags & TF_UPPER ? "Èst" : "èst", i, i);
		return 1;
	}
	if ((t->flags & TF_UPPER) && !sentence_start(tl, i) &&
	    !(i + 1 < tl->n && fr_glued_punct(tl, i + 1, '-')) &&
	    !(fr_glued_punct(tl, i - 1, '-') && fr_word_in(tl, i - 2, "nord|sud"))) {
		out_word(o, "Èst", i, i);
		return 1;
	}
	return 0;
}

/* The English plural s of a model, a capital word and digits: not said
 * in French ("les F-16s", "des A380s", "les Mig-29s" -> "les F-16"). */
static size_t rule_model_s(struct fr *fr, const struct tok_line *tl, size_t i,
			   struct norm_out *o)
{
	size_t p = i - 1;

	if (i < 2 || !tok_is(tl, i, TOK_WORD, "s") || !tok_glued(tl, i) ||
	    tl->tok[p].kind != TOK_NUM || !tok_glued(tl, p))
		return 0;
	if (p >= 2 && tok_is_punct(tl, p - 1, '-') && tok_glued(tl, p - 1))
		p--;                       /* "F-16s": over the hyphen */
	if (tl->tok[p - 1].kind != TOK_WORD || !(tl->tok[p - 1].flags & (TF_CAPS | TF_UPPER)) ||
	    (i + 1 < tl->n && tok_glued(tl, i + 1) && tl->tok[i + 1].kind != TOK_PUNCT))
		return 0;
	fr_flush(fr, o, i, i);
	return 1;
}

/* The rules in the order they are tried: specific shapes before general. */
static fr_rule *const rules_num[] = {
	rule_drive, rule_decade_s, fr_rule_postcode, fr_rule_phone, fr_rule_file_number, fr_rule_sets,
	fr_rule_tiebreak, fr_rule_added_time, fr_rule_date, fr_rule_chrono,
	fr_rule_compact_duration, fr_rule_time, fr_rule_goal_minute, fr_rule_ordinal,
	fr_rule_fraction, fr_rule_number,
};
static fr_rule *const rules_word[] = {
	rule_url, rule_neo, rule_east, rule_model_s, rule_joined, rule_between_numbers, rule_period, rule_factor, rule_abbrev, rule_initials, fr_rule_unit_per,
	fr_rule_roman_ordinal, fr_rule_roman, fr_rule_currency_first, fr_rule_zone, rule_acronym,
};
static fr_rule *const rules_punct[] = {
	fr_rule_restated, rule_between_numbers, rule_factor, rule_sign, fr_rule_currency_first, fr_rule_fraction,
	fr_rule_per_formula, fr_rule_per_word, rule_symbol,
};

/* A new line: is it written in capitals? */
static void fr_line(void *state, const struct tok_line *tl)
{
	((struct fr *)state)->headline = norm_is_headline(tl);
}

/* Classify the tokens at i by trying the rules for its kind. */
static size_t fr_expand(void *state, const struct tok_line *tl, size_t i,
			struct norm_out *o)
{
	struct fr *fr = state;
	fr_rule *const *rules;
	size_t n, used;

	switch (tl->tok[i].kind) {
	case TOK_NUM: rules = rules_num; n = ARRAY_SIZE(rules_num); break;
	case TOK_WORD: rules = rules_word; n = ARRAY_SIZE(rules_word); break;
	default: rules = rules_punct; n = ARRAY_SIZE(rules_punct); break;
	}
	sb_reset(&fr->sb);
	for (size_t k = 0; k < n; k++)
		if ((used = rules[k](fr, tl, i, o))) {
			size_t j = i + used;

			/* a number's span that ends with an abbreviation's dot
			 * ("le 12 déc.", "pendant 10 min.") ends its sentence
			 * too when a capital follows: without the dot the two
			 * sentences ran together, with no pause between */
			if (tl->tok[i].kind == TOK_NUM && used > 1 &&
			    fr_glued_punct(tl, j - 1, '.') && j < tl->n &&
			    tl->tok[j].kind == TOK_WORD &&
			    (tl->tok[j].flags & (TF_UPPER | TF_SPACE)) ==
			    (TF_UPPER | TF_SPACE))
				out_punct(o, '.', j - 1);
			return used;
		}
	return 0;
}

/* Free the French tables. */
static void fr_free(void *state)
{
	struct fr *fr = state;

	if (!fr)
		return;
	table_free(fr->abbr);
	table_free(fr->units);
	table_free(fr->cur);
	table_free(fr->fem);
	table_free(fr->masc);
	table_free(fr->roman);
	table_free(fr->months);
	table_free(fr->acr);
	table_free(fr->names);
	table_free(fr->starters);
	table_free(fr->ctx);
	sb_release(&fr->sb);
	free(fr);
}

/* Load the French tables for tag ("fr", "fr-BE", "fr-CH"). */
static void *fr_new(const char *tag)
{
	struct fr *fr = xcalloc(1, sizeof(*fr));

	fr->numflags = !strcmp(tag, "fr-BE") ? NUMFR_BE : !strcmp(tag, "fr-CH") ? NUMFR_CH : 0;
	sb_init(&fr->sb);
	if (!(fr->abbr = table_load("lexicon/fr/abbreviations.tsv")) ||
	    !(fr->units = table_load("lexicon/fr/units.tsv")) ||
	    !(fr->cur = table_load("lexicon/fr/currencies.tsv")) ||
	    !(fr->fem = table_load("lexicon/fr/feminine.tsv")) ||
	    !(fr->masc = table_load("lexicon/fr/masculine.tsv")) ||
	    !(fr->roman = table_load("lexicon/fr/roman_triggers.tsv")) ||
	    !(fr->months = table_load("lexicon/fr/months.tsv")) ||
	    !(fr->acr = table_load("lexicon/fr/acronyms.lex")) ||
	    !(fr->names = table_load("lexicon/fr/name_titles.tsv")) ||
	    !(fr->starters = table_load("lexicon/fr/sentence_starters.tsv")) ||
	    !(fr->ctx = table_load("lexicon/fr/contexts.tsv"))) {
		fr_free(fr);
		return NULL;
	}
	return fr;
}

const struct norm_lang norm_lang_fr = {
	.name = "fr",
	.state_new = fr_new,
	.state_free = fr_free,
	.expand = fr_expand,
	.line = fr_line,
};
