/* keyin.h — decodes the raw bytes a terminal sends into keys and pastes.
 *
 * No curses and no locale: the interface reads bytes from the terminal itself
 * (one keyin_feed per read()) and takes events out with keyin_next.  UTF-8 is
 * decoded as UTF-8 whatever LANG says; escape sequences are read whole (CSI
 * "ESC [ ... final", SS3 "ESC O x", the linux console's "ESC [ [ x") and
 * mapped through a built-in table of what xterm, tmux, screen, rxvt and the
 * linux console send, plus the sequences the caller adds (e.g. from
 * terminfo's key_* capabilities); every other sequence (mouse, focus reports,
 * Alt-modified keys, unknown keys) is swallowed, never typed as letters.
 * Pastes come out as one event each: between bracketed-paste markers
 * (ESC [ 200 ~ ... ESC [ 201 ~), or detected as a burst of printable
 * characters in one read (for terminals without bracketed paste), but for
 * one character again and again, not a blank: a key held down, keys.
 *
 * Time is passed in by the caller (now_ms, a monotonic clock in milliseconds
 * that never goes back, e.g. CLOCK_MONOTONIC): nothing here sleeps, reads or
 * looks at a clock, so a lone Esc, an unfinished sequence and a paste whose end
 * marker never came are decided by keyin_next at the time keyin_timeout names.
 *
 * Typical loop:
 *     n = read(fd, buf, sizeof buf);
 *     keyin_feed(&k, buf, n, now());
 *     while (keyin_next(&k, now(), &ev)) { handle(&ev); if (ev.kind == KEYIN_PASTE) free(ev.text); }
 *     poll(..., keyin_timeout(&k, now()));   (-1: wait for input only)
 *
 * Memory: the bytes of an unfinished sequence or character (at most 32), the
 * paste being collected (at most KEYIN_PASTE_MAX bytes) and the events not yet
 * taken.  keyin_release frees all of it. */
#ifndef COOPCHECK_KEYIN_H
#define COOPCHECK_KEYIN_H

#include <stddef.h>

#include "util.h"

/* The longest escape sequence, ESC included, that can mean a key. */
#define KEYIN_SEQ_MAX 31
/* The largest paste event; a longer bracketed paste comes in several. */
#define KEYIN_PASTE_MAX ((size_t)8 << 20)
/* Default wait for the byte after a lone ESC. */
#define KEYIN_ESC_DELAY_DEFAULT 25
/* Wait after the last byte of an unfinished sequence or UTF-8 character. */
#define KEYIN_SEQ_DELAY 100
/* Wait after the last byte of a bracketed paste without its end marker. */
#define KEYIN_PASTE_DELAY 500
/* A feed this soon after a burst feed continues the paste. */
#define KEYIN_BURST_GAP 30
/* The fewest printable characters in one feed that make a burst. */
#define KEYIN_BURST_MIN 3

enum keyin_kind { KEYIN_KEY = 1, KEYIN_PASTE };

struct keyin_event {
    enum keyin_kind kind;
    /* KEYIN_KEY: a KEYC_* code from keymap.h (KEYC_BASE < key < KEYC_MAX) or
     * a Unicode code point that is printable: >= 0x20, never 0x7f, never a C1
     * control (0x80..0x9f), never a surrogate. */
    int key;
    /* KEYIN_PASTE: valid UTF-8 without NUL, NUL-terminated, newlines as "\n"
     * (never "\r"); never empty.  The caller owns it (free).  Bracketed pastes
     * may hold other control characters (Tab, ESC, ...): the consumer filters
     * them.  NULL for a key. */
    char *text;
    size_t len;       /* strlen(text) */
    int bracketed;    /* 1: came between bracketed-paste markers; 0: detected as a burst */
};

/* An extra sequence from keyin_add_sequence. */
struct keyin_seq {
    unsigned char len;
    char bytes[KEYIN_SEQ_MAX];
    int key;
};

/* The decoder.  Defined here so that callers can embed it; the fields are
 * private (use the functions). */
struct keyin {
    int esc_delay;                /* ms */
    struct sbuf pend;             /* bytes not decoded yet: an unfinished tail */
    long last_ms;                 /* time of the last feed */
    int skip;                     /* inside an overlong CSI, dropping to its final byte */
    int in_paste;                 /* between ESC [ 200 ~ and ESC [ 201 ~ */
    int paste_cr;                 /* the paste's last byte was CR (a following LF is dropped) */
    struct sbuf paste;            /* the bracketed paste collected so far */
    int burst_seen;               /* a burst was seen, at burst_ms */
    long burst_ms;
    struct keyin_seq *extra;      /* sequences from keyin_add_sequence */
    size_t nextra;
    struct keyin_event *queue;    /* decoded events, taken from qhead */
    size_t qhead, qlen, qcap;
};

/* Initialises k (no input, no extra sequences).  esc_delay_ms is how long a
 * lone ESC waits for a following byte before it is KEYC_ESC; <= 0 means
 * KEYIN_ESC_DELAY_DEFAULT (25). */
void keyin_init(struct keyin *k, int esc_delay_ms);
/* Frees everything k holds: buffered bytes, a half-collected paste, events
 * not taken (their texts too) and the extra sequences.  k may be initialised
 * again. */
void keyin_release(struct keyin *k);

/* Adds an extra escape sequence (e.g. from terminfo's key_* capabilities for
 * the current TERM) that means key (a KEYC_* code or a printable code point).
 * Only NUL-terminated sequences of 2..KEYIN_SEQ_MAX bytes that start with ESC
 * are taken, and not the bracketed-paste markers: 0 when added (a sequence
 * added before gets the new key), -1 when ignored (also for an invalid key).
 * Extra sequences are tried before the built-in table; they need not follow
 * the CSI/SS3 grammar (a vt52's "ESC A" is matched too). */
int keyin_add_sequence(struct keyin *k, const char *seq, int key);

/* Feeds the bytes just read from the terminal, at time now_ms (one call per
 * read(): what arrives in one read matters for CR LF and bursts).  Decodes
 * what it can; takes no ownership of buf. */
void keyin_feed(struct keyin *k, const char *buf, size_t len, long now_ms);

/* Takes the next complete event: 1 when *ev was filled, 0 when nothing is
 * ready (more bytes or more time are needed).  Never blocks, never reads.
 * Call it in a loop after each feed, and again when keyin_timeout says so (a
 * lone ESC becomes KEYC_ESC, an unfinished sequence or character is dropped,
 * an unended paste is handed out: all decided by now_ms). */
int keyin_next(struct keyin *k, long now_ms, struct keyin_event *ev);

/* Milliseconds from now_ms until keyin_next can produce an event, or decide
 * pending bytes, without more input (a lone ESC whose delay runs out, an
 * unfinished sequence or UTF-8 character that will be dropped, a paste whose
 * end marker never came); 0 when one is ready now; -1 when nothing is
 * pending.  The caller passes it to poll(). */
long keyin_timeout(const struct keyin *k, long now_ms);

#endif
