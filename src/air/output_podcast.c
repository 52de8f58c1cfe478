/* output_podcast.c - the `podcast:` output: each bulletin that aired
 * published into a podcast site with `crieur publish`'s library
 * (publish/publish.h): the MP3 and its transcript and chapters copied,
 * feed.xml and index.html regenerated, each file replaced atomically.
 *
 *   - podcast:
 *       site: /srv/www/news          # the site directory
 *       base_url: https://radio.example/news
 *       title: Le journal            # and description:, language:,
 *       keep: 50                     # author:, category:, image:,
 *                                    # explicit:
 *
 * An episode is published once it has aired (aired or late), under the
 * slot's name and time ("news, 2026-12-03 10:00"), dated the slot's
 * instant. */
#include "air/output.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "publish/publish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct podcast_cfg {
	char *site, *base_url, *title, *description, *language, *author;
	char *category, *image;
	int keep, explicit_content;
};

#define OFF(field) offsetof(struct podcast_cfg, field)

static const ykey keys[] = {
	{ "site", ykey_string, OFF(site), 0, 0, NULL },
	{ "base_url", ykey_string, OFF(base_url), 0, 0, NULL },
	{ "title", ykey_string, OFF(title), 0, 0, NULL },
	{ "description", ykey_string, OFF(description), 0, 0, NULL },
	{ "language", ykey_string, OFF(language), 0, 0, NULL },
	{ "author", ykey_string, OFF(author), 0, 0, NULL },
	{ "category", ykey_string, OFF(category), 0, 0, NULL },
	{ "image", ykey_string, OFF(image), 0, 0, NULL },
	{ "keep", ykey_int, OFF(keep), 1, 10000, "episodes" },
	{ "explicit", ykey_bool, OFF(explicit_content), 0, 0, NULL },
};
enum { K_SITE, K_BASE_URL };

static void podcast_free(void *p)
{
	struct podcast_cfg *c = p;

	if (!c)
		return;
	free(c->site);
	free(c->base_url);
	free(c->title);
	free(c->description);
	free(c->language);
	free(c->author);
	free(c->category);
	free(c->image);
	free(c);
}

static int podcast_parse(ydoc *d, yaml_node_t *v, const char *dir, void **out)
{
	yaml_node_t *val[ARRAY_SIZE(keys)] = { 0 };
	struct podcast_cfg *c = xcalloc(1, sizeof(*c));
	strbuf sb = { 0 };
	int err;

	*out = c;
	c->explicit_content = -1;
	if ((err = ydoc_want_mapping(d, v, "podcast", "a mapping (site: DIR, "
				     "base_url: URL, title: ...)")) ||
	    (err = ydoc_walk(d, v, keys, ARRAY_SIZE(keys), c, "podcast", val)))
		return err;
	if (!c->site || !c->base_url)
		return ydoc_fail(d, ydoc_pos_of(v), CRIEUR_EFORMAT, "podcast: "
				 "needs site: (the site's directory) and base_url: "
				 "(its public http or https URL)");
	if (strncmp(c->base_url, "http://", 7) && strncmp(c->base_url, "https://", 8))
		return ydoc_fail(d, ydoc_pos_of(val[K_BASE_URL]), CRIEUR_EFORMAT,
				 "podcast: base_url must be an http or https URL, "
				 "not '%s'", c->base_url);
	if (c->site[0] != '/' && strcmp(dir, ".")) {
		sb_addf(&sb, "%s/%s", dir, c->site);
		free(c->site);
		c->site = sb_detach(&sb, NULL);
	}
	if ((err = path_check_confined(c->site)))   /* crieur air --confine */
		return ydoc_fail_detail(d, ydoc_pos_of(val[K_SITE]),
					"podcast: site", err);
	return 0;
}

static void podcast_describe(const void *cfg, char *buf, size_t n)
{
	snprintf(buf, n, "podcast '%s'", ((const struct podcast_cfg *)cfg)->site);
}

static int podcast_check(const void *cfg)
{
	return air_output_check_dir("podcast site",
				    ((const struct podcast_cfg *)cfg)->site, 1);
}

static int podcast_deliver(const void *cfg, const air_delivery *dl)
{
	const struct podcast_cfg *c = cfg;
	publish_options o = {
		.site = c->site, .base_url = c->base_url, .title = c->title,
		.description = c->description, .image = c->image,
		.category = c->category, .language = c->language,
		.author = c->author, .explicit_content = c->explicit_content,
		.episode_title = dl->title, .date = dl->date, .keep = c->keep,
	};

	return publish_episode(dl->path, &o, NULL);
}

const air_output_kind air_output_podcast = {
	.name = "podcast",
	.parse = podcast_parse,
	.free_cfg = podcast_free,
	.describe = podcast_describe,
	.check = podcast_check,
	.deliver = podcast_deliver,
	.after_air = 1,
};
