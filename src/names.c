/* names.c — see names.h: normalising a name (utf8proc), the word lists, the
 * names of match kinds.  Scores and index keys are in names_match.c.
 *
 * The word lists are data: English, German and Chinese words for legal
 * forms, kinds of institutions and their parts, and the abbreviations and
 * spelling variants that names of Chinese institutions are written with in
 * English.  Every Unicode decision (letters, digits, punctuation, wide CJK
 * characters) is utf8proc's. */
#include "names.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "names_int.h"
#include "util.h"

struct wmap {
    const char *from, *to;
};

/* Abbreviations and spelling variants, to one spelling (after case folding
 * and with marks removed: "universität" is "universitat"). */
static const struct wmap expansions[] = {
    {"univ", "university"}, {"uni", "university"}, {"universitat", "university"},
    {"universitaet", "university"}, {"universite", "university"},
    {"universidad", "university"}, {"universita", "university"},
    {"inst", "institute"}, {"instit", "institute"}, {"institut", "institute"},
    {"tech", "technology"}, {"technol", "technology"}, {"technologies", "technology"},
    {"sci", "science"}, {"sciences", "science"},
    {"eng", "engineering"}, {"engg", "engineering"}, {"engr", "engineering"},
    {"natl", "national"}, {"nat", "national"},
    {"acad", "academy"}, {"akademie", "academy"},
    {"coll", "college"}, {"dept", "department"}, {"fakultat", "faculty"},
    {"lab", "laboratory"}, {"labs", "laboratory"}, {"laboratories", "laboratory"},
    {"res", "research"}, {"intl", "international"},
    {"corp", "corporation"}, {"ctr", "center"}, {"centre", "center"},
    {"zentrum", "center"},
    {"telecom", "telecommunications"}, {"telecomm", "telecommunications"},
    {"telecommunication", "telecommunications"},
    {"defence", "defense"}, {"armoured", "armored"}, {"programme", "program"},
    {"polytechnical", "polytechnic"}, {"communications", "communication"},
    {"industries", "industry"}, {"forces", "force"}, {"mil", "military"},
    {"med", "medical"}, {"def", "defense"},
    /* "Technische Universität" is a university of technology */
    {"technische", "technology"}, {"technischen", "technology"}, {"technologie", "technology"},
    {"wissenschaften", "science"}, {"wissenschaft", "science"}, {"chinas", "china"},
};

/* Legal forms, dropped ("e.V." is the two tokens "e" "v"). */
static const char *const legal_forms[] = {
    "ltd", "limited", "inc", "incorporated", "llc", "plc", "co", "gmbh", "mbh", "ag", "kg",
};

static const char *const stop_words[] = {
    "of", "the", "and", "for", "in", "at", "on", "aka",
    "der", "die", "das", "des", "dem", "den", "fur", "und", "zu", "zur", "zum", "von", "vom", "et",
};

/* What kind of institution: counts less, and little when the other name
 * says no kind at all ("Tsinghua" / "Tsinghua University"). */
static const char *const type_words[] = {
    "university", "institute", "college", "academy", "school", "hochschule",
    "center", "laboratory", "faculty", "department",
};

static const char *const weak_words[] = {
    "china", "chinese", "pla", "peoples", "people", "liberation", "national", "state",
    "key", "prc", "republic", "corporation", "company", "group",
};

/* The People's Liberation Army, before the names of its institutions
 * (中国人民解放军国防科技大学 is 国防科技大学): left out of CJK forms. */
static const char cjk_pla[] = "中国人民解放军";

/* Parts of an institution (a sub-institute adds one of these). */
static const char *const unit_words[] = {
    "school", "college", "faculty", "department", "institute", "laboratory", "center",
    "hospital", "division", "campus", "branch", "chair", "lehrstuhl", "abteilung", "klinik",
    "clinic", "graduate",
};

/* Chinese legal forms, removed wherever they occur (longest first). */
static const char *const cjk_legal_forms[] = {
    "股份有限公司", "有限责任公司", "有限公司", "股份公司",
};
static const char *const cjk_type_ends[] = {
    "大学", "學院", "学院", "研究院", "研究所", "科学院", "公司", "集团", "中心", "学校", "大學",
};
static const char *const cjk_unit_ends[] = {
    "学院", "系", "研究所", "研究院", "实验室", "中心", "医院", "学部", "分院", "部", "所", "室",
};

static int in_list(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int names_unit_word(const char *tok)
{
    return in_list(unit_words, CC_ARRAY_LEN(unit_words), tok);
}

static int ends_with_any(const char *const *list, size_t n, const char *s, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        if (l <= len && memcmp(s + len - l, list[i], l) == 0)
            return 1;
    }
    return 0;
}

int names_cjk_type_end(const char *s, size_t len)
{
    return ends_with_any(cjk_type_ends, CC_ARRAY_LEN(cjk_type_ends), s, len);
}

int names_cjk_unit_end(const char *s, size_t len)
{
    return ends_with_any(cjk_unit_ends, CC_ARRAY_LEN(cjk_unit_ends), s, len);
}

static double word_weight(const char *s)
{
    if (in_list(stop_words, CC_ARRAY_LEN(stop_words), s))
        return NW_STOP;
    if (in_list(weak_words, CC_ARRAY_LEN(weak_words), s))
        return NW_WEAK;
    if (in_list(type_words, CC_ARRAY_LEN(type_words), s))
        return NW_TYPE;
    return NW_SIG;
}

/* ---- characters ------------------------------------------------------- */

enum cclass { CC_SEP, CC_WORD, CC_CJK, CC_JOIN, CC_STOP };

/* What a code point is to a name: part of a word, a wide CJK character, an
 * apostrophe inside a word ("Xi'an" is "xian"), a full stop, or a separator
 * (punctuation, hyphens, symbols, spaces, controls). */
static enum cclass char_class(utf8proc_int32_t c)
{
    if (c == '\'' || c == 0x2019 || c == 0x02BC)
        return CC_JOIN;
    if (c == '.')
        return CC_STOP;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LO:
        return utf8proc_charwidth(c) == 2 ? CC_CJK : CC_WORD;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
        return CC_WORD;
    default:
        return CC_SEP;
    }
}

static int is_letter(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* NFKC, case folding, marks removed, look-alike punctuation lumped, default
 * ignorables dropped.  NULL when s is not valid UTF-8. */
static char *fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    size_t i;
    /* printable ASCII: all of that is lowercasing (NFKC, marks, lumping and
     * ignorables leave it as it is), and most list names are ASCII */
    for (i = 0; s[i] >= 0x20 && s[i] < 0x7f; i++)
        ;
    if (!s[i]) {
        char *low = xmalloc(i + 1);
        for (size_t k = 0; k <= i; k++)
            low[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] - 'A' + 'a') : s[k];
        return low;
    }
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                          UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE);
    if (n < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

/* ---- CJK forms ---------------------------------------------------------- */

static void remove_all(char *s, const char *what)
{
    size_t l = strlen(what);
    char *p;
    while ((p = strstr(s, what)) != NULL)
        memmove(p, p + l, strlen(p + l) + 1);
}

/* The CJK form: the letters, digits and CJK characters of the folded name,
 * without anything between them, legal forms removed. */
static void cjk_form(const char *folded, struct name_form *out)
{
    size_t n = strlen(folded), len = 0;
    char *norm = xmalloc(n + 1);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)folded;
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
        enum cclass cl = char_class(c);
        /* digits and CJK characters; not the Latin letters of an added
         * acronym (北京理工大学（BIT）) */
        if (cl == CC_CJK || (cl == CC_WORD && !is_letter(c))) {
            memcpy(norm + len, p, (size_t)k);
            len += (size_t)k;
        }
        p += k;
    }
    norm[len] = '\0';
    size_t lp = strlen(cjk_pla);
    if (len > lp && memcmp(norm, cjk_pla, lp) == 0)
        memmove(norm, norm + lp, len - lp + 1);
    for (size_t i = 0; i < CC_ARRAY_LEN(cjk_legal_forms); i++)
        remove_all(norm, cjk_legal_forms[i]);
    /* 集团公司 is the group company (中国航空工业集团公司 before 有限公司) */
    len = strlen(norm);
    if (len > strlen("集团公司") && strcmp(norm + len - strlen("集团公司"), "集团公司") == 0)
        norm[len - strlen("公司")] = '\0';
    out->cjk = 1;
    out->norm = norm;
}

/* ---- Latin forms -------------------------------------------------------- */

/* A raw word of the folded name and whether a full stop follows it. */
struct rawtok {
    const char *s;
    size_t len;
    int stop;
};

struct tokbuf {
    struct name_token *v;
    size_t n, cap;
};

static void tok_push(struct tokbuf *b, char *s, double w)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 8;
        b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
    }
    b->v[b->n].s = s;
    b->v[b->n].weight = w;
    b->n++;
}

/* One raw word into tokens: expanded, a legal form dropped, an unexpanded
 * abbreviation with its full stop kept. */
static void add_word(struct tokbuf *b, const struct rawtok *r)
{
    char *w = xstrndup(r->s, r->len);
    for (size_t i = 0; i < CC_ARRAY_LEN(expansions); i++)
        if (strcmp(w, expansions[i].from) == 0) {
            free(w);
            tok_push(b, xstrdup(expansions[i].to), word_weight(expansions[i].to));
            return;
        }
    if (in_list(legal_forms, CC_ARRAY_LEN(legal_forms), w)) {
        free(w);
        return;
    }
    double weight = word_weight(w);
    if (r->stop && nw_is_sig(weight) && r->len >= NAME_ABBR_MIN && r->len <= NAME_ABBR_MAX) {
        char *d = xasprintf("%s.", w);
        free(w);
        w = d;
    }
    tok_push(b, w, weight);
}

/* The raw words of folded (apostrophes inside words removed), at most
 * max; the number found. */
static size_t raw_words(const char *folded, char *scratch, struct rawtok *v, size_t max)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)folded;
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    size_t n = 0, len = 0, start = 0;
    int in_word = 0;
    while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
        enum cclass cl = char_class(c);
        if (cl == CC_WORD) {
            if (!in_word) {
                start = len;
                in_word = 1;
            }
            memcpy(scratch + len, p, (size_t)k);
            len += (size_t)k;
        } else if (cl != CC_JOIN || !in_word) {
            if (in_word && n < max) {
                v[n].s = scratch + start;
                v[n].len = len - start;
                v[n].stop = cl == CC_STOP;
                n++;
            }
            in_word = 0;
        }
        p += k;
    }
    if (in_word && n < max) {
        v[n].s = scratch + start;
        v[n].len = len - start;
        v[n].stop = 0;
        n++;
    }
    return n;
}

/* The initials of the tokens that are not stop words, when two or more. */
static char *acronym_of(const struct name_token *t, size_t n)
{
    char buf[64];
    size_t len = 0;
    for (size_t i = 0; i < n && len + 1 < sizeof(buf); i++)
        if (!nw_is_stop(t[i].weight))
            buf[len++] = t[i].s[0];
    if (len < 2)
        return NULL;
    return xstrndup(buf, len);
}

/* "Nanjing University of Science and Technology (NJUST)": a last word that
 * spells the initials of the words before it, maybe with more letters of
 * them (its first letter theirs, then all of them in order, at most two
 * more), says nothing more than they do. */
static int is_own_acronym(const struct name_token *t, size_t n)
{
    char ini[16];
    size_t ni = 0;
    for (size_t i = 0; i + 1 < n && ni < sizeof(ini); i++)
        if (!nw_is_stop(t[i].weight))
            ini[ni++] = t[i].s[0];
    const char *w = t[n - 1].s;
    size_t lw = strlen(w);
    if (ni < 3 || lw < ni || lw > ni + 2 || lw > 8 || w[0] != ini[0])
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < lw; i++) {
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
        if (k < ni && w[i] == ini[k])
            k++;
    }
    return k == ni;
}

#define NAME_MAX_WORDS 128

static void latin_form(const char *folded, struct name_form *out)
{
    size_t n = strlen(folded);
    char *scratch = xmalloc(n + 1);
    struct rawtok raw[NAME_MAX_WORDS];
    size_t nraw = raw_words(folded, scratch, raw, NAME_MAX_WORDS);
    struct tokbuf b = {NULL, 0, 0};
    for (size_t i = 0; i < nraw; i++) {
        /* "e.V." (eingetragener Verein) */
        if (i + 1 < nraw && raw[i].len == 1 && raw[i].s[0] == 'e' && raw[i + 1].len == 1 &&
            raw[i + 1].s[0] == 'v') {
            i++;
            continue;
        }
        /* "H.I.T." is "hit" */
        char letters[NAME_MAX_WORDS + 1];
        size_t k = 0;
        while (i + k < nraw && raw[i + k].len == 1 && raw[i + k].s[0] >= 'a' &&
               raw[i + k].s[0] <= 'z') {
            letters[k] = raw[i + k].s[0];
            k++;
        }
        if (k >= 2) {
            struct rawtok r = {letters, k, 0};
            add_word(&b, &r);
            i += k - 1;
            continue;
        }
        add_word(&b, &raw[i]);
    }
    free(scratch);
    if (b.n >= 4 && is_own_acronym(b.v, b.n))
        free(b.v[--b.n].s);
    struct sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < b.n; i++) {
        if (i)
            sbuf_addc(&sb, ' ');
        sbuf_adds(&sb, b.v[i].s);
    }
    out->norm = sbuf_detach(&sb, NULL);
    out->cjk = 0;
    out->tok = b.v;
    out->ntok = b.n;
    out->acronym = acronym_of(b.v, b.n);
}

/* Whether the folded name is written in CJK: it has CJK characters, and
 * at least as many as it has other letters. */
static int written_cjk(const char *folded)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)folded;
    utf8proc_int32_t c;
    utf8proc_ssize_t k;
    size_t ncjk = 0, nother = 0;
    while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
        enum cclass cl = char_class(c);
        if (cl == CC_CJK)
            ncjk++;
        else if (cl == CC_WORD && is_letter(c))
            nother++;
        p += k;
    }
    return ncjk > 0 && ncjk >= nother;
}

int name_normalize(const char *s, struct name_form *out)
{
    memset(out, 0, sizeof(*out));
    char *folded = fold(s ? s : "");
    if (!folded)
        return -1;
    if (written_cjk(folded))
        cjk_form(folded, out);
    else
        latin_form(folded, out);
    free(folded);
    return 0;
}

void name_form_release(struct name_form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->ntok; i++)
        free(f->tok[i].s);
    free(f->tok);
    free(f->norm);
    free(f->acronym);
    memset(f, 0, sizeof(*f));
}

/* ---- match kinds -------------------------------------------------------- */

static const char *const kind_names[MK_COUNT] = {"exact", "tokens", "acronym", "contains", "cjk"};

static const char *const kind_texts[MK_COUNT] = {
    /* TRANSLATORS: why a partner's name matched a name on a screening list */
    N_("the same name"),
    N_("similar words"),
    N_("acronym"),
    N_("contains the listed name"),
    N_("the same Chinese name"),
};

const char *match_kind_name(enum match_kind k)
{
    return (unsigned)k < MK_COUNT ? kind_names[k] : "?";
}

int match_kind_parse(const char *s)
{
    for (int i = 0; i < MK_COUNT; i++)
        if (s && strcmp(s, kind_names[i]) == 0)
            return i;
    return -1;
}

const char *match_kind_text(enum match_kind k)
{
    return (unsigned)k < MK_COUNT ? _(kind_texts[k]) : "?";
}
