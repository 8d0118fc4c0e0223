/* reader.h — streaming record reader for imports.
 *
 * Reads records one at a time from CSV (RFC 4180, through libcsv), a JSON
 * array of objects, or NDJSON (one object per line, through cJSON), so an
 * import of a million rows keeps memory flat.  Every record comes out as
 * parallel arrays of field names and text values, whatever the format:
 *
 *   - CSV: names are the header line's cells (a UTF-8 BOM before the header
 *     is dropped); quoted commas, doubled quotes, newlines inside quotes and
 *     CRLF line ends are handled by libcsv.  Empty lines are skipped.  A
 *     record with more cells than the header is an error; fewer cells leave
 *     the missing ones NULL.
 *   - JSON / NDJSON: names are the object's keys.  Strings come out as their
 *     text, numbers as the exact literal text from the input (never through
 *     a double: "1234.50" stays "1234.50"), true/false as "true"/"false",
 *     null as NULL.  A nested object {"k": "v"} under key "field" becomes the
 *     name "field.k"; an array of strings becomes its items joined with ";".
 *     Anything else (an array of objects, a nested array) is an error.
 *
 * Errors name the line: "line 7: unterminated quoted field". */
#ifndef CRM_READER_H
#define CRM_READER_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum crm_reader_format { CRM_READ_CSV, CRM_READ_JSON, CRM_READ_NDJSON };

/* One record.  Owned by the reader and valid until the next call to
 * crm_reader_next or crm_reader_close. values[i] may be NULL (absent or JSON
 * null).  line is the 1-based line of the input on which the record starts. */
struct crm_record {
	size_t nfields;
	const char *const *names;
	const char *const *values;
	long line;
};

struct crm_reader;

/* Starts reading fp (not closed by the reader) in the given format.
 * Returns CRM_OK and a reader to free with crm_reader_close, or an error. */
int crm_reader_open(struct crm_reader **out, FILE *fp, enum crm_reader_format format,
		    struct crm_err *err);

/* Reads the next record into *rec.  Returns 1 for a record, 0 at the end of
 * the input, or -1 with err filled ("line N: ...") for malformed input or a
 * read error. */
int crm_reader_next(struct crm_reader *r, struct crm_record *rec, struct crm_err *err);

void crm_reader_close(struct crm_reader *r);

#endif
