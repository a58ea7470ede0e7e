/* tui_picker.c — the cooperation picker (coopcheck with no arguments) and the
 * small form that creates a new cooperation. */
#include "tui_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cctime.h"
#include "store.h"
#include "textutil.h"

static const char *const form_labels[4] = { "Id (a-z, 0-9, -): ", "Title: ", "Partner: ", "Country: " };

void picker_release(struct tui *t)
{
    struct picker *p = &t->picker;
    strlist_release(&p->ids);
    strlist_release(&p->titles);
    strlist_release(&p->infos);
    if (p->form)
        for (int i = 0; i < 4; i++)
            editbuf_release(&p->form_eb[i]);
    p->form = 0;
}

void picker_load(struct tui *t)
{
    struct picker *p = &t->picker;
    struct strlist ids = { 0 };
    struct cc_err err;
    size_t keep = p->sel;
    picker_release(t);
    if (store_coops(t->env->data, &ids, &err) != 0)
        tui_message(t, 1, "%s", err.msg);
    for (size_t i = 0; i < ids.n; i++) {
        struct assessment *a;
        struct strlist snaps = { 0 };
        struct store_due due;
        if (store_load(t->env->data, ids.v[i], &t->env->cats, &a, &err) != 0) {
            strlist_push(&p->ids, ids.v[i]);
            strlist_push(&p->titles, "(cannot be read)");
            strlist_push(&p->infos, err.msg);
            continue;
        }
        store_snapshots(t->env->data, ids.v[i], &snaps, &err);
        store_due(a, &snaps, &due);
        strlist_push(&p->ids, ids.v[i]);
        strlist_push(&p->titles, a->coop.title);
        strlist_push_owned(&p->infos, xasprintf("%zu/%zu  due %s%s%s", assessment_answered(a),
                                                a->cat->nquestions, due.next,
                                                due.status != DUE_OK ? " " : "",
                                                due.status != DUE_OK ? store_due_word(due.status) : ""));
        strlist_release(&snaps);
        assessment_free(a);
    }
    strlist_release(&ids);
    p->sel = keep < p->ids.n ? keep : 0;
}

static void draw_form(struct tui *t)
{
    struct picker *p = &t->picker;
    int w = t->cols - 8 > 70 ? 70 : t->cols - 8, h = 10;
    int x0 = (t->cols - w) / 2, y0 = (t->rows - h) / 2;
    for (int y = 0; y < h; y++)
        draw_fill(t, y0 + y, x0, w, TS_NORMAL);
    draw_hline(t, y0, x0, w);
    draw_hline(t, y0 + h - 1, x0, w);
    draw_text(t, y0, x0 + 2, " New cooperation ", w - 4, TS_TITLE);
    for (int i = 0; i < 4; i++) {
        int lw = draw_text(t, y0 + 2 + i, x0 + 2, form_labels[i], w / 2, i == p->form_field ? TS_FOCUS : TS_LABEL);
        draw_fill(t, y0 + 2 + i, x0 + 2 + lw, w - 4 - lw, TS_EDITOR);
        draw_text(t, y0 + 2 + i, x0 + 2 + lw, p->form_eb[i].text, w - 4 - lw, TS_EDITOR);
    }
    draw_text(t, y0 + 7, x0 + 2, p->form_error[0] ? p->form_error : "Tab next field  Enter create  Esc cancel",
              w - 4, p->form_error[0] ? TS_ERROR : TS_NORMAL);
    {
        size_t row, col;
        int lw = (int)text_width(form_labels[p->form_field]);
        editbuf_cursor_rowcol(&p->form_eb[p->form_field], 100000, &row, &col);
        draw_cursor(t, y0 + 2 + p->form_field, x0 + 2 + lw + (int)col);
    }
}

void picker_draw(struct tui *t)
{
    struct picker *p = &t->picker;
    int h = t->rows - 3, idw = 22;
    char right[64];
    snprintf(right, sizeof(right), "%zu", p->ids.n);
    draw_header(t, ui(S_PICKER_TITLE, t->lang), right);
    draw_text(t, 1, 1, t->env->data, t->cols - 2, TS_NORMAL);
    if (p->ids.n == 0)
        draw_text(t, 3, 2, ui(S_NO_COOPS, t->lang), t->cols - 4, TS_NORMAL);
    if (p->sel < p->top)
        p->top = p->sel;
    if (p->sel >= p->top + (size_t)(h - 1))
        p->top = p->sel - (size_t)(h - 2);
    for (int y = 0; y < h - 1 && p->top + (size_t)y < p->ids.n; y++) {
        size_t i = p->top + (size_t)y;
        enum theme_slot s = i == p->sel ? TS_LIST_SELECTED : TS_LIST;
        int row = 2 + y, x = 1, tw = t->cols / 2 - idw;
        draw_fill(t, row, 0, t->cols, s);
        draw_text(t, row, x, p->ids.v[i], idw - 1, s);
        x += idw;
        draw_text(t, row, x, p->titles.v[i], tw > 10 ? tw : 10, s);
        x += tw > 10 ? tw + 1 : 11;
        draw_text(t, row, x, p->infos.v[i], t->cols - x - 1, s);
    }
    draw_status(t, "j/k move  Enter open  n new cooperation  q quit");
    if (p->form)
        draw_form(t);
}

static void form_open(struct tui *t)
{
    struct picker *p = &t->picker;
    for (int i = 0; i < 4; i++)
        editbuf_init(&p->form_eb[i], "");
    p->form = 1;
    p->form_field = 0;
    p->form_error[0] = '\0';
}

static void form_close(struct tui *t)
{
    struct picker *p = &t->picker;
    for (int i = 0; i < 4; i++)
        editbuf_release(&p->form_eb[i]);
    p->form = 0;
}

static void form_submit(struct tui *t)
{
    struct picker *p = &t->picker;
    struct coop meta;
    struct assessment *a;
    struct cc_err err;
    const struct catalog *cat = catalog_set_find(&t->env->cats, "bmbf-china-2024");
    char now[CC_ISO_LEN], *id;
    if (!cat)
        cat = t->env->cats.n ? t->env->cats.v[0] : NULL;
    if (!coop_id_valid(p->form_eb[0].text)) {
        snprintf(p->form_error, sizeof(p->form_error), "invalid id: %s", coop_id_rule());
        p->form_field = 0;
        return;
    }
    if (!cat) {
        snprintf(p->form_error, sizeof(p->form_error), "no catalogue is installed");
        return;
    }
    memset(&meta, 0, sizeof(meta));
    meta.id = p->form_eb[0].text;
    meta.title = p->form_eb[1].text[0] ? p->form_eb[1].text : p->form_eb[0].text;
    if (p->form_eb[2].text[0])
        strlist_push(&meta.partners, p->form_eb[2].text);
    meta.country = p->form_eb[3].text[0] ? p->form_eb[3].text : NULL;
    meta.interval_months = t->cfg.interval_months;
    cc_now(now);
    a = assessment_new(cat, &meta, t->who, now);
    strlist_release(&meta.partners);
    if (store_create(t->env->data, a, &err) != 0) {
        snprintf(p->form_error, sizeof(p->form_error), "%s", err.msg);
        assessment_free(a);
        return;
    }
    assessment_free(a);
    id = xstrdup(p->form_eb[0].text);
    form_close(t);
    picker_load(t);
    if (assess_open(t, id, NULL) == 0)
        tui_message(t, 0, "cooperation %s created", id);
    free(id);
}

static void form_key(struct tui *t, int key)
{
    struct picker *p = &t->picker;
    struct editbuf *eb = &p->form_eb[p->form_field];
    switch (key) {
    case KEYC_ESC: form_close(t); return;
    case KEYC_TAB: case KEYC_DOWN: p->form_field = (p->form_field + 1) % 4; return;
    case KEYC_BTAB: case KEYC_UP: p->form_field = (p->form_field + 3) % 4; return;
    case KEYC_ENTER: form_submit(t); return;
    case KEYC_BACKSPACE: editbuf_backspace(eb); return;
    case KEYC_DELETE: editbuf_delete(eb); return;
    case KEYC_LEFT: editbuf_left(eb); return;
    case KEYC_RIGHT: editbuf_right(eb); return;
    case KEYC_HOME: case KEYC_CTRL_A: editbuf_line_start(eb); return;
    case KEYC_END: case KEYC_CTRL_E: editbuf_line_end(eb); return;
    default:
        if (key >= 32 && key < KEYC_BASE && eb->len < 200)
            editbuf_insert_char(eb, (uint32_t)key);
        p->form_error[0] = '\0';
    }
}

int picker_paste(struct tui *t, const char *text)
{
    struct picker *p = &t->picker;
    struct editbuf *eb;
    size_t n;
    if (!p->form)
        return 0;
    eb = &p->form_eb[p->form_field];
    n = strcspn(text, "\n");   /* a form field is one line */
    if (eb->len + n > 200)
        n = eb->len < 200 ? 200 - eb->len : 0;
    while (n && ((unsigned char)text[n] & 0xc0) == 0x80)
        n--;
    editbuf_insert(eb, text, n);
    p->form_error[0] = '\0';
    return 1;
}

int picker_key(struct tui *t, int key)
{
    struct picker *p = &t->picker;
    enum action a;
    if (p->form) {
        form_key(t, key);
        return 0;
    }
    a = keymap_lookup(&t->km, key);
    /* "n" is "no" on the assessment screen; in this list it means new, too */
    if (key == 'n' || a == ACT_NEW) {
        form_open(t);
        return 0;
    }
    switch (a) {
    case ACT_UP: if (p->sel) p->sel--; break;
    case ACT_DOWN: if (p->sel + 1 < p->ids.n) p->sel++; break;
    case ACT_FIRST: p->sel = 0; break;
    case ACT_LAST: p->sel = p->ids.n ? p->ids.n - 1 : 0; break;
    case ACT_PAGE_UP: p->sel = p->sel > 10 ? p->sel - 10 : 0; break;
    case ACT_PAGE_DOWN: p->sel = p->sel + 10 < p->ids.n ? p->sel + 10 : (p->ids.n ? p->ids.n - 1 : 0); break;
    case ACT_EDIT: case ACT_OPEN: case ACT_PANE_RIGHT:
        if (p->sel < p->ids.n) {
            char *id = xstrdup(p->ids.v[p->sel]);
            assess_open(t, id, NULL);
            free(id);
        }
        break;
    case ACT_LANGUAGE: t->lang = t->lang == LANG_DE ? LANG_EN : LANG_DE; break;
    case ACT_QUIT: return 1;
    default: break;
    }
    return 0;
}
