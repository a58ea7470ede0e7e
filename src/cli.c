/* cli.c — the command line: the table of commands, one option parser for
 * global and command options, one error → exit status mapping, output
 * helpers and the steps commands share.  The commands themselves are in
 * src/cmd_*.c.  See cli_int.h and coopcheck(1).
 *
 * Output is built in a buffer, sanitised (no control character from data
 * ever reaches the terminal) and written at the end.  Every word goes
 * through gettext (i18n.h). */
#include "cli.h"
#include "cli_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cctime.h"
#include "i18n.h"
#include "officer.h"
#include "textutil.h"
#include "words.h"

/* ---- the commands ---- */

static const struct command *const commands[] = {
    &cmd_open_def, &cmd_interview_def, &cmd_new_def, &cmd_edit_def, &cmd_list_def, &cmd_show_def, &cmd_set_def,
    &cmd_rate_def, &cmd_measure_def, &cmd_decide_def, &cmd_approve_def, &cmd_lists_def,
    &cmd_screen_def, &cmd_store_def, &cmd_sync_def, &cmd_resolve_def,
    &cmd_snapshot_def, &cmd_snapshots_def, &cmd_diff_def, &cmd_verify_def, &cmd_export_def,
    &cmd_due_def, &cmd_rename_def, &cmd_archive_def, &cmd_unarchive_def, &cmd_delete_def,
    &cmd_unlock_def, &cmd_help_def, &cmd_catalog_def, &cmd_merge_driver_def,
};

/* ---- output ---- */

int say_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_error_v(fmt, ap);
    va_end(ap);
    return -1;
}

int cli_fail(const struct cc_err *err, int fallback)
{
    say_error("%s", err->msg);
    switch (err->code) {
    case ENOENT: return EXIT_NOTFOUND;
    case EEXIST: case EBUSY: return EXIT_CONFLICT;
    case EINVAL: case EFBIG: case ENOPKG: return EXIT_DATA;
    case 0: return fallback;
    default: return EXIT_SYSTEM;
    }
}

int usage_error(const char *cmd, const char *fmt, ...)
{
    struct sbuf msg;
    va_list ap;
    sbuf_init(&msg);
    va_start(ap, fmt);
    sbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    if (cmd)
        say_error(_("%s\n  'coopcheck %s --help' shows its usage"), msg.buf, cmd);
    else
        say_error(_("%s\n  'coopcheck --help' shows the usage"), msg.buf);
    sbuf_release(&msg);
    return EXIT_USAGE;
}

int flush_out(struct sbuf *out)
{
    int rc = EXIT_OK;
    if (out->len && fwrite(out->buf, 1, out->len, stdout) != out->len)
        rc = EXIT_SYSTEM;
    if (fflush(stdout) != 0)
        rc = EXIT_SYSTEM;
    if (rc != EXIT_OK && errno != EPIPE)
        say_error(_("cannot write the output: %s"), strerror(errno));
    sbuf_release(out);
    return rc;
}

void put(struct sbuf *out, const char *s)
{
    text_sanitize(out, s ? s : "", 0);
}

void putf(struct sbuf *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_sanitize_vf(out, TEXT_ALLOW_NEWLINE, fmt, ap);
    va_end(ap);
}

void put_col(struct sbuf *out, const char *s, size_t w)
{
    text_column(out, s ? s : "", w);
}

void put_hanging(struct sbuf *out, size_t width, size_t at, const char *text)
{
    struct sbuf wrapped;
    const char *first;
    sbuf_init(&wrapped);
    text_wrap_words(&wrapped, text ? text : "", width > at + 20 ? width - at : 20, at);
    first = wrapped.buf + strspn(wrapped.buf, " ");   /* (the row is there already) */
    sbuf_adds(out, *first ? first : "\n");
    sbuf_release(&wrapped);
}

void put_block(struct sbuf *out, size_t width, size_t at, size_t more, const char *text)
{
    sbuf_addf(out, "%*s", (int)at, "");
    put_hanging(out, width, at + more, text);
}

static size_t term_width(void)
{
    struct winsize ws;
    const char *cols = getenv("COLUMNS");
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col < 40 ? 40 : ws.ws_col;
    if (cols && atoi(cols) >= 40)
        return (size_t)atoi(cols);
    return 80;
}

/* ---- options ---- */

static void usage(FILE *f);
static void command_usage(FILE *f, const struct command *cmd);

static int set_opt(const char *cmd, const struct opt *o, const char *value)
{
    switch (o->kind) {
    case OPT_FLAG:
        if (value)
            return usage_error(cmd, _("option '--%s' takes no value"), o->name);
        *(int *)o->target = 1;
        break;
    case OPT_VALUE:
        *(const char **)o->target = value;
        break;
    case OPT_LIST:
        strlist_push((struct strlist *)o->target, value);
        break;
    }
    return 0;
}

static const struct opt *find_opt(const struct opt *opts, size_t n, const char *name, char shortname)
{
    for (size_t k = 0; k < n; k++)
        if (name ? strcmp(opts[k].name, name) == 0 : opts[k].shortname && opts[k].shortname == shortname)
            return &opts[k];
    return NULL;
}

/* Parses argv[*i..argc): the command's options (cmd NULL: none, before the
 * command) and the global ones.  Positional arguments go to pos; without
 * pos, parsing stops at the first one (the command's name).  Returns 0 or an
 * exit status (-1: --help or --version was printed, status in *i). */
static int parse_opts(struct ctx *c, const struct command *cmd, int argc, char **argv, int *i,
                      struct strlist *pos)
{
    int help = 0, version = 0;
    const struct opt globals[] = {
        { "data", 0, OPT_VALUE, &c->data_opt }, { "lang", 0, OPT_VALUE, &c->lang_opt },
        { "theme", 0, OPT_VALUE, &c->theme_opt }, { "help", 'h', OPT_FLAG, &help },
        { "version", 'V', OPT_FLAG, &version },
    };
    const char *name = cmd ? cmd->name : NULL;
    int only_pos = 0;
    for (; *i < argc; (*i)++) {
        const char *a = argv[*i], *value = NULL;
        const struct opt *o = NULL;
        char lname[64];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!pos)
                break;
            strlist_push(pos, a);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            snprintf(lname, sizeof(lname), "%.*s", (int)(n < sizeof(lname) ? n : sizeof(lname) - 1), a + 2);
            value = eq ? eq + 1 : NULL;
            o = cmd ? find_opt(cmd->opts, cmd->nopts, lname, 0) : NULL;
            if (!o)
                o = find_opt(globals, CC_ARRAY_LEN(globals), lname, 0);
        } else if (a[2] == '\0') {
            o = cmd ? find_opt(cmd->opts, cmd->nopts, NULL, a[1]) : NULL;
            if (!o)
                o = find_opt(globals, CC_ARRAY_LEN(globals), NULL, a[1]);
        }
        if (!o)
            return name ? usage_error(name, _("unknown option '%s' for 'coopcheck %s'"), a, name)
                        : usage_error(NULL, _("unknown option '%s'"), a);
        if (o->kind != OPT_FLAG && !value) {
            if (*i + 1 >= argc)
                return usage_error(name, _("option '%s' needs a value"), a);
            value = argv[++*i];
        }
        if (set_opt(name, o, value) != 0)
            return EXIT_USAGE;
        if (help || version)
            break;
    }
    if (help || version) {
        if (help && cmd)
            command_usage(stdout, cmd);   /* coopcheck CMD --help */
        else if (help)
            usage(stdout);
        else
            printf("coopcheck %s\n", CC_VERSION);
        /* a write that failed before the end is remembered by ferror */
        *i = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_SYSTEM;
        return -1;
    }
    return 0;
}

/* ---- shared steps ---- */

/* The language and the data directory, once the options are known. */
static int settle(struct ctx *c)
{
    struct cc_err err;
    /* (the interface says it in its status line: cfg_err is handed on) */
    if (c->cfg_err[0] && !c->interactive) {
        say_error("%s", c->cfg_err);
        c->cfg_err[0] = '\0';
    }
    if (c->lang_opt) {
        int l = lang_parse(c->lang_opt);
        if (l < 0 || strlen(c->lang_opt) != 2)
            return usage_error(NULL, _("--lang takes \"de\" or \"en\", not \"%s\""), c->lang_opt);
        c->lang = (enum lang)l;
        i18n_set(c->lang);
    }
    if (!c->data) {
        const char *d = c->data_opt ? c->data_opt : NULL;
        if (!d && !getenv("COOPCHECK_DATA") && c->cfg.data_dir)
            d = c->cfg.data_dir;
        if (store_data_dir(d, &c->data, &err) != 0)
            return cli_fail(&err, EXIT_USAGE);
    }
    return 0;
}

const struct catalog_set *cli_cats(struct ctx *c)
{
    if (!c->cats_loaded) {
        catalog_set_load(&c->cats, &c->cat_problems);
        c->cats_loaded = 1;
    }
    return &c->cats;
}

void report_cat_problems(struct ctx *c)
{
    for (size_t i = 0; i < c->cat_problems.n; i++)
        say_error(_("skipped a catalogue that does not load: %s"), c->cat_problems.v[i]);
}

int check_id(const char *cmd, const char *id)
{
    if (coop_id_valid(id))
        return 0;
    return usage_error(cmd, _("\"%s\" is not a cooperation id: %s"), id, coop_id_rule());
}

/* A file that answers a catalogue that is not installed: say why the
 * catalogues that are there did not load. */
static int load_failed(struct ctx *c, const struct cc_err *err)
{
    if (err->code == ENOPKG)
        report_cat_problems(c);
    return cli_fail(err, EXIT_DATA);
}

int load_coop(struct ctx *c, const char *id, struct assessment **a)
{
    struct cc_err err;
    int rc = check_id(NULL, id);
    if (rc)
        return rc;
    if (store_load(c->data, id, cli_cats(c), a, &err) != 0)
        return load_failed(c, &err);
    return 0;
}

int load_coop_or_snapshot(struct ctx *c, const char *id, const char *snap, struct assessment **a)
{
    struct cc_err err;
    int rc;
    if (!snap)
        return load_coop(c, id, a);
    if ((rc = check_id(NULL, id)) != 0)
        return rc;
    if (store_load_snapshot(c->data, id, snap, cli_cats(c), a, &err) != 0)
        return cli_fail(&err, EXIT_USAGE);
    return 0;
}

int open_for_writing(struct ctx *c, const char *id, struct store_w *w, struct assessment **a)
{
    struct cc_err err;
    int rc = check_id(NULL, id);
    if (rc)
        return rc;
    if (store_w_open(c->data, id, w, &err) != 0)
        return cli_fail(&err, EXIT_DATA);
    if (w->note[0])
        say_error(_("note: %s"), w->note);
    if (store_w_load(w, cli_cats(c), a, &err) != 0)
        return load_failed(c, &err);
    if (store_w_check_lock(w, &err) != 0)
        return cli_fail(&err, EXIT_CONFLICT);
    return 0;
}

const struct cat_question *find_question(const struct catalog *cat, const char *key, int *rc)
{
    const struct cat_question *q = catalog_question(cat, key);
    if (!q) {
        say_error(_("catalogue \"%s\" has no question \"%s\": give its number (%d-%d) or id "
                    "(%s-%s)"), cat->id, key, cat->questions[0].number,
                  cat->questions[cat->nquestions - 1].number, cat->questions[0].id,
                  cat->questions[cat->nquestions - 1].id);
        *rc = EXIT_NOTFOUND;
    }
    return q;
}

int plain_text(const char *s, unsigned flags)
{
    return !utf8_invalid(s, strlen(s)) && !text_find_unsafe(s, flags);
}

const struct catalog *pick_catalog(struct ctx *c, const char *id, int *rc)
{
    const struct catalog *cat;
    const struct catalog_set *set = cli_cats(c);
    if (id && (strchr(id, '/') || (strlen(id) > 5 && strcmp(id + strlen(id) - 5, ".json") == 0))) {
        /* a catalogue file given by path: loaded once, kept with the others */
        struct catalog *own;
        struct cc_err err;
        if (catalog_load_file(id, &own, NULL, &err) != 0) {
            *rc = cli_fail(&err, EXIT_DATA);
            return NULL;
        }
        c->cats.v = xrealloc(c->cats.v, (c->cats.n + 1) * sizeof(*c->cats.v));
        c->cats.v[c->cats.n++] = own;
        return own;
    }
    cat = id ? catalog_set_find(set, id) : catalog_set_find(set, CATALOG_DEFAULT_ID);
    if (!cat && !id && set->n)
        cat = set->v[0];
    if (!cat) {
        report_cat_problems(c);
        if (id)
            say_error(_("no catalogue \"%s\" is installed ('coopcheck catalog list' shows the "
                        "installed ones)"), id);
        else
            say_error(_("no catalogue is installed: put one into ~/.config/coopcheck/catalog/"));
        *rc = EXIT_NOTFOUND;
    }
    return cat;
}

/* ---- the cooperation's data as options take it ---- */

int partner_arg(const char *cmd, const char *opt, const char *arg, struct coop *co)
{
    struct strlist parts = { 0 };
    const char *p = arg;
    if (!plain_text(arg, 0))
        return usage_error(cmd, _("a partner name contains control characters or invalid UTF-8 "
                                  "(%s \"%s\"); give plain text"), opt, arg);
    for (;;) {
        size_t n = strcspn(p, ";");
        const char *b = p, *e = p + n;
        while (b < e && *b == ' ')
            b++;
        while (e > b && e[-1] == ' ')
            e--;
        if (b == e) {
            strlist_release(&parts);
            return usage_error(cmd, _("%s \"%s\" has an empty name; write a partner as \"Name\" or "
                                      "\"Name; alias; alias\" (its other names, such as its name "
                                      "in Chinese or an acronym)"), opt, arg);
        }
        strlist_push_owned(&parts, xstrndup(b, (size_t)(e - b)));
        if (!p[n])
            break;
        p += n + 1;
    }
    {
        struct strlist aliases = { 0 };
        for (size_t i = 1; i < parts.n; i++)
            strlist_push(&aliases, parts.v[i]);
        coop_add_partner(co, parts.v[0], &aliases);
        strlist_release(&aliases);
    }
    strlist_release(&parts);
    return 0;
}

int months_arg(const char *cmd, const char *s, long *iv)
{
    char *end;
    errno = 0;
    *iv = strtol(s, &end, 10);
    if (!*s || *end || errno || *iv < 1 || *iv > 120)
        return usage_error(cmd, _("--interval takes a number of months from 1 to 120, not \"%s\""), s);
    return 0;
}

int date_arg(const char *cmd, const char *s)
{
    int y, m, d;
    if (cc_parse_date(s, &y, &m, &d) != 0)
        return usage_error(cmd, _("--start takes a date like 2026-01-31, not \"%s\""), s);
    return 0;
}

int read_stdin_text(char **text)
{
    struct sbuf sb;
    char buf[8192];
    size_t n;
    sbuf_init(&sb);
    while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
        sbuf_add(&sb, buf, n);
        if (sb.len > TEXT_ANSWER_MAX) {
            sbuf_release(&sb);
            say_error(_("the text on standard input is longer than %u bytes, the most a field "
                        "holds; nothing was changed"), TEXT_ANSWER_MAX);
            return EXIT_DATA;
        }
    }
    if (ferror(stdin)) {
        sbuf_release(&sb);
        say_error(_("cannot read standard input: %s"), strerror(errno));
        return EXIT_SYSTEM;
    }
    if (memchr(sb.buf, '\0', sb.len)) {
        sbuf_release(&sb);
        say_error(_("the text on standard input contains a NUL byte; nothing was changed"));
        return EXIT_DATA;
    }
    /* the one newline that echo, a here-document or an editor puts at the end */
    if (sb.len && sb.buf[sb.len - 1] == '\n')
        sb.buf[--sb.len] = '\0';
    if (sb.len && sb.buf[sb.len - 1] == '\r')
        sb.buf[--sb.len] = '\0';
    *text = sbuf_detach(&sb, NULL);
    return 0;
}

void coop_state_text(const struct ctx *c, const struct assessment *a, const struct store_due *d,
                     char *out, size_t n)
{
    char due[128], now[CC_ISO_LEN];
    due_state_text(d, due, sizeof(due));
    if (a->coop.archived.at)
        /* TRANSLATORS: a cooperation put away with 'coopcheck archive' */
        snprintf(out, n, "%s%s%s", _("archived"), due[0] ? ", " : "", due);
    else
        snprintf(out, n, "%s", due);
    cc_now(now);
    officer_state_append(a, now, out, n);
    approval_state_append(a, &c->cfg.required_approvals, out, n);
}


/* ---- usage ---- */

#define USAGE_COLS 79   /* --help fits a terminal of 80 columns */

/* A form's args after "coopcheck NAME", which ends at column at: its parts
 * (split at spaces outside brackets and quotes) filled into rows of
 * USAGE_COLS, each row after the first starting under the first part. */
static void put_args(FILE *f, const char *args, size_t at)
{
    size_t col = at, i = 0;
    while (args[i]) {
        size_t start, depth = 0;
        int quote = 0;
        while (args[i] == ' ')
            i++;
        start = i;
        for (; args[i] && (args[i] != ' ' || depth || quote); i++) {
            if (args[i] == '"')
                quote = !quote;
            else if (!quote && args[i] == '[')
                depth++;
            else if (!quote && args[i] == ']' && depth)
                depth--;
        }
        if (i == start)
            break;
        if (col > at && col + 1 + (i - start) > USAGE_COLS) {
            fprintf(f, "\n%*s", (int)at, "");
            col = at;
        }
        fprintf(f, " %.*s", (int)(i - start), args + start);
        col += 1 + (i - start);
    }
    fputc('\n', f);
}

/* A command's forms, each " coopcheck NAME ARGS" after lead (the first) or
 * pad - 1 spaces (pad: lead's width in columns + 1).  A line of cmd->args
 * that begins with a space goes on with the form above it. */
static void print_forms(FILE *f, const struct command *cmd, const char *lead, size_t pad)
{
    const char *p = cmd->args;
    int first = 1;
    while (*p) {
        struct sbuf form;
        size_t n = strcspn(p, "\n");
        sbuf_init(&form);
        sbuf_add(&form, p, n);
        p += n + (p[n] == '\n');
        while (*p == ' ') {   /* its continuation */
            n = strcspn(p, "\n");
            sbuf_addf(&form, " %.*s", (int)n, p);
            p += n + (p[n] == '\n');
        }
        fprintf(f, "%*s coopcheck %s", first ? 0 : (int)pad - 1, first ? lead : "", cmd->name);
        put_args(f, form.buf, pad + strlen("coopcheck ") + strlen(cmd->name));
        sbuf_release(&form);
        first = 0;
    }
}

/* coopcheck CMD --help: its forms, what it does, where the rest is said. */
static void command_usage(FILE *f, const struct command *cmd)
{
    const char *word = _("usage:");
    struct sbuf sb;
    print_forms(f, cmd, word, text_width(word) + 1);
    sbuf_init(&sb);
    text_wrap(&sb, _(cmd->summary), 78, 0);
    fprintf(f, "\n%s\n%s\n", sb.buf,
            _("Every command also takes --data DIR, --lang de|en and --theme NAME.\n"
              "'coopcheck --help' describes every command and the exit status; the manual\n"
              "page coopcheck(1) has more."));
    sbuf_release(&sb);
}

static void usage(FILE *f)
{
    fprintf(f, "%s\n\n%s\n\n%s\n", _("usage: coopcheck [--data DIR] [--lang de|en] [--theme NAME] "
                                     "[COMMAND [ARGS]]"),
            _("coopcheck walks you through a research-security catalogue (the BMBF question\n"
              "catalogue for cooperations with Chinese partners, 11/2024) for one cooperation,\n"
              "keeps the answers as JSON with dated snapshots, and shows what changed."),
            _("With no command it opens the interactive interface.  Commands:"));
    for (size_t i = 0; i < CC_ARRAY_LEN(commands); i++) {
        const struct command *cmd = commands[i];
        struct sbuf line, wrapped;
        const char *p;
        int first = 1;
        /* "  NAME  what it does", its further rows indented by four */
        sbuf_init(&line);
        sbuf_init(&wrapped);
        sbuf_addf(&line, "%s  %s", cmd->name, _(cmd->summary));
        text_wrap(&wrapped, line.buf, USAGE_COLS - 4, 0);
        for (p = wrapped.buf; *p; first = 0) {
            size_t n = strcspn(p, "\n");
            fprintf(f, "%s%.*s\n", first ? "  " : "    ", (int)n, p);
            p += n + (p[n] == '\n');
        }
        sbuf_release(&wrapped);
        sbuf_release(&line);
        print_forms(f, cmd, "     ", 6);
    }
    fprintf(f, "\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n\n%s\n",
            _("QUESTION is a number (8) or an id (q08); FIELD is a field id from\n"
              "'coopcheck catalog show'.  For yes/no fields VALUE is yes, no, unsure or unset;\n"
              "for text fields it is the text, or - to read it from standard input (an empty\n"
              "text clears the field).  --note explains a yes/no answer (an \"unsure\" needs\n"
              "an explanation: its note or a text field of the question)."),
            _("A partner is written \"Name\" or \"Name; alias; alias\", for example\n"
              "\"Fudan University; 复旦大学; FDU\".  edit --partner replaces the whole list;\n"
              "--add-partner and --remove-partner change one.  --country \"\" clears the country."),
            _("A snapshot needs a note (-m).  It is complete when nothing is open (unanswered,\n"
              "partly answered, \"unsure\" without explanation, to review, flagged for\n"
              "follow-up): then it closes the round and the next re-assessment is due an\n"
              "interval later.  Otherwise snapshot refuses and lists what is open, unless\n"
              "--interim is given: an interim snapshot is kept and compared like any other but\n"
              "the round stays open.  A cooperation never assessed completely is due from its\n"
              "start date (else its creation).  Archived cooperations are left out of list and\n"
              "due unless --all is given."),
            _("diff compares the working assessment with the last snapshot; with A, snapshot\n"
              "A with the working assessment; with A and B, two snapshots (names as listed by\n"
              "'coopcheck snapshots ID'; \"current\" is the working assessment).  Its exit status\n"
              "is that of diff(1): 0 equal, 1 different, 2 trouble."),
            _("Options:\n"
              "  --data DIR      data directory (default $COOPCHECK_DATA, data = in config.ini,\n"
              "                  $XDG_DATA_HOME/coopcheck, ~/.local/share/coopcheck)\n"
              "  --lang de|en    language of the program and of catalogue texts (default\n"
              "                  language = in config.ini, else LANGUAGE, LC_MESSAGES, LANG)\n"
              "  --theme NAME    colour theme of the interface\n"
              "  -h, --help      this text;  -V, --version  the version"),
            _("Exit status:\n"
              "  0  success\n"
              "  1  a check said no: diff found differences, verify found a broken chain,\n"
              "     due found reviews due\n"
              "  2  the command line is wrong (also: snapshot without a note, delete without\n"
              "     --yes)\n"
              "  3  no such cooperation, question, field, snapshot, catalogue or partner\n"
              "  4  a file or value is invalid, snapshot found items still open (without\n"
              "     --interim), or edit --catalog would lose answers (without --force);\n"
              "     nothing was changed\n"
              "  5  conflict: exists already, changed by someone else meanwhile, open in\n"
              "     another coopcheck (which is named), recovery drafts waiting (rename), or\n"
              "     another writer kept the cooperation's write lock for\n"
              "     $COOPCHECK_LOCK_TIMEOUT ms (default 10000)\n"
              "  6  the system refused (permissions, disk full, ...)"));
}

/* ---- dispatch ---- */

static int run_command(struct ctx *c, const struct command *cmd, int argc, char **argv, int i)
{
    struct strlist pos = { 0 };
    int rc = parse_opts(c, cmd, argc, argv, &i, &pos);
    if (rc < 0) {
        rc = i;   /* --help or --version */
    } else if (rc == 0) {
        if (pos.n < cmd->min_args)
            rc = usage_error(cmd->name, _("'coopcheck %s' needs more arguments"), cmd->name);
        else if (pos.n > cmd->max_args)
            rc = usage_error(cmd->name, _("too many arguments for 'coopcheck %s': '%s'"), cmd->name,
                             pos.v[cmd->max_args]);
        else {
            /* (open in the line mode says what config.ini gets wrong at once, on stderr) */
            c->interactive = (cmd->flags & CMD_INTERACTIVE) != 0 &&
                             !(cmd == &cmd_open_def && cli_open_line_mode_wanted(c));
            rc = settle(c);
            if (rc == 0) {
                rc = cmd->run(c, &pos);
                if (cmd->flags & (CMD_COMMITS | CMD_INTERACTIVE))
                    cli_commit(c, cmd, &pos);
            }
        }
    }
    strlist_release(&pos);
    return rc;
}

/* The language of --lang, looked for before the options are parsed, so
 * that --help and the errors about the options are in it too (a bad value is
 * reported by settle); -1 when none is given. */
static int early_lang(int argc, char **argv)
{
    int lang = -1;
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        if (v && strlen(v) == 2 && lang_parse(v) >= 0)
            lang = lang_parse(v);
    }
    return lang;
}

int cli_main(int argc, char **argv, cli_tui_fn tui)
{
    struct ctx c;
    struct cc_err err;
    int i = 1, rc;
    enum lang worded;

    memset(&c, 0, sizeof(c));
    sbuf_init(&c.commit_msg);
    c.prog = argv[0];
    c.tui = tui;
    c.width = term_width();
    worded = lang_from_env();   /* the language config.ini's problems are told in */
    i18n_set(worded);
    if (config_load_default(&c.cfg, &err) != 0)
        snprintf(c.cfg_err, sizeof(c.cfg_err), "%s", err.msg);   /* said by settle() */
    c.lang = c.cfg.lang >= 0 ? (enum lang)c.cfg.lang : lang_from_env();
    if (early_lang(argc, argv) >= 0)
        c.lang = (enum lang)early_lang(argc, argv);
    if (c.cfg_err[0] && c.lang != worded) {
        /* the file's problem was worded before its language setting (or
         * --lang) was known: read it once more to word it in that language */
        struct config again;
        i18n_set(c.lang);
        if (config_load_default(&again, &err) != 0)
            snprintf(c.cfg_err, sizeof(c.cfg_err), "%s", err.msg);
        config_release(&again);
    }
    i18n_set(c.lang);
    rc = parse_opts(&c, NULL, argc, argv, &i, NULL);
    if (rc < 0) {
        rc = i;
    } else if (rc == 0) {
        const struct command *cmd = i >= argc ? &cmd_open_def : NULL;
        for (size_t k = 0; !cmd && k < CC_ARRAY_LEN(commands); k++)
            if (strcmp(argv[i], commands[k]->name) == 0)
                cmd = commands[k];
        if (!cmd)
            rc = usage_error(NULL, _("unknown command '%s'"), argv[i]);
        else
            rc = run_command(&c, cmd, argc, argv, i < argc ? i + 1 : i);
    }
    free(c.data);
    sbuf_release(&c.commit_msg);
    catalog_set_release(&c.cats);
    strlist_release(&c.cat_problems);
    config_release(&c.cfg);
    return rc;
}
