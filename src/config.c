/* config.c — see config.h. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <iniparser/iniparser.h>

#include "fsio.h"
#include "i18n.h"
#include "lang.h"
#include "paths.h"
#include "textutil.h"

/* iniparser reports syntax errors through a callback without a context
 * pointer; the first complaint is kept here (config_load is called from one
 * thread).  iniparser 4.1's two complaints about a line are taken apart, so
 * that the message can name the line as FILE:LINE:COLUMN and say what is wrong
 * in the user's language; any other is kept in iniparser's words. */
static struct {
    int line;            /* the line iniparser could not read, or 0 */
    int too_long;        /* ... because it is over 1024 bytes */
    char text[512];      /* that line (a syntax error), or iniparser's words */
} ini_bad;

static int ini_error(const char *fmt, ...) CC_PRINTF(1, 2);
static int ini_error(const char *fmt, ...)
{
    va_list ap;
    size_t n;
    if (ini_bad.line || ini_bad.text[0])
        return 0;  /* keep the first */
    va_start(ap, fmt);
    /* the format strings compared whole, so that the arguments are read as
     * what they are */
    if (strcmp(fmt, "iniparser: syntax error in %s (%d):\n-> %s\n") == 0) {
        (void)va_arg(ap, const char *);
        ini_bad.line = va_arg(ap, int);
        snprintf(ini_bad.text, sizeof(ini_bad.text), "%s", va_arg(ap, const char *));
    } else if (strcmp(fmt, "iniparser: input line too long in %s (%d)\n") == 0) {
        (void)va_arg(ap, const char *);
        ini_bad.line = va_arg(ap, int);
        ini_bad.too_long = 1;
    } else {
        vsnprintf(ini_bad.text, sizeof(ini_bad.text), fmt, ap);
    }
    va_end(ap);
    n = strlen(ini_bad.text);
    while (n && (ini_bad.text[n - 1] == '\n' || ini_bad.text[n - 1] == ' '))
        ini_bad.text[--n] = '\0';
    return 0;
}

/* The one place that reads values: a string or NULL (never the numeric
 * getters, see config.h). */
static const char *ini_string(const dictionary *d, const char *key)
{
    return iniparser_getstring(d, key, NULL);
}

void config_init(struct config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->lang = -1;
    cfg->interval_months = 12;
    keymap_default(&cfg->keys);
}

void config_release(struct config *cfg)
{
    free(cfg->path);
    free(cfg->theme);
    free(cfg->data_dir);
    free(cfg->editor);
    strlist_release(&cfg->required_approvals);
    free(cfg->signing_key);
    free(cfg->signer);
    free(cfg->lists_dir);
    strlist_release(&cfg->list_urls);
    config_init(cfg);
}

char *config_default_path(void)
{
    return xdg_path(XDG_CONFIG, "config.ini");
}

/* Line number of the last "key" inside "[section]" in text (section "" is
 * the part before any header), or 0; *col gets the column of the key (at_key)
 * or of its value (of the key, when the value is empty).  The last, because
 * iniparser keeps the last of repeated keys. */
static int line_of(const char *text, const char *section, const char *key, int at_key,
                   int *col)
{
    int line = 1, found = 0, in_section = section[0] == '\0';
    size_t klen = strlen(key), slen = strlen(section);
    *col = 1;
    for (const char *p = text; *p; line++) {
        const char *e = strchr(p, '\n');
        const char *s = p, *end;
        size_t n = e ? (size_t)(e - p) : strlen(p);
        end = p + n;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (s < end && *s == '[') {
            const char *a = s + 1, *b = memchr(s, ']', (size_t)(end - s));
            while (a < end && (*a == ' ' || *a == '\t'))
                a++;
            if (b) {
                while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                    b--;
                in_section = (size_t)(b - a) == slen && strncasecmp(a, section, slen) == 0;
            } else {
                in_section = 0;
            }
        } else if (in_section && (size_t)(end - s) >= klen && strncasecmp(s, key, klen) == 0) {
            const char *t = s + klen;
            while (t < end && (*t == ' ' || *t == '\t'))
                t++;
            if (t < end && (*t == '=' || *t == ':')) {
                const char *v = t + 1;
                while (v < end && (*v == ' ' || *v == '\t'))
                    v++;
                while (end > v && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
                    end--;
                found = line;
                const char *at = v < end && !at_key ? v : s;
                *col = 1 + (int)text_count_chars_n(p, (size_t)(at - p));   /* in characters */
            }
        }
        if (!e)
            break;
        p = e + 1;
    }
    return found;
}

struct setting {
    const char *key;  /* "section:key", lower case as iniparser stores it */
    int (*apply)(struct config *cfg, const char *value, struct cc_err *err);
};

static int set_language(struct config *cfg, const char *v, struct cc_err *err)
{
    int l = lang_parse(v);
    if (l < 0 || strlen(v) != 2)
        return cc_error(err, _("language must be \"de\" or \"en\", not \"%s\""), v);
    cfg->lang = l;
    return 0;
}

static int set_string(char **slot, const char *v)
{
    free(*slot);
    *slot = *v ? xstrdup(v) : NULL;
    return 0;
}

static int set_theme(struct config *cfg, const char *v, struct cc_err *err)
{
    (void)err;
    return set_string(&cfg->theme, v);
}

static int set_data(struct config *cfg, const char *v, struct cc_err *err)
{
    if (*v && v[0] != '/')
        return cc_error(err, _("data must be an absolute path, not \"%s\""), v);
    return set_string(&cfg->data_dir, v);
}

static int set_editor(struct config *cfg, const char *v, struct cc_err *err)
{
    (void)err;
    return set_string(&cfg->editor, v);
}

static int set_accessible(struct config *cfg, const char *v, struct cc_err *err)
{
    if (!strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1"))
        cfg->accessible = 1;
    else if (!strcasecmp(v, "false") || !strcasecmp(v, "no") || !strcmp(v, "0"))
        cfg->accessible = 0;
    else
        return cc_error(err, _("accessible must be true or false, not \"%s\""), v);
    return 0;
}

static int set_interval(struct config *cfg, const char *v, struct cc_err *err)
{
    char *end;
    long n;
    errno = 0;
    n = strtol(v, &end, 10);
    if (!*v || *end || errno || n < 1 || n > 120)
        return cc_error(err, _("interval_months must be a number of months from 1 to 120, not \"%s\""), v);
    cfg->interval_months = (int)n;
    return 0;
}

/* "PI, research-security officer": roles separated by commas. */
static int set_required(struct config *cfg, const char *v, struct cc_err *err)
{
    struct strlist roles = { 0 };
    if (strlist_split(&roles, v, ",")) {
        strlist_release(&roles);
        return cc_error(err, _("required_approvals lists roles separated by commas, with none "
                               "empty: \"%s\""), v);
    }
    strlist_release(&cfg->required_approvals);
    cfg->required_approvals = roles;
    return 0;
}

static int set_signing_key(struct config *cfg, const char *v, struct cc_err *err)
{
    const char *home = getenv("HOME");
    if (*v && v[0] != '/' && strncmp(v, "~/", 2) != 0)
        return cc_error(err, _("signing_key must be an absolute path or start with ~/, not \"%s\""), v);
    free(cfg->signing_key);
    cfg->signing_key = !*v ? NULL : v[0] == '~' ? xasprintf("%s%s", home ? home : "", v + 1)
                                                : xstrdup(v);
    return 0;
}

static int set_signer(struct config *cfg, const char *v, struct cc_err *err)
{
    if (strpbrk(v, " \t"))
        return cc_error(err, _("signer is a principal of allowed_signers (such as an e-mail "
                               "address) without spaces, not \"%s\""), v);
    return set_string(&cfg->signer, v);
}

static int whole(const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    *out = strtol(v, &end, 10);
    return *v && !*end && !errno && *out >= lo && *out <= hi ? 0 : -1;
}

static int set_threshold(struct config *cfg, const char *v, struct cc_err *err)
{
    long n;
    if (whole(v, 50, 100, &n) != 0)
        return cc_error(err, _("threshold is the score from 50 to 100 from which a name is a hit, "
                               "not \"%s\""), v);
    cfg->screen_threshold = (int)n;
    return 0;
}

static int set_max_age(struct config *cfg, const char *v, struct cc_err *err)
{
    long n;
    if (whole(v, 1, 3650, &n) != 0)
        return cc_error(err, _("max_age_days is a number of days from 1 to 3650, not \"%s\""), v);
    cfg->list_max_age = (int)n;
    return 0;
}

static int set_lists_dir(struct config *cfg, const char *v, struct cc_err *err)
{
    const char *home = getenv("HOME");
    if (*v && v[0] != '/' && strncmp(v, "~/", 2) != 0)
        return cc_error(err, _("lists must be an absolute path or start with ~/, not \"%s\""), v);
    free(cfg->lists_dir);
    cfg->lists_dir = !*v ? NULL : v[0] == '~' ? xasprintf("%s%s", home ? home : "", v + 1)
                                              : xstrdup(v);
    return 0;
}

/* [lists] NAME = URL: where `lists fetch NAME` downloads from. */
static int set_list_url(struct config *cfg, const char *name, const char *v, struct cc_err *err)
{
    if (!cc_slug_valid(name))
        return cc_error(err, _("\"%s\" cannot name a list: use lowercase letters a-z, digits and "
                               "'-'"), name);
    if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
        return cc_error(err, _("the address of list \"%s\" must start with https:// or http://, "
                               "not \"%s\""), name, v);
    strlist_push(&cfg->list_urls, name);
    strlist_push(&cfg->list_urls, v);
    return 0;
}

static const struct setting settings[] = {
    { "screening:threshold", set_threshold },
    { "screening:max_age_days", set_max_age },
    { "screening:lists", set_lists_dir },
    { "general:required_approvals", set_required },
    { "general:signing_key", set_signing_key },
    { "general:signer", set_signer },
    { "general:language", set_language },
    { "general:theme", set_theme },
    { "general:data", set_data },
    { "general:editor", set_editor },
    { "general:accessible", set_accessible },
    { "general:interval_months", set_interval },
};

/* Parses path with iniparser; NULL with a message (FILE:LINE:COLUMN for a line
 * it cannot read) when it cannot. */
static dictionary *load_ini(const char *path, struct cc_err *err)
{
    dictionary *d;

    memset(&ini_bad, 0, sizeof(ini_bad));
    iniparser_set_error_callback(ini_error);
    d = iniparser_load(path);
    iniparser_set_error_callback(NULL);
    if (d)
        return d;
    if (ini_bad.line && ini_bad.too_long) {
        cc_error(err, _("%s:%d:1: the line is over 1024 bytes, more than an INI file can hold: "
                        "shorten it"),
                 path, ini_bad.line);
    } else if (ini_bad.line) {
        struct sbuf shown;
        sbuf_init(&shown);
        text_truncate(&shown, ini_bad.text, 60, 1);
        cc_error(err, _("%s:%d:1: cannot be read as an INI file: \"%s\" is neither "
                        "'key = value' nor '[section]' nor a comment (';' or '#' first)"),
                 path, ini_bad.line, shown.buf);
        sbuf_release(&shown);
    } else {
        cc_error(err, _("%s: cannot be read as an INI file%s%s (check every line is 'key = value', "
                        "'[section]' or a comment, and no line is over 1024 bytes)"),
                 path, ini_bad.text[0] ? ": " : "", ini_bad.text);
    }
    return NULL;
}

/* line_of for a message into err as "LINE:COLUMN" (of the key, or of its
 * value); "0:0" without one (err NULL), as the search is over the whole text. */
static const char *where(char buf[32], const struct cc_err *err, const char *text,
                         const char *section, const char *key, int at_key)
{
    int col = 0, line = err ? line_of(text, section, key, at_key, &col) : 0;
    snprintf(buf, 32, "%d:%d", line, col);
    return buf;
}

/* Applies the dictionary entry full ("section" alone for a section,
 * "section:key" for a setting, ":key" for one before any section) of the
 * file path, whose text is text (for line numbers).  0 when applied or not a
 * setting; -1 for a problem, reported in err unless err is NULL. */
static int apply_entry(struct config *cfg, const dictionary *d, const char *full, const char *text,
                       const char *path, struct cc_err *err)
{
    const char *colon, *value;
    char sec[1024];   /* iniparser keeps lines to 1024 bytes */
    size_t i, slen;
    struct cc_err e;
    char at[32];

    if (!full || !(colon = strchr(full, ':')))
        return 0;
    slen = (size_t)(colon - full) < sizeof(sec) - 1 ? (size_t)(colon - full) : sizeof(sec) - 1;
    memcpy(sec, full, slen);
    sec[slen] = '\0';
    value = ini_string(d, full);
    if (slen == 0)
        return cc_error(err, _("%s:%s: \"%s\" stands before any section; put it under [general]"),
                        path, where(at, err, text, "", colon + 1, 1), colon + 1);
    if (strcmp(sec, "lists") == 0) {
        if (set_list_url(cfg, colon + 1, value ? value : "", &e) != 0)
            return cc_error(err, "%s:%s: %s", path,
                            where(at, err, text, sec, colon + 1, !cc_slug_valid(colon + 1)),
                            e.msg);
        return 0;
    }
    if (strcmp(sec, "keys") == 0) {
        if (keymap_bind(&cfg->keys, colon + 1, value ? value : "", &e) != 0)
            return cc_error(err, "%s:%s: %s", path, where(at, err, text, sec, colon + 1, 0), e.msg);
        return 0;
    }
    for (i = 0; i < CC_ARRAY_LEN(settings); i++)
        if (strcmp(settings[i].key, full) == 0)
            break;
    if (i == CC_ARRAY_LEN(settings))
        return cc_error(err, _("%s:%s: unknown setting \"%s\" (known: language, theme, data, "
                            "editor, accessible, interval_months, required_approvals, signing_key, signer in [general]; "
                            "threshold, max_age_days, lists in [screening]; list addresses in [lists]; "
                            "actions in [keys])"), path,
                        where(at, err, text, sec, colon + 1, 1), full);
    if (settings[i].apply(cfg, value ? value : "", &e) != 0)
        return cc_error(err, "%s:%s: %s", path, where(at, err, text, sec, colon + 1, 0), e.msg);
    return 0;
}

/* keymap_check of the bindings read: -1 with the message at the line of the
 * file (path, its text) that made the clash. */
static int check_keys(const struct config *cfg, const char *text, const char *path,
                      struct cc_err *err)
{
    enum action pair[2];
    struct cc_err e;
    char k0[80], k1[80];
    int l0, l1, c0, c1;

    if (keymap_check(&cfg->keys, pair, &e) == 0)
        return 0;
    /* where the user bound one of the two: the later of their lines */
    snprintf(k0, sizeof(k0), "%s", action_name(pair[0]));
    snprintf(k1, sizeof(k1), "%s", action_name(pair[1]));
    l0 = line_of(text, "keys", k0, 0, &c0);
    l1 = line_of(text, "keys", k1, 0, &c1);
    return cc_error(err, "%s:%d:%d: %s", path, l0 > l1 ? l0 : l1, l0 > l1 ? c0 : c1, e.msg);
}

/* What a problem of the file means, after its message in err: none of its
 * settings are used (whole), or the others are; more problems are counted. */
static void say_consequence(struct cc_err *err, int whole, int more)
{
    char msg[sizeof(err->msg)];
    snprintf(msg, sizeof(msg), "%s", err->msg);
    if (whole)
        cc_error(err, _("%s (none of its settings are used until it is fixed)"), msg);
    else if (more == 1)
        cc_error(err, _("%s (and one more problem in the file; the other settings are used)"),
                 msg);
    else if (more > 1)
        cc_error(err, _("%s (and %d more problems in the file; the other settings are used)"),
                 msg, more);
    else
        cc_error(err, _("%s (the other settings are used)"), msg);
}

int config_load(struct config *cfg, const char *path, struct cc_err *err)
{
    char *text;
    size_t len;
    dictionary *d;
    int problems = 0;

    if (fs_read_file(path, 1u << 20, &text, &len, err) != 0) {
        if (err->code == ENOENT)
            return 0;
        say_consequence(err, 1, 0);
        return -1;
    }
    free(cfg->path);
    cfg->path = xstrdup(path);
    d = load_ini(path, err);
    if (!d) {
        free(text);
        say_consequence(err, 1, 0);
        return -1;
    }
    /* every entry is applied; the first problem is told, the others counted */
    for (ssize_t n = 0; n < d->size; n++)
        if (apply_entry(cfg, d, d->key[n], text, path, problems == 0 ? err : NULL) != 0)
            problems++;
    if (check_keys(cfg, text, path, problems == 0 ? err : NULL) != 0)
        problems++;
    iniparser_freedict(d);
    free(text);
    if (problems)
        say_consequence(err, 0, problems - 1);
    return problems ? -1 : 0;
}

int config_load_default(struct config *cfg, struct cc_err *err)
{
    char *path = config_default_path();
    int rc;
    config_init(cfg);
    if (!path)
        return 0;
    rc = config_load(cfg, path, err);
    free(path);
    return rc;
}
