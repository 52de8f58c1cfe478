/* bs1770.c - BS.1770-4 integrated loudness (see bs1770.h). */
#include "audio/bs1770.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>

enum { MAX_CH = 8 };

struct bs1770 {
	int ch;
	double w[MAX_CH];          /* channel weights */
	double b[5], a[5];         /* the K filter: both stages as one */
	double v[MAX_CH][4];       /* its state per channel, newest first */
	long sub_len;              /* frames in 100 ms */
	long sub_at;               /* frames of the current sub-block so far */
	double sum[MAX_CH];        /* its squared K-weighted samples */
	double sub[4];             /* the last four sub-blocks' energy sums */
	long n_sub;
	double gate;               /* the absolute gate, as a block energy */
	double *z;                 /* the blocks over the absolute gate */
	size_t n_z, cap_z;
};

/* The two stages of BS.1770's K filter at `rate`, by the bilinear
 * transform of their analogue prototypes (a high shelf of +4 dB around
 * 1.7 kHz, the head's effect; a high-pass at 38 Hz, the RLB curve),
 * multiplied into one filter of order 4. */
static void k_filter(struct bs1770 *m, double rate)
{
	const double f1 = 1681.974450955533, g1 = 3.999843853973347;
	const double q1 = 0.7071752369554196;
	const double f2 = 38.13547087602444, q2 = 0.5003270373238773;
	double k = tan(M_PI * f1 / rate), vh = pow(10, g1 / 20);
	double vb = pow(vh, 0.4996667741545416), d = 1 + k / q1 + k * k;
	double sb[3] = { (vh + vb * k / q1 + k * k) / d, 2 * (k * k - vh) / d,
			 (vh - vb * k / q1 + k * k) / d };
	double sa[3] = { 1, 2 * (k * k - 1) / d, (1 - k / q1 + k * k) / d };
	double hb[3] = { 1, -2, 1 }, ha[3];

	k = tan(M_PI * f2 / rate);
	d = 1 + k / q2 + k * k;
	ha[0] = 1;
	ha[1] = 2 * (k * k - 1) / d;
	ha[2] = (1 - k / q2 + k * k) / d;
	for (int i = 0; i < 5; i++) {
		m->b[i] = m->a[i] = 0;
		for (int j = 0; j < 3; j++)
			if (i - j >= 0 && i - j < 3) {
				m->b[i] += sb[j] * hb[i - j];
				m->a[i] += sa[j] * ha[i - j];
			}
	}
}

bs1770 *bs1770_new(audio_format fmt)
{
	static const double w5[5] = { 1, 1, 1, 1.41, 1.41 };
	static const double w4[4] = { 1, 1, 1.41, 1.41 };
	static const double w8[8] = { 1, 1, 1, 0, 1.41, 1.41, 0, 0 };
	struct bs1770 *m;

	if (fmt.channels < 1 || fmt.channels > MAX_CH || fmt.rate < 8000)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->ch = fmt.channels;
	for (int c = 0; c < m->ch; c++)
		m->w[c] = m->ch <= 2 ? 1 : m->ch == 4 ? w4[c] :
			  m->ch == 5 ? w5[c] : w8[c];
	k_filter(m, fmt.rate);
	m->sub_len = (fmt.rate + 5) / 10;
	m->gate = pow(10, (-70 + 0.691) / 10);
	return m;
}

/* Filter n frames of channel c (x: its first sample; frames `stride`
 * apart) and add their squares to m->sum[c].  The feedback sums its
 * oldest terms first, so that each sample waits on the newest state
 * through one multiply and one subtraction. */
static void k_run(struct bs1770 *m, int c, const float *x, long n, int stride)
{
	const double b0 = m->b[0], b1 = m->b[1], b2 = m->b[2], b3 = m->b[3];
	const double b4 = m->b[4], a1 = m->a[1], a2 = m->a[2], a3 = m->a[3];
	const double a4 = m->a[4];
	double v1 = m->v[c][0], v2 = m->v[c][1], v3 = m->v[c][2];
	double v4 = m->v[c][3], s = 0;

	for (long i = 0; i < n; i++) {
		double v0 = (x[i * stride] - a4 * v4 - a3 * v3 - a2 * v2) - a1 * v1;
		double y = b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3 + b4 * v4;

		s += y * y;
		v4 = v3;
		v3 = v2;
		v2 = v1;
		v1 = v0;
	}
	/* a tail of silence would decay into subnormal numbers (a hundred
	 * times slower to compute): under 1e-30 it is silence */
	if (fabs(v1) < 1e-30 && fabs(v2) < 1e-30 && fabs(v3) < 1e-30 &&
	    fabs(v4) < 1e-30)
		v1 = v2 = v3 = v4 = 0;
	m->v[c][0] = v1;
	m->v[c][1] = v2;
	m->v[c][2] = v3;
	m->v[c][3] = v4;
	m->sum[c] += s;
}

/* A sub-block is complete: from the fourth on, each closes a block. */
static void close_sub(struct bs1770 *m)
{
	double e = 0, z;

	for (int c = 0; c < m->ch; c++) {
		e += m->w[c] * m->sum[c];
		m->sum[c] = 0;
	}
	m->sub[m->n_sub++ % 4] = e;
	m->sub_at = 0;
	if (m->n_sub < 4)
		return;
	z = (m->sub[0] + m->sub[1] + m->sub[2] + m->sub[3]) /
	    (double)(4 * m->sub_len);
	if (z < m->gate)
		return;
	if (m->n_z == m->cap_z) {
		m->cap_z = m->cap_z ? m->cap_z * 2 : 1024;
		m->z = xrealloc(m->z, m->cap_z * sizeof(*m->z));
	}
	m->z[m->n_z++] = z;
}

void bs1770_add(bs1770 *m, const float *x, long n)
{
	while (n > 0) {
		long k = m->sub_len - m->sub_at;

		k = k < n ? k : n;
		k = k < 4096 ? k : 4096;   /* the state checked for silence */
		for (int c = 0; c < m->ch; c++)
			k_run(m, c, x + c, k, m->ch);
		m->sub_at += k;
		x += k * m->ch;
		n -= k;
		if (m->sub_at == m->sub_len)
			close_sub(m);
	}
}

double bs1770_loudness(bs1770 *const *m, int n)
{
	double sum = 0, rel;
	size_t count = 0;

	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < m[i]->n_z; k++)
			sum += m[i]->z[k];
	for (int i = 0; i < n; i++)
		count += m[i]->n_z;
	if (!count)
		return -HUGE_VAL;
	rel = sum / (double)count * 0.1;   /* -10 LU */
	sum = 0;
	count = 0;
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < m[i]->n_z; k++)
			if (m[i]->z[k] >= rel) {
				sum += m[i]->z[k];
				count++;
			}
	if (!count)
		return -HUGE_VAL;
	return 10 * log10(sum / (double)count) - 0.691;
}

void bs1770_free(bs1770 *m)
{
	if (!m)
		return;
	free(m->z);
	free(m);
}
