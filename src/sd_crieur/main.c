/* sd_crieur - crieur as a speech-dispatcher output module.
 *
 * speech-dispatcher starts it as `sd_crieur CONFIGFILE` and speaks the
 * module protocol on its standard input and output (src/sd/module.h);
 * messages go to standard error, which the server logs. */
#include "base/error.h"
#include "sd/module.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	sd_config cfg;
	int err;

	if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "--help") ||
				       !strcmp(argv[1], "-h")))) {
		fprintf(argc > 2 ? stderr : stdout,
			"usage: sd_crieur [CONFIGFILE]\n"
			"A speech-dispatcher output module: started by the server,\n"
			"it speaks the module protocol on standard input and output.\n"
			"Enable it with AddModule \"crieur\" \"sd_crieur\" \"crieur.conf\".\n");
		return argc > 2 ? 2 : 0;
	}
	signal(SIGPIPE, SIG_IGN);   /* a gone server is a write error */
	if ((err = sd_config_load(&cfg, argc == 2 ? argv[1] : NULL))) {
		fprintf(stderr, "sd_crieur: %s\n", err_detail());
		return 1;
	}
	if ((err = sd_module_run(STDIN_FILENO, STDOUT_FILENO, &cfg))) {
		fprintf(stderr, "sd_crieur: %s\n", err_detail());
		return 1;
	}
	return 0;
}
