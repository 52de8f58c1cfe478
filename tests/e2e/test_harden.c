/* test_harden.c - a hostile or careless user on a station server (issue
 * #15): no crash, no unbounded read, no lost episode, no overwritten
 * input.  Each case failed before its fix. */
#include "e2e.h"

#define SAMPLE "samples/statements/2023-11-20-pristina.txt"

/* Fail unless r exited with status and its stderr holds message. */
static void expect(const struct run_result *r, int status, const char *message)
{
	if (r->status != status || !strstr(r->err, message))
		fail_msg("exit %d, stderr '%s'; wanted exit %d and '%s'",
			 r->status, r->err, status, message);
}

/* ---- 1. phoneme readings longer than eSpeak NG's word buffer ---------- */

/* A lexicon "Mot\t[[aaa...]]" with one phoneme word of n bytes. */
static const char *long_phoneme_lexicon(int n)
{
	struct run_result r;
	const char *p = scratch("ph.lex");

	run(&r, "printf 'Mot\\t[[%%s]]\\n' \"$(head -c %d /dev/zero | tr '\\0' a)\""
	    " > %s", n, p);
	return p;
}

static void phoneme_word_too_long_refused(void **state)
{
	struct run_result r;
	const char *lex = long_phoneme_lexicon(1000);
	const char *dir = scratch("ph-out");

	run(&r, "%s lexicon check %s", crieur_bin(), lex);
	expect(&r, 1, "ph.lex:1: a phoneme word of 1000 bytes (at most 160");
	run(&r, "echo Mot | %s phonemes --lexicon %s", crieur_bin(), lex);
	expect(&r, 1, "ph.lex:1: a phoneme word of 1000 bytes");
	run(&r, "rm -rf %s && mkdir -p %s && echo Mot > %s/../mot.txt && "
	    "%s build --lexicon %s %s/../mot.txt -o %s/out.mp3", dir, dir, dir,
	    crieur_bin(), lex, dir, dir);
	expect(&r, 1, "ph.lex:1: a phoneme word of 1000 bytes");
	assert_int_equal(dir_entries(dir), 0);
	/* the limit itself is fine, spaces separate words */
	lex = long_phoneme_lexicon(160);
	run(&r, "echo Mot | %s phonemes --lexicon %s", crieur_bin(), lex);
	expect(&r, 0, "");
	run(&r, "printf 'Mot\\t[[%%s]]\\n' \"$(for i in $(seq 200); do printf 'a '; "
	    "done)\" > %s && echo Mot | %s phonemes --lexicon %s", lex,
	    crieur_bin(), lex);
	expect(&r, 0, "");
	run(&r, "printf 'Mot\\t[[_^_en]]\\n' > %s && %s lexicon check %s", lex,
	    crieur_bin(), lex);
	expect(&r, 1, "ph.lex:1: eSpeak NG's language switch _^_ is not allowed");
}

static void phoneme_too_long_in_pls_and_ssml(void **state)
{
	struct run_result r;
	const char *pls = scratch("long.pls"), *out = scratch("long.lex");

	run(&r, "a=$(head -c 900 /dev/zero | tr '\\0' a); printf '<?xml version="
	    "\"1.0\"?>\\n<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/"
	    "01/pronunciation-lexicon\" alphabet=\"x-espeak\" xml:lang=\"fr\">\\n"
	    "<lexeme>\\n<grapheme>Mot</grapheme>\\n<phoneme>%%s</phoneme>\\n"
	    "</lexeme>\\n</lexicon>\\n' $a > %s", pls);
	run(&r, "rm -f %s; %s lexicon import %s -o %s", out, crieur_bin(), pls,
	    out);
	expect(&r, 1, "long.pls:3: a phoneme word of 900 bytes");
	assert_false(file_exists(out));
	run(&r, "%s say --ssml -o %s/ssml.wav \"<speak>Le <phoneme alphabet="
	    "'x-espeak' ph='$(head -c 900 /dev/zero | tr '\\0' a)'>mot</phoneme>"
	    "</speak>\"", crieur_bin(), scratch_dir());
	expect(&r, 1, "a phoneme word of 900 bytes");
	assert_false(file_exists(scratch("ssml.wav")));
}

/* ---- 2. every input is read with a size cap ------------------------------ */

/* A shell prefix bounding the memory of what follows (1.5 GB), so an
 * unbounded read fails fast instead of swallowing the machine; empty for
 * an AddressSanitizer build, whose shadow memory a limit forbids. */
static const char *mem_limit(void)
{
	static char prefix[160];

	if (!prefix[0]) {
		struct run_result r;

		run(&r, "ldd %s | grep -c libasan", crieur_bin());
		snprintf(prefix, sizeof(prefix), "%s", atoi(r.out) ? " " :
			 "ulimit -v 1500000;");
	}
	return prefix;
}

static void inputs_have_a_size_cap(void **state)
{
	struct run_result r;
	const char *dir = scratch("cap-out");

	run(&r, "rm -rf %s && mkdir -p %s", dir, dir);
	run(&r, "%s %s build --cover /dev/zero %s -o %s/o.mp3", mem_limit(),
	    crieur_bin(), SAMPLE, dir);
	expect(&r, 1, "'/dev/zero' is larger than 16 MiB, the limit for a cover");
	run(&r, "truncate -s 300M %s/../big.jpg && %s %s build "
	    "--cover %s/../big.jpg %s -o %s/o.mp3", dir, mem_limit(),
	    crieur_bin(), dir, SAMPLE, dir);
	expect(&r, 1, "big.jpg' is larger than 16 MiB, the limit for a cover");
	run(&r, "printf 'items:\n  - file: /dev/zero\n' > %s/../zero.yaml && "
	    "%s %s build %s/../zero.yaml -o %s/o.mp3", dir, mem_limit(),
	    crieur_bin(), dir, dir);
	expect(&r, 1, "zero.yaml:2:11: item 1: file: '/dev/zero' is larger than "
	       "16 MiB, the limit for a statement");
	run(&r, "%s %s lexicon check /dev/zero", mem_limit(), crieur_bin());
	expect(&r, 1, "'/dev/zero' is larger than 16 MiB, the limit for a lexicon");
	run(&r, "%s %s build /dev/zero -o %s/o.mp3", mem_limit(), crieur_bin(),
	    dir);
	expect(&r, 1, "'/dev/zero' is larger than 16 MiB, the limit for a statement");
	run(&r, "%s %s lexicon import /dev/zero -o %s/x.lex", mem_limit(),
	    crieur_bin(), dir);
	expect(&r, 1, "'/dev/zero' is larger than 16 MiB, the limit for a lexicon");
	run(&r, "truncate -s 5M %s/../big.yaml && %s check %s/../big.yaml", dir,
	    crieur_bin(), dir);
	expect(&r, 1, "big.yaml' is larger than 4 MiB, the limit for a bulletin "
	       "script");
	run(&r, "mkdir -p %s/../site && truncate -s 65M %s/../site/feed.xml && "
	    "%s build %s -o %s/../ep.mp3 && %s publish %s/../ep.mp3 --site "
	    "%s/../site --base-url https://example.org/", dir, dir, crieur_bin(),
	    SAMPLE, dir, crieur_bin(), dir, dir);
	expect(&r, 1, "feed.xml' is larger than 64 MiB, the limit for a feed");
	assert_int_equal(dir_entries(dir), 0);
}

/* ---- 3. nesting and claimed clip lengths are bounded -------------------- */

static void yaml_nesting_is_capped(void **state)
{
	struct run_result r;
	const char *y = scratch("deep.yaml");

	/* 100,000 levels took a minute (quadratic inside libyaml); the
	 * timeout only keeps a regression from hanging the suite */
	run(&r, "{ printf 'items: '; head -c 100000 /dev/zero | tr '\\0' '['; "
	    "head -c 100000 /dev/zero | tr '\\0' ']'; echo; } > %s && "
	    "timeout 120 %s check %s", y, crieur_bin(), y);
	expect(&r, 1, "deep.yaml:1:71: lists and mappings nested more than 64 deep");
	run(&r, "{ printf 'items:\n  - text: Bonjour.\nx: '; for i in $(seq 63);"
	    " do printf '['; done; for i in $(seq 63); do printf ']'; done; "
	    "echo; } > %s && %s check %s", y, crieur_bin(), y);
	expect(&r, 1, "unknown key");    /* 64 deep with the top mapping */
}

/* A WAV whose header says 4 Hz: its 2 s of samples claim 6.7 hours. */
static void lying_clip_header_refused(void **state)
{
	struct run_result r;
	const char *wav = scratch("liar.wav"), *y = scratch("liar.yaml");
	const char *out = scratch("liar.mp3");

	run(&r, "sox -n -r 48000 -c 2 -b 16 %s synth 2 sine 440 vol 0.5 && "
	    "printf '\\004\\000\\000\\000\\020\\000\\000\\000' | dd of=%s bs=1 "
	    "seek=24 conv=notrunc 2>/dev/null && printf 'intro: liar.wav\n"
	    "items:\n  - text: Bonjour.\n' > %s", wav, wav, y);
	run(&r, "timeout 120 %s build %s -o %s", crieur_bin(), y, out);
	expect(&r, 1, "liar.yaml:1:8: intro: '");
	expect(&r, 1, "liar.wav': a header claiming 4 Hz and 2 channels");
	assert_false(file_exists(out));
}

/* ---- 5, 6, 8: outputs ------------------------------------------------------ */

static void output_never_overwrites_an_input(void **state)
{
	struct run_result r;
	const char *d = scratch("inout");

	run(&r, "rm -rf %s && mkdir -p %s/jingles && sox -n -r 48000 -c 2 -b 16 "
	    "%s/jingles/intro.wav synth 1 sine 440 vol 0.3 && printf 'intro: "
	    "jingles/intro.wav\nitems:\n  - text: Bonjour.\n' > %s/b.yaml && "
	    "cp %s/jingles/intro.wav %s/intro.orig && cp %s %s/in.txt", d, d, d, d,
	    d, d, SAMPLE, d);
	run(&r, "%s build %s/b.yaml -o %s/jingles/intro.wav", crieur_bin(), d, d);
	expect(&r, 1, "intro.wav': it is an input of this run");
	run(&r, "cmp %s/jingles/intro.wav %s/intro.orig && ls -A %s/jingles", d,
	    d, d);
	assert_string_equal(r.out, "intro.wav\n");
	run(&r, "%s build %s/in.txt -o %s/in.txt.wav && ln %s/in.txt %s/link.wav "
	    "&& %s build %s/in.txt -o %s/link.wav", crieur_bin(), d, d, d, d,
	    crieur_bin(), d, d);
	expect(&r, 1, "link.wav': it is an input of this run");
	run(&r, "cmp %s/in.txt %s", d, SAMPLE);
	assert_int_equal(r.status, 0);
	run(&r, "printf '<?xml version=\"1.0\"?>\n<lexicon version=\"1.0\" "
	    "xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\" "
	    "alphabet=\"x-espeak\" xml:lang=\"fr\"><lexeme><grapheme>Mot"
	    "</grapheme><alias>mo</alias></lexeme></lexicon>\n' > %s/x.pls && "
	    "cp %s/x.pls %s/x.orig && %s lexicon import %s/x.pls -o %s/x.pls",
	    d, d, d, crieur_bin(), d, d);
	expect(&r, 1, "x.pls': it is an input of this run");
	run(&r, "cmp %s/x.pls %s/x.orig", d, d);
	assert_int_equal(r.status, 0);
}

static void special_files_are_not_replaced(void **state)
{
	struct run_result r;
	const char *d = scratch("special");

	run(&r, "rm -rf %s && mkdir -p %s && mkfifo %s/fifo.mp3", d, d, d);
	run(&r, "%s build %s -o %s/fifo.mp3", crieur_bin(), SAMPLE, d);
	expect(&r, 1, "fifo.mp3' is a FIFO, not a regular file");
	run(&r, "test -p %s/fifo.mp3 && ls -A %s", d, d);
	assert_string_equal(r.out, "fifo.mp3\n");
	/* a device, through a link (never the device itself: an old
	 * build run as root would replace it) */
	run(&r, "ln -s /dev/null %s/null.mp3 && %s build %s -o %s/null.mp3", d,
	    crieur_bin(), SAMPLE, d);
	expect(&r, 1, "null.mp3' is a device, not a regular file");
	run(&r, "test -L %s/null.mp3 && ls -A %s | wc -l", d, d);
	assert_string_equal(r.out, "2\n");
	/* standard output is written through: the documented way */
	run(&r, "%s build %s -o - > %s/stdout.mp3 && %s info %s/stdout.mp3",
	    crieur_bin(), SAMPLE, d, crieur_bin(), d);
	assert_int_equal(r.status, 0);
}

/* The chapters cannot be written (their name is taken by a directory):
 * the MP3 and the transcript of the earlier run stay as they were. */
static void outputs_appear_together(void **state)
{
	struct run_result r;
	const char *d = scratch("group");

	run(&r, "rm -rf %s && mkdir -p %s && echo 'Premier bulletin.' > %s/a.txt "
	    "&& echo 'Second bulletin, tout autre.' > %s/b.txt && %s build "
	    "%s/a.txt -o %s/out.mp3 && cp %s/out.mp3 %s/keep.mp3 && cp "
	    "%s/out.vtt %s/keep.vtt && rm %s/out.chapters.json && mkdir "
	    "%s/out.chapters.json", d, d, d, d, crieur_bin(), d, d, d, d, d, d,
	    d, d);
	assert_int_equal(r.status, 0);
	run(&r, "%s build %s/b.txt -o %s/out.mp3", crieur_bin(), d, d);
	expect(&r, 1, "out.chapters.json' is a directory");
	run(&r, "cmp %s/out.mp3 %s/keep.mp3 && cmp %s/out.vtt %s/keep.vtt && "
	    "ls -A %s | tr '\\n' ' '", d, d, d, d, d);
	assert_string_equal(r.out, "a.txt b.txt keep.mp3 keep.vtt out.chapters.json "
			    "out.mp3 out.vtt ");
}

/* ---- 9. other signals during build --------------------------------------- */

/* Send sig once the render's temporary output exists; return the exit
 * status and leave the directory listing in *r. */
static int signal_build(struct run_result *r, const char *sig, int copies)
{
	const char *dir = scratch("sig");
	int status;

	run(r, "rm -rf %s && mkdir -p %s && for i in $(seq %d); do cat %s; "
	    "done > %s/../long.txt", dir, dir, copies, SAMPLE, dir);
	run(r, "%s build --no-sidecars %s/../long.txt -o %s/out.mp3 & pid=$!; "
	    "for i in $(seq 600); do ls -A %s | grep -q . && break; "
	    "sleep 0.1; done; kill -%s $pid; wait $pid; echo $?", crieur_bin(),
	    dir, dir, dir, sig);
	status = atoi(r->out);
	run(r, "ls -A %s", dir);
	return status;
}

static void other_signals_leave_nothing_behind(void **state)
{
	struct run_result r;

	assert_int_equal(signal_build(&r, "HUP", 30), 129);
	assert_string_equal(r.out, "");
	assert_int_equal(signal_build(&r, "USR1", 30), 128 + 10);
	assert_string_equal(r.out, "");
	/* SIGPIPE is ignored: the render goes on, complete */
	assert_int_equal(signal_build(&r, "PIPE", 1), 0);
	assert_string_equal(r.out, "out.mp3\n");
}

/* ---- 10. a sentence's opening punctuation stays in its cue -------------- */

static void cues_keep_opening_punctuation(void **state)
{
	struct run_result r;
	const char *d = scratch("cues");

	run(&r, "rm -rf %s && mkdir -p %s && printf '%%s\\n' 'Le ministre a "
	    "parlé hier soir. « Nous resterons », dit-il. (AFP) Le ministre est "
	    "reparti vers Paris.' > %s/s.txt && %s build %s/s.txt -o %s/s.mp3 "
	    "&& grep -v -- '-->' %s/s.vtt | grep .", d, d, d, crieur_bin(), d, d,
	    d);
	assert_int_equal(r.status, 0);
	if (!strstr(r.out, "\n« Nous resterons », dit-il.\n") ||
	    !strstr(r.out, "\n(AFP) Le ministre est reparti vers Paris.\n") ||
	    !strstr(r.out, "\nLe ministre a parlé hier soir.\n"))
		fail_msg("cues:\n%s", r.out);
}

/* ---- 14. MP3 settings LAME would change are refused ---------------------- */

static void mp3_settings_are_not_changed_silently(void **state)
{
	struct run_result r;
	const char *d = scratch("mp3set");

	run(&r, "rm -rf %s && mkdir -p %s && echo 'Bonjour.' > %s/s.txt", d, d, d);
	run(&r, "%s build --samplerate 192000 %s/s.txt -o %s/a.mp3", crieur_bin(),
	    d, d);
	expect(&r, 1, "MP3 cannot carry 192000 Hz (it takes 8000,");
	run(&r, "%s build --bitrate 8 --samplerate 48000 %s/s.txt -o %s/b.mp3",
	    crieur_bin(), d, d);
	expect(&r, 1, "MP3 at 48000 Hz cannot be 8 kbit/s (32 to 320 kbit/s");
	run(&r, "ls -A %s", d);
	assert_string_equal(r.out, "s.txt\n");
	/* what MP3 can carry is written as asked */
	run(&r, "%s build -q --bitrate 8 --samplerate 16000 %s/s.txt -o %s/c.mp3"
	    " && ffprobe -v error -show_entries stream=bit_rate,sample_rate -of "
	    "csv=p=0 %s/c.mp3", crieur_bin(), d, d, d);
	assert_string_equal(r.out, "16000,8000\n");
	run(&r, "%s build -q --samplerate 192000 %s/s.txt -o %s/d.flac && %s info "
	    "%s/d.flac", crieur_bin(), d, d, crieur_bin(), d);
	assert_non_null(strstr(r.out, "192000 Hz"));
}

/* ---- 16. say --lines: a bad line is skipped, not the session ------------- */

static void say_lines_skips_invalid_utf8(void **state)
{
	struct run_result r;
	const char *d = scratch("saylines");
	char file[512];

	snprintf(file, sizeof(file), "%s/captured.wav", d);
	alsa_capture_conf(d, file, "wav");
	run(&r, "printf 'Premi\\303\\250re ligne.\\nMauvaise \\377 ligne.\\n"
	    "Troisi\\303\\250me ligne.\\n' | ALSA_CONFIG_PATH=%s/asound.conf "
	    "%s say --lines --stats", d, crieur_bin());
	expect(&r, 0, "crieur: warning: standard input:2: invalid UTF-8 at byte "
	       "10: line skipped (--lenient says it)");
	assert_non_null(strstr(r.err, "lines: 2\n"));
	run(&r, "printf 'Mauvaise \\377 ligne.\\n' | ALSA_CONFIG_PATH=%s/asound.conf "
	    "%s say --lines --lenient --stats", d, crieur_bin());
	expect(&r, 0, "standard input:1: invalid UTF-8 at byte 10: bad bytes "
	       "said as U+FFFD");
	assert_non_null(strstr(r.err, "lines: 1\n"));
	run(&r, "%s say --lenient 'x'", crieur_bin());
	expect(&r, 2, "--lenient goes with --lines");
}

/* ---- 17, 18: what is wrong with a file, said plainly --------------------- */

static void not_an_mp3_is_named(void **state)
{
	struct run_result r;
	const char *d = scratch("notmp3");

	run(&r, "rm -rf %s && mkdir -p %s && echo 'hello text' > %s/t.mp3 && "
	    ": > %s/e.mp3 && head -c 3000 /dev/urandom > %s/r.mp3", d, d, d, d, d);
	run(&r, "%s publish %s/t.mp3 --site %s/site --base-url https://x.org",
	    crieur_bin(), d, d);
	expect(&r, 1, "t.mp3' is not an MP3 file: no MPEG audio");
	assert_null(strstr(r.err, "Note:"));     /* no libmpg123 chatter */
	run(&r, "%s publish %s/e.mp3 --site %s/site --base-url https://x.org",
	    crieur_bin(), d, d);
	expect(&r, 1, "e.mp3' is empty: not an MP3 file");
	run(&r, "%s publish %s/r.mp3 --site %s/site --base-url https://x.org",
	    crieur_bin(), d, d);
	expect(&r, 1, "r.mp3' is not an MP3 file");
	assert_null(strstr(r.err, "Note:"));
}

/* A float WAV jingle holding NaN and infinities. */
static void nan_jingle_is_named(void **state)
{
	struct run_result r;
	const char *d = scratch("nan");

	run(&r, "rm -rf %s && mkdir -p %s && python3 -c \"import struct,sys; "
	    "n=48000; d=struct.pack('<%%df' %% n, *([0.1]*1000 + [float('nan')] + "
	    "[float('inf')] + [0.1]*(n-1002))); sys.stdout.buffer.write(b'RIFF' + "
	    "struct.pack('<I', 36 + len(d)) + b'WAVEfmt ' + struct.pack('<IHHIIHH',"
	    " 16, 3, 1, 48000, 192000, 4, 32) + b'data' + struct.pack('<I', "
	    "len(d)) + d)\" > %s/nan.wav && printf 'intro: nan.wav\nitems:\n"
	    "  - text: Bonjour.\n' > %s/b.yaml", d, d, d, d);
	assert_int_equal(r.status, 0);
	run(&r, "%s build %s/b.yaml -o %s/out.mp3", crieur_bin(), d, d);
	expect(&r, 1, "nan.wav': a sample that is not a number (NaN or infinite) "
	       "at 0.021 s");
	assert_false(file_exists(scratch("nan/out.mp3")));
}

/* ---- scripts from elsewhere: --confine DIR, short excerpts ---------------- */

static void confine_keeps_scripts_inside(void **state)
{
	struct run_result r;
	const char *d = scratch("confine");

	run(&r, "rm -rf %s && mkdir -p %s/in/j && sox -n -r 48000 -c 1 -b 16 "
	    "%s/in/j/intro.wav synth 0.5 sine 440 vol 0.3 && echo 'Bonjour.' > "
	    "%s/in/a.txt && echo 'Secret.' > %s/secret.txt && ln -s ../secret.txt "
	    "%s/in/link.txt && printf 'intro: j/intro.wav\nitems:\n  - file: "
	    "a.txt\n' > %s/in/ok.yaml && printf 'items:\n  - file: %s/secret.txt"
	    "\n' > %s/in/abs.yaml && printf 'items:\n  - file: link.txt\n' > "
	    "%s/in/link.yaml && printf 'lexicons: ../secret.txt\nitems:\n  - "
	    "text: x\n' > %s/in/dots.yaml", d, d, d, d, d, d, d, d, d, d, d);
	assert_int_equal(r.status, 0);
	run(&r, "%s check --confine %s/in %s/in/ok.yaml", crieur_bin(), d, d);
	expect(&r, 0, "");
	run(&r, "%s build -q --confine %s/in %s/in/ok.yaml -o %s/ok.mp3",
	    crieur_bin(), d, d, d);
	expect(&r, 0, "");
	run(&r, "%s check --confine %s/in %s/in/abs.yaml", crieur_bin(), d, d);
	expect(&r, 1, "abs.yaml:2:11: item 1: file: '");
	expect(&r, 1, "secret.txt' is outside '");
	run(&r, "%s build --confine %s/in %s/in/link.yaml -o %s/l.mp3",
	    crieur_bin(), d, d, d);
	expect(&r, 1, "link.txt' is outside '");
	run(&r, "%s check --confine %s/in %s/in/dots.yaml", crieur_bin(), d, d);
	expect(&r, 1, "dots.yaml:1:11: lexicons: '");
	run(&r, "%s check --confine %s/nosuch %s/in/ok.yaml", crieur_bin(), d, d);
	expect(&r, 2, "--confine '");
	assert_false(file_exists(scratch("confine/l.mp3")));
}

/* crieur air --confine: every path of the station file (bulletins,
 * fallbacks, state, folder outputs, podcast sites) and of its bulletins
 * must resolve inside DIR; the same files pass without --confine. */
static void confine_keeps_stations_inside(void **state)
{
	static const char *const bad[][2] = {
		{ "folder: ../out", "outf.yaml:3:13: folder: '" },
		{ "podcast: {site: ../site, base_url: 'https://r.example/n'}",
		  "pod.yaml:3:21: podcast: site: '" },
		{ "state: ../state", "st.yaml:1:8: state: '" },
		{ "bulletin: ../b2.yaml", "bul.yaml:6:15: slot 1: bulletin: '" },
		{ "bulletin: bad.yaml", "bad.yaml:2:11: item 1: file: '" },
		{ "fallback: ../fall.wav", "fb.yaml:6:15: slot 1: fallback: '" },
	};
	static const char *const names[] = { "outf", "pod", "st", "bul", "inner",
					     "fb" };
	const char *d = scratch("confst");
	struct run_result r;

	run(&r, "rm -rf %s && mkdir -p %s/in/drop %s/out && echo 'Bonjour.' > "
	    "%s/in/a.txt && echo 'Secret.' > %s/secret.txt && printf 'items:\n"
	    "  - file: a.txt\n' > %s/in/b.yaml && cp %s/in/b.yaml %s/b2.yaml && "
	    "cp %s/in/a.txt %s && printf 'items:\n  - file: ../secret.txt\n' > "
	    "%s/in/bad.yaml && sox -n -r 22050 -c 1 -b 16 %s/fall.wav synth 0.5 "
	    "sine 440 vol 0.3", d, d, d, d, d, d, d, d, d, d, d, d);
	assert_int_equal(r.status, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *k = bad[i][0];
		int out = !strncmp(k, "folder", 6) || !strncmp(k, "podcast", 7);
		int st = !strncmp(k, "state", 5);
		int slot = !out && !st;
		char path[512];
		FILE *f;

		snprintf(path, sizeof(path), "%s/in/%s.yaml", d, names[i]);
		f = fopen(path, "w");
		assert_non_null(f);
		fprintf(f, "state: %s\noutputs:\n  - %s\nslots:\n  - name: n\n"
			"    %s\n    at: '0 * * * *'\n%s", st ? "../state" : "state",
			out ? k : "folder: drop", slot ? k : "bulletin: b.yaml",
			slot && strncmp(k, "bulletin", 8) ?
			"    bulletin: b.yaml\n" : "");
		fclose(f);
		run(&r, "%s air --check %s", crieur_bin(), path);
		expect(&r, 0, "");
		run(&r, "%s air --check --confine %s/in %s", crieur_bin(), d, path);
		expect(&r, 1, bad[i][1]);
		expect(&r, 1, "' is outside '");
	}
	run(&r, "%s air --check --confine %s/nosuch %s/in/fb.yaml",
	    crieur_bin(), d, d);
	expect(&r, 2, "--confine '");
}

/* A file that is not a lexicon is never echoed whole in an error. */
static void lexicon_errors_quote_short_excerpts(void **state)
{
	struct run_result r;
	const char *lex = scratch("shadow.lex");

	run(&r, "printf 'root:$y$j9T$abcdefghijklmnopqrstuvwxyzABCDEF/GHIJ:19000"
	    ":0:99999:7:::\n' > %s && %s lexicon check %s", lex, crieur_bin(),
	    lex);
	expect(&r, 1, "shadow.lex:1: headword 'root:$y$j9T$abcdefghijkl\u2026'");
	assert_null(strstr(r.err, "mnopqrstuvwxyz"));
}

/* ---- 4, 7, 9: publishing ----------------------------------------------- */

/* A short episode, rendered once for the publishing cases. */
static const char *episode_mp3(void)
{
	static int done;
	struct run_result r;
	const char *mp3 = scratch("episode.mp3");

	if (!done) {
		run(&r, "echo 'Le conseil municipal a voté le budget.' > %s/ep.txt "
		    "&& %s build --no-sidecars %s/ep.txt -o %s", scratch_dir(),
		    crieur_bin(), scratch_dir(), mp3);
		assert_int_equal(r.status, 0);
		done = 1;
	}
	return mp3;
}

/* Count the <item> elements of site/feed.xml. */
static int feed_items(const char *site)
{
	struct run_result r;

	run(&r, "xmllint --xpath 'count(//item)' %s/feed.xml", site);
	return atoi(r.out);
}

static void concurrent_publishes_keep_every_episode(void **state)
{
	struct run_result r;
	char site[256], eps[256], name[64];

	snprintf(site, sizeof(site), "%s", scratch("site-conc"));
	snprintf(eps, sizeof(eps), "%s", scratch("eps-conc"));

	run(&r, "rm -rf %s %s && mkdir -p %s && for i in $(seq 20); do "
	    "cp %s %s/ep$i.mp3; done", site, eps, eps, episode_mp3(), eps);
	run(&r, "for i in $(seq 20); do ( %s publish -q %s/ep$i.mp3 --site %s "
	    "--base-url https://example.org/news --date 2024-02-01T10:$(printf "
	    "%%02d $i)Z; echo $? > %s/st$i ) & done; wait; cat %s/st* | "
	    "grep -vc '^0$'", crieur_bin(), eps, site, eps, eps);
	assert_string_equal(r.out, "0\n");
	assert_int_equal(feed_items(site), 20);
	for (int i = 1; i <= 20; i++) {
		run(&r, "xmllint --xpath 'count(//item/enclosure[@url="
		    "\"https://example.org/news/ep%d.mp3\"])' %s/feed.xml", i, site);
		if (atoi(r.out) != 1)
			fail_msg("ep%d.mp3 is in the feed '%s' times (%s)", i,
				 r.out, r.err);
		snprintf(name, sizeof(name), "site-conc/ep%d.mp3", i);
		assert_true(file_exists(scratch(name)));
	}
	/* no orphaned files, no temporaries: 20 MP3s + feed, page, lock,
	 * record */
	assert_int_equal(dir_entries(site), 24);
}

static void tampered_feed_cannot_delete(void **state)
{
	struct run_result r;
	const char *site = scratch("site-tamper");

	run(&r, "rm -rf %s && mkdir -p %s && echo precious > %s/keepme.txt && "
	    "cp %s %s/../a.mp3 && cp %s %s/../b.mp3", site, site, site,
	    episode_mp3(), site, episode_mp3(), site);
	run(&r, "%s publish -q %s/../a.mp3 --site %s --base-url https://x.org "
	    "--date 2024-01-01", crieur_bin(), site, site);
	assert_int_equal(r.status, 0);
	/* point a's enclosure at keepme.txt, as a tampered feed would */
	run(&r, "sed -i 's|https://x.org/a.mp3|https://x.org/keepme.txt|' "
	    "%s/feed.xml && grep -c keepme.txt %s/feed.xml", site, site);
	assert_int_equal(atoi(r.out), 1);
	run(&r, "%s publish -q %s/../b.mp3 --site %s --base-url https://x.org "
	    "--date 2024-01-02 --keep 1", crieur_bin(), site, site);
	assert_int_equal(r.status, 0);
	run(&r, "cat %s/keepme.txt", site);
	assert_string_equal(r.out, "precious\n");
	/* what crieur recorded as a's is deleted, by its own name */
	run(&r, "ls %s", site);
	assert_null(strstr(r.out, "a.mp3"));
	assert_non_null(strstr(r.out, "b.mp3"));
	assert_int_equal(feed_items(site), 1);
}

/* 13: an existing feed's unreadable pubDate is kept as written (with a
 * warning), and of two items with one guid only the first stays. */
static void feed_keeps_what_it_cannot_parse(void **state)
{
	struct run_result r;
	const char *site = scratch("site-feed");

	run(&r, "rm -rf %s && mkdir -p %s && cp %s %s/../new.mp3 && printf '"
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
	    "<title>T</title>\n<item><title>A</title><guid>g1</guid>"
	    "<pubDate>garbage date</pubDate><enclosure url=\"https://x.org/a.mp3\""
	    " length=\"1\" type=\"audio/mpeg\"/></item>\n<item><title>B"
	    "</title><guid>g1</guid><pubDate>Mon, 05 Feb 2024 18:00:00 GMT"
	    "</pubDate><enclosure url=\"https://x.org/b.mp3\" length=\"1\" "
	    "type=\"audio/mpeg\"/></item>\n</channel></rss>\n' > %s/feed.xml",
	    site, site, episode_mp3(), site, site);
	run(&r, "%s publish %s/../new.mp3 --site %s --base-url https://x.org "
	    "--date 2024-03-01", crieur_bin(), site, site);
	expect(&r, 0, "feed.xml:3: pubDate 'garbage date' is not an RFC 822 "
	       "date: kept as it was");
	expect(&r, 0, "feed.xml:4: a second item with guid 'g1': dropped");
	run(&r, "xmllint --xpath 'string(//item[guid=\"g1\"]/pubDate)' "
	    "%s/feed.xml; echo; xmllint --xpath 'count(//item[guid=\"g1\"])' "
	    "%s/feed.xml", site, site);
	assert_string_equal(r.out, "garbage date\n\n1\n");
	assert_int_equal(feed_items(site), 2);
}

/* SIGINT while publish waits for the site's lock: it gives up, changes
 * nothing, and says so. */
static void interrupted_publish_publishes_nothing(void **state)
{
	struct run_result r;
	const char *site = scratch("site-int");

	run(&r, "rm -rf %s && mkdir -p %s && cp %s %s/../c.mp3", site, site,
	    episode_mp3(), site);
	run(&r, "touch %s/.crieur-lock; flock %s/.crieur-lock sleep 60 & "
	    "holder=$!; for i in $(seq 200); do flock -n %s/.crieur-lock true "
	    "|| break; sleep 0.05; done; %s publish %s/../c.mp3 --site %s "
	    "--base-url https://x.org & pid=$!; for i in $(seq 600); do "
	    "ls -l /proc/$pid/fd 2>/dev/null | grep -q crieur-lock && break; "
	    "sleep 0.05; done; kill -INT $pid; wait $pid; echo $?; "
	    "kill $holder", site, site, site, crieur_bin(), site, site);
	assert_int_equal(atoi(r.out), 130);
	assert_non_null(strstr(r.err, "interrupted while waiting for the lock"));
	assert_false(file_exists(scratch("site-int/feed.xml")));
	assert_false(file_exists(scratch("site-int/c.mp3")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phoneme_word_too_long_refused),
		cmocka_unit_test(phoneme_too_long_in_pls_and_ssml),
		cmocka_unit_test(inputs_have_a_size_cap),
		cmocka_unit_test(yaml_nesting_is_capped),
		cmocka_unit_test(lying_clip_header_refused),
		cmocka_unit_test(output_never_overwrites_an_input),
		cmocka_unit_test(special_files_are_not_replaced),
		cmocka_unit_test(outputs_appear_together),
		cmocka_unit_test(other_signals_leave_nothing_behind),
		cmocka_unit_test(cues_keep_opening_punctuation),
		cmocka_unit_test(mp3_settings_are_not_changed_silently),
		cmocka_unit_test(say_lines_skips_invalid_utf8),
		cmocka_unit_test(not_an_mp3_is_named),
		cmocka_unit_test(nan_jingle_is_named),
		cmocka_unit_test(confine_keeps_scripts_inside),
		cmocka_unit_test(confine_keeps_stations_inside),
		cmocka_unit_test(lexicon_errors_quote_short_excerpts),
		cmocka_unit_test(concurrent_publishes_keep_every_episode),
		cmocka_unit_test(tampered_feed_cannot_delete),
		cmocka_unit_test(interrupted_publish_publishes_nothing),
		cmocka_unit_test(feed_keeps_what_it_cannot_parse),
	};

	return e2e_done(cmocka_run_group_tests(tests, NULL, NULL));
}
