/* proc.h — which process is which: a pid alone is not an identity, since
 * pids are reused.  A process is named by its pid, its start time (clock ticks
 * since boot, field 22 of /proc/PID/stat) and the boot it belongs to
 * (/proc/sys/kernel/random/boot_id).  Locks and temporary files record these,
 * so that a lock left by a killed process is recognised as stale even when an
 * unrelated process got the same pid.  No curses, no I/O beyond /proc.
 *
 * Where /proc is missing, start and boot stay 0 / "" and only the pid is
 * compared (as kill(pid, 0) allows). */
#ifndef COOPCHECK_PROC_H
#define COOPCHECK_PROC_H

#include <time.h>

struct proc_id {
    long pid;
    unsigned long long start;   /* clock ticks since boot; 0 when unknown */
    char boot[40];              /* boot id; "" when unknown */
};

/* This process. */
void proc_self(struct proc_id *id);
/* The process pid as it runs now: 0, or -1 when no such process runs (a
 * zombie counts as gone). */
int proc_lookup(long pid, struct proc_id *id);
/* The boot id of the running system ("" when unknown); out has 40 bytes. */
void proc_boot_id(char out[40]);
/* 1 when the process id names is still running: same boot, the pid exists and
 * started at the same tick (where those are known); 0 when it is gone. */
int proc_running(const struct proc_id *id);
/* When process pid started, in seconds since the epoch; -1 when no such
 * process runs or the time is unknown. */
int proc_start_time(long pid, time_t *out);

#endif
