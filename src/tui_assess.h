/* tui_assess.h — shared by the two files of the assessment screen only:
 * tui_assess.c (the screen: layout, question list, help pane, keys) and
 * tui_qpane.c (the question pane: the question, its fields, the editor's
 * text in place, search matches). */
#ifndef COOPCHECK_TUI_ASSESS_H
#define COOPCHECK_TUI_ASSESS_H

#include "tui_int.h"

enum { FOCUS_LIST, FOCUS_FIELDS, FOCUS_HELP };

struct assess {
    struct screen base;
    size_t sel;            /* selected question */
    size_t list_top;       /* first row of the question list shown */
    int focus;             /* FOCUS_* */
    size_t field;          /* focused field (FOCUS_FIELDS) */
    size_t q_top;          /* scroll of the question pane */
    int q_scrolled;        /* the user scrolled it: do not follow the focus */
    size_t help_top;       /* scroll of the help pane */
    char search[256];      /* the last search, highlighted in the pane */
    int risk_col;          /* the list shows a risk column (something is rated) */
    struct qcache *qc;     /* the question pane's answers as laid out (tui_qpane.c) */
    struct {               /* the help pane's lines, as last rendered: for what */
        const struct catalog *cat;
        size_t qi;
        int lang, width;
        struct strlist lines;   /* (n 0: nothing kept) */
    } help;
};

struct layout {
    int top, h;               /* body rows */
    int list_w;               /* question list: columns 0 .. list_w-1 */
    int q_x, q_w;             /* question pane */
    int help_x, help_w;       /* help pane (0 width: none) */
};

void assess_layout(const struct tui *t, struct layout *l);
/* Draws the question pane; eb (not NULL) is the editor's text, shown in
 * place of field f. */
void qpane_draw(struct tui *t, struct assess *as, const struct layout *l, const struct editbuf *eb,
                size_t f);
/* Frees what qpane_draw keeps between frames. */
void qpane_release(struct assess *as);
/* The editor closed on eb and its text is the field's answer now: the pane
 * takes the editor's layout of it over instead of wrapping it again (256 KiB
 * take milliseconds).  Nothing happens when the text is shown with escapes. */
void qpane_keep_layout(struct assess *as, const struct editbuf *eb);
/* Where needle (case-insensitive) is in hay: 1 and the byte range, else 0. */
int find_ci(const char *hay, const char *needle, size_t *start, size_t *len);

#endif
