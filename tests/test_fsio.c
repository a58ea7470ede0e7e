/* test_fsio.c — fsio: atomic and no-clobber writes, modes under any umask,
 * bounded reads, mkdir -p, joins.
 *
 * Fault injection: this program is linked with
 *   -Wl,--wrap=write,--wrap=fsync,--wrap=renameat,--wrap=linkat,--wrap=close
 * (WRAP_test_fsio in the Makefile), so the calls src/fsio.c makes to those
 * functions arrive at the __wrap_ functions below.  They call the real
 * function unless a test armed a failure; they also log every call, so the
 * tests can check the order of operations. */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "fsio.h"

/* ---- the seams ---------------------------------------------------------- */

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __wrap_fsync(int fd);
int __real_sync_file_range(int fd, off_t off, off_t n, unsigned int flags);
int __wrap_sync_file_range(int fd, off_t off, off_t n, unsigned int flags);
int __real_renameat(int fromfd, const char *from, int tofd, const char *to);
int __wrap_renameat(int fromfd, const char *from, int tofd, const char *to);
int __real_linkat(int fromfd, const char *from, int tofd, const char *to, int flags);
int __wrap_linkat(int fromfd, const char *from, int tofd, const char *to, int flags);
int __real_close(int fd);
int __wrap_close(int fd);

/* Fails the countdown-th call from now with errno err (0: disarmed). */
struct fault {
    int countdown;
    int err;
};

static struct fault f_write, f_fsync, f_rename, f_link, f_close;
/* Short writes: at most this many bytes per write (0: no limit), and every
 * eintr_every-th call fails with EINTR before writing anything. */
static size_t write_max;
static int eintr_every;
static int write_calls;
/* Log of calls, one letter each: w write, e write failed with EINTR,
 * f fsync of a regular file, D fsync of a directory, s sync_file_range
 * (a MiB written is sent on to the disk), r rename, l link,
 * c close, and X for a call failed on purpose (after its letter). */
static char events[4096];
static size_t nevents;

static void log_event(char c)
{
    if (nevents + 1 < sizeof(events)) {
        events[nevents++] = c;
        events[nevents] = '\0';
    }
}

static int fire(struct fault *f)
{
    if (f->countdown == 0 || --f->countdown > 0)
        return 0;
    log_event('X');
    errno = f->err;
    return 1;
}

static void arm(struct fault *f, int nth, int err)
{
    f->countdown = nth;
    f->err = err;
}

static void disarm_all(void)
{
    memset(&f_write, 0, sizeof(f_write));
    memset(&f_fsync, 0, sizeof(f_fsync));
    memset(&f_rename, 0, sizeof(f_rename));
    memset(&f_link, 0, sizeof(f_link));
    memset(&f_close, 0, sizeof(f_close));
    write_max = 0;
    eintr_every = 0;
    write_calls = 0;
    nevents = 0;
    events[0] = '\0';
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    write_calls++;
    if (eintr_every && write_calls % eintr_every == 0) {
        log_event('e');
        errno = EINTR;
        return -1;
    }
    log_event('w');
    if (fire(&f_write))
        return -1;
    if (write_max && n > write_max)
        n = write_max;
    return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
    struct stat st;
    log_event(fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) ? 'D' : 'f');
    if (fire(&f_fsync))
        return -1;
    return __real_fsync(fd);
}

int __wrap_sync_file_range(int fd, off_t off, off_t n, unsigned int flags)
{
    log_event('s');
    return __real_sync_file_range(fd, off, n, flags);
}

int __wrap_renameat(int fromfd, const char *from, int tofd, const char *to)
{
    log_event('r');
    if (fire(&f_rename))
        return -1;
    return __real_renameat(fromfd, from, tofd, to);
}

int __wrap_linkat(int fromfd, const char *from, int tofd, const char *to, int flags)
{
    log_event('l');
    if (fire(&f_link))
        return -1;
    return __real_linkat(fromfd, from, tofd, to, flags);
}

/* Like Linux, a failed close still releases the descriptor. */
int __wrap_close(int fd)
{
    log_event('c');
    if (f_close.countdown && f_close.countdown == 1) {
        __real_close(fd);
        fire(&f_close);
        return -1;
    }
    if (f_close.countdown)
        f_close.countdown--;
    return __real_close(fd);
}

/* ---- fixture and helpers ------------------------------------------------ */

struct fx {
    char *dir;
    mode_t umask_before;
    char path[8][4096];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    f->dir = tu_tempdir();
    f->umask_before = umask(022);
    disarm_all();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    disarm_all();
    umask(f->umask_before);
    tu_rmrf(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* "<tempdir>/<rel>" in slot i of the fixture. */
static const char *P(struct fx *f, int i, const char *rel)
{
    int n = snprintf(f->path[i], sizeof(f->path[i]), "%s/%s", f->dir, rel);
    assert_true(n > 0 && (size_t)n < sizeof(f->path[i]));
    return f->path[i];
}

/* Asserts that dir holds exactly the names given (NULL-terminated, any
 * order): in particular, no temporary file left behind. */
static void assert_dir_holds(const char *dir, const char *const names[])
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t want = 0, seen = 0, i;

    assert_non_null(d);
    while (names[want])
        want++;
    while ((de = readdir(d)) != NULL) {
        int known = 0;
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        for (i = 0; i < want; i++)
            if (!strcmp(de->d_name, names[i]))
                known = 1;
        if (!known) {
            closedir(d);
            fail_msg("unexpected entry '%s' in %s", de->d_name, dir);
        }
        seen++;
    }
    closedir(d);
    assert_int_equal(seen, want);
}

static void assert_file_is(const char *path, const void *data, size_t len)
{
    size_t got_len = 0;
    char *got = tu_read(path, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    if (len)
        assert_memory_equal(got, data, len);
    free(got);
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle))
        fail_msg("'%s' does not contain '%s'", haystack, needle);
}

static void make_bytes(unsigned char *buf, size_t n, unsigned seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        buf[i] = (unsigned char)((i * 131 + seed * 7 + (i >> 8)) & 0xff);
}

/* ---- fs_write_atomic ---------------------------------------------------- */

static void test_atomic_round_trip(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "assessment.json");
    static unsigned char data[200000]; /* binary, NUL bytes included */
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    make_bytes(data, sizeof(data), 1);
    assert_int_equal(fs_write_atomic(p, data, sizeof(data), &err), 0);
    assert_file_is(p, data, sizeof(data));
    assert_int_equal(fs_read_file(p, sizeof(data), &out, &len, &err), 0);
    assert_int_equal(len, sizeof(data));
    assert_memory_equal(out, data, sizeof(data));
    assert_int_equal(out[len], '\0');
    free(out);
    assert_dir_holds(f->dir, (const char *const[]){"assessment.json", NULL});
    /* the file and then the directory were flushed to disk */
    assert_non_null(strstr(events, "f"));
    assert_non_null(strstr(events, "D"));
}

static void test_atomic_empty_file(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "empty");
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 99;

    assert_int_equal(fs_write_atomic(p, NULL, 0, &err), 0);
    assert_int_equal(tu_mode(p), 0600);
    assert_int_equal(fs_read_file(p, 0, &out, &len, &err), 0);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");
    free(out);
}

static void test_atomic_replaces_existing(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "data.json");
    struct cc_err err = {0, ""};

    tu_write(p, "a long old content that is longer than the new one\n");
    assert_int_equal(chmod(p, 0644), 0);
    assert_int_equal(fs_write_atomic(p, "new\n", 4, &err), 0);
    assert_file_is(p, "new\n", 4); /* no tail of the old content */
    assert_int_equal(tu_mode(p), 0600);
    assert_dir_holds(f->dir, (const char *const[]){"data.json", NULL});
}

/* The open descriptors of this process, and whether one of them is the
 * unlinked file ino. */
static size_t open_fds(unsigned long long ino, int *found)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    size_t n = 0;
    assert_non_null(d);
    *found = 0;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        n++;
        if (fstat(atoi(e->d_name), &st) == 0 && (unsigned long long)st.st_ino == ino &&
            st.st_nlink == 0)
            *found = 1;
    }
    closedir(d);
    return n;
}

/* FS_KEEP_REPLACED: the file replaced stays open (unlinked) until
 * fs_retired_close, at most FS_RETIRED_MAX of them; without the flag none. */
static void test_replaced_kept_until_closed(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "data.json");
    struct cc_err err = {0, ""};
    struct stat old;
    size_t n0;
    int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY), found;
    assert_true(dirfd >= 0);
    tu_write(p, "old\n");
    assert_int_equal(stat(p, &old), 0);
    n0 = open_fds(0, &found);
    assert_int_equal(fs_replace_at(dirfd, "data.json", p, "new\n", 4, FS_KEEP_REPLACED, NULL, &err), 0);
    assert_file_is(p, "new\n", 4);
    assert_int_equal(open_fds((unsigned long long)old.st_ino, &found), n0 + 1);
    assert_true(found);   /* the old file, kept */
    fs_retired_close();
    assert_int_equal(open_fds((unsigned long long)old.st_ino, &found), n0);
    assert_false(found);
    for (size_t i = 0; i < FS_RETIRED_MAX + 2; i++) {
        assert_int_equal(fs_replace_at(dirfd, "data.json", p, "again\n", 6, FS_KEEP_REPLACED, NULL,
                                       &err), 0);
        assert_int_equal(open_fds(0, &found), n0 + (i < FS_RETIRED_MAX ? i + 1 : FS_RETIRED_MAX));
    }
    fs_retired_close();
    assert_int_equal(fs_replace_at(dirfd, "data.json", p, "plain\n", 6, 0, NULL, &err), 0);
    assert_int_equal(open_fds(0, &found), n0);
    close(dirfd);
}

/* A file written in pieces: every MiB is sent on to the disk as it is
 * written, and the fsync at the end still comes (it alone makes the file
 * durable); one that is not flushed (FS_NO_SYNC) is not sent on either. */
static int write_pieces(struct fs_out *o, void *arg)
{
    static char piece[65536];
    (void)arg;
    memset(piece, 'x', sizeof(piece));
    for (int i = 0; i < 56; i++)   /* 3.5 MiB */
        if (fs_out_write(o, piece, sizeof(piece)) != 0)
            return -1;
    return 0;
}

static void test_large_file_sent_on_as_written(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "big.json");
    struct cc_err err = {0, ""};
    struct stat st;
    int dirfd = open(f->dir, O_RDONLY | O_DIRECTORY);
    const char *last_s, *first_f;
    assert_true(dirfd >= 0);
    assert_int_equal(fs_replace_at_with(dirfd, "big.json", p, write_pieces, NULL, 0, NULL, &err), 0);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_size, 56 * 65536);
    /* three MiB sent on, each after its sixteen pieces, then the fsync */
    assert_int_equal((int)(strchr(events, 's') - events), 16);
    last_s = strrchr(events, 's');
    first_f = strchr(events, 'f');
    assert_non_null(first_f);
    assert_true(last_s < first_f);
    {
        size_t n = 0;
        for (const char *e = events; *e; e++)
            n += *e == 's';
        assert_int_equal(n, 3);
    }
    disarm_all();
    assert_int_equal(fs_replace_at_with(dirfd, "big.json", p, write_pieces, NULL, FS_NO_SYNC, NULL,
                                        &err), 0);
    assert_null(strchr(events, 's'));
    assert_null(strchr(events, 'f'));
    close(dirfd);
}

/* The order of operations: data written, file fsync'ed, closed, renamed over
 * the target, directory fsync'ed. */
static void test_atomic_order_of_operations(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};

    assert_int_equal(fs_write_atomic(P(f, 0, "x"), "abc", 3, &err), 0);
    assert_string_equal(events, "wfcrDc");
}

static void test_atomic_short_writes_and_eintr(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "chunky");
    unsigned char data[1000];
    struct cc_err err = {0, ""};

    make_bytes(data, sizeof(data), 2);
    tu_write(p, "old");
    write_max = 7;   /* every write is short */
    eintr_every = 3; /* and every third one is interrupted */
    assert_int_equal(fs_write_atomic(p, data, sizeof(data), &err), 0);
    assert_true(write_calls >= (int)(sizeof(data) / 7));
    assert_non_null(strchr(events, 'e'));
    write_max = 0;
    eintr_every = 0;
    assert_file_is(p, data, sizeof(data));
    assert_dir_holds(f->dir, (const char *const[]){"chunky", NULL});
}

/* A failure at step (fault, nth call) leaves the old file as it was (same
 * content, same mode: still the old inode) and no temporary file. */
static void check_atomic_failure(struct fx *f, struct fault *fault, int nth, int code,
                                 const char *msg_part)
{
    const char *p = P(f, 0, "assessment.json");
    static const char old[] = "{\"old\": true}\n";
    unsigned char data[5000];
    struct cc_err err = {0, ""};

    tu_write(p, old);
    assert_int_equal(chmod(p, 0640), 0);
    make_bytes(data, sizeof(data), 3);
    write_max = 1000; /* so that a write failure can come after some data */
    arm(fault, nth, code);
    assert_int_equal(fs_write_atomic(p, data, sizeof(data), &err), -1);
    assert_non_null(strchr(events, 'X')); /* the fault did fire */
    disarm_all();
    assert_int_equal(err.code, code);
    assert_contains(err.msg, p);
    assert_contains(err.msg, strerror(code));
    assert_contains(err.msg, msg_part);
    assert_file_is(p, old, strlen(old));
    assert_int_equal(tu_mode(p), 0640);
    assert_dir_holds(f->dir, (const char *const[]){"assessment.json", NULL});
}

static void test_atomic_write_failure_keeps_old(void **state)
{
    check_atomic_failure(*state, &f_write, 1, ENOSPC, "cannot write '");
}

static void test_atomic_late_write_failure_keeps_old(void **state)
{
    /* the third 1000-byte chunk fails: part of the data was written */
    check_atomic_failure(*state, &f_write, 3, EIO, "cannot write '");
}

static void test_atomic_fsync_failure_keeps_old(void **state)
{
    check_atomic_failure(*state, &f_fsync, 1, EIO, "cannot write '");
}

static void test_atomic_close_failure_keeps_old(void **state)
{
    check_atomic_failure(*state, &f_close, 1, EDQUOT, "cannot write '");
}

static void test_atomic_rename_failure_keeps_old(void **state)
{
    check_atomic_failure(*state, &f_rename, 1, EXDEV, "cannot replace '");
}

static void test_atomic_failure_example_message(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "assessment.json");
    struct cc_err err = {0, ""};
    char want[4200];

    arm(&f_write, 1, ENOSPC);
    assert_int_equal(fs_write_atomic(p, "x", 1, &err), -1);
    snprintf(want, sizeof(want), "cannot write '%s': No space left on device", p);
    assert_string_equal(err.msg, want);
    assert_false(fs_exists(p));
    assert_dir_holds(f->dir, (const char *const[]){NULL});
}

/* When only the directory sync fails, the new file is in place (a rename
 * cannot be undone) but the caller hears that it may not be durable. */
static void test_atomic_dir_fsync_failure_reported(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "d.json");
    struct cc_err err = {0, ""};

    tu_write(p, "old");
    arm(&f_fsync, 2, EIO);
    assert_int_equal(fs_write_atomic(p, "new", 3, &err), -1);
    assert_string_equal(events, "wfcrDXc");
    assert_int_equal(err.code, EIO);
    assert_contains(err.msg, p);
    assert_contains(err.msg, "directory");
    assert_contains(err.msg, strerror(EIO));
    assert_file_is(p, "new", 3);
    assert_dir_holds(f->dir, (const char *const[]){"d.json", NULL});
}

static void test_atomic_missing_directory(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "no/such/dir/file");
    struct cc_err err = {0, ""};

    assert_int_equal(fs_write_atomic(p, "x", 1, &err), -1);
    assert_int_equal(err.code, ENOENT);
    assert_contains(err.msg, p);
    assert_contains(err.msg, strerror(ENOENT));
    assert_dir_holds(f->dir, (const char *const[]){NULL});
    /* err may be NULL */
    assert_int_equal(fs_write_atomic(p, "x", 1, NULL), -1);
}

/* ---- modes -------------------------------------------------------------- */

static const mode_t umasks[] = {000, 022, 077, 0277, 0777};

static void test_file_modes_any_umask(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};
    size_t i;

    for (i = 0; i < CC_ARRAY_LEN(umasks); i++) {
        char name[64];
        umask(umasks[i]);
        snprintf(name, sizeof(name), "atomic-%03o", (unsigned)umasks[i]);
        assert_int_equal(fs_write_atomic(P(f, 0, name), "a", 1, &err), 0);
        snprintf(name, sizeof(name), "new-%03o", (unsigned)umasks[i]);
        assert_int_equal(fs_write_new(P(f, 1, name), "b", 1, &err), 0);
        umask(022);
        if (tu_mode(f->path[0]) != 0600 || tu_mode(f->path[1]) != 0600)
            fail_msg("umask %03o: modes %03o and %03o, want 600", (unsigned)umasks[i],
                     (unsigned)tu_mode(f->path[0]), (unsigned)tu_mode(f->path[1]));
        assert_file_is(f->path[0], "a", 1);
        assert_file_is(f->path[1], "b", 1);
    }
}

static void test_dir_modes_any_umask(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};
    size_t i;

    for (i = 0; i < CC_ARRAY_LEN(umasks); i++) {
        char rel[64];
        const char *parts[] = {"", "/a", "/a/b", "/a/b/c"};
        size_t k;
        umask(umasks[i]);
        snprintf(rel, sizeof(rel), "u%03o/a/b/c", (unsigned)umasks[i]);
        assert_int_equal(fs_mkdir_p(P(f, 0, rel), &err), 0);
        umask(022);
        for (k = 0; k < CC_ARRAY_LEN(parts); k++) {
            struct stat st;
            snprintf(rel, sizeof(rel), "u%03o%s", (unsigned)umasks[i], parts[k]);
            assert_int_equal(stat(P(f, 1, rel), &st), 0);
            assert_true(S_ISDIR(st.st_mode));
            if (tu_mode(f->path[1]) != 0700)
                fail_msg("umask %03o: %s is %03o, want 700", (unsigned)umasks[i], rel,
                         (unsigned)tu_mode(f->path[1]));
        }
    }
}

/* ---- fs_write_new ------------------------------------------------------- */

static void test_new_never_overwrites(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "snap-0001.json");
    struct cc_err err = {0, ""};

    assert_int_equal(fs_write_new(p, "first", 5, &err), 0);
    assert_file_is(p, "first", 5);
    assert_int_equal(tu_mode(p), 0600);

    assert_int_equal(fs_write_new(p, "second", 6, &err), -1);
    assert_int_equal(err.code, EEXIST);
    assert_contains(err.msg, p);
    assert_contains(err.msg, "already exists");
    assert_file_is(p, "first", 5);
    assert_dir_holds(f->dir, (const char *const[]){"snap-0001.json", NULL});
}

static void test_new_two_names_both_survive(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};

    assert_int_equal(fs_write_new(P(f, 0, "a.json"), "AAA", 3, &err), 0);
    assert_int_equal(fs_write_new(P(f, 1, "b.json"), "BBBB", 4, &err), 0);
    assert_file_is(f->path[0], "AAA", 3);
    assert_file_is(f->path[1], "BBBB", 4);
    assert_dir_holds(f->dir, (const char *const[]){"a.json", "b.json", NULL});
}

static void test_new_order_of_operations(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};

    assert_int_equal(fs_write_new(P(f, 0, "n"), "abc", 3, &err), 0);
    assert_string_equal(events, "wfclDc");
    assert_dir_holds(f->dir, (const char *const[]){"n", NULL}); /* temp unlinked */
}

/* A file that appears between the check and the link: link() says EEXIST. */
static void test_new_link_race_is_eexist(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "raced");
    struct cc_err err = {0, ""};

    arm(&f_link, 1, EEXIST);
    assert_int_equal(fs_write_new(p, "x", 1, &err), -1);
    assert_int_equal(err.code, EEXIST);
    assert_contains(err.msg, p);
    assert_contains(err.msg, "already exists");
    assert_dir_holds(f->dir, (const char *const[]){NULL});
}

static void test_new_failures_leave_nothing(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "new.json");
    struct cc_err err = {0, ""};
    struct {
        struct fault *fault;
        int code;
    } cases[] = {{&f_write, ENOSPC}, {&f_fsync, EIO}, {&f_close, EIO}, {&f_link, EMLINK}};
    size_t i;

    for (i = 0; i < CC_ARRAY_LEN(cases); i++) {
        memset(&err, 0, sizeof(err));
        arm(cases[i].fault, 1, cases[i].code);
        assert_int_equal(fs_write_new(p, "data", 4, &err), -1);
        assert_non_null(strchr(events, 'X'));
        disarm_all();
        assert_int_equal(err.code, cases[i].code);
        assert_contains(err.msg, p);
        assert_contains(err.msg, strerror(cases[i].code));
        assert_false(fs_exists(p));
        assert_dir_holds(f->dir, (const char *const[]){NULL});
    }
    /* and afterwards it works */
    assert_int_equal(fs_write_new(p, "data", 4, &err), 0);
    assert_file_is(p, "data", 4);
}

/* ---- fs_read_file ------------------------------------------------------- */

static void test_read_size_cap(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "hundred");
    char data[101];
    struct cc_err err = {0, ""};
    char *out = (char *)"untouched";
    size_t len = 7;

    memset(data, 'z', 100);
    data[100] = '\0';
    tu_write(p, data);
    assert_int_equal(fs_read_file(p, 99, &out, &len, &err), -1);
    assert_int_equal(err.code, EFBIG);
    assert_null(out);
    assert_contains(err.msg, p);
    assert_contains(err.msg, "100 bytes");
    assert_contains(err.msg, "limit of 99 bytes");

    /* exactly at the limit is fine */
    assert_int_equal(fs_read_file(p, 100, &out, &len, &err), 0);
    assert_int_equal(len, 100);
    assert_string_equal(out, data);
    free(out);
}

static void test_read_missing(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "missing.json");
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    assert_int_equal(fs_read_file(p, 1000, &out, &len, &err), -1);
    assert_int_equal(err.code, ENOENT);
    assert_null(out);
    assert_contains(err.msg, p);
    assert_contains(err.msg, strerror(ENOENT));
    assert_int_equal(fs_read_file(p, 1000, &out, NULL, NULL), -1);
}

static void test_read_directory_refused(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    assert_int_equal(fs_read_file(f->dir, 1 << 20, &out, &len, &err), -1);
    assert_int_equal(err.code, EISDIR);
    assert_null(out);
    assert_contains(err.msg, f->dir);
    assert_contains(err.msg, "directory");
}

static void test_read_fifo_refused_without_blocking(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "fifo");
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    assert_int_equal(mkfifo(p, 0600), 0);
    alarm(10); /* a blocking open would kill the suite instead of hanging */
    assert_int_equal(fs_read_file(p, 1 << 20, &out, &len, &err), -1);
    alarm(0);
    assert_int_equal(err.code, EINVAL);
    assert_null(out);
    assert_contains(err.msg, p);
    assert_contains(err.msg, "not a regular file");
}

static void test_read_large_file(void **state)
{
    struct fx *f = *state;
    const char *p = P(f, 0, "large");
    const size_t n = 3 * 1024 * 1024 + 17;
    unsigned char *data = malloc(n);
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    assert_non_null(data);
    make_bytes(data, n, 4);
    assert_int_equal(fs_write_atomic(p, data, n, &err), 0);
    assert_int_equal(fs_read_file(p, n, &out, &len, &err), 0);
    assert_int_equal(len, n);
    assert_memory_equal(out, data, n);
    assert_int_equal(out[n], '\0');
    free(out);
    free(data);
}

/* Files whose size fstat does not know (st_size 0, as in /proc) are read in
 * full, and the limit still holds. */
static void test_read_unknown_size(void **state)
{
    struct cc_err err = {0, ""};
    char *out = NULL;
    size_t len = 0;

    (void)state;
    if (access("/proc/self/status", R_OK) != 0)
        skip();
    assert_int_equal(fs_read_file("/proc/self/status", 1 << 20, &out, &len, &err), 0);
    assert_true(len > 100);
    assert_int_equal(strlen(out), len);
    assert_contains(out, "Name:");
    assert_contains(out, "\nPid:"); /* not just the first line */
    assert_int_equal(out[len - 1], '\n');
    free(out);

    /* Usually several times the first 4 KiB step: the buffer grows again. */
    if (fs_read_file("/proc/self/smaps", 1 << 24, &out, &len, &err) == 0) {
        if (len > 16384) {
            assert_int_equal(strlen(out), len);
            assert_int_equal(out[len - 1], '\n');
            assert_non_null(strstr(strstr(out, "\nRss:") + 1, "\nRss:"));
        }
        free(out);
    }

    assert_int_equal(fs_read_file("/proc/self/status", 10, &out, &len, &err), -1);
    assert_int_equal(err.code, EFBIG);
    assert_null(out);
    assert_contains(err.msg, "limit of 10 bytes");
}

/* ---- fs_mkdir_p --------------------------------------------------------- */

static void test_mkdir_nested(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};
    struct stat st;

    assert_int_equal(fs_mkdir_p(P(f, 0, "one/two/three/four"), &err), 0);
    assert_int_equal(stat(f->path[0], &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* again: nothing to do, no error */
    assert_int_equal(fs_mkdir_p(f->path[0], &err), 0);
    /* repeated and trailing slashes */
    assert_int_equal(fs_mkdir_p(P(f, 1, "x//y///z/"), &err), 0);
    assert_int_equal(stat(P(f, 2, "x/y/z"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(tu_mode(P(f, 2, "x/y")), 0700);
    assert_dir_holds(f->dir, (const char *const[]){"one", "x", NULL});
}

static void test_mkdir_existing_untouched(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};

    assert_int_equal(mkdir(P(f, 0, "shared"), 0755), 0);
    assert_int_equal(chmod(f->path[0], 0751), 0);
    assert_int_equal(fs_mkdir_p(P(f, 1, "shared/mine"), &err), 0);
    assert_int_equal(tu_mode(f->path[0]), 0751);
    assert_int_equal(tu_mode(f->path[1]), 0700);
    assert_int_equal(fs_mkdir_p(f->path[0], &err), 0);
    assert_int_equal(tu_mode(f->path[0]), 0751);
}

static void test_mkdir_file_in_the_way(void **state)
{
    struct fx *f = *state;
    struct cc_err err = {0, ""};

    assert_int_equal(fs_mkdir_p(P(f, 0, "a"), &err), 0);
    tu_write(P(f, 1, "a/file"), "I am a file\n");

    assert_int_equal(fs_mkdir_p(P(f, 2, "a/file/sub/dir"), &err), -1);
    assert_int_equal(err.code, ENOTDIR);
    assert_contains(err.msg, f->path[2]);
    assert_contains(err.msg, f->path[1]); /* names the component in the way */
    assert_contains(err.msg, "not a directory");
    assert_file_is(f->path[1], "I am a file\n", 12);

    /* the last component itself is the file */
    memset(&err, 0, sizeof(err));
    assert_int_equal(fs_mkdir_p(f->path[1], &err), -1);
    assert_int_equal(err.code, ENOTDIR);
    assert_contains(err.msg, f->path[1]);
    assert_dir_holds(P(f, 3, "a"), (const char *const[]){"file", NULL});
}

static void test_mkdir_empty_path(void **state)
{
    struct cc_err err = {0, ""};
    (void)state;
    assert_int_equal(fs_mkdir_p("", &err), -1);
    assert_true(err.msg[0] != '\0');
}

/* ---- fs_exists, fs_join ------------------------------------------------- */

static void test_exists(void **state)
{
    struct fx *f = *state;

    assert_int_equal(fs_exists(f->dir), 1);
    assert_int_equal(fs_exists(P(f, 0, "nothing")), 0);
    tu_write(P(f, 1, "something"), "");
    assert_int_equal(fs_exists(f->path[1]), 1);
    assert_int_equal(symlink("nowhere", P(f, 2, "dangling")), 0);
    assert_int_equal(fs_exists(f->path[2]), 1); /* the name is taken */
}

static void test_join(void **state)
{
    static const struct {
        const char *dir, *name, *want;
    } v[] = {
        {"a", "b", "a/b"},
        {"a/", "b", "a/b"},
        {"a", "/b", "a/b"},
        {"a//", "//b", "a/b"},
        {"/", "etc", "/etc"},
        {"/", "/etc", "/etc"},
        {"/var/lib/", "coopcheck/x.json", "/var/lib/coopcheck/x.json"},
        {"", "b", "b"},
        {"a", "", "a/"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < CC_ARRAY_LEN(v); i++) {
        char *got = fs_join(v[i].dir, v[i].name);
        if (strcmp(got, v[i].want) != 0)
            fail_msg("fs_join(\"%s\", \"%s\") = \"%s\", want \"%s\"", v[i].dir, v[i].name, got,
                     v[i].want);
        free(got);
    }
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_atomic_round_trip),
        T(test_atomic_empty_file),
        T(test_atomic_replaces_existing),
        T(test_replaced_kept_until_closed),
        T(test_large_file_sent_on_as_written),
        T(test_atomic_order_of_operations),
        T(test_atomic_short_writes_and_eintr),
        T(test_atomic_write_failure_keeps_old),
        T(test_atomic_late_write_failure_keeps_old),
        T(test_atomic_fsync_failure_keeps_old),
        T(test_atomic_close_failure_keeps_old),
        T(test_atomic_rename_failure_keeps_old),
        T(test_atomic_failure_example_message),
        T(test_atomic_dir_fsync_failure_reported),
        T(test_atomic_missing_directory),
        T(test_file_modes_any_umask),
        T(test_dir_modes_any_umask),
        T(test_new_never_overwrites),
        T(test_new_two_names_both_survive),
        T(test_new_order_of_operations),
        T(test_new_link_race_is_eexist),
        T(test_new_failures_leave_nothing),
        T(test_read_size_cap),
        T(test_read_missing),
        T(test_read_directory_refused),
        T(test_read_fifo_refused_without_blocking),
        T(test_read_large_file),
        T(test_read_unknown_size),
        T(test_mkdir_nested),
        T(test_mkdir_existing_untouched),
        T(test_mkdir_file_in_the_way),
        T(test_mkdir_empty_path),
        T(test_exists),
        T(test_join),
    };
    return cmocka_run_group_tests_name("fsio", tests, NULL, NULL);
}
