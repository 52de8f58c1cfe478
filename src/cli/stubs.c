/* stubs.c - commands not written yet. */
#include "cli/cli.h"
#include <stdio.h>
static int todo(void) { fprintf(stderr, "crieur: not implemented yet\n"); return 1; }
int cmd_build(int argc, char **argv) { return todo(); }
int cmd_say(int argc, char **argv) { return todo(); }
int cmd_devices(int argc, char **argv) { return todo(); }
int cmd_info(int argc, char **argv) { return todo(); }
