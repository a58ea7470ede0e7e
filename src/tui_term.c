/* tui_term.c — what the interface changes in the terminal's description
 * (terminfo), kept apart: term.h's capability macros (lines, columns ...)
 * would clash with names elsewhere. */
#include "tui_int.h"

#include <string.h>
#include <term.h>

/* tigetstr's string, NULL for both its ways of saying there is none. */
char *term_cap(const char *name)
{
    char *s = tigetstr((char *)name);
    return s && s != (char *)-1 ? s : NULL;
}

static int cap_ok(const char *s)
{
    return s && *s;
}

/* Cuts n bytes at at out of the string it is in. */
static void cut(char *at, size_t n)
{
    memmove(at, at + n, strlen(at + n) + 1);
}

/* sgr and sgr0 without the switch back to the normal character set
 * (xterm's "\E(B", tmux's SI): curses sends them with every change of
 * attributes, about one byte in sixteen of a frame, yet this interface never
 * draws with the alternate character set (its lines are box-drawing
 * characters, or ASCII).  The switch is sent once here instead, for a
 * terminal a program before left in line-drawing mode.  The restore
 * sequence for the end was taken from terminfo before. */
void draw_trim_charset(void)
{
    /* tigetstr gives curses' own copies, which it reads at every change of
     * attributes (term.h's macros name a copy curses no longer uses); both
     * only get shorter */
    char *rmacs = term_cap("rmacs"), *sgr = term_cap("sgr"), *sgr0 = term_cap("sgr0"), *at, *end;
    if (!cap_ok(rmacs))
        return;
    putp(rmacs);
    if (cap_ok(sgr0) && (at = strstr(sgr0, rmacs)) != NULL)
        cut(at, strlen(rmacs));
    /* sgr's choice of the ninth parameter: "%?%p9%t<smacs>%e<rmacs>%;" */
    if (cap_ok(sgr) && (at = strstr(sgr, "%?%p9%t")) != NULL && (end = strstr(at, "%;")) != NULL)
        cut(at, (size_t)(end + 2 - at));
}

/* Empties cap's string for a moment (curses reads its own copy, which
 * term_cap gives): its first byte, to be put back. */
static char mute(char *cap)
{
    char c = cap_ok(cap) ? cap[0] : '\0';
    if (c)
        cap[0] = '\0';
    return c;
}

static void unmute(char *cap, char c)
{
    if (c)
        cap[0] = c;
}

/* ncurses 6 empties its output buffer after every cursor move until the
 * program's first endwin() (it flushes in mvcur while the screen is in its
 * initial state): a frame left as a write() per line, each waking the
 * terminal's side of the pseudo-terminal (a frame's pieces came over 1-1.6 ms
 * in the bench; over SSH each can be a packet of its own).  After an endwin()
 * and the update that resumes, a frame is one write.  So the interface takes
 * that step once, right after newterm, with the strings that would leave and
 * enter the alternate screen and the keypad mode muted: the terminal sees a
 * cursor move, a carriage return and the usual reset of scroll region and
 * attributes, then the screen cleared. */
void term_batch_output(void)
{
    char *rmcup = term_cap("rmcup"), *rmkx = term_cap("rmkx"), *smcup = term_cap("smcup");
    char c_rmcup = mute(rmcup), c_rmkx = mute(rmkx), c_smcup;
    endwin();
    unmute(rmcup, c_rmcup);
    unmute(rmkx, c_rmkx);
    c_smcup = mute(smcup);
    doupdate();   /* back from "shell mode": from now on a frame is one write */
    unmute(smcup, c_smcup);
}
