/*
 * libFuzzer target: one YAML document through the loader and lint, as
 * `tpmtrain lint` would see an untrusted deck.  Any crash, leak, sanitizer
 * report or hang is a bug; diagnostics are the expected outcome.
 */
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "lint/lint.h"
#include "loader/loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct library lib;
	struct diag_list dl;

	library_init(&lib);
	diag_list_init(&dl);
	library_load_buffer(&lib, "fuzz.yaml", (const char *)data, size, &dl);
	lint_library(&lib, &dl);
	library_release(&lib);
	diag_list_release(&dl);
	return 0;
}
