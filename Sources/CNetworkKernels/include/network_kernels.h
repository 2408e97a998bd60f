#ifndef FPRINCIPLE_NETWORK_KERNELS_H
#define FPRINCIPLE_NETWORK_KERNELS_H

#include <stddef.h>

/// Whether this CPU runs the AVX-512 kernels below (AVX-512F, checked once at run time).
int fp_kernels_have_avx512(void);

/// values[i] = fastTanh(z[i]) and, if `derivatives` is not NULL, derivatives[i] = 1 - values[i]^2,
/// for i < count rounded down to a multiple of 8; returns that number (the caller finishes the
/// tail). The same IEEE operations in the same order as NeuralNetworks' `fastTanh`, 8 lanes in
/// one AVX-512 register, no contraction into fused multiply-adds: the same results bit for bit.
/// `values` may be `z`. Call only when `fp_kernels_have_avx512()` is true.
size_t fp_tanh_avx512(const double *z, double *values, double *derivatives, size_t count);

#endif
