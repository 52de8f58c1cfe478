/* cmd_air.c - `crieur air`: a station's scheduled bulletins on air. */
#include "cli/cli.h"
#include "air/air.h"
#include "air/clock.h"
#include "air/station.h"
#include "base/error.h"

#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"usage: crieur air [OPTIONS] STATION.yaml\n"
	"\n"
	"Air a station's bulletins at their times, unattended, until SIGTERM\n"
	"or SIGINT: each slot's bulletin is rendered ahead (with the newest\n"
	"statements of its inboxes), handed to the folder outputs, and played\n"
	"on the device at the second; every slot is logged in STATE/asrun.jsonl.\n"
	"README.md (\"Scheduled broadcasts\") describes the station file.\n"
	"\n"
	"      --next N      print the next N slot instants (ISO 8601 with the\n"
	"                    offset, then the slot's name) and exit\n"
	"      --from TIME   with --next: count from TIME (ISO 8601; without an\n"
	"                    offset, in the station's time zone), not now\n"
	"      --check       check the station file, its bulletins, outputs,\n"
	"                    inboxes and state directory, and exit\n"
	"      --confine DIR every file and folder the station file and its\n"
	"                    bulletins name must be inside DIR\n"
	"  -q, --quiet       print nothing but errors\n"
	"  -h, --help        show this help\n"
	"\n"
	"SIGHUP reloads the station file (a broken one is reported, the\n"
	"running one kept).  SIGINT or SIGTERM fades out what is on air and\n"
	"exits with 130 or 143.\n"
	"\n"
	"example: crieur air --next 5 samples/station.yaml\n";

struct air_args {
	int next, check, quiet;
	const char *from;
};

static int parse(int argc, char **argv, struct air_args *a)
{
	static const struct option opts[] = {
		{ "next", required_argument, NULL, 'n' },
		{ "from", required_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'c' },
		{ "confine", required_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0, 0, 0, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (cli_int_arg("air", "--next", optarg, 1, 100000,
					&a->next))
				return EXIT_USAGE;
			break;
		case 'f': a->from = optarg; break;
		case 'c': a->check = 1; break;
		case 'C':
			if (cli_confine("air", optarg))
				return EXIT_USAGE;
			break;
		case 'q': a->quiet = 1; break;
		case 'h': fputs(help, stdout); return 0;
		default: return cli_usage_error("air", "bad option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("air", "give one station file");
	if (a->from && !a->next)
		return cli_usage_error("air", "--from goes with --next");
	return -1;
}

/* --next N [--from TIME]: the coming instants, one per line. */
static int print_next(const air_station *st, const struct air_args *a)
{
	air_ns t = air_now();
	size_t slot = SIZE_MAX;
	char buf[48];
	int err = air_tz_use(st->timezone);

	if (!err && a->from)
		err = air_time_parse(a->from, &t);
	for (int i = 0; !err && i < a->next; i++) {
		if ((err = station_next(st, t, slot, &slot, &t)))
			break;
		air_time_format(buf, sizeof(buf), t, 0);
		printf("%s %s\n", buf, st->slots[slot].name);
	}
	if (fflush(stdout) || ferror(stdout))
		err = err ? err : err_set(CRIEUR_EIO, "cannot write the output");
	return err;
}

/* SIGHUP is blocked in every thread (the audio libraries' threads and
 * handlers never see it) and taken here, when the loop asks. */
static int hup_pending(void *ctx)
{
	static const struct timespec zero = { 0, 0 };
	sigset_t hup;

	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	return sigtimedwait(&hup, NULL, &zero) == SIGHUP;
}

/* A line for the operator: "crieur: 2026-12-03T10:00:00.002+01:00 MSG". */
static void on_note(void *ctx, const char *msg)
{
	char t[48];

	air_time_format(t, sizeof(t), air_now(), 1);
	fprintf(stderr, "crieur: %s %s\n", t, msg);
}

int cmd_air(int argc, char **argv)
{
	struct air_args a = { 0 };
	air_opts o = { 0 };
	sigset_t hup;
	air_station *st;
	int r = parse(argc, argv, &a), err;

	if (r >= 0)
		return r;
	if (a.next || a.check) {
		err = station_load(&st, argv[optind]);
		if (!err && a.next)
			err = print_next(st, &a);
		if (!err && a.check && !(err = air_tz_use(st->timezone)) &&
		    !(err = station_check(st)) && !(err = air_check_inboxes(st)) &&
		    !a.quiet)
			printf("%s: station '%s', %zu slot%s, %zu output%s, state "
			       "in '%s'\n", st->path, st->name, st->n_slots,
			       st->n_slots == 1 ? "" : "s", st->n_outputs,
			       st->n_outputs == 1 ? "" : "s", st->state);
		if (!err)
			station_free(st);
		return err ? cli_fail(err) : 0;
	}
	cli_catch_signals();
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &hup, NULL);
	o.station = argv[optind];
	o.reload = hup_pending;
	o.note = a.quiet ? NULL : on_note;
	return cli_fail(air_run(&o));
}
