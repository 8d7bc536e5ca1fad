#ifndef XMR_CPU_FEATURES_H
#define XMR_CPU_FEATURES_H

// The instruction sets the kernels choose by, read once when the library loads, before any
// thread can call a kernel (cpu_features.c): one detection for every kernel file. All zero
// off x86-64, where only the portable kernels exist.
typedef struct {
    int avx2, fma, avx512f, pclmul, sse41;
} xmr_cpu_features;

extern xmr_cpu_features xmr_cpu;

#endif
