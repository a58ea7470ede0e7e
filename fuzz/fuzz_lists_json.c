/* fuzz_lists_json.c — list_detect and list_parse of the JSON list formats
 * (csl-json, misp: lists_parse.c over jsondoc).  Invariants (fuzz_lists.h):
 * the result is 0, -1 or the callback's value; -1 comes with a message
 * "f:LINE:COL: ..."; every entry has a non-empty id and name and only valid
 * UTF-8 without control characters; about is empty after a failure. */
#include "fuzz_lists.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_lists_detect(data, size);
    fz_lists_parse(LF_CSL_JSON, data, size);
    fz_lists_parse(LF_MISP, data, size);
    return 0;
}
