/* test_opus.c - `crieur build -o x.opus`: Ogg Opus decoded and measured by
 * ffmpeg (loudness, true peak, duration), its Vorbis comments and
 * chapters read by ffprobe, errors and atomic output. */
#include "e2e.h"

static const char *const two_items =
	"title: Le journal\n"
	"publish: { site: Radio Test }\n"
	"date: 2024-03-14\n"
	"intro: jingles/intro.wav\n"
	"sting: jingles/sting.flac\n"
	"output: { channels: 1, bitrate: 32 }\n"
	"items:\n"
	"  - file: statements/2024-02-05-bruxelles.txt\n"
	"    title: Bruxelles\n"
	"  - text: \"Météo.\\nDu soleil demain, 25 degrés à Paris.\"\n"
	"    title: Météo\n";

/* Duration (s) of a file by ffprobe's decoded stream. */
static double probe_seconds(const char *path)
{
	struct run_result r;

	run(&r, "ffprobe -v error -show_entries format=duration -of csv=p=0 %s",
	    path);
	assert_int_equal(r.status, 0);
	return atof(r.out);
}

/* The bulletin as Opus: loudness at the podcast target and the decoded
 * true peak under the ceiling (the Opus margin at work), the same length
 * as the WAV of the same script. */
static void opus_loudness_peak_duration(void **state)
{
	double lufs, peak, wav_s, opus_s;
	struct run_result r;
	const char *s;

	setup_samples();
	s = script("o.yaml", two_items);
	run(&r, "%s build %s -o %s && %s build %s -o %s", crieur_bin(), s,
	    scratch("o.opus"), crieur_bin(), s, scratch("o.wav"));
	assert_int_equal(r.status, 0);
	ffmpeg_loudness(scratch("o.opus"), &lufs, &peak);
	assert_true(fabs(lufs - -16.0) <= 0.5);
	assert_true(peak <= -0.9);
	wav_s = probe_seconds(scratch("o.wav"));
	opus_s = probe_seconds(scratch("o.opus"));
	assert_true(wav_s > 10);
	/* pre-skip and end trimming make it exact to a 20 ms frame */
	assert_true(fabs(opus_s - wav_s) < 0.03);
}

/* Title, artist, date, R128 track gain and chapters in the comments. */
static void opus_tags_and_chapters(void **state)
{
	struct run_result r;
	const char *p;
	double end;

	setup_samples();
	run(&r, "%s build %s -o %s", crieur_bin(), script("t.yaml", two_items),
	    scratch("t.ogg"));
	assert_int_equal(r.status, 0);
	run(&r, "ffprobe -v error -show_entries stream_tags:stream=codec_name,"
	    "channels -of default=nw=1 %s", scratch("t.ogg"));
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "codec_name=opus"));
	assert_non_null(strstr(r.out, "channels=1"));
	assert_non_null(strstr(r.out, "TAG:TITLE=Le journal"));
	assert_non_null(strstr(r.out, "TAG:ARTIST=Radio Test"));
	assert_non_null(strstr(r.out, "TAG:DATE=2024-03-14"));
	/* -16 LUFS is 7 dB over -23: -7 * 256 */
	assert_non_null(strstr(r.out, "TAG:R128_TRACK_GAIN=-1792"));
	run(&r, "ffprobe -v error -show_chapters -of csv=p=0 %s",
	    scratch("t.ogg"));
	assert_int_equal(r.status, 0);
	/* id,time_base,start,start_time,end,end_time,title */
	p = strstr(r.out, "Intro");
	assert_non_null(p);
	p = strstr(p, "Bruxelles");
	assert_non_null(p);
	p = strstr(p, "Météo");
	assert_non_null(p);
	assert_null(strstr(p, "\n0,"));   /* three chapters, in order */
	p = strrchr(r.out, ',');
	while (p > r.out && p[-1] != ',')
		p--;
	end = atof(p);
	assert_true(fabs(end - probe_seconds(scratch("t.ogg"))) < 0.05);
}

/* A failing render leaves no file; bad bitrates are refused. */
static void opus_errors_atomic(void **state)
{
	struct run_result r;

	setup_samples();
	run(&r, "%s build %s -o %s", crieur_bin(), script("bad.yaml",
	    "items:\n  - file: statements/missing.txt\n"), scratch("bad.opus"));
	assert_int_not_equal(r.status, 0);
	assert_false(file_exists(scratch("bad.opus")));
	assert_int_equal(dir_entries(scratch_dir()) > 0, 1);
	run(&r, "ls -a %s | grep -c '^\\.bad\\|tmp' || true", scratch_dir());
	assert_int_equal(atoi(r.out), 0);
	run(&r, "%s build %s -o %s", crieur_bin(), script("b4.yaml",
	    "output: { bitrate: 4 }\nitems:\n  - text: Bonjour.\n"),
	    scratch("b4.opus"));
	assert_int_not_equal(r.status, 0);
	assert_non_null(strstr(r.err, "bitrate"));
	assert_false(file_exists(scratch("b4.opus")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opus_loudness_peak_duration),
		cmocka_unit_test(opus_tags_and_chapters),
		cmocka_unit_test(opus_errors_atomic),
	};

	return e2e_done(cmocka_run_group_tests_name("e2e_opus", tests, NULL,
						    NULL));
}
