/* wordlist.c - build tool: compile Debian word lists for text/wordlist.c.
 *
 * usage: wordlist OUT FILE...
 * Reads every FILE (one word a line, UTF-8), drops English possessives
 * ("Paris's"), empty lines and '#' comments, and writes OUT: one line per
 * distinct word, "key" or "key<TAB>word" where key is the word folded
 * (text/fold.h) and differs from it, sorted bytewise.  Fails, naming the file and the
 * Debian package, when a list is missing. */
#include "text/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **lines;
static size_t nlines, cap;

/* Add one line (copied). */
static void add(const char *s)
{
	if (nlines == cap) {
		cap = cap ? cap * 2 : 1 << 16;
		lines = realloc(lines, cap * sizeof(*lines));
		if (!lines) {
			perror("wordlist");
			exit(1);
		}
	}
	if (!(lines[nlines++] = strdup(s))) {
		perror("wordlist");
		exit(1);
	}
}

/* Read one word list into lines. */
static int read_list(const char *path)
{
	FILE *in = fopen(path, "r");
	char buf[512], key[512];

	if (!in) {
		fprintf(stderr, "crieur: cannot read the word list %s: install %s "
			"(make deps)\n", path, strstr(path, "french") ? "wfrench" :
			strstr(path, "british") ? "wbritish" : "wamerican");
		return -1;
	}
	while (fgets(buf, sizeof(buf), in)) {
		size_t n = strcspn(buf, "\r\n"), k;
		char line[1100];

		buf[n] = '\0';
		if (!n || buf[0] == '#' || (n > 2 && !strcmp(buf + n - 2, "'s")))
			continue;
		if ((k = fold_key(buf, n, key, sizeof(key))) == (size_t)-1)
			continue;
		if (k == n && !memcmp(key, buf, n))
			snprintf(line, sizeof(line), "%s", key);
		else
			snprintf(line, sizeof(line), "%s\t%s", key, buf);
		add(line);
	}
	fclose(in);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: wordlist OUT FILE...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++)
		if (read_list(argv[i]))
			return 1;
	qsort(lines, nlines, sizeof(*lines), cmp);
	if (!(out = fopen(argv[1], "w"))) {
		perror(argv[1]);
		return 1;
	}
	for (size_t i = 0; i < nlines; i++)
		if (!i || strcmp(lines[i], lines[i - 1]))
			fprintf(out, "%s\n", lines[i]);
	return fclose(out) ? 1 : 0;
}
