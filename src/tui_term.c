/* tui_term.c — what the interface changes in the terminal's description
 * (terminfo), kept apart: term.h's capability macros (lines, columns ...)
 * would clash with names elsewhere. */
#include "tui_int.h"

#include <string.h>
#include <term.h>

/* sgr and sgr0 without the switch back to the normal character set
 * (xterm's "\E(B", tmux's SI): curses sends them with every change of
 * attributes, about one byte in sixteen of a frame, yet this interface never
 * draws with the alternate character set (its lines are box-drawing
 * characters, or ASCII).  The switch is sent once here instead, for a
 * terminal a program before left in line-drawing mode.  The restore
 * sequence for the end was taken from terminfo before. */
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
