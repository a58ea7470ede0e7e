/* interview_int.h — shared by src/interview.c (the dialogue: questions,
 * fields, commands, saving) and src/interview_io.c (lines in and out, text
 * typed over several lines or in $EDITOR, the help's pager) only. */
#ifndef COOPCHECK_INTERVIEW_INT_H
#define COOPCHECK_INTERVIEW_INT_H

#include <signal.h>
#include <stddef.h>

#include "draft.h"
#include "interview.h"
#include "model.h"
#include "util.h"

/* A signal that ends the interview (SIGHUP, SIGTERM, SIGINT), else 0. */
extern volatile sig_atomic_t iv_signal;

struct iv {
    const struct interview_opts *o;
    struct assessment *a;
    char *who;
    /* input: what was read and not yet taken as lines */
    char ibuf[4096];
    size_t ilen, ipos;
    int ieof;
    int prompted;                  /* a prompt waits for its line */
    int in_tty;                    /* input and output are a terminal, which echoes what is
                                    * typed (else a newline ends each prompt's line) */
    long line_no;                  /* lines read, for messages */
    /* output, written at each prompt */
    struct sbuf out;
    int out_failed;
    /* what the file does not hold yet: per question, the saved answers
     * (saved_q) while dirtyq says the question changed since */
    unsigned char *dirtyq;
    struct qanswers *saved_q;
    int unsaved;                   /* the last save failed */
    struct draft draft;
    long journaled_ms;             /* when the text being typed was last journaled */
    char *typing;                  /* a text whose typing the end of the input or a signal
                                    * cut short (field typing_f of question typing_q): kept
                                    * in every draft written after */
    size_t typing_q, typing_f;
    size_t qi;                     /* the question asked */
    int ended;                     /* q, the end of the input, or a signal */
    int status;                    /* the exit status so far */
};

/* What reading a line gave. */
enum iv_read { IV_LINE, IV_EOF, IV_SIGNAL };

/* ---- interview_io.c ---- */

/* Appends to the output, sanitised (no control character reaches the
 * terminal; newlines stay). */
void iv_say(struct iv *v, const char *fmt, ...) CC_PRINTF(2, 3);
/* A line of text from data (an answer, the catalogue), sanitised. */
void iv_say_text(struct iv *v, const char *text);
/* "coopcheck: MESSAGE" on stderr, sanitised. */
void iv_error(const char *fmt, ...) CC_PRINTF(1, 2);
/* Writes what was said.  A prompt is said without a newline and written. */
void iv_flush(struct iv *v);
void iv_prompt(struct iv *v, const char *fmt, ...) CC_PRINTF(2, 3);
/* The next line of input without its newline (and a CR before it), into
 * *line (caller frees).  A line that is not valid UTF-8 is refused with a
 * message and the next one read. */
enum iv_read iv_read_line(struct iv *v, char **line);
/* Text typed over several lines, ended by a line holding only "." (".."
 * stands for a line "."); journaled (field qi, fi) to the draft at most
 * once a second.  IV_LINE with *text (caller frees; NULL when it was too
 * long, said), or IV_EOF/IV_SIGNAL with *text the part typed (journaled)
 * or NULL. */
enum iv_read iv_read_text(struct iv *v, size_t qi, size_t fi, char **text);
/* The text edited in the editor: 0 and *out, 1 when nothing changed or the
 * editor failed (said), -1 when a signal came (what it wrote in *out). */
int iv_external_edit(struct iv *v, const char *text, char **out);
/* The help of question qi, through $PAGER when the output is a terminal,
 * else as plain lines. */
void iv_show_help(struct iv *v, size_t qi);
long iv_now_ms(void);

/* ---- interview_drafts.c ---- */

/* The recovery drafts earlier sessions left (draft_find): each shown field
 * by field, saved answer beside the draft's, then applied, kept for later
 * or discarded as the user says; never applied unasked. */
void iv_offer_drafts(struct iv *v);

/* ---- interview.c ---- */

/* Before a change of question qi: keeps what the file holds, for the draft. */
void iv_change_begin(struct iv *v, size_t qi);
/* Saves every change made: 0, or -1 after saying why not (the answers stay
 * in memory and in the draft, and the next change or q tries again). */
int iv_save(struct iv *v);

/* Writes the recovery draft: every answer not saved, and the text text of
 * field fi of question qi being typed (when text is not NULL); removes it
 * when there is nothing. */
void iv_journal(struct iv *v, size_t qi, size_t fi, const char *text);

#endif
