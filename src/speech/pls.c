/* pls.c - PLS lexicons to crieur's lexicon format, with libxml2. */
#include "speech/pls.h"
#include "base/error.h"
#include "base/outfile.h"
#include "base/util.h"
#include "speech/phonemes.h"
#include "text/lexicon.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The element's text, trimmed, in a heap string. */
static char *text_of(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = c ? (char *)c : NULL, *a, *e;
	char *r;

	if (!s)
		return xstrdup("");
	for (a = s; *a == ' ' || *a == '\n' || *a == '\t' || *a == '\r'; a++)
		;
	e = a + strlen(a);
	while (e > a && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	r = xstrndup(a, (size_t)(e - a));
	xmlFree(c);
	return r;
}

/* An attribute's value (heap) or NULL. */
static char *attr(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *r = v ? xstrdup((char *)v) : NULL;

	xmlFree(v);
	return r;
}

/* Convert one <lexeme>; 0 or an error. */
static int lexeme(const char *path, xmlNode *lx, const char *alphabet, strbuf *out)
{
	char *reading = NULL;
	int phon = 0, err = 0;

	for (xmlNode *c = lx->children; c && !reading; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "alias")) {
			reading = text_of(c);
		} else if (!strcmp((const char *)c->name, "phoneme")) {
			char *a = attr(c, "alphabet");
			const char *al = a ? a : alphabet;
			if (!al || strcmp(al, "x-espeak")) {
				err = err_set(CRIEUR_EFORMAT, "%s:%d: phoneme alphabet "
					      "'%s' is not supported (only x-espeak: "
					      "eSpeak NG mnemonics)", path, c->line,
					      al ? al : "(none)");
				free(a);
				return err;
			}
			free(a);
			reading = text_of(c);
			phon = 1;
		}
	}
	if (!reading || !*reading || strchr(reading, '"') || strstr(reading, "]]")) {
		free(reading);
		return err_set(CRIEUR_EFORMAT, "%s:%d: lexeme without a usable alias "
			       "or phoneme", path, lx->line);
	}
	if (phon) {
		char why[96];
		if (lex_phonemes_unsafe(reading, strlen(reading), why, sizeof(why))) {
			free(reading);
			return err_set(CRIEUR_EFORMAT, "%s:%d: %s", path, lx->line, why);
		}
	}
	for (xmlNode *c = lx->children; c; c = c->next) {
		char *g;
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "grapheme"))
			continue;
		g = text_of(c);
		if (*g && !strchr(g, '\t') && !strchr(g, '\n'))
			sb_addf(out, "%s\t%s%s%s\n", g, phon ? "[[" : "\"", reading,
				phon ? "]]" : "\"");
		free(g);
	}
	free(reading);
	return 0;
}

int pls_convert(const char *path, const char *lang, strbuf *out, char *lang_out,
		size_t lang_cap)
{
	xmlDoc *doc;
	xmlNode *root;
	char *alphabet, *xl, *data;
	size_t len;
	int err = read_file_max(path, MAX_LEXICON_BYTES, "a lexicon", &data, &len);

	if (err)
		return err;
	doc = xmlReadMemory(data, (int)len, path, NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(data);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		const char *m = e && e->message ? e->message : "not XML";
		return err_set(CRIEUR_EFORMAT, "%s:%d:%d: %.*s", path, e ? e->line : 0,
			       e ? e->int2 : 0, (int)strcspn(m, "\n"), m);
	}
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "lexicon")) {
		xmlFreeDoc(doc);
		return err_set(CRIEUR_EFORMAT, "%s: not a PLS lexicon (no <lexicon>)", path);
	}
	alphabet = attr(root, "alphabet");
	xl = (char *)xmlNodeGetLang(root);
	snprintf(lang_out, lang_cap, "%s", xl ? xl : lang);
	xmlFree(xl);
	sb_addf(out, "# imported from %s by crieur lexicon import\n", path);
	for (xmlNode *c = root->children; c && !err; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "lexeme"))
			err = lexeme(path, c, alphabet, out);
	free(alphabet);
	xmlFreeDoc(doc);
	return err;
}

int pls_import(const char *path, const char *lang, const char *out_path)
{
	strbuf sb;
	char l[16];
	lexicon *lex;
	int err, r;

	sb_init(&sb);
	outfile_group_begin();    /* notes the PLS as an input */
	if ((err = pls_convert(path, lang, &sb, l, sizeof(l)))) {
		outfile_group_end(0);
		sb_release(&sb);
		return err;
	}
	l[strcspn(l, "_")] = '\0';
	lex_new(&lex, l, phon_check_lex);   /* cannot fail */
	err = lex_load_text(lex, path, sb_cstr(&sb), NULL, NULL);
	lex_free(lex);
	if (!err)
		err = outfile_write_all(out_path, sb.buf, sb.len);
	r = outfile_group_end(!err);
	err = err ? err : r;
	sb_release(&sb);
	return err;
}
