/* thread.h - thread helpers. */
#ifndef CRIEUR_THREAD_H
#define CRIEUR_THREAD_H

/* pthread_cond_timedwait() for at most ms milliseconds from now (the
 * mutex held, as for pthread_cond_wait); callers loop on their condition. */
#include <pthread.h>
void thread_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *mutex, long ms);

/* The number of CPUs this process may run on (its affinity mask, as
 * taskset, cpusets and systemd's CPUAffinity= set it; else the online
 * CPUs), at least 1. */
int thread_cpus(void);

/* Keep the calling thread, worker k of `workers`, on the k-th CPU
 * (modulo their number) of those its affinity mask allows.  Nothing when
 * the workers are fewer than those CPUs (the scheduler has idle ones to
 * put them on), when it allows one, or when the mask cannot be read or
 * set.  For workers that are busy all the time and take their work from
 * one queue: each keeps a CPU of its own, instead of two sharing one
 * while another idles (the scheduler moves a waiting thread to an idle
 * CPU only after milliseconds), and one held up on a busy CPU just takes
 * fewer pieces of the work. */
void thread_pin(int k, int workers);

/* pthread_create() for a thread that is to run beside the caller at
 * once (one half of a fork-join, the caller doing the other): it starts
 * on another CPU than the caller's, of those the caller may run on, and
 * is then free to run on any of them.  Started as usual, the scheduler
 * here often put it on the caller's CPU and left the two taking turns
 * there, four milliseconds each, while the other CPU idled (the
 * loudness pilot's trials on two cores).  0 or pthread_create()'s
 * error. */
int thread_start_beside(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
