/* thread.c - thread helpers (thread.h). */
#define _GNU_SOURCE
#include "base/thread.h"
#include "base/util.h"

#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void thread_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *mutex, long ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += ms % 1000 * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(cond, mutex, &ts);
}

int thread_cpus(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(0, sizeof(set), &set) && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set) > 256 ? 256 : CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

void thread_pin(int k, int workers)
{
	cpu_set_t set, one;
	int n, cpu;

	if (sched_getaffinity(0, sizeof(set), &set) ||
	    (n = CPU_COUNT(&set)) < 2 || workers < n)
		return;
	k %= n;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set) && k-- == 0)
			break;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
}

/* What a thread started beside its caller runs, and where it may go. */
struct beside {
	void *(*fn)(void *);
	void *arg;
	cpu_set_t all;
};

static void *beside_main(void *p)
{
	struct beside b = *(struct beside *)p;

	free(p);
	pthread_setaffinity_np(pthread_self(), sizeof(b.all), &b.all);
	return b.fn(b.arg);
}

int thread_start_beside(pthread_t *t, void *(*fn)(void *), void *arg)
{
	struct beside *b;
	pthread_attr_t attr;
	cpu_set_t others;
	int cpu = sched_getcpu(), err;

	if (cpu < 0 || sched_getaffinity(0, sizeof(others), &others) ||
	    CPU_COUNT(&others) < 2 || !CPU_ISSET(cpu, &others))
		return pthread_create(t, NULL, fn, arg);
	b = xcalloc(1, sizeof(*b));
	b->fn = fn;
	b->arg = arg;
	b->all = others;
	CPU_CLR(cpu, &others);
	if ((err = pthread_attr_init(&attr))) {
		free(b);
		return err;
	}
	if (pthread_attr_setaffinity_np(&attr, sizeof(others), &others))
		err = pthread_create(t, NULL, beside_main, b);
	else
		err = pthread_create(t, &attr, beside_main, b);
	pthread_attr_destroy(&attr);
	if (err)
		free(b);
	return err;
}
