/* fuzz_lists_csv.c — list_detect and list_parse of the CSV list formats
 * (csl-csv, opensanctions, csv: the RFC 4180 reader of lists_csv.c).  The
 * input is not NUL-terminated (the reader must stop at its length, as on a
 * mapped file).  Invariants: those of fuzz_lists.h. */
#include "fuzz_lists.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_lists_detect(data, size);
    fz_lists_parse(LF_CSL_CSV, data, size);
    fz_lists_parse(LF_OPENSANCTIONS, data, size);
    fz_lists_parse(LF_CSV, data, size);
    return 0;
}
