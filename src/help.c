/* help.c — see help.h. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "i18n.h"
#include "markup.h"
#include "textutil.h"

/* The help's own words, in the language of gettext (headings_init). */
struct headings {
    const char *name, *question, *fields, *asks, *why, *check, *who, *refs, *see, *no_url, *yesno,
        *text;
};

/* Makes gettext speak lang (the caller has normally done so already) and
 * fills h; returns the language to go back to (help_done). */
static enum lang headings_init(struct headings *h, enum lang lang)
{
    enum lang prev = i18n_lang();
    if (prev != lang)
        i18n_set(lang);
    /* TRANSLATORS: the headings of a question's help, in the style of a
     * manual page (upper case, as man(1) shows them) */
    h->name = _("NAME");
    h->question = _("QUESTION");
    h->fields = _("ANSWER FIELDS");
    h->asks = _("WHAT IT ASKS");
    h->why = _("WHY IT MATTERS");
    h->check = _("WHAT TO CHECK");
    h->who = _("WHO CAN HELP");
    h->refs = _("REFERENCES");
    h->see = _("SEE ALSO");
    /* TRANSLATORS: a reference that the catalogue's source names without a URL */
    h->no_url = _("(no address in the document)");
    /* TRANSLATORS: the kinds of answer field, after the field's id */
    h->yesno = _("yes/no/unsure");
    h->text = _("text");
    return prev;
}

static void help_done(enum lang prev)
{
    if (i18n_lang() != prev)
        i18n_set(prev);
}

static void heading(struct sbuf *out, const char *h)
{
    sbuf_adds(out, "\n");
    text_wrap(out, h, 200, 0);
}

static void paragraphs(struct sbuf *out, const struct strlist *l, size_t width, size_t ind)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sbuf_addc(out, '\n');
        text_wrap(out, l->v[i], width > ind + 8 ? width - ind : 8, ind);
    }
}

/* A list item: "- " in the indentation of its first line. */
static void bullet(struct sbuf *out, const char *text, size_t width, size_t ind)
{
    struct sbuf item;
    sbuf_init(&item);
    text_wrap(&item, text, width > ind + 10 ? width - ind - 2 : 8, ind + 2);
    item.buf[ind] = '-';
    sbuf_add(out, item.buf, item.len);
    sbuf_release(&item);
}

static void bullets(struct sbuf *out, const struct strlist *l, size_t width, size_t ind)
{
    for (size_t i = 0; i < l->n; i++)
        bullet(out, l->v[i], width, ind);
}

/* A resource's address as the help and the about page give it: the URL
 * (marked when the catalogue added it), or that the source gives none. */
static char *resource_address(const struct cat_resource *r, const struct headings *h)
{
    if (!r->url)
        return xstrdup(h->no_url);
    if (r->url_added)
        /* TRANSLATORS: after a URL the source does not give */
        return xasprintf("%s %s", r->url, _("(address added)"));
    return xstrdup(r->url);
}

void help_render_text(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, size_t width, size_t ind)
{
    struct headings heads, *h = &heads;
    enum lang prev = headings_init(h, lang);
    const struct cat_help *hp = &q->help[lang];
    char *line;
    if (!cat->langs[lang])
        hp = &q->help[lang == LANG_DE ? LANG_EN : LANG_DE];
    if (width < 40)
        width = 40;

    line = xasprintf("%d - %s", q->number, l10n_get(&q->title, lang));
    text_wrap(out, h->name, 200, 0);
    text_wrap(out, line, width - ind, ind);
    free(line);
    line = xasprintf(_("Section: %s"), l10n_get(&cat->sections[q->section].title, lang));
    text_wrap(out, line, width - ind, ind);
    free(line);
    line = xasprintf(_("Catalogue: %s"), l10n_get(&cat->short_title, lang));
    text_wrap(out, line, width - ind, ind);
    free(line);

    heading(out, h->question);
    text_wrap(out, l10n_get(&q->text, lang), width - ind, ind);

    heading(out, h->fields);
    for (size_t i = 0; i < q->nfields; i++) {
        line = xasprintf("%s (%s): %s", q->fields[i].id,
                         q->fields[i].type == FIELD_YESNO ? h->yesno : h->text,
                         l10n_get(&q->fields[i].label, lang));
        text_wrap(out, line, width - ind, ind);
        free(line);
    }

    heading(out, h->asks);
    paragraphs(out, &hp->asks, width, ind);
    heading(out, h->why);
    paragraphs(out, &hp->why, width, ind);
    heading(out, h->check);
    bullets(out, &hp->check, width, ind);
    heading(out, h->who);
    paragraphs(out, &hp->who, width, ind);

    if (q->refs.n) {
        heading(out, h->refs);
        for (size_t i = 0; i < q->refs.n; i++) {
            const struct cat_resource *r = catalog_resource(cat, q->refs.v[i]);
            if (!r)
                continue;
            char *addr = resource_address(r, h);
            line = xasprintf("%s\n%s", l10n_get(&r->title, lang), addr);
            text_wrap(out, line, width - ind, ind);
            free(line);
            free(addr);
        }
    }
    if (q->related.n) {
        heading(out, h->see);
        for (size_t i = 0; i < q->related.n; i++) {
            const struct cat_question *r = catalog_question(cat, q->related.v[i]);
            if (!r)
                continue;
            line = xasprintf("%d - %s", r->number, l10n_get(&r->title, lang));
            text_wrap(out, line, width - ind, ind);
            free(line);
        }
    }
    help_done(prev);
}

void help_render_index(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width)
{
    text_wrap(out, l10n_get(&cat->title, lang), width, 0);
    if (cat->stand.s[lang] || cat->stand.s[!lang])
        text_wrap(out, l10n_get(&cat->stand, lang), width, 0);
    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        sbuf_addc(out, '\n');
        text_wrap(out, l10n_get(&sec->title, lang), width, 0);
        for (size_t i = sec->first; i < sec->first + sec->count; i++) {
            const struct cat_question *q = &cat->questions[i];
            char *line = xasprintf("%2d  %s", q->number, l10n_get(&q->title, lang));
            text_wrap(out, line, width - 2, 2);
            free(line);
        }
    }
}

/* "¹" for the footnote mark "1" (as the note's text has it), else the mark. */
static const char *superscript(const char *mark)
{
    static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
    if (mark[0] >= '0' && mark[0] <= '9' && !mark[1])
        return sup[mark[0] - '0'];
    return mark;
}

/* The note's footnotes as the source has them ("¹ Link: URL"), with the
 * title the catalogue adds marked as added. */
static void about_footnotes(struct sbuf *out, const struct catalog *cat, enum lang lang,
                            size_t width, size_t ind)
{
    for (size_t i = 0; i < cat->nfootnotes; i++) {
        const struct cat_resource *r = catalog_resource(cat, cat->footnotes[i].resource);
        char *line;
        if (!r)
            continue;
        line = xasprintf("%s Link: %s", superscript(cat->footnotes[i].mark), r->url ? r->url : "-");
        sbuf_addc(out, '\n');
        text_wrap(out, line, width - ind, ind);
        free(line);
        if (r->title_added) {
            /* TRANSLATORS: a footnote's title, which the source does not give */
            line = xasprintf(_("(%s; title added by coopcheck)"), l10n_get(&r->title, lang));
            text_wrap(out, line, width - ind - 2, ind + 2);
            free(line);
        }
    }
}

/* The note's list of further information, after the source's lead-in. */
static void about_further(struct sbuf *out, const struct catalog *cat, enum lang lang,
                          const struct headings *h, size_t width, size_t ind)
{
    if (!cat->note_further.n)
        return;
    sbuf_addc(out, '\n');
    if (cat->further_intro.s[0] || cat->further_intro.s[1])
        text_wrap(out, l10n_get(&cat->further_intro, lang), width - ind, ind);
    for (size_t i = 0; i < cat->note_further.n; i++) {
        const struct cat_resource *r = catalog_resource(cat, cat->note_further.v[i]);
        char *addr, *line;
        if (!r)
            continue;
        addr = resource_address(r, h);
        if (r->remark.s[0] || r->remark.s[1])
            line = xasprintf("%s: %s %s", l10n_get(&r->title, lang), addr, l10n_get(&r->remark, lang));
        else
            line = xasprintf("%s: %s", l10n_get(&r->title, lang), addr);
        bullet(out, line, width, ind);
        free(line);
        free(addr);
    }
}

/* The resources the source lists after the questions (its own heading),
 * then what the catalogue keeps as the source has it. */
static void about_resources(struct sbuf *out, const struct catalog *cat, enum lang lang,
                            const struct headings *h, size_t width, size_t ind)
{
    int any = 0;
    size_t n = cat->resources_list.n ? cat->resources_list.n : cat->nresources;
    for (size_t i = 0; i < n; i++) {
        const struct cat_resource *r = cat->resources_list.n
                                           ? catalog_resource(cat, cat->resources_list.v[i])
                                           : &cat->resources[i];
        char *addr, *line;
        if (!r || (!cat->resources_list.n && r->kind && strcmp(r->kind, "resource") != 0))
            continue;   /* the note's footnotes and further list show those */
        if (!any++) {
            heading(out, _("REFERENCES AND FURTHER INFORMATION"));
            if (cat->resources_intro.s[0] || cat->resources_intro.s[1])
                text_wrap(out, l10n_get(&cat->resources_intro, lang), width - ind, ind);
        }
        addr = resource_address(r, h);
        line = xasprintf("%s\n%s", l10n_get(&r->title, lang), addr);
        sbuf_addc(out, '\n');
        text_wrap(out, line, width - ind, ind);
        free(line);
        free(addr);
    }
    if (cat->kept_as_is.s[0] || cat->kept_as_is.s[1]) {
        heading(out, _("THE SOURCE'S WORDING"));
        text_wrap(out, l10n_get(&cat->kept_as_is, lang), width - ind, ind);
    }
}

/* The words of text[0..len) between the bytes p0 and p1 marked, in the
 * wrapped copy w: wrapping changes only the white space between words, so the
 * words of both are walked together. */
static void mark_words(struct sbuf *out, const char *text, size_t p0, size_t p1, const char *w)
{
    size_t t = 0;
    while (*w) {
        size_t n = strcspn(w, " \n"), tn;
        if (!n) {
            sbuf_addc(out, *w++);
            continue;
        }
        t += strspn(text + t, " \n\t");
        tn = strcspn(text + t, " \n\t");
        if (t >= p0 && t + tn <= p1 && tn == n) {
            sbuf_addc(out, HELP_EMPH_ON);
            sbuf_add(out, w, n);
            sbuf_addc(out, HELP_EMPH_OFF);
        } else {
            sbuf_add(out, w, n);
        }
        t += tn;
        w += n;
    }
}

/* text wrapped, with phrase (a part of it) marked when marks is set. */
static void wrap_marked(struct sbuf *out, const char *text, const char *phrase, size_t width,
                        size_t ind, int marks)
{
    const char *at = marks && phrase && *phrase ? strstr(text, phrase) : NULL;
    struct sbuf w;
    if (!at) {
        text_wrap(out, text, width, ind);
        return;
    }
    sbuf_init(&w);
    text_wrap(&w, text, width, ind);
    mark_words(out, text, (size_t)(at - text), (size_t)(at - text) + strlen(phrase), w.buf);
    sbuf_release(&w);
}

void help_render_about(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width,
                       size_t ind, int marks)
{
    struct headings heads;
    enum lang prev = headings_init(&heads, lang);
    if (width < 40)
        width = 40;
    text_wrap(out, l10n_get(&cat->title, lang), width, 0);
    if (cat->stand.s[0] || cat->stand.s[1])
        text_wrap(out, l10n_get(&cat->stand, lang), width, 0);
    if (cat->issuer.s[0] || cat->issuer.s[1])
        text_wrap(out, l10n_get(&cat->issuer, lang), width, 0);
    if (cat->nnote_paras) {
        /* TRANSLATORS: the headings of the "About this catalogue" page */
        heading(out, _("COVER NOTE"));
        text_wrap(out, l10n_get(&cat->note_title, lang), width - ind, ind);
        for (size_t i = 0; i < cat->nnote_paras; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_paras[i], lang), width - ind, ind);
        }
        about_footnotes(out, cat, lang, width, ind);
        for (size_t i = 0; i < cat->nnote_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_closing[i], lang), width - ind, ind);
        }
        about_further(out, cat, lang, &heads, width, ind);
    }
    if (cat->purpose_intro.s[0] || cat->purpose_intro.s[1]) {
        heading(out, _("PURPOSE OF THE CATALOGUE"));
        wrap_marked(out, l10n_get(&cat->purpose_intro, lang),
                    cat->purpose_emphasis.s[lang] ? cat->purpose_emphasis.s[lang] : NULL, width - ind,
                    ind, marks);
        for (size_t i = 0; i < cat->npurpose_items; i++) {
            bullet(out, l10n_get(&cat->purpose_items[i], lang), width, ind);
        }
        for (size_t i = 0; i < cat->npurpose_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->purpose_closing[i], lang), width - ind, ind);
        }
    }
    about_resources(out, cat, lang, &heads, width, ind);
    help_done(prev);
}

/* ---- roff ---- */

static void roff_paras(struct sbuf *out, const struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sbuf_adds(out, ".PP\n");
        roff_line(out, l->v[i]);
    }
}

/* The body of one question's help; sect is the macro for its parts. */
static void roff_question(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                          enum lang lang, const struct headings *h, const char *sect)
{
    const struct cat_help *hp = cat->langs[lang] ? &q->help[lang] : &q->help[!lang];
    roff_macro(out, sect, h->question);
    roff_line(out, l10n_get(&q->text, lang));
    roff_macro(out, sect, h->fields);
    for (size_t i = 0; i < q->nfields; i++) {
        char *line = xasprintf("%s (%s)", q->fields[i].id,
                               q->fields[i].type == FIELD_YESNO ? h->yesno : h->text);
        sbuf_adds(out, ".TP\n");
        roff_macro(out, "B", line);
        roff_line(out, l10n_get(&q->fields[i].label, lang));
        free(line);
    }
    roff_macro(out, sect, h->asks);
    roff_paras(out, &hp->asks);
    roff_macro(out, sect, h->why);
    roff_paras(out, &hp->why);
    roff_macro(out, sect, h->check);
    for (size_t i = 0; i < hp->check.n; i++) {
        sbuf_adds(out, ".IP \\(bu 2\n");
        roff_line(out, hp->check.v[i]);
    }
    roff_macro(out, sect, h->who);
    roff_paras(out, &hp->who);
    if (q->refs.n) {
        roff_macro(out, sect, h->refs);
        for (size_t i = 0; i < q->refs.n; i++) {
            const struct cat_resource *r = catalog_resource(cat, q->refs.v[i]);
            if (!r)
                continue;
            char *addr = resource_address(r, h);
            sbuf_adds(out, ".TP\n");
            roff_line(out, l10n_get(&r->title, lang));
            roff_line(out, addr);
            free(addr);
        }
    }
    if (q->related.n) {
        roff_macro(out, sect, h->see);
        for (size_t i = 0; i < q->related.n; i++) {
            const struct cat_question *r = catalog_question(cat, q->related.v[i]);
            char *line;
            if (!r)
                continue;
            line = xasprintf(_("Question %d: %s"), r->number, l10n_get(&r->title, lang));
            if (i + 1 < q->related.n) {
                char *more = xasprintf("%s,", line);
                free(line);
                line = more;
            }
            if (i)
                sbuf_adds(out, ".br\n");
            roff_line(out, line);
            free(line);
        }
    }
}

static void roff_header(struct sbuf *out, const char *name, const struct catalog *cat,
                        const char *version, const char *manual)
{
    char *src = xasprintf("coopcheck %s", version);
    sbuf_adds(out, ".\\\" Generated by coopcheck from its catalogue ");
    roff_escape(out, cat->id);
    sbuf_adds(out, ".\n.TH ");
    roff_arg(out, name);
    sbuf_adds(out, " 7 ");
    roff_arg(out, CC_RELEASE_DATE);   /* the page's date: this release of coopcheck */
    sbuf_addc(out, ' ');
    roff_arg(out, src);
    sbuf_addc(out, ' ');
    roff_arg(out, manual);
    sbuf_addc(out, '\n');
    free(src);
}

void help_render_roff(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, const char *version)
{
    struct headings heads;
    enum lang prev = headings_init(&heads, lang);
    char *name = xasprintf("COOPCHECK-%s", q->id);
    for (char *p = name; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    roff_header(out, name, cat, version, l10n_get(&cat->short_title, lang));
    sbuf_adds(out, ".SH NAME\n");
    sbuf_addf(out, "%s \\- %d: ", q->id, q->number);   /* an id is [a-z0-9-] */
    roff_line(out, l10n_get(&q->title, lang));
    roff_question(out, cat, q, lang, &heads, "SH");
    free(name);
    help_done(prev);
}

void help_render_roff_all(struct sbuf *out, const struct catalog *cat, enum lang lang,
                          const char *version)
{
    struct headings heads;
    enum lang prev = headings_init(&heads, lang);
    roff_header(out, "COOPCHECK-QUESTIONS", cat, version, l10n_get(&cat->short_title, lang));
    sbuf_adds(out, ".SH NAME\ncoopcheck-questions \\- ");
    /* TRANSLATORS: the one-line description of the manual page
     * coopcheck-questions(7) */
    roff_line(out, _("the questions of the catalogue with their help"));
    sbuf_adds(out, ".SH DESCRIPTION\n");
    roff_line(out, l10n_get(&cat->title, lang));
    if (cat->stand.s[0] || cat->stand.s[1]) {
        sbuf_adds(out, ".br\n");
        roff_line(out, l10n_get(&cat->stand, lang));
    }
    if (cat->issuer.s[0] || cat->issuer.s[1]) {
        sbuf_adds(out, ".br\n");
        roff_line(out, l10n_get(&cat->issuer, lang));
    }
    if (cat->kept_as_is.s[0] || cat->kept_as_is.s[1]) {
        sbuf_adds(out, ".PP\n");
        roff_line(out, l10n_get(&cat->kept_as_is, lang));
    }
    sbuf_adds(out, ".PP\n");
    roff_line(out, _("This page is generated from the catalogue. coopcheck help N shows the help "
                     "of one question."));
    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        for (size_t i = sec->first; i < sec->first + sec->count; i++) {
            const struct cat_question *q = &cat->questions[i];
            /* TRANSLATORS: a section heading of coopcheck-questions(7) */
            char *title = xasprintf(_("QUESTION %d: %s"), q->number, l10n_get(&q->title, lang));
            roff_macro(out, "SH", title);
            free(title);
            if (i == sec->first) {
                sbuf_adds(out, ".I\n");
                roff_line(out, l10n_get(&sec->title, lang));
            }
            roff_question(out, cat, q, lang, &heads, "SS");
        }
    }
    sbuf_adds(out, ".SH SEE ALSO\n.BR coopcheck (1),\n.BR coopcheck-catalog (5)\n");
    help_done(prev);
}
