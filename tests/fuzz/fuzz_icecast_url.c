/* fuzz_icecast_url.c - libFuzzer target: icecast_url_parse() on any
 * string; what it accepts has a host, a port in range and a mount that
 * starts with '/', and a password never survives in it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio/sink_icecast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *url = malloc(size + 1);
	icecast_url u;

	memcpy(url, data, size);
	url[size] = '\0';
	if (icecast_url_parse(url, &u) == 0 &&
	    (!u.host[0] || u.port < 1 || u.port > 65535 || u.mount[0] != '/' ||
	     !u.user[0] || strchr(u.user, ':')))
		abort();
	icecast_format_for_mount(u.mount);
	free(url);
	return 0;
}
