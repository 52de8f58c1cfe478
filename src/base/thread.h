/* thread.h - thread scheduling helpers. */
#ifndef CRIEUR_THREAD_H
#define CRIEUR_THREAD_H

/* Lower the calling thread's priority (and that of the threads it
 * creates from now on): background work, such as measuring a bulletin
 * while it is encoded, then gives way to the thread on the critical
 * path when both want the same core.  Linux (per-thread nice 10); does
 * nothing elsewhere. */
void thread_background(void);

/* pthread_cond_timedwait() for at most ms milliseconds from now (the
 * mutex held, as for pthread_cond_wait); callers loop on their condition. */
#include <pthread.h>
void thread_cond_wait_ms(pthread_cond_t *cond, pthread_mutex_t *mutex, long ms);

#endif
