/* thread.h - thread scheduling helpers. */
#ifndef CRIEUR_THREAD_H
#define CRIEUR_THREAD_H

/* Lower the calling thread's priority (and that of the threads it
 * creates from now on): background work, such as measuring a bulletin
 * while it is encoded, then gives way to the thread on the critical
 * path when both want the same core.  Linux (per-thread nice 10); does
 * nothing elsewhere. */
void thread_background(void);

#endif
