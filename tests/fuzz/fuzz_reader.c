/* fuzz_reader.c — libFuzzer target for the import reader: any bytes, in each
 * of the three formats, must give records or a clean error, never a crash,
 * a leak or undefined behaviour.  Built and run by `make fuzz`. */
#include <stdint.h>
#include <stdio.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum crm_reader_format formats[] = {CRM_READ_CSV, CRM_READ_JSON,
							 CRM_READ_NDJSON};

	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		FILE *fp = fmemopen((void *)data, size ? size : 1, "r");
		struct crm_reader *r;
		struct crm_record rec;
		struct crm_err err;

		if (!fp)
			return 0;
		if (size == 0)
			fgetc(fp); /* fmemopen needs one byte; read it so the input is empty */
		if (crm_reader_open(&r, fp, formats[f], &err) == CRM_OK) {
			while (crm_reader_next(r, &rec, &err) == 1)
				for (size_t i = 0; i < rec.nfields; i++)
					(void)rec.names[i];
			crm_reader_close(r);
		}
		fclose(fp);
	}
	return 0;
}
