#ifndef FPRINCIPLE_LIBFUZZER_H
#define FPRINCIPLE_LIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, LLVM ≥ 11): parses libFuzzer's command line
/// and runs `callback` on every input. Defined only when the executable is linked
/// with `-sanitize=fuzzer`; FuzzSupport calls it only when built with `-DFUZZING`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
