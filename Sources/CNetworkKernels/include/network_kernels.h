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

/// s[j] += g[i*m + j] for i = 0 … n-1 in that order (g: n × m row-major, s: m), 8 columns per
/// AVX-512 register: every s[j] gets the same additions in the same order as the Swift loop.
void fp_add_column_sums_avx512(const double *g, size_t n, size_t m, double *s);

/// a[i] *= b[i] for i < count.
void fp_multiply_entrywise_avx512(double *a, const double *b, size_t count);

/// 1 when |x[i]| <= bound for every i < count, else 0 (a NaN is not bounded): the comparison of
/// NeuralNetworks' `Double.allBounded`, 8 lanes at a time, stopping at the first block that fails.
int fp_all_bounded_avx512(const double *x, size_t count, double bound);

/// PyTorch's Adam update, the operations of NeuralNetworks' `Double.adamUpdate` in order, for
/// i < count: m += c1 (g - m); v = b2 v + (c2 g) g; p -= ss (m / (sqrt(v) / bc + e)).
void fp_adam_update_avx512(
    double *p, const double *g, double *m, double *v, size_t count, double c1, double b2, double c2, double e,
    double ss, double bc);

/// One full-batch GD step of a two-layer ReLU network on scalar inputs (LinearFrequencyPrinciple's
/// `GDPointers.step1` for ReLU): for each block of 8 neurons (w, b, a: `blocks` × 8, x, r: n,
/// h: n × 8 lane sums, accumulated), ∂L/∂a = Σᵢ rᵢσ(zᵢ), ∂L/∂b = a Σᵢ rᵢσ′(zᵢ), ∂L/∂w = a Σᵢ (rᵢxᵢ)σ′(zᵢ),
/// zᵢ = w xᵢ + b, σ = max(·, 0) (σ′ = 1 where z > 0, else 0; a NaN gives 0), θ ← θ − η∂L/∂θ, then
/// hᵢ += a′σ(w′xᵢ + b′). The Swift code's operations in its order, no contraction: the same bits.
/// Call only when `fp_kernels_have_avx512()` is true.
void fp_gd_relu_step1_avx512(
    size_t n, size_t blocks, const double *x, const double *r, double *w, double *b, double *a, double *h,
    double eta);

#endif
