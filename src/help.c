/* help.c — see help.h. */
#include "help.h"

#include <stdlib.h>
#include <string.h>

#include "textutil.h"

struct headings {
    const char *name, *question, *fields, *asks, *why, *check, *who, *refs, *see, *no_url, *section;
};

static const struct headings heads[LANG_COUNT] = {
    [LANG_DE] = { "NAME", "FRAGE", "ANTWORTFELDER", "WORUM ES GEHT", "WARUM ES WICHTIG IST",
                  "WAS ZU PRÜFEN IST", "WER HELFEN KANN", "QUELLEN", "SIEHE AUCH",
                  "(im Dokument ohne Adresse)", "Abschnitt" },
    [LANG_EN] = { "NAME", "QUESTION", "ANSWER FIELDS", "WHAT IT ASKS", "WHY IT MATTERS",
                  "WHAT TO CHECK", "WHO CAN HELP", "REFERENCES", "SEE ALSO",
                  "(no address in the document)", "Section" },
};

static void heading(struct sbuf *out, const char *h)
{
    sbuf_adds(out, "\n");
    text_wrap(out, h, 200, 0);
}

static void paragraphs(struct sbuf *out, const struct strlist *l, size_t width)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sbuf_addc(out, '\n');
        text_wrap(out, l->v[i], width > 8 ? width - 7 : 8, 7);
    }
}

static void bullets(struct sbuf *out, const struct strlist *l, size_t width)
{
    for (size_t i = 0; i < l->n; i++) {
        struct sbuf item;
        sbuf_init(&item);
        text_wrap(&item, l->v[i], width > 10 ? width - 9 : 8, 9);
        /* put the bullet into the indentation of the first line */
        memcpy(item.buf + 7, "-", 1);
        sbuf_add(out, item.buf, item.len);
        sbuf_release(&item);
    }
}

void help_render_text(struct sbuf *out, const struct catalog *cat, const struct cat_question *q,
                      enum lang lang, size_t width)
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
    text_wrap(out, line, width - 7, 7);
    free(line);
    line = xasprintf("%s: %s (%s %s)", h->section, l10n_get(&cat->sections[q->section].title, lang),
                     l10n_get(&cat->short_title, lang), cat->version);
    text_wrap(out, line, width - 7, 7);
    free(line);

    heading(out, h->question);
    text_wrap(out, l10n_get(&q->text, lang), width - 7, 7);

    heading(out, h->fields);
    for (size_t i = 0; i < q->nfields; i++) {
        line = xasprintf("%s (%s): %s", q->fields[i].id,
                         q->fields[i].type == FIELD_YESNO
                             ? (lang == LANG_DE ? "ja/nein/unsicher" : "yes/no/unsure")
                             : (lang == LANG_DE ? "Text" : "text"),
                         l10n_get(&q->fields[i].label, lang));
        text_wrap(out, line, width - 7, 7);
        free(line);
    }

    heading(out, h->asks);
    paragraphs(out, &hp->asks, width);
    heading(out, h->why);
    paragraphs(out, &hp->why, width);
    heading(out, h->check);
    bullets(out, &hp->check, width);
    heading(out, h->who);
    paragraphs(out, &hp->who, width);

    if (q->refs.n) {
        heading(out, h->refs);
        for (size_t i = 0; i < q->refs.n; i++) {
            const struct cat_resource *r = catalog_resource(cat, q->refs.v[i]);
            if (!r)
                continue;
            line = xasprintf("%s\n%s", l10n_get(&r->title, lang), r->url ? r->url : h->no_url);
            text_wrap(out, line, width - 7, 7);
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
            text_wrap(out, line, width - 7, 7);
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

void help_render_about(struct sbuf *out, const struct catalog *cat, enum lang lang, size_t width)
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
        text_wrap(out, l10n_get(&cat->note_title, lang), width - 7, 7);
        for (size_t i = 0; i < cat->nnote_paras; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_paras[i], lang), width - 7, 7);
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
            text_wrap(out, line, width - 7, 7);
            free(line);
        }
        for (size_t i = 0; i < cat->nnote_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->note_closing[i], lang), width - 7, 7);
        }
    }
    if (cat->purpose_intro.s[0] || cat->purpose_intro.s[1]) {
        about_heading(out, de ? "ZWECK DES FRAGENKATALOGS" : "PURPOSE OF THE CATALOGUE");
        text_wrap(out, l10n_get(&cat->purpose_intro, lang), width - 7, 7);
        for (size_t i = 0; i < cat->npurpose_items; i++) {
            struct sbuf item;
            sbuf_init(&item);
            text_wrap(&item, l10n_get(&cat->purpose_items[i], lang), width - 9, 9);
            item.buf[7] = '-';
            sbuf_add(out, item.buf, item.len);
            sbuf_release(&item);
        }
        for (size_t i = 0; i < cat->npurpose_closing; i++) {
            sbuf_addc(out, '\n');
            text_wrap(out, l10n_get(&cat->purpose_closing[i], lang), width - 7, 7);
        }
    }
    if (cat->nresources) {
        about_heading(out, de ? "QUELLEN UND WEITERE INFORMATIONEN" : "REFERENCES AND FURTHER INFORMATION");
        for (size_t i = 0; i < cat->nresources; i++) {
            const struct cat_resource *r = &cat->resources[i];
            char *line = xasprintf("%s\n%s", l10n_get(&r->title, lang),
                                   r->url ? r->url : (de ? "(im Dokument ohne Adresse)"
                                                         : "(no address in the document)"));
            text_wrap(out, line, width - 7, 7);
            free(line);
        }
    }
}
