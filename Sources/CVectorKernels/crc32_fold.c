#include "CVectorKernels.h"
#include "cpu_features.h"

// The IEEE CRC-32 (reflected polynomial 0xEDB88320) by folding 16-byte blocks with carry-less
// multiplication, after Gopal et al., "Fast CRC Computation for Generic Polynomials Using
// PCLMULQDQ Instruction" (Intel, 2009). The constants are x^k mod P(x) for the folding
// distances, bit-reflected and shifted as that paper derives them.

#if defined(__x86_64__)
#include <immintrin.h>

int xmr_crc32_fold_available(void) { return xmr_cpu.pclmul && xmr_cpu.sse41; }

// One fold: the 128 bits of `x` carried 128 (or 512) bits further with the constant pair `k`,
// added to the next block `next`.
__attribute__((target("pclmul,sse4.1"))) static inline __m128i fold(__m128i x, __m128i k, __m128i next) {
    __m128i low = _mm_clmulepi64_si128(x, k, 0x00);
    __m128i high = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(low, high), next);
}

__attribute__((target("pclmul,sse4.1")))
unsigned xmr_crc32_fold(unsigned crc, const unsigned char *p, long count) {
    const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);   // 4 × 128 bits ahead
    const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);   // 128 bits ahead
    const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124LL);                   // 64 bits ahead
    const __m128i poly = _mm_set_epi64x(0x1f7011641LL, 0x1db710641LL);   // μ and P(x) for Barrett
    const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
    __m128i x0 = _mm_loadu_si128((const __m128i *)p);
    __m128i x1 = _mm_loadu_si128((const __m128i *)(p + 16));
    __m128i x2 = _mm_loadu_si128((const __m128i *)(p + 32));
    __m128i x3 = _mm_loadu_si128((const __m128i *)(p + 48));
    x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)crc));
    p += 64;
    count -= 64;
    while (count >= 64) {
        x0 = fold(x0, k1k2, _mm_loadu_si128((const __m128i *)p));
        x1 = fold(x1, k1k2, _mm_loadu_si128((const __m128i *)(p + 16)));
        x2 = fold(x2, k1k2, _mm_loadu_si128((const __m128i *)(p + 32)));
        x3 = fold(x3, k1k2, _mm_loadu_si128((const __m128i *)(p + 48)));
        p += 64;
        count -= 64;
    }
    __m128i x = fold(x0, k3k4, x1);
    x = fold(x, k3k4, x2);
    x = fold(x, k3k4, x3);
    while (count >= 16) {
        x = fold(x, k3k4, _mm_loadu_si128((const __m128i *)p));
        p += 16;
        count -= 16;
    }
    // 128 → 64 bits.
    __m128i t = _mm_srli_si128(x, 8);
    x = _mm_xor_si128(_mm_clmulepi64_si128(x, k3k4, 0x10), t);
    // 64 → 32 bits.
    t = _mm_srli_si128(x, 4);
    x = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x, mask32), k5, 0x00), t);
    // Barrett reduction to the 32-bit remainder.
    t = x;
    x = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), poly, 0x10);
    x = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), poly, 0x00);
    x = _mm_xor_si128(x, t);
    return (unsigned)_mm_extract_epi32(x, 1);
}

#else

int xmr_crc32_fold_available(void) { return 0; }

unsigned xmr_crc32_fold(unsigned crc, const unsigned char *p, long count) {
    (void)p; (void)count;
    return crc;
}

#endif
