/* keyin.c — raw terminal bytes to keys and pastes (see keyin.h).
 *
 * keyin_feed decodes everything complete at once into a queue of events and
 * keeps only an unfinished tail (a lone ESC, a sequence split across reads, the
 * first bytes of a UTF-8 character, the first bytes of a paste's end marker).
 * The tail is decided by the next feed, or at its deadline by keyin_next
 * ("final" decoding: nothing more will come, so nothing waits). */
#include "keyin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "textutil.h"

#define ESC 0x1b

static const char paste_start[] = "\x1b[200~";
static const char paste_end[] = "\x1b[201~";
#define MARKER_LEN 6

/* ---- the built-in sequences ----------------------------------------------- */

/* What xterm, tmux, screen, rxvt and the linux console send, whatever TERM
 * says: the bytes after ESC and the key. */
static const struct {
    const char *seq;
    int key;
} builtin[] = {
    { "[A", KEYC_UP }, { "[B", KEYC_DOWN }, { "[C", KEYC_RIGHT }, { "[D", KEYC_LEFT },
    { "[H", KEYC_HOME }, { "[F", KEYC_END }, { "[Z", KEYC_BTAB },
    { "[1~", KEYC_HOME }, { "[7~", KEYC_HOME }, { "[4~", KEYC_END }, { "[8~", KEYC_END },
    { "[2~", KEYC_INSERT }, { "[3~", KEYC_DELETE }, { "[5~", KEYC_PGUP }, { "[6~", KEYC_PGDN },
    { "[11~", KEYC_F1 }, { "[12~", KEYC_F2 }, { "[13~", KEYC_F3 }, { "[14~", KEYC_F4 },
    { "[15~", KEYC_F5 }, { "[17~", KEYC_F6 }, { "[18~", KEYC_F7 }, { "[19~", KEYC_F8 },
    { "[20~", KEYC_F9 }, { "[21~", KEYC_F10 }, { "[23~", KEYC_F11 }, { "[24~", KEYC_F12 },
    { "[[A", KEYC_F1 }, { "[[B", KEYC_F2 }, { "[[C", KEYC_F3 }, { "[[D", KEYC_F4 },
    { "[[E", KEYC_F5 },
    { "OA", KEYC_UP }, { "OB", KEYC_DOWN }, { "OC", KEYC_RIGHT }, { "OD", KEYC_LEFT },
    { "OH", KEYC_HOME }, { "OF", KEYC_END }, { "OM", KEYC_ENTER },
    { "OP", KEYC_F1 }, { "OQ", KEYC_F2 }, { "OR", KEYC_F3 }, { "OS", KEYC_F4 },
    { "Od", KEYC_WORD_LEFT }, { "Oc", KEYC_WORD_RIGHT },   /* rxvt's Ctrl-Left/Right */
    { "Oj", '*' }, { "Ok", '+' }, { "Ol", ',' }, { "Om", '-' }, { "On", '.' }, { "Oo", '/' },
    { "Op", '0' }, { "Oq", '1' }, { "Or", '2' }, { "Os", '3' }, { "Ot", '4' },
    { "Ou", '5' }, { "Ov", '6' }, { "Ow", '7' }, { "Ox", '8' }, { "Oy", '9' }, { "OX", '=' },
};

/* The key of the built-in sequence ESC p[0..n), or -1. */
static int builtin_key(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < CC_ARRAY_LEN(builtin); i++)
        if (strlen(builtin[i].seq) == n && memcmp(builtin[i].seq, p, n) == 0)
            return builtin[i].key;
    return -1;
}

/* ---- characters ------------------------------------------------------------ */

static int printable(uint32_t cp)
{
    return cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0);
}

static int valid_key(int key)
{
    if (key > KEYC_BASE && key < KEYC_MAX)
        return 1;
    return key >= 0 && key < 0x110000 && printable((uint32_t)key) &&
           !(key >= 0xd800 && key <= 0xdfff);
}

/* The UTF-8 character at s[0..avail): its length with *cp set; 0 when s holds
 * only the start of a character that more bytes may complete; -1 when s[0]
 * starts no valid character (drop that byte alone: the bytes after it are
 * decoded again).  Overlong forms, surrogates and values above U+10FFFF are
 * refused at their first impossible byte. */
static int utf8_scan(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char lo = 0x80, hi = 0xbf;
    char tmp[5] = { 0 };
    size_t need, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        need = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        need = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        need = 4;
    else
        return -1;
    if (s[0] == 0xe0)
        lo = 0xa0;          /* overlong */
    else if (s[0] == 0xed)
        hi = 0x9f;          /* surrogates */
    else if (s[0] == 0xf0)
        lo = 0x90;          /* overlong */
    else if (s[0] == 0xf4)
        hi = 0x8f;          /* above U+10FFFF */
    for (i = 1; i < need && i < avail; i++) {
        if (s[i] < (i == 1 ? lo : 0x80) || s[i] > (i == 1 ? hi : 0xbf))
            return -1;
    }
    if (avail < need)
        return 0;
    memcpy(tmp, s, need);
    *cp = utf8_decode_at(tmp, &i);
    return i == need ? (int)need : -1;
}

static int is_sep(unsigned char c)
{
    return c == '\t' || c == '\r' || c == '\n';
}

/* The run of printable characters at s[pos..end), with Tab, CR and LF between
 * them (invalid UTF-8 and C1 controls inside are skipped; they are dropped):
 * returns how many printable characters it holds and sets *stop to the end of
 * its last one.  *clean is 1 when the run goes on to end (but for the start
 * of a character that end cuts), 0 when another byte ends it. */
static size_t run_scan(const unsigned char *s, size_t pos, size_t end, size_t *stop, int *clean)
{
    size_t count = 0;
    *stop = pos;
    *clean = 1;
    while (pos < end) {
        uint32_t cp;
        int n;
        if (is_sep(s[pos])) {
            pos++;
            continue;
        }
        if (s[pos] < 0x20 || s[pos] == 0x7f) {
            *clean = 0;
            break;
        }
        n = utf8_scan(s + pos, end - pos, &cp);
        if (n == 0)
            break;
        pos += n < 0 ? 1 : (size_t)n;
        if (n > 0 && printable(cp)) {
            count++;
            *stop = pos;
        }
    }
    return count;
}

/* ---- the event queue ------------------------------------------------------- */

static void push(struct keyin *k, const struct keyin_event *ev)
{
    if (k->qlen == k->qcap) {
        k->qcap = k->qcap ? 2 * k->qcap : 16;
        k->queue = xrealloc(k->queue, k->qcap * sizeof(*k->queue));
    }
    k->queue[k->qlen++] = *ev;
}

static void emit_key(struct keyin *k, int key)
{
    struct keyin_event ev = { KEYIN_KEY, key, NULL, 0, 0 };
    push(k, &ev);
}

/* Hands out sb's text (unless empty) as a paste; sb is empty again after. */
static void emit_text(struct keyin *k, struct sbuf *sb, int bracketed)
{
    struct keyin_event ev = { KEYIN_PASTE, 0, NULL, 0, bracketed };
    if (sb->len == 0)
        return;
    ev.text = sbuf_detach(sb, &ev.len);
    sbuf_init(sb);
    push(k, &ev);
}

/* A burst s[0..n) (printable characters, Tab, CR, LF, bytes to drop) as an
 * unbracketed paste. */
static void emit_burst(struct keyin *k, const unsigned char *s, size_t n)
{
    struct sbuf sb;
    size_t i = 0;
    sbuf_init(&sb);
    while (i < n) {
        uint32_t cp;
        int u;
        if (s[i] == '\r' || s[i] == '\n') {
            sbuf_addc(&sb, '\n');
            i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
            continue;
        }
        u = utf8_scan(s + i, n - i, &cp);
        if (u > 0 && (cp == '\t' || printable(cp)))
            sbuf_add(&sb, s + i, (size_t)u);
        i += u > 0 ? (size_t)u : 1;
    }
    emit_text(k, &sb, 0);
    sbuf_release(&sb);
    k->burst_seen = 1;
    k->burst_ms = k->last_ms;
}

/* ---- escape sequences ------------------------------------------------------ */

enum { SQ_NONE, SQ_WAIT, SQ_ABORT, SQ_STALE, SQ_DONE };

/* The CSI or SS3 sequence at s[0..avail) (s[0] ESC, s[1] '[' or 'O'):
 * SQ_DONE with *len its length, SQ_WAIT when s ends inside it, SQ_ABORT with
 * *len the bytes before one that cannot be in it. */
static int grammar(const unsigned char *s, size_t avail, size_t *len)
{
    size_t i = 2;
    if (s[1] == 'O' || (avail > 2 && s[2] == '[')) {   /* SS3, linux ESC [ [ x */
        i = s[1] == 'O' ? 2 : 3;
        if (i >= avail)
            return SQ_WAIT;
        *len = i + (s[i] >= 0x20 && s[i] <= 0x7e);
        return *len > i ? SQ_DONE : SQ_ABORT;
    }
    for (; i < avail; i++) {
        *len = i + 1;
        if (s[i] >= 0x40 && s[i] <= 0x7e)
            return SQ_DONE;
        if (s[i] < 0x20 || s[i] > 0x3f) {
            *len = i;
            return SQ_ABORT;
        }
    }
    return SQ_WAIT;
}

/* The longest extra sequence s[0..avail) starts with: its length (0: none)
 * with its key in *key; *more = 1 when s ends inside a longer one. */
static size_t extra_match(const struct keyin *k, const unsigned char *s, size_t avail,
                          int *key, int *more)
{
    size_t best = 0;
    *more = 0;
    for (size_t i = 0; i < k->nextra; i++) {
        const struct keyin_seq *e = &k->extra[i];
        if (e->len > avail) {
            if (memcmp(e->bytes, s, avail) == 0)
                *more = 1;
        } else if (e->len > best && memcmp(e->bytes, s, e->len) == 0) {
            best = e->len;
            *key = e->key;
        }
    }
    return best;
}

/* The sequence at s[0..avail) (s[0] ESC): an extra one or a CSI/SS3 one.
 * SQ_DONE: *len bytes, *key the extra sequence's key or -1 for a CSI/SS3
 * sequence to look up; SQ_ABORT: *len bytes to discard; SQ_WAIT: more input
 * may complete it; SQ_STALE (final only): unfinished, discard all of s;
 * SQ_NONE: no sequence starts here. */
static int seq_scan(const struct keyin *k, const unsigned char *s, size_t avail, int final,
                    size_t *len, int *key)
{
    int more, ekey = -1, st = SQ_NONE;
    size_t elen = extra_match(k, s, avail, &ekey, &more), glen = 0;

    if (avail >= 2 && (s[1] == '[' || s[1] == 'O'))
        st = grammar(s, avail, &glen);
    if (!final && (more || st == SQ_WAIT))
        return SQ_WAIT;
    if (elen > 0 && (st == SQ_NONE || st == SQ_WAIT || elen >= glen)) {
        *len = elen;
        *key = ekey;
        return SQ_DONE;
    }
    if (st == SQ_WAIT)
        return SQ_STALE;
    *len = glen;
    *key = -1;
    return st;
}

/* xterm's modified keys, ESC p[0..n) = "[1;5C", "[5;2~": Ctrl with Left or
 * Right gives the word moves; Shift, Ctrl or none (1) on another key of the
 * table gives the key itself; -1 for anything else (swallowed). */
static int modified_key(const unsigned char *p, size_t n)
{
    unsigned char base[8];
    size_t semi = 1, i, blen;
    int mod = 0, key;

    if (n < 4 || p[0] != '[')
        return -1;
    while (semi < n - 1 && p[semi] >= '0' && p[semi] <= '9')
        semi++;
    if (p[semi] != ';' || semi > 4 || semi + 1 >= n - 1 || n - 2 - semi > 3)
        return -1;
    for (i = semi + 1; i < n - 1; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        mod = mod * 10 + (p[i] - '0');
    }
    base[0] = '[';
    if (p[n - 1] == '~') {
        if (semi == 1)
            return -1;
        memcpy(base + 1, p + 1, semi - 1);
        base[semi] = '~';
        blen = semi + 1;
    } else {
        if (semi > 2 || (semi == 2 && p[1] != '1'))
            return -1;
        base[1] = p[n - 1];
        blen = 2;
    }
    key = builtin_key(base, blen);
    if (key < 0 && blen == 2) {             /* xterm: F1-F4 are SS3 unmodified */
        base[0] = 'O';
        key = builtin_key(base, blen);
        if (key < KEYC_BASE)
            key = -1;
    }
    if (key < 0 || (mod != 1 && mod != 2 && mod != 5))
        return -1;
    if (mod == 5 && key == KEYC_LEFT)
        return KEYC_WORD_LEFT;
    if (mod == 5 && key == KEYC_RIGHT)
        return KEYC_WORD_RIGHT;
    return key;
}

/* A complete CSI/SS3 sequence s[0..len) not in the extra table. */
static void sequence_done(struct keyin *k, const unsigned char *s, size_t len)
{
    int key;
    if (len > KEYIN_SEQ_MAX)
        return;
    if (len == MARKER_LEN && memcmp(s, paste_start, MARKER_LEN) == 0) {
        k->in_paste = 1;
        k->paste_cr = 0;
        return;
    }
    key = builtin_key(s + 1, len - 1);
    if (key < 0)
        key = modified_key(s + 1, len - 1);
    if (key >= 0)
        emit_key(k, key);
}

/* Decodes the ESC at s[0..avail): returns the bytes used, 0 to wait for more. */
static size_t decode_esc(struct keyin *k, const unsigned char *s, size_t avail, int final)
{
    size_t len = 0;
    uint32_t cp;
    int key = -1, n;

    switch (seq_scan(k, s, avail, final, &len, &key)) {
    case SQ_WAIT: return 0;
    case SQ_STALE: return avail;
    case SQ_ABORT: return len;
    case SQ_DONE:
        if (key >= 0)
            emit_key(k, key);
        else
            sequence_done(k, s, len);
        return len;
    default: break;
    }
    if (avail == 1 || (avail == 2 && s[1] == ESC)) {
        if (!final)
            return 0;
    } else if (s[1] == ESC) {
        switch (seq_scan(k, s + 1, avail - 1, final, &len, &key)) {
        case SQ_WAIT: return 0;
        case SQ_STALE: return avail;
        case SQ_DONE: return 1 + len;          /* Alt + a key: swallowed */
        default: break;
        }
    } else if (s[1] >= 0x20 && s[1] < 0x7f) {
        return 2;                              /* Alt + a character: swallowed */
    } else if (s[1] >= 0x80) {
        n = utf8_scan(s + 1, avail - 1, &cp);
        if (n == 0 && !final)
            return 0;
        if (n > 0 && printable(cp))
            return 1 + (size_t)n;
    }
    emit_key(k, KEYC_ESC);
    return 1;
}

/* ---- keys ------------------------------------------------------------------ */

/* The control byte at s[0..avail): returns the bytes used. */
static size_t decode_control(struct keyin *k, const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c == '\r' || c == '\n') {
        emit_key(k, KEYC_ENTER);
        return c == '\r' && avail > 1 && s[1] == '\n' ? 2 : 1;
    }
    if (c == '\t')
        emit_key(k, KEYC_TAB);
    else if (c == 0x7f || c == 0x08)
        emit_key(k, KEYC_BACKSPACE);
    else if (c >= 0x01 && c <= 0x1a)
        emit_key(k, KEYC_CTRL_A + (c - 1));
    return 1;
}

/* 1 when s[0..n) is one character again and again, nothing between, and not
 * a blank: a key held down (auto-repeat, or presses that waited in the
 * terminal while the program was busy or the link slow), not a paste. */
static int held_key(const unsigned char *s, size_t n)
{
    uint32_t first, cp;
    int m = utf8_scan(s, n, &first);
    if (m <= 0 || first == ' ')
        return 0;
    for (size_t i = (size_t)m; i < n; i += (size_t)m) {
        m = utf8_scan(s + i, n - i, &cp);
        if (m <= 0 || cp != first)
            return 0;
    }
    return 1;
}

/* The character at s[pos..end): a key, or a burst starting with it. */
static size_t decode_char(struct keyin *k, const unsigned char *s, size_t pos, size_t end,
                          int final, int burst)
{
    uint32_t cp;
    size_t stop;
    int clean, n = utf8_scan(s + pos, end - pos, &cp);

    if (n == 0)
        return final ? 1 : 0;
    if (n < 0 || !printable(cp))
        return n < 0 ? 1 : (size_t)n;
    if (burst && run_scan(s, pos, end, &stop, &clean) >= KEYIN_BURST_MIN &&
        !held_key(s + pos, stop - pos)) {
        emit_burst(k, s + pos, stop - pos);
        return stop - pos;
    }
    emit_key(k, (int)cp);
    return (size_t)n;
}

/* Decodes s[pos..end) until it ends, a paste starts or what is left needs
 * more input; returns the position reached.  final: no more input comes, so
 * nothing waits.  burst: s is a feed, where printable runs can be pastes. */
static size_t decode_run(struct keyin *k, const unsigned char *s, size_t pos, size_t end,
                         int final, int burst)
{
    while (pos < end && !k->in_paste) {
        size_t n;
        if (s[pos] == ESC)
            n = decode_esc(k, s + pos, end - pos, final);
        else if (s[pos] < 0x20 || s[pos] == 0x7f)
            n = decode_control(k, s + pos, end - pos);
        else
            n = decode_char(k, s, pos, end, final, burst);
        if (n == 0)
            break;
        pos += n;
    }
    return pos;
}

/* ---- bracketed paste ------------------------------------------------------- */

/* Adds s[0..n) (whole characters) to the paste, handing out an
 * KEYIN_PASTE_MAX piece first when it would not fit. */
static void paste_add(struct keyin *k, const unsigned char *s, size_t n)
{
    if (k->paste.len + n > KEYIN_PASTE_MAX)
        emit_text(k, &k->paste, 1);
    sbuf_add(&k->paste, s, n);
    k->paste_cr = 0;
}

/* Adds s[0..n) (single-byte characters) to the paste, in pieces that fit. */
static void paste_add_span(struct keyin *k, const unsigned char *s, size_t n)
{
    while (n > 0) {
        size_t room = KEYIN_PASTE_MAX - k->paste.len, take;
        if (room == 0) {
            emit_text(k, &k->paste, 1);
            room = KEYIN_PASTE_MAX;
        }
        take = n < room ? n : room;
        paste_add(k, s, take);
        s += take;
        n -= take;
    }
}

/* The length of the run of plain ASCII bytes (no NUL, ESC, CR, LF) at s. */
static size_t plain_span(const unsigned char *s, size_t avail)
{
    size_t i = 0;
    while (i < avail && s[i] < 0x80 && s[i] != 0 && s[i] != ESC && s[i] != '\r' && s[i] != '\n')
        i++;
    return i;
}

/* Collects paste bytes from s[pos..end) up to the end marker (which ends paste
 * mode); returns the position reached.  Unless final, the start of the end
 * marker or of a UTF-8 character at the end of s is left for more input. */
static size_t paste_run(struct keyin *k, const unsigned char *s, size_t pos, size_t end, int final)
{
    while (pos < end) {
        size_t avail = end - pos, m = avail < MARKER_LEN ? avail : MARKER_LEN, n;
        uint32_t cp;
        int u;
        if (s[pos] == ESC && memcmp(s + pos, paste_end, m) == 0 && (m == MARKER_LEN || !final)) {
            if (m < MARKER_LEN)
                return pos;
            emit_text(k, &k->paste, 1);
            k->in_paste = 0;
            return pos + MARKER_LEN;
        }
        if (s[pos] == '\r' || (s[pos] == '\n' && !k->paste_cr)) {
            paste_add(k, (const unsigned char *)"\n", 1);
            k->paste_cr = s[pos] == '\r';
        } else if (s[pos] == '\n' || s[pos] == 0) {
            k->paste_cr = 0;                   /* the LF of CR LF; NUL dropped */
        } else if (s[pos] >= 0x80) {
            u = utf8_scan(s + pos, avail, &cp);
            if (u == 0 && !final)
                return pos;
            if (u > 0)
                paste_add(k, s + pos, (size_t)u);
            pos += u > 0 ? (size_t)u : 1;
            continue;
        } else {
            n = plain_span(s + pos, avail);
            n = n ? n : 1;                     /* an ESC that is not the end marker */
            paste_add_span(k, s + pos, n);
            pos += n;
            continue;
        }
        pos++;
    }
    return pos;
}

/* ---- time ------------------------------------------------------------------ */

/* How long after the last feed the pending state is decided; -1: none. */
static long pending_delay(const struct keyin *k)
{
    const unsigned char *p = (const unsigned char *)k->pend.buf;
    if (k->in_paste)
        return KEYIN_PASTE_DELAY;
    if (k->skip)
        return KEYIN_SEQ_DELAY;
    if (k->pend.len == 0)
        return -1;
    if (p[0] == ESC && (k->pend.len == 1 || (k->pend.len == 2 && p[1] == ESC)))
        return k->esc_delay;
    return KEYIN_SEQ_DELAY;
}

static long elapsed(const struct keyin *k, long now_ms)
{
    return now_ms > k->last_ms ? now_ms - k->last_ms : 0;
}

/* Decides the pending state when its time has come. */
static void expire(struct keyin *k, long now_ms)
{
    long d = pending_delay(k);
    const unsigned char *p = (const unsigned char *)k->pend.buf;

    if (d < 0 || elapsed(k, now_ms) < d)
        return;
    if (k->in_paste) {
        paste_run(k, p, 0, k->pend.len, 1);
        emit_text(k, &k->paste, 1);
        k->in_paste = k->paste_cr = 0;
    } else if (k->skip) {
        k->skip = 0;
    } else {
        decode_run(k, p, 0, k->pend.len, 1, 0);
    }
    sbuf_reset(&k->pend);
}

/* ---- the interface --------------------------------------------------------- */

void keyin_init(struct keyin *k, int esc_delay_ms)
{
    memset(k, 0, sizeof(*k));
    k->esc_delay = esc_delay_ms > 0 ? esc_delay_ms : KEYIN_ESC_DELAY_DEFAULT;
    sbuf_init(&k->pend);
    sbuf_init(&k->paste);
}

void keyin_release(struct keyin *k)
{
    for (size_t i = k->qhead; i < k->qlen; i++)
        free(k->queue[i].text);
    free(k->queue);
    free(k->extra);
    sbuf_release(&k->pend);
    sbuf_release(&k->paste);
    memset(k, 0, sizeof(*k));
}

int keyin_add_sequence(struct keyin *k, const char *seq, int key)
{
    size_t n = seq ? strlen(seq) : 0, i;

    if (n < 2 || n > KEYIN_SEQ_MAX || seq[0] != ESC || !valid_key(key))
        return -1;
    if (n == MARKER_LEN && (memcmp(seq, paste_start, n) == 0 || memcmp(seq, paste_end, n) == 0))
        return -1;
    for (i = 0; i < k->nextra; i++)
        if (k->extra[i].len == n && memcmp(k->extra[i].bytes, seq, n) == 0)
            break;
    if (i == k->nextra) {
        k->extra = xrealloc(k->extra, (k->nextra + 1) * sizeof(*k->extra));
        k->nextra++;
        k->extra[i].len = (unsigned char)n;
        memcpy(k->extra[i].bytes, seq, n);
    }
    k->extra[i].key = key;
    return 0;
}

/* 1 when a feed s[0..end) continues the burst before it: soon enough, and
 * nothing but printable characters, Tab, CR and LF. */
static int continues_burst(const struct keyin *k, const unsigned char *s, size_t end,
                           long now_ms)
{
    size_t stop;
    int clean;
    if (!k->burst_seen || k->in_paste || now_ms < k->burst_ms ||
        now_ms - k->burst_ms > KEYIN_BURST_GAP)
        return 0;
    return run_scan(s, 0, end, &stop, &clean) > 0 && clean;
}

/* Drops the rest of an overlong CSI sequence from s[0..len): returns the
 * bytes used (its final byte included). */
static size_t skip_run(struct keyin *k, const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] < 0x20 || s[i] > 0x7e) {
            k->skip = 0;
            return i;
        }
        if (s[i] >= 0x40) {
            k->skip = 0;
            return i + 1;
        }
    }
    return len;
}

/* Decodes the feed s[0..end) (pending bytes first); returns where the
 * unfinished tail starts. */
static size_t decode_feed(struct keyin *k, const unsigned char *s, size_t end, long now_ms)
{
    size_t pos = 0, stop;
    int clean;

    if (!k->in_paste && continues_burst(k, s, end, now_ms)) {
        run_scan(s, 0, end, &stop, &clean);
        emit_burst(k, s, stop);
        pos = stop;
    }
    while (pos < end) {
        int was = k->in_paste;
        pos = was ? paste_run(k, s, pos, end, 0) : decode_run(k, s, pos, end, 0, 1);
        if (k->in_paste == was)
            break;
    }
    return pos;
}

void keyin_feed(struct keyin *k, const char *buf, size_t len, long now_ms)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t pos, end = len, tail;

    expire(k, now_ms);
    if (len == 0)
        return;
    k->last_ms = now_ms;
    if (k->skip) {
        pos = skip_run(k, s, len);
        s += pos;
        end -= pos;
        if (end == 0)
            return;
    }
    if (k->pend.len) {
        sbuf_add(&k->pend, s, end);
        s = (const unsigned char *)k->pend.buf;
        end = k->pend.len;
    }
    pos = decode_feed(k, s, end, now_ms);
    tail = end - pos;
    if (!k->in_paste && tail > KEYIN_SEQ_MAX + 1) {   /* only a CSI sequence grows so long */
        k->skip = 1;
        tail = 0;
    }
    if (s == (const unsigned char *)k->pend.buf) {
        memmove(k->pend.buf, k->pend.buf + pos, tail);
        k->pend.len = tail;
        k->pend.buf[tail] = '\0';
    } else {
        sbuf_add(&k->pend, s + pos, tail);
    }
    if (k->pend.cap > 4096) {                       /* after a large feed */
        struct sbuf small;
        sbuf_init(&small);
        sbuf_add(&small, k->pend.buf, k->pend.len);
        sbuf_release(&k->pend);
        k->pend = small;
    }
}

int keyin_next(struct keyin *k, long now_ms, struct keyin_event *ev)
{
    if (k->qhead == k->qlen)
        expire(k, now_ms);
    if (k->qhead == k->qlen)
        return 0;
    *ev = k->queue[k->qhead++];
    if (k->qhead == k->qlen) {
        k->qhead = k->qlen = 0;
        if (k->qcap > 1024) {                        /* after a large feed */
            free(k->queue);
            k->queue = NULL;
            k->qcap = 0;
        }
    }
    return 1;
}

long keyin_timeout(const struct keyin *k, long now_ms)
{
    long d, e;
    if (k->qhead < k->qlen)
        return 0;
    d = pending_delay(k);
    if (d < 0)
        return -1;
    e = elapsed(k, now_ms);
    return e >= d ? 0 : d - e;
}
