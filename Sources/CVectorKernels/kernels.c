#include "CVectorKernels.h"
#include "cpu_features.h"

// The portable kernels: four independent accumulators, so the compiler can keep four lanes in
// flight without reassociating (plain -O2, no -ffast-math).
static float dot_portable(const float *a, const float *b, long count) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
        s2 += a[i + 2] * b[i + 2];
        s3 += a[i + 3] * b[i + 3];
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

static float squared_distance_portable(const float *a, const float *b, long count) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        float d0 = a[i] - b[i], d1 = a[i + 1] - b[i + 1], d2 = a[i + 2] - b[i + 2], d3 = a[i + 3] - b[i + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
    }
    float sum = (s0 + s1) + (s2 + s3);
    for (; i < count; i++) {
        float d = a[i] - b[i];
        sum += d * d;
    }
    return sum;
}


// The select is marked unpredictable so that it stays a conditional move: LLVM otherwise turns
// it into a branch, which mispredicts on about every hit.
static float filtered_gather_dot_portable(const int *indices, const float *values, long start, long end,
                                          const float *dense, const unsigned long long *filter, unsigned mask,
                                          long zero_slot) {
#pragma STDC FP_CONTRACT OFF
    float s0 = 0, s1 = 0;
    long p = start;
    for (; p + 2 <= end; p += 2) {
        unsigned a = (unsigned)indices[p], b = (unsigned)indices[p + 1];
        unsigned ha = a & mask, hb = b & mask;
        long ja = __builtin_unpredictable((filter[ha >> 6] >> (ha & 63)) & 1) ? (long)a : zero_slot;
        long jb = __builtin_unpredictable((filter[hb >> 6] >> (hb & 63)) & 1) ? (long)b : zero_slot;
        s0 += values[p] * dense[ja];
        s1 += values[p + 1] * dense[jb];
    }
    if (p < end) {
        unsigned a = (unsigned)indices[p], ha = a & mask;
        long ja = __builtin_unpredictable((filter[ha >> 6] >> (ha & 63)) & 1) ? (long)a : zero_slot;
        s0 += values[p] * dense[ja];
    }
    return s0 + s1;
}

// The sibling solver's 8-lane kernels, portable form (see the header for the sum order).
static void lanes8_dot_portable(const double *w, const xmr_packed_entry *e, long start, long end, double *out) {
    double s0[8] = {0}, s1[8] = {0};
    for (long p = start; p < end; p += 2) {
        const double *a = w + 8 * (long)e[p].feature, *b = w + 8 * (long)e[p + 1].feature;
        double x = e[p].value, y = e[p + 1].value;
        for (int k = 0; k < 8; k++) {
            s0[k] += a[k] * x;
            s1[k] += b[k] * y;
        }
    }
    for (int k = 0; k < 8; k++) out[k] = s0[k] + s1[k];
}

static void lanes8_add_portable(double *w, const xmr_packed_entry *e, long start, long end, const double *scale) {
    for (long p = start; p < end; p++) {
        double *a = w + 8 * (long)e[p].feature;
        double x = e[p].value;
        for (int k = 0; k < 8; k++) a[k] += scale[k] * x;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

// The same arithmetic, four lanes per instruction (multiply, then add: no FMA, same bits).
__attribute__((target("avx2"))) static void lanes8_dot_avx2(const double *w, const xmr_packed_entry *e, long start, long end,
                                                            double *out) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd(), b0 = _mm256_setzero_pd(), b1 = _mm256_setzero_pd();
    for (long p = start; p < end; p += 2) {
        const double *u = w + 8 * (long)e[p].feature, *v = w + 8 * (long)e[p + 1].feature;
        __m256d x = _mm256_set1_pd(e[p].value), y = _mm256_set1_pd(e[p + 1].value);
        a0 = _mm256_add_pd(a0, _mm256_mul_pd(_mm256_loadu_pd(u), x));
        a1 = _mm256_add_pd(a1, _mm256_mul_pd(_mm256_loadu_pd(u + 4), x));
        b0 = _mm256_add_pd(b0, _mm256_mul_pd(_mm256_loadu_pd(v), y));
        b1 = _mm256_add_pd(b1, _mm256_mul_pd(_mm256_loadu_pd(v + 4), y));
    }
    _mm256_storeu_pd(out, _mm256_add_pd(a0, b0));
    _mm256_storeu_pd(out + 4, _mm256_add_pd(a1, b1));
}

__attribute__((target("avx2"))) static void lanes8_add_avx2(double *w, const xmr_packed_entry *e, long start, long end,
                                                            const double *scale) {
    __m256d c0 = _mm256_loadu_pd(scale), c1 = _mm256_loadu_pd(scale + 4);
    for (long p = start; p < end; p++) {
        double *u = w + 8 * (long)e[p].feature;
        __m256d x = _mm256_set1_pd(e[p].value);
        _mm256_storeu_pd(u, _mm256_add_pd(_mm256_loadu_pd(u), _mm256_mul_pd(c0, x)));
        _mm256_storeu_pd(u + 4, _mm256_add_pd(_mm256_loadu_pd(u + 4), _mm256_mul_pd(c1, x)));
    }
}

__attribute__((target("avx2,fma"))) static float horizontal_sum(__m256 v) {
    __m128 low = _mm256_castps256_ps128(v), high = _mm256_extractf128_ps(v, 1);
    __m128 s = _mm_add_ps(low, high);
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}

// 32 floats per step in four accumulators (a 384-float MiniLM row is 12 steps), then 8 at a time.
__attribute__((target("avx2,fma"))) static float dot_avx2(const float *a, const float *b, long count) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    long i = 0;
    for (; i + 32 <= count; i += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24), s3);
    }
    for (; i + 8 <= count; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float sum = horizontal_sum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

__attribute__((target("avx2,fma"))) static float squared_distance_avx2(const float *a, const float *b, long count) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        __m256 d0 = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        __m256 d1 = _mm256_sub_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        s0 = _mm256_fmadd_ps(d0, d0, s0);
        s1 = _mm256_fmadd_ps(d1, d1, s1);
    }
    for (; i + 8 <= count; i += 8) {
        __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_fmadd_ps(d, d, s0);
    }
    float sum = horizontal_sum(_mm256_add_ps(s0, s1));
    for (; i < count; i++) {
        float d = a[i] - b[i];
        sum += d * d;
    }
    return sum;
}

// The AVX2 kernels' arithmetic on 16-lane registers: lane j of the low (high) 16-lane
// accumulator is lane j mod 8 of the AVX2 kernel's accumulator s0/s1 (s2/s3), so every lane sees
// the same fused multiply-adds in the same order, and the halves are added as the AVX2 kernel
// adds its accumulators: the same bits with half the instructions.
__attribute__((target("avx512f,avx2,fma"))) static __m256 low_half(__m512 v) { return _mm512_castps512_ps256(v); }

__attribute__((target("avx512f,avx2,fma"))) static __m256 high_half(__m512 v) {
    return _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
}

__attribute__((target("avx512f,avx2,fma"))) static float dot_avx512(const float *a, const float *b, long count) {
    __m512 low = _mm512_setzero_ps(), high = _mm512_setzero_ps();
    long i = 0;
    for (; i + 32 <= count; i += 32) {
        low = _mm512_fmadd_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i), low);
        high = _mm512_fmadd_ps(_mm512_loadu_ps(a + i + 16), _mm512_loadu_ps(b + i + 16), high);
    }
    __m256 s0 = low_half(low), s1 = high_half(low), s2 = low_half(high), s3 = high_half(high);
    for (; i + 8 <= count; i += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i), s0);
    float sum = horizontal_sum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; i < count; i++) sum += a[i] * b[i];
    return sum;
}

__attribute__((target("avx512f,avx2,fma"))) static float squared_distance_avx512(const float *a, const float *b, long count) {
    __m512 both = _mm512_setzero_ps();
    long i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512 d = _mm512_sub_ps(_mm512_loadu_ps(a + i), _mm512_loadu_ps(b + i));
        both = _mm512_fmadd_ps(d, d, both);
    }
    __m256 s0 = low_half(both), s1 = high_half(both);
    for (; i + 8 <= count; i += 8) {
        __m256 d = _mm256_sub_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        s0 = _mm256_fmadd_ps(d, d, s0);
    }
    float sum = horizontal_sum(_mm256_add_ps(s0, s1));
    for (; i < count; i++) {
        float d = a[i] - b[i];
        sum += d * d;
    }
    return sum;
}

// The filtered gather with the filter tested 16 entries at a time, and only the entries that
// pass it multiplied and added, in their order, into the accumulator of their parity (counted
// from `start`): the portable kernel's sums, bit for bit. Every entry it skips there added
// `values[p] * 0`, a zero, to an accumulator that started at +0; in round-to-nearest a sum that
// starts at +0 is never -0 (x + (-x) is +0), and adding a zero of either sign to anything else
// leaves it unchanged, so the skipped additions changed nothing. The filter is read as 32-bit
// words (bit h is bit h & 31 of word h >> 5 on this little-endian machine) by one gather per 16
// entries. The portable loop spent about 16 instructions an entry on the test, the select and the
// chained add; here the test is a few vector instructions per 16, and the adds are the few hits.
__attribute__((target("avx512f"))) static float filtered_gather_dot_avx512(const int *indices, const float *values,
                                                                          long start, long end, const float *dense,
                                                                          const unsigned long long *filter,
                                                                          unsigned mask, long zero_slot) {
#pragma STDC FP_CONTRACT OFF
    (void)zero_slot;
    float sums[2] = {0, 0};
    const int *words = (const int *)filter;
    const __m512i masks = _mm512_set1_epi32((int)mask), low5 = _mm512_set1_epi32(31), one = _mm512_set1_epi32(1);
    long p = start;
    for (; p + 16 <= end; p += 16) {
        __m512i h = _mm512_and_si512(_mm512_loadu_si512(indices + p), masks);
        __m512i w = _mm512_i32gather_epi32(_mm512_srli_epi32(h, 5), words, 4);
        __mmask16 hits = _mm512_test_epi32_mask(_mm512_srlv_epi32(w, _mm512_and_si512(h, low5)), one);
        while (hits) {
            long q = p + __builtin_ctz(hits);
            hits &= hits - 1;
            sums[(q - start) & 1] += values[q] * dense[indices[q]];
        }
    }
    for (; p < end; p++) {
        unsigned a = (unsigned)indices[p], h = a & mask;
        if ((filter[h >> 6] >> (h & 63)) & 1) sums[(p - start) & 1] += values[p] * dense[a];
    }
    return sums[0] + sums[1];
}

// The float kernels' 8 lanes need AVX2 and FMA; their 16 lanes AVX-512F as well.
static inline int use_avx2(void) { return xmr_cpu.avx2 && xmr_cpu.fma; }
static inline int use_avx512(void) { return use_avx2() && xmr_cpu.avx512f; }

float xmr_dot_f32(const float *a, const float *b, long count) {
    if (use_avx512()) return dot_avx512(a, b, count);
    return use_avx2() ? dot_avx2(a, b, count) : dot_portable(a, b, count);
}

float xmr_squared_distance_f32(const float *a, const float *b, long count) {
    if (use_avx512()) return squared_distance_avx512(a, b, count);
    return use_avx2() ? squared_distance_avx2(a, b, count) : squared_distance_portable(a, b, count);
}

float xmr_filtered_gather_dot(const int *indices, const float *values, long start, long end, const float *dense,
                              const unsigned long long *filter, unsigned mask, long zero_slot) {
    if (use_avx512()) return filtered_gather_dot_avx512(indices, values, start, end, dense, filter, mask, zero_slot);
    return filtered_gather_dot_portable(indices, values, start, end, dense, filter, mask, zero_slot);
}

int xmr_vector_kernels_use_avx2(void) { return use_avx2(); }

int xmr_vector_kernels_use_avx512(void) { return use_avx512(); }

void xmr_lanes8_dot(const double *w, const xmr_packed_entry *entries, long start, long end, double *out) {
    if (use_avx2()) lanes8_dot_avx2(w, entries, start, end, out); else lanes8_dot_portable(w, entries, start, end, out);
}

void xmr_lanes8_add(double *w, const xmr_packed_entry *entries, long start, long end, const double *scale) {
    if (use_avx2()) lanes8_add_avx2(w, entries, start, end, scale); else lanes8_add_portable(w, entries, start, end, scale);
}

#else

float xmr_filtered_gather_dot(const int *indices, const float *values, long start, long end, const float *dense,
                              const unsigned long long *filter, unsigned mask, long zero_slot) {
    return filtered_gather_dot_portable(indices, values, start, end, dense, filter, mask, zero_slot);
}

float xmr_dot_f32(const float *a, const float *b, long count) { return dot_portable(a, b, count); }

float xmr_squared_distance_f32(const float *a, const float *b, long count) {
    return squared_distance_portable(a, b, count);
}

int xmr_vector_kernels_use_avx2(void) { return 0; }

int xmr_vector_kernels_use_avx512(void) { return 0; }

void xmr_lanes8_dot(const double *w, const xmr_packed_entry *entries, long start, long end, double *out) {
    lanes8_dot_portable(w, entries, start, end, out);
}

void xmr_lanes8_add(double *w, const xmr_packed_entry *entries, long start, long end, const double *scale) {
    lanes8_add_portable(w, entries, start, end, scale);
}

#endif
