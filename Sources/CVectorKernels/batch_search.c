#include "CVectorKernels.h"
#include "cpu_features.h"

// The batch beam search's kernels: the dense row update of the chunk merge and the selection's
// scan for children that can still enter a query's list.

// scores[c] += value · row[c]: a multiply, then an add, each rounded (no fused multiply-add), so
// every lane width gives the bits of the plain loop the single-query search runs.
#pragma STDC FP_CONTRACT OFF

static void add_scaled_portable(float *scores, const float *row, float value, long count) {
    for (long c = 0; c < count; c++) scores[c] = scores[c] + value * row[c];
}

static long first_at_least_portable(const float *values, long start, long count, float floor) {
    long i = start;
    while (i < count && !(values[i] >= floor)) i++;
    return i;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx2"))) static void add_scaled_avx2(float *scores, const float *row, float value, long count) {
    __m256 v = _mm256_set1_ps(value);
    long c = 0;
    for (; c + 8 <= count; c += 8) {
        __m256 product = _mm256_mul_ps(v, _mm256_loadu_ps(row + c));
        _mm256_storeu_ps(scores + c, _mm256_add_ps(_mm256_loadu_ps(scores + c), product));
    }
    for (; c < count; c++) scores[c] = scores[c] + value * row[c];
}

// Sixteen lanes, the tail under a mask: a leaf of 61 labels is four instructions of each kind.
__attribute__((target("avx512f"))) static void add_scaled_avx512(float *scores, const float *row, float value, long count) {
    __m512 v = _mm512_set1_ps(value);
    long c = 0;
    for (; c + 16 <= count; c += 16) {
        __m512 product = _mm512_mul_ps(v, _mm512_loadu_ps(row + c));
        _mm512_storeu_ps(scores + c, _mm512_add_ps(_mm512_loadu_ps(scores + c), product));
    }
    if (c < count) {
        __mmask16 tail = (__mmask16)((1u << (count - c)) - 1);
        __m512 product = _mm512_mul_ps(v, _mm512_maskz_loadu_ps(tail, row + c));
        _mm512_mask_storeu_ps(scores + c, tail, _mm512_add_ps(_mm512_maskz_loadu_ps(tail, scores + c), product));
    }
}

// Sixteen compares at a time; the first set bit of the mask is the answer.
__attribute__((target("avx512f"))) static long first_at_least_avx512(const float *values, long start, long count, float floor) {
    __m512 f = _mm512_set1_ps(floor);
    long i = start;
    for (; i + 16 <= count; i += 16) {
        __mmask16 hit = _mm512_cmp_ps_mask(_mm512_loadu_ps(values + i), f, _CMP_GE_OQ);
        if (hit) return i + __builtin_ctz((unsigned)hit);
    }
    if (i < count) {
        __mmask16 tail = (__mmask16)((1u << (count - i)) - 1);
        __mmask16 hit = _mm512_mask_cmp_ps_mask(tail, _mm512_maskz_loadu_ps(tail, values + i), f, _CMP_GE_OQ);
        if (hit) return i + __builtin_ctz((unsigned)hit);
    }
    return count;
}

__attribute__((target("avx2"))) static long first_at_least_avx2(const float *values, long start, long count, float floor) {
    __m256 f = _mm256_set1_ps(floor);
    long i = start;
    for (; i + 8 <= count; i += 8) {
        int hit = _mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(values + i), f, _CMP_GE_OQ));
        if (hit) return i + __builtin_ctz((unsigned)hit);
    }
    return first_at_least_portable(values, i, count, floor);
}

// 16 lanes with AVX-512F, 8 with AVX2 (no FMA needed: these kernels multiply, then add), else 1.
static inline int batch_kernel_width(void) { return xmr_cpu.avx512f ? 16 : xmr_cpu.avx2 ? 8 : 1; }

int xmr_add_scaled_lanes(void) { return batch_kernel_width(); }

long xmr_first_at_least_f32(const float *values, long start, long count, float floor) {
    if (batch_kernel_width() == 16) return first_at_least_avx512(values, start, count, floor);
    if (batch_kernel_width() == 8) return first_at_least_avx2(values, start, count, floor);
    return first_at_least_portable(values, start, count, floor);
}

void xmr_add_scaled_f32(float *scores, const float *row, float value, long count) {
    if (batch_kernel_width() == 16) add_scaled_avx512(scores, row, value, count);
    else if (batch_kernel_width() == 8) add_scaled_avx2(scores, row, value, count);
    else add_scaled_portable(scores, row, value, count);
}

#else

int xmr_add_scaled_lanes(void) { return 1; }

void xmr_add_scaled_f32(float *scores, const float *row, float value, long count) {
    add_scaled_portable(scores, row, value, count);
}

long xmr_first_at_least_f32(const float *values, long start, long count, float floor) {
    return first_at_least_portable(values, start, count, floor);
}

#endif
