/* cli.h - the command layer: one cmd_* per subcommand, shared helpers.
 *
 * Only this layer prints to the user and chooses exit codes:
 *   0 success, 1 failure (message on stderr), 2 bad usage,
 *   130 / 143 interrupted by SIGINT / SIGTERM. */
#ifndef CRIEUR_CLI_H
#define CRIEUR_CLI_H

#include "audio/sink_icecast.h"
#include "bulletin/bulletin.h"
#include "bulletin/script.h"
#include "speech/chain.h"

enum { EXIT_USAGE = 2 };

int cmd_build(int argc, char **argv);
int cmd_say(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_voices(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_phonemes(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);
int cmd_air(int argc, char **argv);

/* Print "crieur: DETAIL" for a failed library call; return the exit code
 * for code (130/143 when interrupted, else 1). */
int cli_fail(int code);

/* Print "crieur: MSG" then "see 'crieur CMD --help'"; return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Parse an integer option value within [lo, hi]; 0 or EXIT_USAGE. */
int cli_int_arg(const char *cmd, const char *opt, const char *val, int lo,
		int hi, int *out);

/* Install SIGINT/SIGTERM handlers that set crieur_interrupted (the
 * library polls it and fails with CRIEUR_EINTR). */
void cli_catch_signals(void);

/* The bulletin the arguments give: one script (.yaml, .yml), or statement
 * files read one after another; podcast loudness unless the script says
 * otherwise; the speech options of the command line (speech) over the
 * script's.  *sc and *items (for the caller to free) back the spec. */
int cli_bulletin_spec(int n, char **args, const speech_options *speech,
		      bulletin_spec *spec, bulletin_script **sc,
		      bulletin_item **items);

/* The options every speaking command takes, for getopt_long tables. */
enum { CLI_OPT_LEXICON = 400, CLI_OPT_QUOTE_VOICE, CLI_OPT_ICECAST,
       CLI_OPT_ICECAST_PASSWORD, CLI_OPT_STREAM_NAME, CLI_OPT_STREAM_FORMAT,
       CLI_OPT_STREAM_BITRATE };

#define CLI_SPEECH_OPTIONS \
	{ "voice", required_argument, NULL, 'v' }, \
	{ "lexicon", required_argument, NULL, CLI_OPT_LEXICON }, \
	{ "quote-voice", required_argument, NULL, CLI_OPT_QUOTE_VOICE }, \
	{ "rate", required_argument, NULL, 'r' }, \
	{ "pitch", required_argument, NULL, 'p' }, \
	{ "lang", required_argument, NULL, 'l' }, \
	{ "volume", required_argument, NULL, 'V' }
#define CLI_SPEECH_SHORT "v:r:p:l:V:"
#define CLI_SPEECH_HELP \
	"  -v, --voice NAME  voice (see 'crieur voices'; default: the\n" \
	"                    language's anchor, fr-anchor)\n" \
	"  -r, --rate WPM    speaking rate, words per minute (80-450)\n" \
	"  -p, --pitch N     base pitch (0-100)\n" \
	"  -V, --volume N    speech volume, percent (1-200, default 100)\n" \
	"  -l, --lang L      text language: fr, en, fr-BE, fr-CH (default:\n" \
	"                    the voice's)\n" \
	"      --lexicon F   a pronunciation lexicon over the built-in one\n" \
	"                    (repeatable, later wins; lexicon/README.md)\n" \
	"      --quote-voice NAME  read « quotations » in that voice\n"

/* The Icecast options of play and say (password: never an option). */
#define CLI_ICECAST_OPTIONS \
	{ "icecast", required_argument, NULL, CLI_OPT_ICECAST }, \
	{ "password-file", required_argument, NULL, CLI_OPT_ICECAST_PASSWORD }, \
	{ "stream-name", required_argument, NULL, CLI_OPT_STREAM_NAME }, \
	{ "stream-format", required_argument, NULL, CLI_OPT_STREAM_FORMAT }, \
	{ "stream-bitrate", required_argument, NULL, CLI_OPT_STREAM_BITRATE }
#define CLI_ICECAST_HELP \
	"      --icecast URL     stream to Icecast (or a Liquidsoap harbor):\n" \
	"                        icecast://[user@]host[:port]/mount; the\n" \
	"                        format follows the mount (.mp3, .opus, .ogg)\n" \
	"      --password-file F the source password (mode 600); default: the\n" \
	"                        environment's CRIEUR_ICECAST_PASSWORD\n" \
	"      --stream-name S   the stream's name; titles read 'S — item'\n" \
	"      --stream-format F mp3 or opus, for a mount without extension\n" \
	"      --stream-bitrate K  kbit/s (default: MP3 64, Opus 32 per\n" \
	"                        channel)\n"

/* Handle an Icecast option: 1 if it was one, 0 if not, or EXIT_USAGE
 * (negated) for a bad value. */
int cli_icecast_option(const char *cmd, int c, const char *arg,
		       icecast_options *opt);

/* Open the Icecast sink opt names for fmt, its status lines printed on
 * stderr ("crieur: icecast://...: connected"). */
int cli_icecast_open(audio_sink **out, audio_format fmt,
		     icecast_options *opt);

/* Handle a speech option (c from CLI_SPEECH_SHORT): 1 if it was one, 0
 * if not, or EXIT_USAGE (negated) for a bad value. */
int cli_speech_option(const char *cmd, int c, const char *arg,
		      speech_options *opt);

/* --confine DIR for cmd (base/util.h path_confine): 0, or the usage
 * error's exit code when DIR is not a folder. */
int cli_confine(const char *cmd, const char *dir);

#endif
