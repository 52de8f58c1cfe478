/* sd_latency.c - screen-reader latency of a speech-dispatcher output
 * module, measured over pipes as the server sees it: from the end of a
 * SPEAK (its final ".") to the first 705 AUDIO block, the same for CHAR
 * and KEY, and from STOP to 703.  Run against build/sd_crieur and
 * Debian's sd_espeak-ng side by side (make bench: tests/bench/sd.sh).
 *
 * Usage: sd_latency MODULE [N]    (N short utterances, default 200) */
#include "../e2e/sd_peer.h"

#include <math.h>

static const char *const phrases[] = {
	"Fichier", "Édition", "Affichage", "Ouvrir le menu", "Bouton OK",
	"Annuler", "Enregistrer sous", "Case à cocher, non cochée",
	"Le 20/11 à 14h30", "Lien, page suivante", "3 messages non lus",
	"Terminal", "Navigateur web", "Fermer l'onglet", "Titre de niveau 2",
	"Zone de texte", "Bienvenue", "Rechercher", "Paramètres", "Quitter",
};
static const char *const chars[] = { "a", "B", ",", ".", "é", "7", "space", "?" };
static const char *const keys[] = { "enter", "left", "control_c", "shift_tab",
	"kp-5", "escape", "f5", "backspace" };

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), cmp);
	printf("%-28s n=%4d  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", what, n,
	       ms[n / 2], ms[(int)ceil(n * 0.95) - 1], ms[n - 1]);
}

static void expect(struct sd_peer *p, int code)
{
	struct sd_msg m;

	if (!sd_peer_read(p, &m, 30000) || m.code != code) {
		fprintf(stderr, "sd_latency: expected %d, got %d '%s'\n", code,
			m.code, m.text);
		exit(1);
	}
	sd_msg_release(&m);
}

/* Send cmd with body; ms from the final "." to the first 705 (then
 * read to the end event). */
static double first_audio(struct sd_peer *p, const char *cmd, const char *body)
{
	struct sd_msg m;
	double t0, t1 = -1;

	sd_peer_set(p, "fr");
	expect(p, 203);
	expect(p, 203);
	sd_peer_send(p, "%s\n", cmd);
	expect(p, 202);
	sd_peer_body(p, body);
	t0 = sd_now_ms();
	while (sd_peer_read(p, &m, 30000)) {
		int code = m.code;
		if (code == 705 && t1 < 0)
			t1 = m.ms;
		sd_msg_release(&m);
		if (code >= 702 && code <= 704)
			break;
	}
	if (t1 < 0) {
		fprintf(stderr, "sd_latency: no audio for %s '%s'\n", cmd, body);
		exit(1);
	}
	return t1 - t0;
}

/* A long message, STOP after its first audio: ms from STOP to 703. */
static double stop_time(struct sd_peer *p)
{
	struct sd_msg m;
	double t0 = 0;
	int stopped = 0;

	sd_peer_set(p, "fr");
	expect(p, 203);
	expect(p, 203);
	sd_peer_send(p, "SPEAK\n");
	expect(p, 202);
	sd_peer_send(p, "<speak>Voici un long message que le lecteur d'écran va "
		     "interrompre avant sa fin. <mark name=\"__spd_id_0\"/>Il "
		     "continue encore un bon moment, phrase après phrase, "
		     "sans s'arrêter de lui-même.</speak>\n.\n");
	while (sd_peer_read(p, &m, 30000)) {
		int code = m.code;
		sd_msg_release(&m);
		if (code == 705 && !stopped) {
			sd_peer_send(p, "STOP\n");
			t0 = sd_now_ms();
			stopped = 1;
		}
		if (code >= 702 && code <= 704)
			return code == 703 ? sd_now_ms() - t0 : -1;
	}
	return -1;
}

int main(int argc, char **argv)
{
	struct sd_peer p;
	int n = argc > 2 ? atoi(argv[2]) : 200, ns = 0;
	double *ms;
	const char *name;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: sd_latency MODULE [N]\n");
		return 2;
	}
	name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
	ms = calloc((size_t)n, sizeof(*ms));
	if (sd_peer_start(&p, argv[1], NULL, NULL))
		return 1;
	sd_peer_send(&p, "INIT\n");
	expect(&p, 299);
	sd_peer_send(&p, "AUDIO\naudio_output_method=server\n.\n");
	expect(&p, 207);
	expect(&p, 203);
	first_audio(&p, "SPEAK", "Bonjour");   /* warm-up, not counted */
	printf("%s:\n", name);
	for (int i = 0; i < n; i++)
		ms[i] = first_audio(&p, "SPEAK", phrases[i % (int)(sizeof(phrases) /
							      sizeof(*phrases))]);
	report("  SPEAK -> first 705", ms, n);
	for (int i = 0; i < n; i++)
		ms[i] = i % 2 ? first_audio(&p, "CHAR", chars[i / 2 % 8]) :
			first_audio(&p, "KEY", keys[i / 2 % 8]);
	report("  CHAR/KEY -> first 705", ms, n);
	for (int i = 0; i < n / 4 + 1; i++) {
		double t = stop_time(&p);
		if (t >= 0)
			ms[ns++] = t;
	}
	if (ns)
		report("  STOP -> 703", ms, ns);
	printf("  (%d of %d STOPs answered 703; the others had ended first)\n",
	       ns, n / 4 + 1);
	sd_peer_stop(&p, 1, 10000);
	free(ms);
	return 0;
}
