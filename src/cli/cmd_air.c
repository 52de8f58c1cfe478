/* cmd_air.c - `crieur air`: a station's scheduled bulletins on air. */
#include "cli/cli.h"
#include "cli/options.h"
#include "air/air.h"
#include "air/clock.h"
#include "air/station.h"
#include "base/error.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const cli_command air_cmd = {
	"air",
	"crieur air [OPTIONS] STATION.yaml",
	"Air a station's bulletins at their times, unattended, until SIGTERM\n"
	"or SIGINT: each slot's bulletin is rendered ahead (with the newest\n"
	"statements of its inboxes), handed to the folder outputs, and played\n"
	"on the device at the second; every slot is logged in STATE/asrun.jsonl.\n"
	"README.md (\"Scheduled broadcasts\") describes the station file.\n",
	"SIGHUP reloads the station file (a broken one is reported, the\n"
	"running one kept).  SIGINT or SIGTERM fades out what is on air and\n"
	"exits with 130 or 143.\n"
	"\n"
	"example: crieur air --next 5 samples/station.yaml\n",
};

struct air_args {
	int next, check, quiet;
	const char *from;
};

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
	const cli_option opts[] = {
		OPT_INT(0, "next", &a.next, 1, 100000, "N", "print the next N slot "
			"instants (ISO 8601 with the\noffset, then the slot's "
			"name) and exit"),
		OPT_STRING(0, "from", &a.from, "TIME", "with --next: count from "
			   "TIME (ISO 8601; without an\noffset, in the station's "
			   "time zone), not now"),
		OPT_FLAG(0, "check", &a.check, "check the station file, its "
			 "bulletins, outputs,\ninboxes and state directory, and "
			 "exit"),
		OPT_CALLBACK(0, "confine", NULL, "DIR", "every file and folder "
			     "the station file and its\nbulletins name must be "
			     "inside DIR (after\nsymbolic links)",
			     cli_confine_option),
		OPT_FLAG('q', "quiet", &a.quiet, "print nothing but errors"),
		OPT_END(),
	};
	air_opts o = { 0 };
	sigset_t hup;
	air_station *st;
	int r, err;

	if ((r = cli_parse_options(&air_cmd, opts, argc, argv)) >= 0)
		return r;
	if (optind != argc - 1)
		return cli_usage_error("air", "give one station file");
	if (a.from && !a.next)
		return cli_usage_error("air", "--from goes with --next");
	if (a.next || a.check) {
		err = station_load(&st, argv[optind]);
		if (!err && a.next)
			err = print_next(st, &a);
		if (!err && a.check && !(err = air_tz_use(st->timezone)) &&
		    !(err = station_check(st)) && !(err = station_check_inboxes(st)) &&
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
