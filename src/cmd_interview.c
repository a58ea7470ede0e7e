/* cmd_interview.c — coopcheck interview ID [QUESTION]: the line-by-line
 * mode (interview.h), and the choice between it and the full-screen
 * interface that `open` makes. */
#include "cli_int.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "interview.h"

static int run_interview(struct ctx *c, const char *id, const char *question)
{
    struct interview_opts o;
    struct assessment *a;
    struct cc_err err;
    int rc;
    if ((rc = check_id("interview", id)) != 0)
        return rc;
    /* the lock first: the file loaded is then the one it protects */
    if (store_lock(c->data, id, &err) != 0)
        return cli_fail(&err, EXIT_SYSTEM);
    if (store_load(c->data, id, cli_cats(c), &a, &err) != 0) {
        store_unlock(c->data, id);
        return cli_fail(&err, EXIT_DATA);
    }
    if (question && !find_question(a->cat, question, &rc)) {
        assessment_free(a);
        store_unlock(c->data, id);
        return rc;
    }
    memset(&o, 0, sizeof(o));
    o.data = c->data;
    o.question = question;
    o.lang = c->lang;
    o.editor = c->cfg.editor;
    o.width = c->width;
    o.in_fd = STDIN_FILENO;
    o.out_fd = STDOUT_FILENO;
    rc = interview_session(&o, a);
    assessment_free(a);
    store_unlock(c->data, id);
    return rc;
}

static int cmd_interview(struct ctx *c, const struct strlist *pos)
{
    return run_interview(c, pos->v[0], pos->n >= 2 ? pos->v[1] : NULL);
}

const struct command cmd_interview_def = {
    "interview", "ID [QUESTION]",
    N_("the questions asked line by line on standard input and output, for screen readers, "
       "braille displays, dumb terminals and scripts (also 'open' with ACCESSIBLE=1, "
       "accessible = true or TERM=dumb)"), NULL, 0, 1, 2, CMD_COMMITS, cmd_interview,
};

int cli_open_line_mode(struct ctx *c, const struct strlist *pos)
{
    if (pos->n == 0) {
        say_error("%s", _("the line mode (ACCESSIBLE, accessible = true in config.ini, or TERM "
                          "dumb or unset) needs a cooperation: 'coopcheck interview ID'; "
                          "'coopcheck list' shows them ('coopcheck open --full-screen' forces "
                          "the full-screen interface)"));
        return EXIT_USAGE;
    }
    return run_interview(c, pos->v[0], pos->n >= 2 ? pos->v[1] : NULL);
}
