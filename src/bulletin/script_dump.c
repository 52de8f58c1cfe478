/* script_dump.c - a bulletin script as "key = value" lines, and the
 * names of its enumerations. */
#include "bulletin/script.h"
#include "base/util.h"

const char *script_format_name(enum script_format f)
{
	static const char *const names[] = { "", "mp3", "wav", "flac", "opus" };

	return (unsigned)f < ARRAY_SIZE(names) ? names[f] : "";
}

const char *script_loudness_name(enum script_loudness v)
{
	static const char *const names[] = { "podcast", "broadcast", "lufs",
						     "none" };

	return (unsigned)v < ARRAY_SIZE(names) ? names[v] : "";
}

/* One "key = value" line for a string; "(none)" for NULL. */
static void dump_str(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s = ", key);
	if (!v)
		fputs("(none)", f);
	for (; v && *v; v++) {
		if (*v == '\n')
			fputs("\\n", f);
		else if (*v == '\t')
			fputs("\\t", f);
		else if (*v == '\\')
			fputs("\\\\", f);
		else
			fputc(*v, f);
	}
	fputc('\n', f);
}

/* One line for a file, with its position and duration. */
static void dump_file(FILE *f, const char *key, const script_file *x)
{
	if (!x->path) {
		dump_str(f, key, NULL);
		return;
	}
	fprintf(f, "%s = %s (%d:%d", key, x->path, x->pos.line, x->pos.column);
	if (x->seconds > 0)
		fprintf(f, ", %.3f s", x->seconds);
	fputs(")\n", f);
}

void script_dump(const bulletin_script *s, FILE *f)
{
	const script_output *o = &s->output;
	const bulletin_spec *b = &s->spec;

	dump_str(f, "path", s->path);
	dump_str(f, "dir", s->dir);
	dump_str(f, "title", b->title);
	dump_str(f, "date", s->date);
	dump_str(f, "language", b->speech.lang);
	dump_str(f, "voice", b->speech.voice);
	dump_str(f, "quote_voice", b->speech.quote_voice);
	for (size_t i = 0; i < s->n_lexicons; i++) {
		char key[48];

		snprintf(key, sizeof(key), "lexicons[%zu]", i);
		dump_file(f, key, &s->lexicons[i]);
	}
	dump_file(f, "intro", &s->intro);
	dump_file(f, "outro", &s->outro);
	dump_file(f, "sting", &s->sting);
	dump_file(f, "bed.file", &s->bed.file);
	fprintf(f, "bed.level = %g\nbed.duck = %g\nbed.attack = %g\n"
		"bed.release = %g\ngap = %g\ntalkup = %g\n", b->bed_level,
		b->duck, b->attack, b->release, b->gap, b->talkup);
	fprintf(f, "loudness = %s\nlufs = %g\ntrue_peak = %g\nduration = %g\n",
		script_loudness_name(s->loudness), b->loudness, b->true_peak,
		b->duration);
	fprintf(f, "output.format = %s\noutput.bitrate = %d\n"
		"output.quality = %d\noutput.samplerate = %d\n"
		"output.channels = %d\n", o->format ? script_format_name(o->format)
		: "(none)", b->mp3.bitrate, b->mp3.quality, b->out.rate,
		b->out.channels);
	if (s->publish.set) {
		dump_str(f, "publish.site", s->publish.site);
		dump_str(f, "publish.base_url", s->publish.base_url);
		fprintf(f, "publish.keep = %d\n", s->publish.keep);
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const script_item *it = &s->items[i];
		char key[48];

		fprintf(f, "items[%zu] = %d:%d\n", i, it->pos.line, it->pos.column);
		snprintf(key, sizeof(key), "items[%zu].file", i);
		dump_file(f, key, &it->file);
		snprintf(key, sizeof(key), "items[%zu].text", i);
		dump_str(f, key, it->text);
		if (it->inbox.path) {
			snprintf(key, sizeof(key), "items[%zu].inbox", i);
			dump_file(f, key, &it->inbox);
			fprintf(f, "items[%zu].max = %d\nitems[%zu].max_age = %g\n"
				"items[%zu].once = %s\n", i, it->inbox_max, i,
				it->inbox_max_age, i, it->inbox_once ? "true" :
				"false");
		}
		snprintf(key, sizeof(key), "items[%zu].title", i);
		dump_str(f, key, it->title);
		snprintf(key, sizeof(key), "items[%zu].voice", i);
		dump_str(f, key, it->voice);
	}
}
