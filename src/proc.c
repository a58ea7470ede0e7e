/* proc.c — process identities from /proc.  See proc.h. */
#include "proc.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* Reads a small file into buf (NUL-terminated); -1 when it cannot be read. */
static int read_small(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n;
    if (!f)
        return -1;
    n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n ? 0 : -1;
}

/* Read once per process: the machine's boot cannot change while it runs
 * (each lock taken or checked asked again). */
static pthread_once_t boot_once = PTHREAD_ONCE_INIT;
static char boot_id[40];

static void boot_lookup(void)
{
    char buf[64];
    if (read_small("/proc/sys/kernel/random/boot_id", buf, sizeof(buf)) == 0) {
        buf[strcspn(buf, "\n")] = '\0';
        snprintf(boot_id, sizeof(boot_id), "%.39s", buf);
    }
}

void proc_boot_id(char out[40])
{
    pthread_once(&boot_once, boot_lookup);
    memcpy(out, boot_id, sizeof(boot_id));
}

/* State and start ticks from /proc/PID/stat: 0, 1 when /proc has no such
 * entry, -1 when /proc cannot be read at all. */
static int read_stat(long pid, char *state, unsigned long long *start)
{
    char path[64], buf[1024], *p;
    int field;
    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    if (read_small(path, buf, sizeof(buf)) != 0)
        return access("/proc/self/stat", R_OK) == 0 ? 1 : -1;
    /* the command name (field 2) is in parentheses and may hold spaces */
    p = strrchr(buf, ')');
    if (!p || p[1] != ' ')
        return -1;
    p += 2;
    *state = *p;
    for (field = 3; field < 22 && p; field++) {
        p = strchr(p, ' ');
        if (p)
            p++;
    }
    if (!p)
        return -1;
    *start = strtoull(p, NULL, 10);
    return 0;
}

int proc_lookup(long pid, struct proc_id *id)
{
    char state = 0;
    unsigned long long start = 0;
    int r;
    memset(id, 0, sizeof(*id));
    if (pid <= 0)
        return -1;
    id->pid = pid;
    r = read_stat(pid, &state, &start);
    if (r == 1)
        return -1;
    if (r < 0) {
        /* no /proc: all that can be known is whether the pid exists */
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
            return -1;
        return 0;
    }
    if (state == 'Z' || state == 'X')
        return -1;
    id->start = start;
    proc_boot_id(id->boot);
    return 0;
}

void proc_self(struct proc_id *id)
{
    if (proc_lookup((long)getpid(), id) != 0) {
        memset(id, 0, sizeof(*id));
        id->pid = (long)getpid();
    }
}

int proc_running(const struct proc_id *id)
{
    struct proc_id now;
    char boot[40];
    if (id->boot[0]) {
        proc_boot_id(boot);
        if (boot[0] && strcmp(boot, id->boot) != 0)
            return 0;   /* the machine was restarted since */
    }
    if (proc_lookup(id->pid, &now) != 0)
        return 0;
    if (id->start && now.start && id->start != now.start)
        return 0;       /* the pid was reused by another process */
    return 1;
}

/* When the system booted, from the btime line of /proc/stat (after the long
 * per-CPU and interrupt lines, so read line by line). */
static int boot_time(time_t *out)
{
    FILE *f = fopen("/proc/stat", "r");
    char *line = NULL;
    size_t cap = 0;
    int rc = -1;
    if (!f)
        return -1;
    while (getline(&line, &cap, f) > 0) {
        if (strncmp(line, "btime ", 6) == 0) {
            *out = (time_t)strtoll(line + 6, NULL, 10);
            rc = 0;
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

int proc_start_time(long pid, time_t *out)
{
    struct proc_id id;
    time_t boot;
    long hz = sysconf(_SC_CLK_TCK);
    if (proc_lookup(pid, &id) != 0 || !id.start || hz <= 0 || boot_time(&boot) != 0)
        return -1;
    *out = boot + (time_t)(id.start / (unsigned long long)hz);
    return 0;
}
