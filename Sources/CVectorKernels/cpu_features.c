#include "cpu_features.h"

xmr_cpu_features xmr_cpu = {0, 0, 0, 0, 0};

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
__attribute__((constructor)) static void detect_cpu_features(void) {
    __builtin_cpu_init();
    xmr_cpu.avx2 = __builtin_cpu_supports("avx2");
    xmr_cpu.fma = __builtin_cpu_supports("fma");
    xmr_cpu.avx512f = __builtin_cpu_supports("avx512f");
    xmr_cpu.pclmul = __builtin_cpu_supports("pclmul");
    xmr_cpu.sse41 = __builtin_cpu_supports("sse4.1");
}
#endif
