/* cmd_publish.c - `crieur publish`: an episode onto a podcast site. */
#include "cli/cli.h"
#include "base/error.h"
#include "publish/publish.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"usage: crieur publish OUT.mp3 --site DIR --base-url URL [OPTIONS]\n"
	"\n"
	"Copy the episode OUT.mp3 and its transcript and chapters (OUT.vtt,\n"
	"OUT.srt, OUT.chapters.json, when beside it) into DIR, add it to\n"
	"DIR/feed.xml (RSS 2.0 with the iTunes and Podcasting 2.0\n"
	"namespaces; the episodes already there are kept, newest first) and\n"
	"regenerate the show page DIR/index.html.  The episode's title,\n"
	"headlines and date come from the MP3's ID3 tag (TIT2, COMM, TDRC)\n"
	"unless given below.  Files are replaced atomically: a failed run\n"
	"leaves the old feed as it was.\n"
	"\n"
	"  -s, --site DIR            the site directory (created if missing)\n"
	"  -u, --base-url URL        the public URL of DIR (http or https)\n"
	"channel (kept from the existing feed when not given):\n"
	"      --title T             the show's title (default: the ID3 album)\n"
	"      --description D       the show's description\n"
	"      --image URL           the show's square cover image\n"
	"      --category C          Apple Podcasts category, 'News' or\n"
	"                            'News/Daily News'\n"
	"      --explicit yes|no     explicit content (default no)\n"
	"      --language L          RSS language, 'fr', 'en' (default: from\n"
	"                            the ID3 TLAN frame, else fr)\n"
	"      --author A            itunes:author\n"
	"episode:\n"
	"      --episode-title T     instead of the ID3 title (TIT2)\n"
	"      --episode-description D  instead of the ID3 comment (COMM)\n"
	"      --date DATE           ISO 8601 (2024-02-05T18:00Z) or RFC 822;\n"
	"                            default: the ID3 date (TDRC), else now\n"
	"      --keep N              episodes kept in the feed (default 50);\n"
	"                            older ones' files are deleted from DIR\n"
	"  -q, --quiet               print nothing on success\n"
	"  -h, --help                show this help\n"
	"\n"
	"example: crieur publish news.mp3 --site site --base-url "
	"https://example.org/news\n";

enum { OPT_TITLE = 256, OPT_DESC, OPT_IMAGE, OPT_CATEGORY, OPT_EXPLICIT,
       OPT_LANGUAGE, OPT_AUTHOR, OPT_EP_TITLE, OPT_EP_DESC, OPT_DATE,
       OPT_KEEP };

static const struct option opts[] = {
	{ "site", required_argument, NULL, 's' },
	{ "base-url", required_argument, NULL, 'u' },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "description", required_argument, NULL, OPT_DESC },
	{ "image", required_argument, NULL, OPT_IMAGE },
	{ "category", required_argument, NULL, OPT_CATEGORY },
	{ "explicit", required_argument, NULL, OPT_EXPLICIT },
	{ "language", required_argument, NULL, OPT_LANGUAGE },
	{ "author", required_argument, NULL, OPT_AUTHOR },
	{ "episode-title", required_argument, NULL, OPT_EP_TITLE },
	{ "episode-description", required_argument, NULL, OPT_EP_DESC },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ 0, 0, 0, 0 },
};

/* yes/no/true/false into *out; 0 or EXIT_USAGE. */
static int yes_no(const char *v, int *out)
{
	if (!strcmp(v, "yes") || !strcmp(v, "true"))
		*out = 1;
	else if (!strcmp(v, "no") || !strcmp(v, "false"))
		*out = 0;
	else
		return cli_usage_error("publish", "--explicit wants yes or no, "
				       "not '%s'", v);
	return 0;
}

/* One option into opt; 0, or an exit code (-1 for --help). */
static int option(int c, const char *arg, publish_options *opt, int *quiet)
{
	switch (c) {
	case 's': opt->site = arg; return 0;
	case 'u': opt->base_url = arg; return 0;
	case 'q': *quiet = 1; return 0;
	case 'h': fputs(help, stdout); return -1;
	case OPT_TITLE: opt->title = arg; return 0;
	case OPT_DESC: opt->description = arg; return 0;
	case OPT_IMAGE: opt->image = arg; return 0;
	case OPT_CATEGORY: opt->category = arg; return 0;
	case OPT_EXPLICIT: return yes_no(arg, &opt->explicit_content);
	case OPT_LANGUAGE: opt->language = arg; return 0;
	case OPT_AUTHOR: opt->author = arg; return 0;
	case OPT_EP_TITLE: opt->episode_title = arg; return 0;
	case OPT_EP_DESC: opt->episode_description = arg; return 0;
	case OPT_DATE: opt->date = arg; return 0;
	case OPT_KEEP:
		return cli_int_arg("publish", "--keep", arg, 1, 100000,
				   &opt->keep);
	}
	return cli_usage_error("publish", "bad option");
}

/* A publish_options warn callback. */
static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "crieur: warning: %s\n", msg);
}

int cmd_publish(int argc, char **argv)
{
	publish_options opt = { .explicit_content = -1, .warn = warn };
	publish_report rep;
	int c, r, quiet = 0, err;

	while ((c = getopt_long(argc, argv, "s:u:qh", opts, NULL)) != -1)
		if ((r = option(c, optarg, &opt, &quiet)))
			return r < 0 ? 0 : r;
	if (optind != argc - 1)
		return cli_usage_error("publish", optind == argc ?
				       "no episode: give OUT.mp3" :
				       "one episode at a time");
	if (!opt.site)
		return cli_usage_error("publish", "no site: give --site DIR");
	if (!opt.base_url)
		return cli_usage_error("publish", "no URL: give --base-url URL");
	cli_catch_signals();
	if ((err = publish_episode(argv[optind], &opt, &rep)))
		return cli_fail(err);
	if (!quiet)
		fprintf(stderr, "crieur: published '%s' to '%s/feed.xml' (%d "
			"episode%s, %d removed)\n", argv[optind], opt.site,
			rep.episodes, rep.episodes == 1 ? "" : "s", rep.removed);
	return 0;
}
