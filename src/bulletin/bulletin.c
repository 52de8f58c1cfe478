/* bulletin.c - the file renderer: a bulletin session rendered to a file
 * in three passes (pass A: render_speech.c; the mix: render_mix.c; passes
 * B and C: render_master.c), with its tag (render_tags.c), chapters and
 * cues (render_cues.c). */
#include "bulletin/render.h"
#include "audio/id3.h"
#include "audio/sink_file.h"
#include "base/error.h"
#include "base/util.h"
#include "bulletin/script.h"
#include "speech/synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Everything between opening the sink and pumping into it. */
static int render_job(struct job *j, audio_sink *sink, bulletin_result *res)
{
	int master = !isnan(j->spec->loudness);
	struct pass_b b = { 0 };
	audio_stage *out = NULL;
	long long frames = 0;
	double wall = render_clock_seconds(CLOCK_MONOTONIC);
	double cpu = render_process_cpu();
	int err;

	res->measured_lufs = NAN;
	res->gain_db = 0;
	render_bed_start(j);
	if (!(err = bulletin_session_open(&j->ses, j->spec))) {
		j->ses->to_file = 1;
		render_item_states(j);
	}
	if (err || (err = render_synth_items(j, 1.0)) ||
	    (err = render_bed_wait(j, 0)) ||
	    (err = render_layout(j, res)) ||
	    (master && (err = render_plan_master(j, &b))) ||
	    (err = render_master_chain(j, master ? &b : NULL, &out))) {
		render_bed_wait(j, err);
		sink->abort(sink);
		free(b.pilot.x);
		return err;
	}
	res->wall_a = render_clock_seconds(CLOCK_MONOTONIC) - wall;
	res->cpu_a = render_process_cpu() - cpu;
	render_chapters(j, res);
	render_cues(j, res);
	render_finish_tag(j, res);
	err = audio_pump(out, sink, &frames);
	if (master)
		err = render_end_master(&b, err, res);
	stage_free(out);
	res->wall_rest = render_clock_seconds(CLOCK_MONOTONIC) - wall - res->wall_a;
	res->cpu_rest = render_process_cpu() - cpu - res->cpu_a;
	res->seconds = (double)frames / j->spec->out.rate;
	return err;
}

int bulletin_render(const bulletin_spec *spec, const char *out_path,
		    bulletin_result *res)
{
	return bulletin_render_also(spec, out_path, NULL, res);
}

/* The sink for out_path, teed into also_path when given (the second
 * decides the mastering targets and carries the tag). */
static int open_sinks(struct job *j, const char *out_path,
		      const char *also_path, audio_sink **out)
{
	audio_sink *first, *second;
	int err = render_open_sink(j, out_path, &first);

	if (err || !also_path) {
		*out = err ? NULL : first;
		return err;
	}
	if ((err = render_open_sink(j, also_path, &second))) {
		sink_free(first);
		return err;
	}
	return sink_tee_new(out, first, second);
}

int bulletin_render_also(const bulletin_spec *spec, const char *out_path,
			 const char *also_path, bulletin_result *res)
{
	struct job j = { .spec = spec, .rate_factor = 1.0 };
	bulletin_result local;
	audio_sink *sink = NULL;
	int err;

	if (!res)
		res = &local;
	memset(res, 0, sizeof(*res));
	res->measured_lufs = NAN;
	if (!spec->n_items)
		return err_set(CRIEUR_EEMPTY, "the bulletin has no items");
	if ((j.synth_rate = synth_engine_init()) < 0)
		return j.synth_rate;
	if ((err = open_sinks(&j, out_path, also_path, &sink))) {
		id3_free(j.tag);
		return err;
	}
	j.items = xcalloc(spec->n_items, sizeof(*j.items));
	err = render_job(&j, sink, res);
	sink_free(sink);
	for (size_t i = 0; i < spec->n_items; i++) {
		if (j.items[i].in)
			speech_line_maps_free(j.items[i].maps,
					      j.items[i].in->st.n_lines);
		free(j.items[i].chunks);
	}
	free(j.items);
	spill_free(j.sp);
	spill_free(j.music);
	bulletin_session_free(j.ses);
	id3_free(j.tag);
	timeline_release(&j.tl);
	if (res == &local)
		bulletin_result_release(res);
	return err;
}

void bulletin_result_release(bulletin_result *res)
{
	for (size_t i = 0; i < res->n_chapters; i++)
		free(res->chapters[i].title);
	free(res->chapters);
	for (size_t i = 0; i < res->n_cues; i++)
		free(res->cues[i].text);
	free(res->cues);
	memset(res, 0, sizeof(*res));
}

int bulletin_spec_from_script(const bulletin_script *sc, bulletin_spec *spec,
			      bulletin_item **items)
{
	bulletin_item *it = xcalloc(sc->spec.n_items + 1, sizeof(*it));

	memcpy(it, sc->spec.items, sc->spec.n_items * sizeof(*it));
	*spec = sc->spec;
	spec->items = *items = it;
	return 0;
}
