/* prepare.c - a slot instance rendered ahead: its bulletin script read
 * again, inbox: items filled, rendered to STATE/prepared/.  The one
 * adapter between the station and the bulletin renderer. */
#include "air/job.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/util.h"
#include "bulletin/bulletin.h"
#include "bulletin/script.h"
#include "text/statement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int job_new(air_job **out, const air_slot *s, size_t index, air_ns at,
	    const char *state_dir)
{
	air_job *j = xcalloc(1, sizeof(*j));

	j->slot = xstrdup(s->name);
	j->bulletin = xstrdup(s->bulletin);
	j->fallback = s->fallback ? xstrdup(s->fallback) : NULL;
	j->state_dir = xstrdup(state_dir);
	j->duration = s->duration;
	j->late = s->late;
	j->start = s->start;
	j->at = at;
	j->prepare_at = at - (air_ns)(s->prepare * AIR_NS_PER_S);
	j->index = index;
	atomic_init(&j->state, JOB_PLANNED);
	atomic_init(&j->cut, 0);
	atomic_init(&j->prepared, 0);
	*out = j;
	return 0;
}

void job_free(air_job *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n_items; i++) {
		free((char *)j->items[i].title);
		free((char *)j->items[i].file);
	}
	for (size_t i = 0; i < j->n_inboxes; i++) {
		for (size_t k = 0; k < j->inbox_n[i]; k++)
			free(j->inbox_paths[i][k]);
		free(j->inbox_paths[i]);
		free((char *)j->inboxes[i].dir);
	}
	free(j->inboxes);
	free(j->inbox_paths);
	free(j->inbox_n);
	free(j->items);
	free(j->item_starts);
	free(j->slot);
	free(j->bulletin);
	free(j->fallback);
	free(j->state_dir);
	free(j->rendered);
	free(j->mp3);
	free(j->error);
	free(j->air_error);
	free(j);
}

/* The statements of the script's inbox: items, taken now. */
static int take_inboxes(air_job *j, const bulletin_script *sc, air_ns now)
{
	int err = 0;

	for (size_t i = 0; i < sc->n_items; i++) {
		const script_item *it = &sc->items[i];
		air_inbox *ib;
		size_t k = j->n_inboxes++;

		if (!it->inbox.path) {
			j->n_inboxes--;
			continue;
		}
		j->inboxes = xrealloc(j->inboxes, (k + 1) * sizeof(*j->inboxes));
		j->inbox_paths = xrealloc(j->inbox_paths, (k + 1) * sizeof(char **));
		j->inbox_n = xrealloc(j->inbox_n, (k + 1) * sizeof(size_t));
		ib = &j->inboxes[k];
		*ib = (air_inbox){ xstrdup(it->inbox.path), it->inbox_max,
				   it->inbox_max_age, it->inbox_once, j->note,
				   j->note_ctx };
		j->inbox_paths[k] = NULL;
		j->inbox_n[k] = 0;
		if ((err = inbox_prepare(ib->dir)) ||
		    (err = inbox_scan(ib, now)) ||
		    (err = inbox_current(ib, now, &j->inbox_paths[k],
					 &j->inbox_n[k])))
			return err;
		if (!j->inbox_n[k])
			return err_set(CRIEUR_EEMPTY, "inbox '%s' has no current "
				       "statement", ib->dir);
	}
	return 0;
}

/* The spec's items: the script's, inbox: items replaced by the
 * statements they gave. */
static bulletin_item *expand_items(const air_job *j, const bulletin_script *sc,
				   const bulletin_item *from, size_t *n)
{
	bulletin_item *items;
	size_t total = 0, k = 0, box = 0;

	for (size_t i = 0; i < sc->n_items; i++)
		total += sc->items[i].inbox.path ? j->inbox_n[box++] : 1;
	items = xcalloc(total + 1, sizeof(*items));
	box = 0;
	for (size_t i = 0; i < sc->n_items; i++) {
		if (!sc->items[i].inbox.path) {
			items[k++] = from[i];
			continue;
		}
		for (size_t m = 0; m < j->inbox_n[box]; m++)
			items[k++] = (bulletin_item){ .file = j->inbox_paths[box][m],
						      .voice = from[i].voice };
		box++;
	}
	*n = k;
	return items;
}

/* Record each item's title (its chapter's) and source file. */
static void record_items(air_job *j, const bulletin_spec *spec,
			 const bulletin_result *res)
{
	size_t first = spec->intro ? 1 : 0;

	j->items = xcalloc(spec->n_items + 1, sizeof(*j->items));
	j->item_starts = xcalloc(spec->n_items + 1, sizeof(double));
	for (size_t i = 0; i < spec->n_items; i++) {
		const char *title = first + i < res->n_chapters ?
				    res->chapters[first + i].title : "";

		j->items[i].title = xstrdup(title ? title : "");
		j->item_starts[i] = first + i < res->n_chapters ?
				    res->chapters[first + i].start : 0;
		j->items[i].file = spec->items[i].file ?
				   xstrdup(spec->items[i].file) : NULL;
	}
	j->n_items = spec->n_items;
}

/* STATE/prepared/SLOT-EPOCH.wav (the directory created), heap. */
static char *prepared_path(const air_job *j)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "%s/prepared", j->state_dir);
	mkdir(sb.buf, 0755);
	sb_addf(&sb, "/%s-%lld.wav", j->slot, j->at / AIR_NS_PER_S);
	return sb_detach(&sb, NULL);
}

/* path.wav with another extension, heap. */
static char *beside(const char *wav, const char *ext)
{
	strbuf sb = { 0 };

	sb_addf(&sb, "%.*s%s", (int)(strlen(wav) - 4), wav, ext);
	return sb_detach(&sb, NULL);
}

/* Load, fill and render (the WAV to play, and the MP3 for the file
 * outputs: one rendering); 0 or an error with its detail. */
static int render(air_job *j, air_ns now)
{
	bulletin_script *sc = NULL;
	bulletin_item *from = NULL, *items = NULL;
	bulletin_result res;
	bulletin_spec spec;
	char *out = prepared_path(j);
	char *mp3 = j->want_mp3 ? beside(out, ".mp3") : NULL;
	int err;

	memset(&res, 0, sizeof(res));
	err = script_load(&sc, j->bulletin);
	if (!err)
		err = take_inboxes(j, sc, now);
	if (!err)
		err = bulletin_spec_from_script(sc, &spec, &from);
	if (!err) {
		items = expand_items(j, sc, from, &spec.n_items);
		spec.items = items;
		if (j->duration > 0)
			spec.duration = j->duration;
		err = bulletin_render_also(&spec, out, mp3, &res);
	}
	if (!err)
		err = bulletin_write_sidecars(&res, out, 0);
	if (!err) {
		record_items(j, &spec, &res);
		j->rendered = out;
		j->mp3 = mp3;
		out = mp3 = NULL;
	}
	free(mp3);
	bulletin_result_release(&res);
	free(out);
	free(items);
	free(from);
	script_free(sc);
	return err;
}

void job_prepare(air_job *j)
{
	if (render(j, air_now()))
		j->error = xstrdup(err_detail());
	atomic_store(&j->prepared, 1);
}

void job_aired(air_job *j, air_ns now)
{
	for (size_t i = 0; i < j->n_inboxes; i++)
		inbox_aired(&j->inboxes[i], j->inbox_paths[i], j->inbox_n[i], now);
}

int job_log(const air_job *j)
{
	const char *error = j->air_error ? j->air_error : j->error;
	asrun_entry e = { j->slot, j->at, j->started, j->ended, j->outcome,
			  j->items, j->n_items, error };

	if (j->outcome == ASRUN_FALLBACK || j->outcome == ASRUN_MISSED ||
	    (j->outcome == ASRUN_FAILED && !j->rendered))
		e.n_items = 0;
	return asrun_append(j->state_dir, &e);
}
