// Declarations only (include/libfuzzer.h): libFuzzer itself comes from the
// toolchain's compiler-rt when a fuzz target is linked with -sanitize=fuzzer.
#include "libfuzzer.h"
