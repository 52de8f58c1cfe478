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
#include "cli/options.h"
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

/* The bulletin the operands argv[optind..] give, its settings filled in
 * order: the defaults, then one script (.yaml, .yml) or the statement
 * files (read one after another), then the command line's options of
 * opts that write into *spec (parsed by cli_parse_options()).  *sc and
 * *items (for the caller to free) back the spec. */
int cli_bulletin_spec(const cli_command *cmd, const cli_option *opts,
		      int argc, char **argv, bulletin_spec *spec,
		      bulletin_script **sc, bulletin_item **items);

/* The same for the operands args[0..n) (a batch renders each operand
 * as a bulletin of its own); the strings must outlive the spec. */
int cli_bulletin_spec_of(const cli_command *cmd, const cli_option *opts,
			 int argc, char **argv, const char *const *args, int n,
			 bulletin_spec *spec, bulletin_script **sc,
			 bulletin_item **items);

/* Whether path names a bulletin script (.yaml, .yml) rather than a
 * statement. */
int cli_is_script(const char *path);

/* Open the Icecast sink opt names for fmt, its status lines printed on
 * stderr ("crieur: icecast://...: connected"). */
int cli_icecast_open(audio_sink **out, audio_format fmt,
		     icecast_options *opt);

/* Option callbacks of the groups below (cli/options.h). */
int cli_stream_name_option(const cli_option *o, const char *cmd,
			   const char *arg);
int cli_stream_format_option(const cli_option *o, const char *cmd,
			     const char *arg);
int cli_confine_option(const cli_option *o, const char *cmd, const char *arg);
int cli_loudness_option(const cli_option *o, const char *cmd, const char *arg);
int cli_true_peak_option(const cli_option *o, const char *cmd,
			 const char *arg);

/* The Icecast options of play and say into an icecast_options (the
 * password: never an option). */
#define CLI_ICECAST_OPTIONS(ice) \
	OPT_STRING(0, "icecast", &(ice)->url, "URL", "stream to Icecast (or " \
		   "a Liquidsoap harbor):\nicecast://[user@]host[:port]/mount; " \
		   "the\nformat follows the mount (.mp3, .opus, .ogg)"), \
	OPT_STRING(0, "password-file", &(ice)->password_file, "F", "the source " \
		   "password (mode 600); default: the\nenvironment's " \
		   "CRIEUR_ICECAST_PASSWORD"), \
	OPT_CALLBACK(0, "stream-name", (ice), "S", "the stream's name; titles " \
		     "read 'S — item'", cli_stream_name_option), \
	OPT_CALLBACK(0, "stream-format", (ice), "F", "mp3 or opus, " \
		     "for a mount without extension", cli_stream_format_option), \
	OPT_INT(0, "stream-bitrate", &(ice)->bitrate, 8, 320, "K", "kbit/s " \
		"(default: MP3 64, Opus 32 per\nchannel)")

/* The audio device's options of play and say. */
#define CLI_DEVICE_OPTIONS(device, buffer_ms) \
	OPT_STRING('d', "device", (device), "N|NAME", "output device, by " \
		   "index or part of its name\n('crieur devices' lists them)"), \
	OPT_INT(0, "buffer", (buffer_ms), 20, 600000, "MS", "how far the " \
		"audio may run ahead of the\ndevice, in milliseconds (default " \
		"500): the\nmargin against underruns")

/* --confine DIR (base/util.h path_confine), applied when given. */
#define CLI_CONFINE_OPTION \
	OPT_CALLBACK(0, "confine", NULL, "DIR", "every file the script names " \
		     "must be inside DIR\n(after symbolic links)", \
		     cli_confine_option)

/* A bulletin's loudness target and true-peak ceiling. */
#define CLI_LOUDNESS_OPTIONS(spec) \
	OPT_CALLBACK(0, "loudness", &(spec)->loudness, "L", "podcast (-16 " \
		     "LUFS, default), broadcast (-23,\nEBU R128), a LUFS " \
		     "number, or none", cli_loudness_option), \
	OPT_CALLBACK(0, "true-peak", &(spec)->true_peak, "DB", "true-peak " \
		     "ceiling, dBTP (default -1)", cli_true_peak_option)

/* --confine DIR for cmd (base/util.h path_confine): 0, or the usage
 * error's exit code when DIR is not a folder. */
int cli_confine(const char *cmd, const char *dir);

#endif
