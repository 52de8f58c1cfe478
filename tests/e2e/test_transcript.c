/* test_transcript.c - transcripts and chapters beside the audio: every
 * cue starts within 100 ms of the speech it shows, measured on the
 * decoded audio; chapters reach ID3 (read back by ffprobe). */
#include "e2e.h"

#define SAMPLE "samples/statements/2023-11-20-pristina.txt"

/* Cue start times (seconds) from a WebVTT file. */
static int vtt_starts(const char *path, double *starts, int max)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0;

	assert_non_null(f);
	while (n < max && fgets(line, sizeof(line), f)) {
		int h, m, s, ms;
		if (strstr(line, "-->") &&
		    sscanf(line, "%d:%d:%d.%d", &h, &m, &s, &ms) == 4)
			starts[n++] = h * 3600 + m * 60 + s + ms / 1000.0;
	}
	fclose(f);
	return n;
}

/* The first 5 ms block from `from` on whose RMS is above -40 dBFS. */
static double onset_after(const struct audio *a, double from)
{
	long block = a->rate / 200;

	for (long f = (long)(from * a->rate); f + block < a->frames; f += block / 2)
		if (audio_rms_db(a, f, block) > -40)
			return (double)f / a->rate;
	return -1;
}

static void cues_start_with_speech(void **state)
{
	struct run_result r;
	struct audio a;
	double starts[200];
	int n;

	run(&r, "%s build --loudness none %s -o %s", crieur_bin(), SAMPLE,
	    scratch("t.wav"));
	assert_int_equal(r.status, 0);
	n = vtt_starts(scratch("t.vtt"), starts, 200);
	assert_true(n >= 10);   /* one cue per written sentence */
	audio_load(&a, scratch("t.wav"));
	for (int i = 0; i < n; i++) {
		double on = onset_after(&a, starts[i] > 0.15 ? starts[i] - 0.15 : 0);
		if (fabs(on - starts[i]) > 0.1)
			fail_msg("cue %d starts at %.3f s, speech at %.3f s", i,
				 starts[i], on);
	}
	audio_release(&a);
}

static void cue_text_is_written_form(void **state)
{
	struct run_result r;

	run(&r, "grep -c . %s; grep -F 'M. Stoltenberg a condamné' %s",
	    scratch("t.vtt"), scratch("t.vtt"));
	/* the written text, abbreviations and digits as written */
	assert_non_null(strstr(r.out, "M. Stoltenberg a condamné"));
	run(&r, "grep -F '93 blessés' %s", scratch("t.vtt"));
	assert_int_equal(r.status, 0);
	run(&r, "grep -F 'monsieur' %s", scratch("t.vtt"));
	assert_int_not_equal(r.status, 0);
}

static void chapters_in_json_and_id3(void **state)
{
	struct run_result r;

	run(&r, "%s build --srt %s samples/statements/2024-02-05-bruxelles.txt "
	    "-o %s", crieur_bin(), SAMPLE, scratch("two.mp3"));
	assert_int_equal(r.status, 0);
	assert_true(file_exists(scratch("two.srt")));
	run(&r, "ffprobe -v error -show_chapters -of compact %s", scratch("two.mp3"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "id=0|time_base=1/1000|start=0|"));
	assert_non_null(strstr(r.out, "tag:title=Déclaration du secrétaire général"));
	assert_non_null(strstr(r.out, "id=1|"));
	run(&r, "grep -c startTime %s", scratch("two.chapters.json"));
	assert_string_equal(r.out, "2\n");
	/* a cover image, and a clear error for a missing one */
	run(&r, "ffmpeg -nostdin -loglevel error -y -f lavfi -i color=red:s=16x16 "
	    "-frames:v 1 %s && %s build -q --cover %s %s -o %s && ffprobe -v error "
	    "-show_streams %s", scratch("cover.png"), crieur_bin(),
	    scratch("cover.png"), SAMPLE, scratch("cov.mp3"), scratch("cov.mp3"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "attached_pic=1"));
	run(&r, "%s build --cover /no/cover.png %s -o %s", crieur_bin(), SAMPLE,
	    scratch("cov2.mp3"));
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot open '/no/cover.png'"));
	assert_false(file_exists(scratch("cov2.mp3")));
	/* sidecars can be turned off */
	run(&r, "%s build --no-sidecars %s -o %s", crieur_bin(), SAMPLE,
	    scratch("bare.mp3"));
	assert_int_equal(r.status, 0);
	assert_false(file_exists(scratch("bare.vtt")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cues_start_with_speech),
		cmocka_unit_test(cue_text_is_written_form),
		cmocka_unit_test(chapters_in_json_and_id3),
	};
	return e2e_done(cmocka_run_group_tests_name("e2e_transcript", tests,
						    NULL, NULL));
}
