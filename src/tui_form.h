/* tui_form.h — shared by the two files of the cooperation form only:
 * tui_form.c (the screen: fields, partners, keys) and tui_form_save.c (what
 * was typed checked, and saved or created). */
#ifndef COOPCHECK_TUI_FORM_H
#define COOPCHECK_TUI_FORM_H

#include "tui_int.h"

#include "store.h"

#define FORM_FIELD_MAX 1024   /* bytes a field takes (the core's limit of such text) */
#define FORM_PARTNERS_MAX 50

/* The fixed fields, in the form's order. */
enum { FF_ID, FF_TITLE, FF_COUNTRY, FF_PI, FF_START, FF_INTERVAL, FF_CATALOG, FF_FIXED };

enum form_mode {
    FORM_NEW,     /* a new cooperation */
    FORM_LIST,    /* one from the list: the form holds its editor's lock */
    FORM_OPEN,    /* the cooperation open in the assessment (t->av) */
};

struct partner_row {
    struct editbuf name, aliases;   /* aliases separated by ';' */
};

struct form {
    struct screen base;
    enum form_mode mode;
    char *id;                 /* the cooperation edited (NULL for a new one) */
    struct coop orig;         /* as it was when the form opened: its stamps */
    struct editbuf fixed[FF_FIXED];
    struct partner_row *p;
    size_t np;
    size_t field;             /* the focused field (form_nfields) */
    size_t top;               /* the first row shown */
    int changed;              /* partners added, removed or moved */
    char *catalog;            /* the catalogue id it has (or, new, would get) */
    int rescreen;             /* the open cooperation's partners changed: screen again */
    int drop_ok;              /* the user agreed to drop answers the new catalogue
                                 has no place for (asked on the first Enter) */
    char error[1100];         /* why the last save was refused ("" when none) */
};

/* The fields: the fixed ones shown (not the id of one that exists), then
 * each partner's name and aliases. */
size_t form_nfixed(const struct form *f);
size_t form_nfields(const struct form *f);
struct editbuf *form_buf(struct form *f, size_t i);
size_t form_field_of_fixed(const struct form *f, int fixed);
size_t form_field_of_partner(const struct form *f, size_t partner, int alias);

/* Enter: checks what was typed and saves it (or creates the cooperation and
 * opens it); on a refusal, f->error says why and the form stays. */
void form_submit(struct tui *t, struct form *f);

#endif
