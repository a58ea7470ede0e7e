/* words.c — see words.h. */
#include "words.h"

#include "i18n.h"
#include "store.h"

const char *yesno_word(enum yesno v)
{
    switch (v) {
    case YN_YES: return _("yes");
    case YN_NO: return _("no");
    case YN_UNSURE: return _("unsure");
    case YN_UNSET: break;
    }
    return _("unanswered");
}

const char *qstate_word(enum qstate s, int review)
{
    if (review)
        return _("to review");
    return s == QS_ANSWERED ? _("answered") : s == QS_PARTIAL ? _("partly answered") : _("unanswered");
}

const char *store_due_name(enum due_status s)
{
    return s == DUE_OVERDUE ? "overdue" : s == DUE_SOON ? "due" : "ok";
}

const char *store_due_word(enum due_status s)
{
    /* TRANSLATORS: the state of a re-assessment: its date has passed, it is
     * due within a month, or neither */
    return s == DUE_OVERDUE ? _("overdue") : s == DUE_SOON ? _("due") : _("ok");
}
