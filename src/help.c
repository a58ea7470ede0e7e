/* help.c — see help.h. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "textutil.h"

struct headings {
    const char *name, *question, *fields, *asks, *why, *check, *who, *refs, *see, *no_url, *section,
        *catalogue;
};

static const struct headings heads[LANG_COUNT] = {
    [LANG_DE] = { "NAME", "FRAGE", "ANTWORTFELDER", "WORUM ES GEHT", "WARUM ES WICHTIG IST",
                  "WAS ZU PRÜFEN IST", "WER HELFEN KANN", "QUELLEN", "SIEHE AUCH",
                  "(im Dokument ohne Adresse)", "Abschnitt", "Katalog" },
    [LANG_EN] = { "NAME", "QUESTION", "ANSWER FIELDS", "WHAT IT ASKS", "WHY IT MATTERS",
                  "WHAT TO CHECK", "WHO CAN HELP", "REFERENCES", "SEE ALSO",
                  "(no address in the document)", "Section", "Catalogue" },
};

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

void help_render_text(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, size_t width, size_t ind)
{
    const struct headings *h = &heads[lang];
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
    line = xasprintf("%s: %s", h->section, l10n_get(&cat->sections[q->section].title, lang));
    text_wrap(out, line, width - ind, ind);
    free(line);
    line = xasprintf("%s: %s", h->catalogue, l10n_get(&cat->short_title, lang));
    text_wrap(out, line, width - ind, ind);
    free(line);

    heading(out, h->question);
    text_wrap(out, l10n_get(&q->text, lang), width - ind, ind);

    heading(out, h->fields);
    for (size_t i = 0; i < q->nfields; i++) {
        line = xasprintf("%s (%s): %s", q->fields[i].id,
                         q->fields[i].type == FIELD_YESNO
                             ? (lang == LANG_DE ? "ja/nein/unsicher" : "yes/no/unsure")
                             : (lang == LANG_DE ? "Text" : "text"),
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
            line = xasprintf("%s\n%s", l10n_get(&r->title, lang), r->url ? r->url : h->no_url);
            text_wrap(out, line, width - ind, ind);
            free(line);
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

static void about_heading(struct sbuf *out, const char *h)
{
    sbuf_addc(out, '\n');
    text_wrap(out, h, 200, 0);
}

void help_render_about(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width,
                       size_t ind)
{
    int de = lang == LANG_DE;
    if (width < 40)
        width = 40;
    text_wrap(out, l10n_get(&cat->title, lang), width, 0);
    if (cat->stand.s[0] || cat->stand.s[1])
        text_wrap(out, l10n_get(&cat->stand, lang), width, 0);
    if (cat->issuer.s[0] || cat->issuer.s[1])
        text_wrap(out, l10n_get(&cat->issuer, lang), width, 0);
    if (cat->nnote_paras) {
        about_heading(out, de ? "HINWEISE" : "COVER NOTE");
        text_wrap(out, l10n_get(&cat->note_title, lang), width - ind, ind);
        for (size_t i = 0; i < cat->nnote_paras; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_paras[i], lang), width - ind, ind);
        }
        for (size_t i = 0; i < cat->nfootnotes; i++) {
            const struct cat_resource *r = catalog_resource(cat, cat->footnotes[i].resource);
            char *line;
            if (!r)
                continue;
            if (r->url)
                line = xasprintf("[%s] %s <%s>", cat->footnotes[i].mark, l10n_get(&r->title, lang),
                                 r->url);
            else
                line = xasprintf("[%s] %s", cat->footnotes[i].mark, l10n_get(&r->title, lang));
            sbuf_addc(out, '\n');
            text_wrap(out, line, width - ind, ind);
            free(line);
        }
        for (size_t i = 0; i < cat->nnote_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_closing[i], lang), width - ind, ind);
        }
    }
    if (cat->purpose_intro.s[0] || cat->purpose_intro.s[1]) {
        about_heading(out, de ? "ZWECK DES FRAGENKATALOGS" : "PURPOSE OF THE CATALOGUE");
        text_wrap(out, l10n_get(&cat->purpose_intro, lang), width - ind, ind);
        for (size_t i = 0; i < cat->npurpose_items; i++) {
            bullet(out, l10n_get(&cat->purpose_items[i], lang), width, ind);
        }
        for (size_t i = 0; i < cat->npurpose_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->purpose_closing[i], lang), width - ind, ind);
        }
    }
    if (cat->nresources) {
        about_heading(out, de ? "QUELLEN UND WEITERE INFORMATIONEN" : "REFERENCES AND FURTHER INFORMATION");
        for (size_t i = 0; i < cat->nresources; i++) {
            const struct cat_resource *r = &cat->resources[i];
            char *line = xasprintf("%s\n%s", l10n_get(&r->title, lang),
                                   r->url ? r->url : (de ? "(im Dokument ohne Adresse)"
                                                         : "(no address in the document)"));
            text_wrap(out, line, width - ind, ind);
            free(line);
        }
    }
}

/* ---- roff ---- */

/* A quoted macro argument: escaped, with '"' as \(dq and no line breaks. */
static void roff_quoted(struct sbuf *out, const char *arg)
{
    struct sbuf esc;
    sbuf_init(&esc);
    export_roff_escape(&esc, arg);
    sbuf_addc(out, '"');
    for (const char *p = esc.buf; *p; p++) {
        if (*p == '"')
            sbuf_adds(out, "\\(dq");
        else if (*p == '\n')
            sbuf_addc(out, ' ');
        else if (!(p[0] == '\\' && p[1] == '&' && (p == esc.buf || p[-1] == '\n')))
            sbuf_addc(out, *p);
        else
            p++;   /* a line-start guard means nothing inside quotes */
    }
    sbuf_addc(out, '"');
    sbuf_release(&esc);
}

/* A macro line with one quoted argument. */
static void roff_macro(struct sbuf *out, const char *macro, const char *arg)
{
    sbuf_addf(out, ".%s ", macro);
    roff_quoted(out, arg);
    sbuf_addc(out, '\n');
}

static void roff_text(struct sbuf *out, const char *s)
{
    export_roff_escape(out, s);
    if (out->len && out->buf[out->len - 1] != '\n')
        sbuf_addc(out, '\n');
}

static void roff_paras(struct sbuf *out, const struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sbuf_adds(out, ".PP\n");
        roff_text(out, l->v[i]);
    }
}

/* The body of one question's help; sect is the macro for its parts. */
static void roff_question(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                          enum lang lang, const char *sect)
{
    const struct headings *h = &heads[lang];
    const struct cat_help *hp = cat->langs[lang] ? &q->help[lang] : &q->help[!lang];
    roff_macro(out, sect, h->question);
    roff_text(out, l10n_get(&q->text, lang));
    roff_macro(out, sect, h->fields);
    for (size_t i = 0; i < q->nfields; i++) {
        char *line = xasprintf("%s (%s)", q->fields[i].id,
                               q->fields[i].type == FIELD_YESNO
                                   ? (lang == LANG_DE ? "ja/nein/unsicher" : "yes/no/unsure")
                                   : (lang == LANG_DE ? "Text" : "text"));
        sbuf_adds(out, ".TP\n");
        roff_macro(out, "B", line);
        roff_text(out, l10n_get(&q->fields[i].label, lang));
        free(line);
    }
    roff_macro(out, sect, h->asks);
    roff_paras(out, &hp->asks);
    roff_macro(out, sect, h->why);
    roff_paras(out, &hp->why);
    roff_macro(out, sect, h->check);
    for (size_t i = 0; i < hp->check.n; i++) {
        sbuf_adds(out, ".IP \\(bu 2\n");
        roff_text(out, hp->check.v[i]);
    }
    roff_macro(out, sect, h->who);
    roff_paras(out, &hp->who);
    if (q->refs.n) {
        roff_macro(out, sect, h->refs);
        for (size_t i = 0; i < q->refs.n; i++) {
            const struct cat_resource *r = catalog_resource(cat, q->refs.v[i]);
            if (!r)
                continue;
            sbuf_adds(out, ".TP\n");
            roff_text(out, l10n_get(&r->title, lang));
            roff_text(out, r->url ? r->url : h->no_url);
        }
    }
    if (q->related.n) {
        roff_macro(out, sect, h->see);
        for (size_t i = 0; i < q->related.n; i++) {
            const struct cat_question *r = catalog_question(cat, q->related.v[i]);
            char *line;
            if (!r)
                continue;
            line = xasprintf("%s %d: %s%s", lang == LANG_DE ? "Frage" : "Question", r->number,
                             l10n_get(&r->title, lang), i + 1 < q->related.n ? "," : "");
            if (i)
                sbuf_adds(out, ".br\n");
            roff_text(out, line);
            free(line);
        }
    }
}

static void roff_header(struct sbuf *out, const char *name, const struct catalog *cat,
                        const char *version, const char *manual)
{
    char *src = xasprintf("coopcheck %s", version);
    sbuf_adds(out, ".\\\" Generated by coopcheck from its catalogue ");
    export_roff_escape(out, cat->id);
    sbuf_adds(out, ".\n.TH ");
    roff_quoted(out, name);
    sbuf_adds(out, " 7 ");
    roff_quoted(out, CC_RELEASE_DATE);   /* the page's date: this release of coopcheck */
    sbuf_addc(out, ' ');
    roff_quoted(out, src);
    sbuf_addc(out, ' ');
    roff_quoted(out, manual);
    sbuf_addc(out, '\n');
    free(src);
}

void help_render_roff(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, const char *version)
{
    char *name = xasprintf("COOPCHECK-%s", q->id);
    for (char *p = name; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    roff_header(out, name, cat, version, l10n_get(&cat->short_title, lang));
    sbuf_adds(out, ".SH NAME\n");
    sbuf_addf(out, "%s \\- %d: ", q->id, q->number);   /* an id is [a-z0-9-] */
    roff_text(out, l10n_get(&q->title, lang));
    roff_question(out, cat, q, lang, "SH");
    free(name);
}

void help_render_roff_all(struct sbuf *out, const struct catalog *cat, enum lang lang,
                          const char *version)
{
    int de = lang == LANG_DE;
    roff_header(out, "COOPCHECK-QUESTIONS", cat, version, l10n_get(&cat->short_title, lang));
    sbuf_adds(out, ".SH NAME\n");
    sbuf_adds(out, de ? "coopcheck-questions \\- die Fragen des Katalogs mit ihrer Hilfe\n"
                      : "coopcheck-questions \\- the questions of the catalogue with their help\n");
    sbuf_adds(out, ".SH DESCRIPTION\n");
    roff_text(out, l10n_get(&cat->title, lang));
    if (cat->stand.s[0] || cat->stand.s[1]) {
        sbuf_adds(out, ".br\n");
        roff_text(out, l10n_get(&cat->stand, lang));
    }
    sbuf_adds(out, ".PP\n");
    roff_text(out, de ? "Diese Seite wird aus dem Katalog erzeugt. Die Hilfe zu einer Frage zeigt "
                        "auch coopcheck help N."
                      : "This page is generated from the catalogue. coopcheck help N shows the help "
                        "of one question.");
    for (size_t s = 0; s < cat->nsections; s++) {
        const struct cat_section *sec = &cat->sections[s];
        for (size_t i = sec->first; i < sec->first + sec->count; i++) {
            const struct cat_question *q = &cat->questions[i];
            char *title = xasprintf("%s %d: %s", de ? "FRAGE" : "QUESTION", q->number,
                                    l10n_get(&q->title, lang));
            roff_macro(out, "SH", title);
            free(title);
            if (i == sec->first) {
                sbuf_adds(out, ".I\n");
                roff_text(out, l10n_get(&sec->title, lang));
            }
            roff_question(out, cat, q, lang, "SS");
        }
    }
    sbuf_adds(out, ".SH SEE ALSO\n.BR coopcheck (1),\n.BR coopcheck-catalog (5)\n");
}
