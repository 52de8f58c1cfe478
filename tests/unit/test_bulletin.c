/* test_bulletin.c - the renderer reports its progress to the caller's
 * callback (the library never prints). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bulletin/bulletin.h"
#include "unit/tmp_path.h"

struct seen {
	size_t speech, encoding, last_item;
	double last_seconds, total;
	int backwards;
};

static void on_progress(void *ctx, const bulletin_progress *p)
{
	struct seen *s = ctx;

	if (p->step == BULLETIN_SPEECH) {
		s->speech++;
		s->backwards |= p->items_done != s->last_item + 1 || p->n_items != 2;
		s->last_item = p->items_done;
		return;
	}
	s->encoding++;
	s->backwards |= p->seconds < s->last_seconds;
	s->last_seconds = p->seconds;
	s->total = p->total_seconds;
}

static void render_reports_progress(void **state)
{
	bulletin_item items[2] = { { .text = "Premier titre.\nUn paragraphe." },
				   { .text = "Second titre." } };
	struct seen seen = { 0 };
	bulletin_spec spec;
	bulletin_result res;

	bulletin_spec_init(&spec);
	spec.items = items;
	spec.n_items = 2;
	spec.progress = on_progress;
	spec.progress_ctx = &seen;
	assert_int_equal(bulletin_render(&spec, tmp_path("progress.wav"), &res), 0);
	assert_int_equal(seen.speech, 2);
	assert_int_equal(seen.last_item, 2);
	assert_true(seen.encoding > 1);
	assert_false(seen.backwards);
	assert_true(fabs(seen.last_seconds - res.seconds) < 0.01);
	assert_true(fabs(seen.total - res.seconds) < 0.01);
	bulletin_result_release(&res);
	remove(tmp_path("progress.wav"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(render_reports_progress),
	};
	return cmocka_run_group_tests_name("bulletin", tests, NULL, NULL);
}
