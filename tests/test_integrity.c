/* test_integrity.c — the record under concurrency, crashes and hostile
 * files, through the built binary (tests/support/clitest.h):
 *   - concurrent `set`s on different fields: every change that exited 0 is
 *     on disk (rounds run and changes lost are printed);
 *   - concurrent `snapshot`s, one closing the round and one interim: the
 *     chain verifies, and every complete one started a round;
 *   - `snapshot` killed with SIGKILL at random points (interim ones, and
 *     complete ones that close the round): verify passes at once, the
 *     cooperation is before or after the snapshot (and its round with it),
 *     and after the next write no temporary file, step record or staged
 *     file is left;
 *   - a writer that waits in vain for the write lock gives up with exit 5
 *     and says why; editor locks are recognised by process start and boot;
 *   - symbolic links inside the data directory are refused, never followed;
 *   - export -o streams to FIFOs and devices and never replaces them;
 *   - temporary files of killed writes are removed by the next write;
 *   - a file-size limit is a clear error, not a silent death (SIGXFSZ);
 *   - verify tells an interrupted snapshot step from an alteration, and
 *     verify --repair completes it.
 * The figures printed by the first three tests are the ones the README's
 * "Reliability" section quotes. */
#include "cliassess.h"
#include "clitest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cctime.h"
#include "proc.h"
#include "sha256.h"
#include "store.h"

static int setup(void **state)
{
    return cx_setup(state, NULL);
}

static int teardown(void **state)
{
    return cx_teardown(state);
}

/* ---- helpers -------------------------------------------------------------- */

/* Starts coopcheck with args (NULL-terminated) in the fixture's environment
 * plus extra, without waiting; output to out (NULL: dropped). */
static pid_t spawn(const struct cx *c, const char *const *extra, const char *const *args,
                   const char *out)
{
    const char *argv[40], *env[32];
    size_t n = 0;
    argv[n++] = tu_bin();
    for (; *args; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    for (n = 0; c->env[n]; n++)
        env[n] = c->env[n];
    for (; extra && *extra; extra++)
        env[n++] = *extra;
    env[n] = NULL;
    return tu_spawn(argv, env, out);
}

#define SPAWN(c, out, ...) spawn((c), NULL, (const char *const[]){ __VA_ARGS__, NULL }, (out))


/* answers.<q>.fields.<field>.value of cooperation id, or NULL; caller frees. */
static char *value_of(const struct cx *c, const char *id, const char *q, const char *field)
{
    char *text = tu_read(apath(c, id), NULL), *out = NULL;
    cJSON *doc, *v;
    if (!text)
        return NULL;
    doc = PARSE_JSON(text);
    free(text);
    v = jget(jget(jget(jget(jget(doc, "answers"), q), "fields"), field), "value");
    if (cJSON_IsString(v))
        out = xstrdup(v->valuestring);
    cJSON_Delete(doc);
    return out;
}

/* Files in dir whose names a finished write never leaves; "" when none. */
static char *leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    struct sbuf sb;
    sbuf_init(&sb);
    if (!d)
        return sbuf_detach(&sb, NULL);
    while ((de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".tmp-") || strcmp(de->d_name, "round-step.json") == 0 ||
            strcmp(de->d_name, "assessment.next.json") == 0)
            sbuf_addf(&sb, "%s ", de->d_name);
    closedir(d);
    return sbuf_detach(&sb, NULL);
}

static void expect_no_leftovers(const struct cx *c, const char *id)
{
    char *a = leftovers(tpath(c, "data/%s", id)), *b = leftovers(tpath(c, "data/%s/snapshots", id));
    if (*a || *b) {
        char msg[1024];
        snprintf(msg, sizeof(msg), "left behind: %s%s", a, b);
        free(a);
        free(b);
        fail_msg("%s", msg);
    }
    free(a);
    free(b);
}

static long mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void nap_us(long us)
{
    struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static size_t count_snapshots(const struct cx *c, const char *id)
{
    struct strlist names = { 0 };
    struct cc_err err;
    size_t n;
    assert_int_equal(store_snapshots(c->data, id, &names, &err), 0);
    n = names.n;
    strlist_release(&names);
    return n;
}

/* ---- one writer at a time --------------------------------------------------------- */

static void test_concurrent_sets_lose_nothing(void **state)
{
    struct cx *c = *state;
    int rounds = 60, lost = 0;
    OK(c, "new", "demo");
    for (int i = 0; i < rounds; i++) {
        char a[32], b[32];
        pid_t p1, p2;
        snprintf(a, sizeof(a), "focus %d", i);
        snprintf(b, sizeof(b), "added value %d", i);
        p1 = SPAWN(c, NULL, "set", "demo", "1", "focus", a);
        p2 = SPAWN(c, NULL, "set", "demo", "3", "added_value", b);
        assert_int_equal(tu_wait(p1), 0);
        assert_int_equal(tu_wait(p2), 0);
        {
            char *va = value_of(c, "demo", "q01", "focus"), *vb = value_of(c, "demo", "q03", "added_value");
            lost += !va || strcmp(va, a) != 0;
            lost += !vb || strcmp(vb, b) != 0;
            free(va);
            free(vb);
        }
    }
    printf("concurrent set: %d rounds of two writers, %d changes lost\n", rounds, lost);
    assert_int_equal(lost, 0);
    expect_no_leftovers(c, "demo");
}

/* round.number and last_snapshot.name of id's working file (name "" when
 * none); the snapshot name into name (size 64). */
static int round_of(const struct cx *c, const char *id, char name[64])
{
    char *text = tu_read(apath(c, id), NULL);
    cJSON *doc;
    const char *last;
    int round;
    assert_non_null(text);
    doc = PARSE_JSON(text);
    free(text);
    round = jget(jget(doc, "round"), "number")->valueint;
    last = jstr(jget(doc, "last_snapshot"), "name");
    snprintf(name, 64, "%s", last ? last : "");
    cJSON_Delete(doc);
    return round;
}

/* Two at a time: one that closes the round (everything answered) and one
 * interim.  Whichever comes first, both succeed: the complete one finds the
 * round complete or, second, the new round to review, which only the interim
 * one may record.  Every round, the next one is confirmed to be complete
 * again. */
static void test_concurrent_snapshots_keep_the_chain(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    int rounds = 20;
    char last[64];
    OK(c, "new", "demo");
    CX_ANSWER_ALL(c, "demo");
    for (int i = 0; i < rounds; i++) {
        pid_t p1 = SPAWN(c, NULL, "snapshot", "demo", "-m", "one");
        pid_t p2 = SPAWN(c, NULL, "snapshot", "demo", "-m", "two", "--interim");
        assert_int_equal(tu_wait(p1), 0);
        assert_int_equal(tu_wait(p2), 0);
        assert_int_equal(round_of(c, "demo", last), i + 2);
        CX_CONFIRM_ALL(c, "demo");
    }
    RUN(c, &r, NULL, "verify", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "the chain of 40 snapshots is intact");
    OUT_LACKS(&r, "note:");
    run_free(&r);
    assert_int_equal(count_snapshots(c, "demo"), 40);
    RUN(c, &r, NULL, "snapshots", "demo");
    EXPECT_STATUS(&r, 0);
    {   /* 20 of each kind */
        int complete = 0, interim = 0;
        for (const char *p = r.out; (p = strstr(p, " complete ")) != NULL; p++)
            complete++;
        for (const char *p = r.out; (p = strstr(p, " interim ")) != NULL; p++)
            interim++;
        assert_int_equal(complete, rounds);
        assert_int_equal(interim, rounds);
    }
    run_free(&r);
    printf("concurrent snapshot: %d rounds of two (one complete, one interim), 40 snapshots, "
           "chain intact\n", rounds);
}

/* The arguments of a snapshot of coop-K: the odd ones are answered
 * completely, so that their snapshots close the round; the even ones take
 * interim snapshots. */
static const char *const *snapshot_args(int k, const char *id)
{
    static const char *args[8];
    size_t n = 0;
    args[n++] = "snapshot";
    args[n++] = id;
    args[n++] = "-m";
    args[n++] = "killed or not";
    if (k % 2 == 0)
        args[n++] = "--interim";
    args[n] = NULL;
    return args;
}

/* After a kill: the snapshot and the round are one step.  An odd (complete)
 * cooperation is in round 1 + snapshots, an even (interim) one in round 1;
 * the working file's head is the newest snapshot.  A complete one that moved
 * on has its answers confirmed again for the next kill. */
static void expect_round_fits(const struct cx *c, int k, const char *id)
{
    char last[64];
    struct strlist names = { 0 };
    struct cc_err err;
    int round = round_of(c, id, last);
    assert_int_equal(store_snapshots(c->data, id, &names, &err), 0);
    assert_int_equal(round, k % 2 ? 1 + (int)names.n : 1);
    assert_string_equal(last, names.n ? names.v[names.n - 1] : "");
    strlist_release(&names);
}

/* kill -9 at random points of `snapshot`, on ten cooperations with long
 * answers (so that the step's writes take a while). */
static void test_killed_snapshots_verify(void **state)
{
    struct cx *c = *state;
    enum { COOPS = 10, ROUNDS = 12 };
    int before = 0, after = 0, midway = 0, total = 0, closed = 0;
    long dur;
    struct sbuf big;
    sbuf_init(&big);
    while (big.len < 150000)
        sbuf_adds(&big, "Lange Antwort über Quantensensorik und Exportkontrolle. ");
    for (int k = 0; k < COOPS; k++) {
        char id[24];
        struct tu_run r;
        snprintf(id, sizeof(id), "coop-%d", k);
        OK(c, "new", id);
        if (k % 2)
            CX_ANSWER_ALL(c, id);
        for (int q = 1; q <= 3; q++) {
            const char *field = q == 1 ? "focus" : q == 2 ? "partner_state" : "added_value";
            char qs[16];
            snprintf(qs, sizeof(qs), "%d", q);
            run_v(c, &r, big.buf, NULL, (const char *const[]){ "set", id, qs, field, "-", NULL });
            EXPECT_STATUS(&r, 0);
            run_free(&r);
        }
    }
    {   /* how long one snapshot takes, unkilled (one that closes the round) */
        struct tu_run r;
        long t0 = mono_us();
        run_v(c, &r, NULL, NULL, snapshot_args(1, "coop-1"));
        dur = mono_us() - t0;
        EXPECT_STATUS(&r, 0);
        OUT_HAS(&r, "complete: nothing was open, so it closes round 1.");
        run_free(&r);
        CX_CONFIRM_ALL(c, "coop-1");
    }
    srand(12345);
    for (int round = 0; round < ROUNDS; round++) {
        for (int k = 0; k < COOPS; k++) {
            char id[24], *left;
            size_t n0;
            struct tu_run r;
            pid_t pid;
            snprintf(id, sizeof(id), "coop-%d", k);
            n0 = count_snapshots(c, id);
            pid = spawn(c, NULL, snapshot_args(k, id), NULL);
            nap_us(dur / 4 + rand() % (dur + 1));
            kill(pid, SIGKILL);
            tu_wait(pid);
            total++;
            /* a step record or a temporary file: killed in the middle of a write */
            left = leftovers(tpath(c, "data/%s", id));
            if (!*left) {
                free(left);
                left = leftovers(tpath(c, "data/%s/snapshots", id));
            }
            midway += *left != '\0';
            free(left);
            RUN(c, &r, NULL, "verify", id);
            EXPECT_STATUS(&r, 0);
            OUT_HAS(&r, "is intact");
            run_free(&r);
            /* the next write completes or undoes the step and cleans up */
            OK(c, "set", id, "8", "informed", k % 2 || round % 2 ? "no" : "yes");
            RUN(c, &r, NULL, "verify", id);
            EXPECT_STATUS(&r, 0);
            OUT_LACKS(&r, "note:");
            run_free(&r);
            expect_no_leftovers(c, id);
            expect_round_fits(c, k, id);
            if (count_snapshots(c, id) == n0)
                before++;
            else if (count_snapshots(c, id) == n0 + 1)
                after++;
            else
                fail_msg("%s: %zu snapshots after a killed snapshot, had %zu", id,
                         count_snapshots(c, id), n0);
            if (k % 2 && count_snapshots(c, id) == n0 + 1) {
                closed++;
                CX_CONFIRM_ALL(c, id);   /* complete again for the next one */
            }
        }
    }
    printf("killed snapshot: %d kills (one snapshot takes %ld us): %d before, %d after (%d of them "
           "closing the round), %d in the middle of a write; verify passed every time, nothing "
           "left behind\n", total, dur, before, after, closed, midway);
    assert_true(total >= 100);
    sbuf_release(&big);
}

/* A writer that cannot get the lock gives up after COOPCHECK_LOCK_TIMEOUT,
 * with exit 5, naming who holds it; nothing changes. */
static void test_write_lock_timeout(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    char want[64], text[64];
    int fd;
    long t0;
    OK(c, "new", "demo");
    fd = open(tpath(c, "data/demo/write.lock"), O_RDWR | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    snprintf(text, sizeof(text), "%ld\n2026-11-27T03:45:00Z\n", (long)getpid());
    assert_int_equal(ftruncate(fd, 0), 0);
    assert_int_equal(pwrite(fd, text, strlen(text), 0), (ssize_t)strlen(text));
    before = grab(apath(c, "demo"));
    t0 = mono_us();
    RUN_ENV(c, &r, "COOPCHECK_LOCK_TIMEOUT=300", "set", "demo", "1", "focus", "x");
    EXPECT_STATUS(&r, 5);
    assert_true(mono_us() - t0 >= 300000);
    snprintf(want, sizeof(want), "being changed by another coopcheck (process %ld", (long)getpid());
    ERR_HAS(&r, want);
    ERR_HAS(&r, "waited 0.3 s");
    ERR_HAS(&r, "changed nothing");
    run_free(&r);
    RUN_ENV(c, &r, "COOPCHECK_LOCK_TIMEOUT=300", "snapshot", "demo", "-m", "x", "--interim");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "waited 0.3 s");
    run_free(&r);
    EXPECT_SAME(apath(c, "demo"), &before);
    free(before.buf);
    /* released: the writer goes ahead */
    close(fd);
    OK(c, "set", "demo", "1", "focus", "x");
}

/* ---- the editor's lock ---------------------------------------------------------------- */

static void write_edit_lock(const struct cx *c, const char *host, long pid, unsigned long long start,
                            const char *boot)
{
    char *text = xasprintf("alice\n%s\n%ld\n2026-01-01T00:00:00Z\n%llu\n%s\n", host, pid, start, boot);
    tu_write(tpath(c, "data/demo/lock"), text);
    free(text);
}

static void test_edit_lock_identity(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct proc_id parent;
    char *host = cc_host();
    OK(c, "new", "demo");
    assert_int_equal(proc_lookup((long)getppid(), &parent), 0);   /* alive: make or the shell */

    /* the right process: it holds the cooperation */
    write_edit_lock(c, host, parent.pid, parent.start, parent.boot);
    RUN(c, &r, NULL, "set", "demo", "1", "focus", "x");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "is open in another coopcheck: alice on");
    run_free(&r);
    RUN(c, &r, NULL, "unlock", "demo");   /* it still runs here: not broken */
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "still runs on this host");
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/demo/lock")), 0644);

    /* the same pid, but a process that started at another time: the pid was
     * reused, so the lock is stale */
    write_edit_lock(c, host, parent.pid, parent.start + 1, parent.boot);
    OK(c, "set", "demo", "1", "focus", "reused pid");

    /* the same process number from before a restart: stale */
    write_edit_lock(c, host, parent.pid, parent.start, "00000000-0000-0000-0000-000000000000");
    OK(c, "set", "demo", "1", "focus", "other boot");

    /* another host: never broken silently, but on request */
    write_edit_lock(c, "elsewhere.example", 1, 1, "x");
    RUN(c, &r, NULL, "set", "demo", "1", "focus", "y");
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "alice on elsewhere.example");
    ERR_HAS(&r, "'coopcheck unlock demo' removes its lock");
    run_free(&r);
    RUN(c, &r, NULL, "unlock", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "demo: removed the editor's lock of alice on elsewhere.example, process 1");
    run_free(&r);
    assert_int_equal(tu_mode(tpath(c, "data/demo/lock")), -1);
    RUN(c, &r, NULL, "unlock", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "there was no lock to remove");
    run_free(&r);
    OK(c, "set", "demo", "1", "focus", "y");
    free(host);
}

/* ---- files are only what they claim to be ---------------------------------------------- */

static void expect_refused(const struct cx *c, const char *const *args, int status, const char *msg)
{
    struct tu_run r;
    run_v(c, &r, NULL, NULL, args);
    EXPECT_STATUS(&r, status);
    ERR_HAS(&r, msg);
    run_free(&r);
}

static void test_symlinks_refused(void **state)
{
    struct cx *c = *state;
    struct bytes outside;
    char *elsewhere;
    OK(c, "new", "demo");
    OK(c, "new", "real");
    elsewhere = xstrdup(tpath(c, "elsewhere"));
    assert_int_equal(mkdir(elsewhere, 0700), 0);

    /* a cooperation directory that is a link: refused for reading and writing */
    assert_int_equal(rename(tpath(c, "data/real"), tpath(c, "elsewhere/real")), 0);
    assert_int_equal(symlink(tpath(c, "elsewhere/real"), tpath(c, "data/real")), 0);
    outside = grab(tpath(c, "elsewhere/real/assessment.json"));
    expect_refused(c, (const char *const[]){ "set", "real", "1", "focus", "x", NULL }, 4,
                   "is a symbolic link");
    expect_refused(c, (const char *const[]){ "show", "real", NULL }, 4, "is a symbolic link");
    expect_refused(c, (const char *const[]){ "snapshot", "real", "-m", "x", "--interim", NULL }, 4,
                   "is a symbolic link");
    expect_refused(c, (const char *const[]){ "list", NULL }, 4, "is a symbolic link");
    EXPECT_SAME(tpath(c, "elsewhere/real/assessment.json"), &outside);
    free(outside.buf);
    assert_int_equal(tu_mode(tpath(c, "elsewhere/real/write.lock")), -1);

    /* snapshots/ as a link: the snapshot is refused, nothing lands outside */
    assert_int_equal(mkdir(tpath(c, "elsewhere/snaps"), 0700), 0);
    assert_int_equal(symlink(tpath(c, "elsewhere/snaps"), tpath(c, "data/demo/snapshots")), 0);
    expect_refused(c, (const char *const[]){ "snapshot", "demo", "-m", "x", "--interim", NULL }, 4,
                   "is a symbolic link");
    {
        char *left = leftovers(tpath(c, "elsewhere/snaps"));
        DIR *d = opendir(tpath(c, "elsewhere/snaps"));
        struct dirent *de;
        int files = 0;
        while ((de = readdir(d)) != NULL)
            files += de->d_name[0] != '.';
        closedir(d);
        assert_int_equal(files, 0);
        assert_string_equal(left, "");
        free(left);
    }
    assert_int_equal(unlink(tpath(c, "data/demo/snapshots")), 0);

    /* the working file, the editor's lock and the write lock as links */
    tu_write(tpath(c, "elsewhere/file.json"), "precious\n");
    outside = grab(tpath(c, "elsewhere/file.json"));
    assert_int_equal(rename(apath(c, "demo"), tpath(c, "elsewhere/saved.json")), 0);
    assert_int_equal(symlink(tpath(c, "elsewhere/file.json"), apath(c, "demo")), 0);
    expect_refused(c, (const char *const[]){ "show", "demo", NULL }, 4, "is a symbolic link");
    expect_refused(c, (const char *const[]){ "set", "demo", "1", "focus", "x", NULL }, 4,
                   "is a symbolic link");
    assert_int_equal(unlink(apath(c, "demo")), 0);
    assert_int_equal(rename(tpath(c, "elsewhere/saved.json"), apath(c, "demo")), 0);
    assert_int_equal(symlink(tpath(c, "elsewhere/file.json"), tpath(c, "data/demo/lock")), 0);
    expect_refused(c, (const char *const[]){ "set", "demo", "1", "focus", "x", NULL }, 4,
                   "is a symbolic link");
    assert_int_equal(unlink(tpath(c, "data/demo/lock")), 0);
    assert_int_equal(unlink(tpath(c, "data/demo/write.lock")), 0);
    assert_int_equal(symlink(tpath(c, "elsewhere/file.json"), tpath(c, "data/demo/write.lock")), 0);
    expect_refused(c, (const char *const[]){ "set", "demo", "1", "focus", "x", NULL }, 4,
                   "is a symbolic link");
    EXPECT_SAME(tpath(c, "elsewhere/file.json"), &outside);
    free(outside.buf);
    free(elsewhere);
}

/* Reads a FIFO into a file in a child; returns its pid. */
static pid_t fifo_reader(const char *fifo, const char *out)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char buf[4096];
        ssize_t n;
        int in = open(fifo, O_RDONLY), fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || fd < 0)
            _exit(1);
        while ((n = read(in, buf, sizeof(buf))) > 0)
            if (write(fd, buf, (size_t)n) != n)
                _exit(1);
        _exit(0);
    }
    return pid;
}

static void test_export_targets(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct stat st;
    struct bytes target;
    pid_t reader;
    char *got;
    OK(c, "new", "demo", "--title", "Quantum sensing with HIT");

    /* a FIFO gets the report as a stream and stays a FIFO */
    assert_int_equal(mkfifo(tpath(c, "pipe"), 0600), 0);
    reader = fifo_reader(tpath(c, "pipe"), tpath(c, "from-pipe"));
    OK(c, "export", "demo", "--format", "txt", "-o", tpath(c, "pipe"));
    assert_int_equal(tu_wait(reader), 0);
    assert_int_equal(lstat(tpath(c, "pipe"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    got = tu_read(tpath(c, "from-pipe"), NULL);
    HAS(got, "Quantum sensing with HIT");
    free(got);

    /* a link to a FIFO: streamed too, both left as they are */
    assert_int_equal(symlink(tpath(c, "pipe"), tpath(c, "pipe-link")), 0);
    reader = fifo_reader(tpath(c, "pipe"), tpath(c, "from-link"));
    OK(c, "export", "demo", "-o", tpath(c, "pipe-link"));
    assert_int_equal(tu_wait(reader), 0);
    assert_int_equal(lstat(tpath(c, "pipe-link"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* a device: written to, never replaced */
    OK(c, "export", "demo", "-o", "/dev/null");
    assert_int_equal(lstat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));

    /* a link to a regular file: refused, both unchanged */
    tu_write(tpath(c, "notes.txt"), "my notes\n");
    target = grab(tpath(c, "notes.txt"));
    assert_int_equal(symlink(tpath(c, "notes.txt"), tpath(c, "report.md")), 0);
    RUN(c, &r, NULL, "export", "demo", "-o", tpath(c, "report.md"));
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "is a symbolic link; the report is not written through it");
    run_free(&r);
    EXPECT_SAME(tpath(c, "notes.txt"), &target);
    free(target.buf);
    assert_int_equal(lstat(tpath(c, "report.md"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));

    /* a directory: refused */
    RUN(c, &r, NULL, "export", "demo", "-o", c->tmp);
    EXPECT_STATUS(&r, 5);
    ERR_HAS(&r, "is a directory");
    run_free(&r);

    /* a regular file: replaced atomically, private */
    OK(c, "export", "demo", "-o", tpath(c, "report.txt"));
    assert_int_equal(tu_mode(tpath(c, "report.txt")), 0600);
}

/* ---- temporary files of killed writes ------------------------------------------------------- */

static void put_temp(const char *path, time_t mtime)
{
    struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };
    tu_write(path, "half a file");
    assert_int_equal(utimes(path, tv), 0);
}

static void test_stale_temps_removed(void **state)
{
    struct cx *c = *state;
    time_t now = time(NULL), parent_start;
    char name[256];
    long dead = tu_dead_pid();
    OK(c, "new", "demo");
    OK(c, "snapshot", "demo", "-m", "x", "--interim");
    assert_int_equal(proc_start_time((long)getppid(), &parent_start), 0);
    /* stale: the writer is gone; the pid now names a younger process; an old
     * name without a pid that is an hour old */
    snprintf(name, sizeof(name), "data/demo/.assessment.json.tmp-%ld-abcdefgh", dead);
    put_temp(tpath(c, "%s", name), now);
    snprintf(name, sizeof(name), "data/demo/.assessment.json.tmp-%ld-reused00", (long)getppid());
    put_temp(tpath(c, "%s", name), parent_start - 3600);
    put_temp(tpath(c, "data/demo/.assessment.json.tmp-oldform0"), now - 3600);
    snprintf(name, sizeof(name), "data/demo/snapshots/." SNAP1 ".json.tmp-%ld-snapshot", dead);
    put_temp(tpath(c, "%s", name), now);
    /* kept: a live writer's (this test's), a fresh old-style one, other files */
    snprintf(name, sizeof(name), "data/demo/.assessment.json.tmp-%ld-livelive", (long)getpid());
    put_temp(tpath(c, "%s", name), now);
    put_temp(tpath(c, "data/demo/.assessment.json.tmp-freshnow"), now);
    tu_write(tpath(c, "data/demo/notes.tmp-123-abcdefgh"), "not ours");

    OK(c, "set", "demo", "1", "focus", "x");
    {
        char *left = leftovers(tpath(c, "data/demo")), *snap = leftovers(tpath(c, "data/demo/snapshots"));
        char want[256];
        snprintf(want, sizeof(want), ".assessment.json.tmp-%ld-livelive", (long)getpid());
        HAS(left, want);
        HAS(left, ".assessment.json.tmp-freshnow");
        snprintf(want, sizeof(want), ".assessment.json.tmp-%ld-abcdefgh", dead);
        LACKS(left, want);
        LACKS(left, "reused00");
        LACKS(left, "oldform0");
        assert_string_equal(snap, "");
        free(left);
        free(snap);
    }
    assert_int_equal(tu_mode(tpath(c, "data/demo/notes.tmp-123-abcdefgh")), 0644);
}

/* ---- a file-size limit ------------------------------------------------------------------------ */

static void test_file_size_limit_is_an_error(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes before;
    const char *argv[] = { "/bin/sh", "-c", "ulimit -f 8 && exec \"$0\" \"$@\"", tu_bin(), "set",
                           "demo", "1", "focus", "-", NULL };
    struct sbuf big;
    OK(c, "new", "demo");
    before = grab(apath(c, "demo"));
    sbuf_init(&big);
    while (big.len < 20000)
        sbuf_adds(&big, "a long answer ");
    run_argv(&r, big.buf, argv, c->env);
    EXPECT_STATUS(&r, 6);   /* not killed by SIGXFSZ (status 153) */
    ERR_HAS(&r, "larger than this process may write (ulimit -f)");
    run_free(&r);
    EXPECT_SAME(apath(c, "demo"), &before);
    free(before.buf);
    sbuf_release(&big);
    OK(c, "set", "demo", "1", "focus", "short");   /* and its temporary file goes */
    expect_no_leftovers(c, "demo");
}

/* ---- an interrupted step, by hand ---------------------------------------------------------------- */

static void file_sha(const char *path, char out[65])
{
    size_t len;
    char *text = tu_read(path, &len);
    assert_non_null(text);
    sha256_hex(text, len, out);
    free(text);
}

/* Lays out what a snapshot that closes round 1, killed between writing the
 * snapshot and renaming the next round into place, leaves: the snapshot, the
 * staged next round, the step record, and the working file of before. */
static void make_interrupted_step(struct cx *c)
{
    char before[65], after[65], snap[65], *record;
    struct bytes w;
    OK(c, "new", "demo");
    CX_ANSWER_ALL(c, "demo");
    OK(c, "set", "demo", "1", "focus", "Quantum sensing");
    w = grab(apath(c, "demo"));
    OK(c, "snapshot", "demo", "-m", "round 1");
    assert_int_equal(rename(apath(c, "demo"), tpath(c, "data/demo/assessment.next.json")), 0);
    {
        int fd = open(apath(c, "demo"), O_WRONLY | O_CREAT | O_EXCL, 0600);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, w.buf, w.len), (ssize_t)w.len);
        close(fd);
    }
    free(w.buf);
    file_sha(apath(c, "demo"), before);
    file_sha(tpath(c, "data/demo/assessment.next.json"), after);
    file_sha(spath(c, "demo", SNAP1), snap);
    record = xasprintf("{\"format\": 1, \"kind\": \"coopcheck-round-step\", \"cooperation\": \"demo\", "
                       "\"snapshot\": \"" SNAP1 "\", \"snapshot_sha256\": \"%s\", \"before_sha256\": "
                       "\"%s\", \"after_sha256\": \"%s\", \"started_at\": \"" NOW "\", \"by\": \"alice\"}\n",
                       snap, before, after);
    tu_write(tpath(c, "data/demo/round-step.json"), record);
    free(record);
}

static void test_verify_tells_interrupted_step(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    make_interrupted_step(c);
    /* readers see the cooperation as before the step */
    RUN(c, &r, NULL, "verify", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "demo: note: snapshot " SNAP1 " was written by a step that a stopped program left unfinished");
    OUT_HAS(&r, "'coopcheck verify --repair' or the next change completes it");
    OUT_HAS(&r, "the chain of 0 snapshots is intact");
    run_free(&r);
    RUN(c, &r, NULL, "snapshots", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_LACKS(&r, SNAP1);
    run_free(&r);
    RUN(c, &r, NULL, "show", "demo");
    OUT_HAS(&r, "Round        1");
    run_free(&r);
    /* --repair completes it */
    RUN(c, &r, NULL, "verify", "--repair", "demo");
    EXPECT_STATUS(&r, 0);
    OUT_HAS(&r, "demo: completed snapshot " SNAP1);
    OUT_HAS(&r, "the chain of 1 snapshot is intact");
    OUT_LACKS(&r, "note:");
    run_free(&r);
    RUN(c, &r, NULL, "show", "demo");
    OUT_HAS(&r, "Round        2");
    run_free(&r);
    expect_no_leftovers(c, "demo");
    RUN(c, &r, NULL, "verify", "--repair", "demo");
    OUT_HAS(&r, "demo: nothing to repair");
    run_free(&r);
}

/* The same files with the snapshot altered afterwards: a real alteration,
 * reported, and no write touches anything. */
static void test_verify_tells_alteration_from_interruption(void **state)
{
    struct cx *c = *state;
    struct tu_run r;
    struct bytes w;
    make_interrupted_step(c);
    {
        size_t len;
        char *text = tu_read(spath(c, "demo", SNAP1), &len), *p = strstr(text, "Quantum");
        assert_non_null(p);
        p[0] = 'K';
        tu_write(spath(c, "demo", SNAP1), text);
        free(text);
    }
    w = grab(apath(c, "demo"));
    RUN(c, &r, NULL, "verify", "demo");
    EXPECT_STATUS(&r, 1);
    OUT_HAS(&r, "snapshot " SNAP1 " is not the one its interrupted step wrote");
    OUT_HAS(&r, "BROKEN");
    run_free(&r);
    RUN(c, &r, NULL, "set", "demo", "1", "focus", "x");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "is not the one its interrupted step wrote");
    ERR_HAS(&r, "nothing was changed");
    run_free(&r);
    EXPECT_SAME(apath(c, "demo"), &w);
    free(w.buf);
    /* a record that is not one coopcheck writes: file:line:column */
    tu_write(tpath(c, "data/demo/round-step.json"), "{\"format\": 1,\n \"kind\": 7}\n");
    RUN(c, &r, NULL, "set", "demo", "1", "focus", "x");
    EXPECT_STATUS(&r, 4);
    ERR_HAS(&r, "round-step.json:2:2:");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_concurrent_sets_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_snapshots_keep_the_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_snapshots_verify, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_lock_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edit_lock_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_symlinks_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_temps_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_size_limit_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_tells_interrupted_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verify_tells_alteration_from_interruption, setup, teardown),
    };
    return cmocka_run_group_tests(tests, cx_group_setup, NULL);
}
