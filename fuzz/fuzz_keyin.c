/* fuzz_keyin.c — the terminal input decoder: keyin_feed, keyin_next and
 * keyin_timeout as an event loop drives them, and keyin_add_sequence.
 *
 * Input: byte 0: bits 0-5 the Esc delay (0..63 ms, 0 = the default), bit 6:
 * add a fixed set of extra sequences (vt52, cons25, one outside the CSI/SS3
 * grammar), bit 7: byte 1 is a length n and the next n bytes are an extra
 * sequence from the input (for KEYC_F5).  Then records, each: a length byte
 * L, a time byte T (milliseconds since the last feed), L bytes fed as one
 * read (fewer at the end).  Between feeds the clock runs from deadline to
 * deadline as keyin_timeout reports them, with keyin_next called at each, as
 * poll() would; at the end it runs until nothing is pending.
 *
 * Invariants (see keyin.h): keys are KEYC_* values in (KEYC_BASE, KEYC_MAX)
 * or printable code points (>= 0x20, not 0x7f, not C1, not a surrogate,
 * <= U+10FFFF); a paste's text is non-empty valid UTF-8 without NUL or CR,
 * len == strlen, at most KEYIN_PASTE_MAX bytes, and a burst holds no control
 * character but Tab and LF; keys plus paste bytes never outnumber the bytes
 * fed; right after keyin_next returned 0 nothing is ready (keyin_timeout is
 * not 0); after the last deadline nothing is pending; keyin_add_sequence
 * takes exactly the 2..31-byte sequences starting with ESC but the paste
 * markers. */
#include "fuzz.h"

#include "keyin.h"
#include "keymap.h"
#include "textutil.h"

struct run {
    struct keyin k;
    long now;
    size_t fed, produced;
};

static void check_event(const struct keyin_event *ev)
{
    if (ev->kind == KEYIN_KEY) {
        int key = ev->key;
        FZ_CHECK(ev->text == NULL);
        if (key > KEYC_BASE) {
            FZ_CHECK(key < KEYC_MAX);
        } else {
            FZ_CHECK(key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0));
            FZ_CHECK(!(key >= 0xd800 && key <= 0xdfff) && key < KEYC_BASE);
        }
        return;
    }
    FZ_CHECK(ev->kind == KEYIN_PASTE);
    FZ_CHECK(ev->text != NULL && ev->len > 0 && ev->len <= KEYIN_PASTE_MAX);
    FZ_CHECK(strlen(ev->text) == ev->len);
    FZ_CHECK(utf8_invalid(ev->text, ev->len) == NULL);
    FZ_CHECK(strchr(ev->text, '\r') == NULL);
    FZ_CHECK(ev->bracketed == 0 || ev->bracketed == 1);
    for (size_t i = 0, n; !ev->bracketed && i < ev->len; i += n) {
        uint32_t cp = utf8_decode_at(ev->text + i, &n);
        FZ_CHECK(cp == '\t' || cp == '\n' ||
                 (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0)));
    }
}

/* Takes every ready event at r->now. */
static void drain(struct run *r)
{
    struct keyin_event ev;
    while (keyin_next(&r->k, r->now, &ev)) {
        check_event(&ev);
        r->produced += ev.kind == KEYIN_KEY ? 1 : ev.len;
        FZ_CHECK(r->produced <= r->fed);
        free(ev.text);
    }
    FZ_CHECK(keyin_timeout(&r->k, r->now) != 0);
}

/* Runs the clock to until, stopping at every deadline on the way. */
static void run_until(struct run *r, long until)
{
    for (int i = 0; i < 16; i++) {
        long t = keyin_timeout(&r->k, r->now);
        FZ_CHECK(t >= -1);
        if (t < 0 || r->now + t > until)
            break;
        r->now += t;
        drain(r);
    }
    r->now = until;
}

static void add_extras(struct keyin *k, const uint8_t *data, size_t size, size_t *pos)
{
    static const struct {
        const char *seq;
        int key;
    } fixed[] = {
        { "\x1b" "A", KEYC_UP }, { "\x1b" "AB", KEYC_F9 }, { "\x1bO2P", KEYC_F1 },
        { "\x1b[I", KEYC_PGUP }, { "\x1b[4~", KEYC_HOME }, { "\x1b[M", KEYC_F1 },
    };
    if (data[0] & 0x40)
        for (size_t i = 0; i < CC_ARRAY_LEN(fixed); i++)
            FZ_CHECK(keyin_add_sequence(k, fixed[i].seq, fixed[i].key) == 0);
    if ((data[0] & 0x80) && *pos < size) {
        size_t n = data[(*pos)++], len;
        char *seq;
        int rc, want;
        if (n > size - *pos)
            n = size - *pos;
        seq = fz_str(data + *pos, n);
        *pos += n;
        len = strlen(seq);
        want = len >= 2 && len <= KEYIN_SEQ_MAX && seq[0] == '\x1b' &&
               strcmp(seq, "\x1b[200~") != 0 && strcmp(seq, "\x1b[201~") != 0;
        rc = keyin_add_sequence(k, seq, KEYC_F5);
        FZ_CHECK(rc == (want ? 0 : -1));
        free(seq);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct run r = { .now = 1000 };
    size_t pos = 1;
    int i;

    if (size < 1)
        return 0;
    keyin_init(&r.k, data[0] & 0x3f);
    add_extras(&r.k, data, size, &pos);
    FZ_CHECK(keyin_timeout(&r.k, r.now) == -1);
    while (pos + 2 <= size) {
        size_t len = data[pos];
        long step = data[pos + 1];
        pos += 2;
        if (len > size - pos)
            len = size - pos;
        run_until(&r, r.now + step);
        keyin_feed(&r.k, (const char *)data + pos, len, r.now);
        r.fed += len;
        pos += len;
        drain(&r);
    }
    for (i = 0; i < 4 && keyin_timeout(&r.k, r.now) >= 0; i++)
        run_until(&r, r.now + keyin_timeout(&r.k, r.now));
    FZ_CHECK(keyin_timeout(&r.k, r.now) == -1);
    keyin_release(&r.k);
    return 0;
}
