// The Double activation kernels of NeuralNetworks in 512-bit registers, chosen at run time.
//
// Every operation is the IEEE operation the Swift code performs, in the same order: products and
// sums stay separate (no fused multiply-add), so the results equal the Swift scalar and SIMD8
// paths bit for bit (checked by Tests/NeuralNetworksTests/FastTanhTests).
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#include "network_kernels.h"

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef int64_t v8l __attribute__((vector_size(64), aligned(8)));
typedef uint64_t v8u __attribute__((vector_size(64), aligned(8)));

int fp_kernels_have_avx512(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  static int known = -1;
  if (known < 0) {
    __builtin_cpu_init();
    known = __builtin_cpu_supports("avx512f") ? 1 : 0;
  }
  return known;
#else
  return 0;
#endif
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#define FP_AVX512 __attribute__((target("avx512f"), always_inline)) static inline

FP_AVX512 v8d splat(double x) { return (v8d){x, x, x, x, x, x, x, x}; }

// m ? a : b, lane by lane (m: all ones or all zeros per lane).
FP_AVX512 v8d lane_select(v8l m, v8d a, v8d b) { return (v8d)(((v8l)a & m) | ((v8l)b & ~m)); }

// fastTanh on 8 lanes: see FastTanh.swift for the mathematics (polynomial for |x| < 0.55,
// (1 - e)/(1 + e) with e = exp(-2 min(|x|, 20)) otherwise; NaN propagates).
FP_AVX512 v8d tanh8(v8d x) {
  v8d a = (v8d)((v8l)x & (int64_t)0x7FFFFFFFFFFFFFFF);
  v8d s = x * x;
  v8d p = splat(-2.060276537636634e-05);
  p = p * s + 8.511313685577672e-05;
  p = p * s - 0.0002346347410887237;
  p = p * s + 0.0005889360520074057;
  p = p * s - 0.001455661830100716;
  p = p * s + 0.003592110378689024;
  p = p * s - 0.008863234397814355;
  p = p * s + 0.021869488493666944;
  p = p * s - 0.053968253967434016;
  p = p * s + 0.13333333333332714;
  p = p * s - 0.3333333333333333;
  v8d small = x + x * s * p;
  v8l isSmall = (v8l)(a < 0.55);
  int allSmall = 1;
  for (int k = 0; k < 8; k++) allSmall &= isSmall[k] != 0;
  if (allSmall) return small;
  v8d y = -2 * lane_select((v8l)(a < 20.0), a, splat(20));
  v8d shifter = splat(0x1.8p52);
  v8d kd = y * 1.4426950408889634 + shifter;
  v8d k = kd - shifter;
  v8d r = (y - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10;
  v8d q = splat(1.0 / 6227020800);
  q = q * r + 1.0 / 479001600;
  q = q * r + 1.0 / 39916800;
  q = q * r + 1.0 / 3628800;
  q = q * r + 1.0 / 362880;
  q = q * r + 1.0 / 40320;
  q = q * r + 1.0 / 5040;
  q = q * r + 1.0 / 720;
  q = q * r + 1.0 / 120;
  q = q * r + 1.0 / 24;
  q = q * r + 1.0 / 6;
  q = q * r + 0.5;
  q = q * r + 1;
  q = q * r + 1;
  v8u bits = ((v8u)kd + 1023) << 52;  // wrapping, as Swift's &+ and &<<
  v8d e = q * (v8d)bits;
  v8d t = (1 - e) / (1 + e);
  v8d large = lane_select((v8l)(x < 0.0), -t, t);
  v8d result = lane_select(isSmall, small, large);
  return lane_select((v8l)(x != x), x, result);
}

__attribute__((target("avx512f"))) size_t fp_tanh_avx512(
    const double *z, double *values, double *derivatives, size_t count) {
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    v8d x;
    memcpy(&x, z + i, sizeof x);
    v8d t = tanh8(x);
    memcpy(values + i, &t, sizeof t);
    if (derivatives) {
      v8d d = 1 - t * t;
      memcpy(derivatives + i, &d, sizeof d);
    }
  }
  return i;
}

__attribute__((target("avx512f"))) void fp_add_column_sums_avx512(
    const double *g, size_t n, size_t m, double *s) {
  size_t j = 0;
  for (; j + 8 <= m; j += 8) {
    __m512d acc = _mm512_loadu_pd(s + j);
    for (size_t i = 0; i < n; i++) acc = _mm512_add_pd(acc, _mm512_loadu_pd(g + i * m + j));
    _mm512_storeu_pd(s + j, acc);
  }
  for (; j < m; j++) {
    double acc = s[j];
    for (size_t i = 0; i < n; i++) acc += g[i * m + j];
    s[j] = acc;
  }
}

__attribute__((target("avx512f"))) void fp_multiply_entrywise_avx512(double *a, const double *b, size_t count) {
  size_t i = 0;
  for (; i + 8 <= count; i += 8) _mm512_storeu_pd(a + i, _mm512_mul_pd(_mm512_loadu_pd(a + i), _mm512_loadu_pd(b + i)));
  for (; i < count; i++) a[i] *= b[i];
}

__attribute__((target("avx512f"))) int fp_all_bounded_avx512(const double *x, size_t count, double bound) {
  const __m512d B = _mm512_set1_pd(bound);
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    // _CMP_LE_OQ: false for a NaN lane.
    if (_mm512_cmp_pd_mask(_mm512_abs_pd(_mm512_loadu_pd(x + i)), B, _CMP_LE_OQ) != 0xFF) return 0;
  }
  for (; i < count; i++) {
    if (!(__builtin_fabs(x[i]) <= bound)) return 0;
  }
  return 1;
}

__attribute__((target("avx512f"))) void fp_adam_update_avx512(
    double *p, const double *g, double *m, double *v, size_t count, double c1, double b2, double c2, double e,
    double ss, double bc) {
  const __m512d C1 = _mm512_set1_pd(c1), B2 = _mm512_set1_pd(b2), C2 = _mm512_set1_pd(c2);
  const __m512d E = _mm512_set1_pd(e), SS = _mm512_set1_pd(ss), BC = _mm512_set1_pd(bc);
  size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    __m512d gi = _mm512_loadu_pd(g + i), mi = _mm512_loadu_pd(m + i), vi = _mm512_loadu_pd(v + i);
    __m512d pi = _mm512_loadu_pd(p + i);
    mi = _mm512_add_pd(mi, _mm512_mul_pd(C1, _mm512_sub_pd(gi, mi)));
    vi = _mm512_add_pd(_mm512_mul_pd(B2, vi), _mm512_mul_pd(_mm512_mul_pd(C2, gi), gi));
    __m512d denom = _mm512_add_pd(_mm512_div_pd(_mm512_sqrt_pd(vi), BC), E);
    pi = _mm512_sub_pd(pi, _mm512_mul_pd(SS, _mm512_div_pd(mi, denom)));
    _mm512_storeu_pd(m + i, mi);
    _mm512_storeu_pd(v + i, vi);
    _mm512_storeu_pd(p + i, pi);
  }
  for (; i < count; i++) {
    double gi = g[i];
    m[i] += c1 * (gi - m[i]);
    v[i] = b2 * v[i] + c2 * gi * gi;
    double denom = __builtin_sqrt(v[i]) / bc + e;
    p[i] -= ss * (m[i] / denom);
  }
}

// One GD step of LinearFrequencyPrinciple's GDPointers.step1 for ReLU (d = 1), block by block of
// 8 neurons, the operations of the Swift SIMD8 code in its order (see the header).
__attribute__((target("avx512f"))) void fp_gd_relu_step1_avx512(
    size_t n, size_t blocks, const double *x, const double *r, double *w, double *b, double *a, double *h,
    double eta) {
  const v8d zero = splat(0), one = splat(1), etaV = splat(eta);
  for (size_t blk = 0; blk < blocks; blk++) {
    v8d wv, bv, av;
    memcpy(&wv, w + 8 * blk, sizeof wv);
    memcpy(&bv, b + 8 * blk, sizeof bv);
    memcpy(&av, a + 8 * blk, sizeof av);
    v8d ga = zero, gs = zero, gw = zero;
    for (size_t i = 0; i < n; i++) {
      v8d z = wv * x[i] + bv;
      v8l on = (v8l)(z > 0.0);
      v8d s = lane_select(on, z, zero), ds = lane_select(on, one, zero);
      ga += r[i] * s;
      gs += r[i] * ds;
      double rx = r[i] * x[i];
      gw += rx * ds;
    }
    v8d an = av - etaV * ga;
    v8d wn = wv - etaV * (av * gw);
    v8d bn = bv - etaV * (av * gs);
    memcpy(w + 8 * blk, &wn, sizeof wn);
    memcpy(b + 8 * blk, &bn, sizeof bn);
    memcpy(a + 8 * blk, &an, sizeof an);
    for (size_t i = 0; i < n; i++) {
      v8d z = wn * x[i] + bn;
      v8d s = lane_select((v8l)(z > 0.0), z, zero);
      v8d hi;
      memcpy(&hi, h + 8 * i, sizeof hi);
      hi += an * s;
      memcpy(h + 8 * i, &hi, sizeof hi);
    }
  }
}

#else

void fp_gd_relu_step1_avx512(
    size_t n, size_t blocks, const double *x, const double *r, double *w, double *b, double *a, double *h,
    double eta) {
  (void)n; (void)blocks; (void)x; (void)r; (void)w; (void)b; (void)a; (void)h; (void)eta;
}

void fp_add_column_sums_avx512(const double *g, size_t n, size_t m, double *s) {
  (void)g; (void)n; (void)m; (void)s;
}
void fp_multiply_entrywise_avx512(double *a, const double *b, size_t count) { (void)a; (void)b; (void)count; }
int fp_all_bounded_avx512(const double *x, size_t count, double bound) {
  (void)x; (void)count; (void)bound;
  return 0;
}
void fp_adam_update_avx512(
    double *p, const double *g, double *m, double *v, size_t count, double c1, double b2, double c2, double e,
    double ss, double bc) {
  (void)p; (void)g; (void)m; (void)v; (void)count; (void)c1; (void)b2; (void)c2; (void)e; (void)ss; (void)bc;
}

size_t fp_tanh_avx512(const double *z, double *values, double *derivatives, size_t count) {
  (void)z; (void)values; (void)derivatives; (void)count;
  return 0;
}

#endif
