#ifndef XMR_CVECTORKERNELS_H
#define XMR_CVECTORKERNELS_H

/// The dense float kernels of the nearest-neighbour search, and the sibling solver's 8-lane
/// double kernels. On x86-64 CPUs with AVX2 and FMA (checked once, at load time) the float kernels
/// run 8-lane fused multiply-adds (on AVX-512 CPUs the same lanes two registers at a time, with the
/// same bits); elsewhere a portable loop with the same four-accumulator shape.
/// The sum order differs between the two, so scores can differ in the last bits from one machine
/// to another, never between runs on one machine. The solver's kernels use no FMA and give the
/// same bits on every machine (see each one below).

/// `a · b` over `count` floats.
float xmr_dot_f32(const float *a, const float *b, long count);

/// `‖a − b‖²` over `count` floats.
float xmr_squared_distance_f32(const float *a, const float *b, long count);

/// Whether the AVX2+FMA kernels are in use (for benchmarks and the README's claims).
int xmr_vector_kernels_use_avx2(void);

/// Whether the float kernels run on 16-lane AVX-512 registers (same bits as the AVX2 kernels).
int xmr_vector_kernels_use_avx512(void);

/// One packed matrix entry as the solvers store it (`PackedEntry` in Swift: the same layout).
typedef struct { int feature; float value; } xmr_packed_entry;

/// The sibling solver's margins: `out[k] = Σ_p w[8·feature_p + k] · value_p` for k < 8, over
/// entries `start..<end` (a multiple of 4 apart), even and odd entries summed apart, then added.
/// Plain multiplies and adds (no fused multiply-add) in that order, so the AVX2 and the portable
/// kernels give the same bits.
void xmr_lanes8_dot(const double *w, const xmr_packed_entry *entries, long start, long end, double *out);

/// The sibling solver's update: `w[8·feature_p + k] += scale[k] · value_p` for k < 8, over
/// entries `start..<end`.
void xmr_lanes8_add(double *w, const xmr_packed_entry *entries, long start, long end, const double *scale);

/// The batch search's dense row update: `scores[c] += value · row[c]` for c < `count`, a multiply
/// then an add per lane (no fused multiply-add), so the same bits as the plain loop on every CPU.
/// 16 lanes with AVX-512F, 8 with AVX2, else one at a time (checked once, at load time).
void xmr_add_scaled_f32(float *scores, const float *row, float value, long count);

/// The lanes `xmr_add_scaled_f32` works in here: 16, 8 or 1.
int xmr_add_scaled_lanes(void);

/// The first i in `start..<count` with `values[i] >= floor`, or `count` when there is none (NaN
/// never qualifies): the batch selection's skip over children that cannot enter a full list.
long xmr_first_at_least_f32(const float *values, long start, long count, float floor);

/// `Σ values[p] · dense[indices[p]]` over `p` in `start..<end`, even entries in one accumulator
/// and odd ones in another, then added (plain multiplies and adds, so the same bits everywhere);
/// but `dense` is read at an entry's column only when `filter` has the column's bit (bit
/// `column & mask`), at `zero_slot` (a zero) otherwise. The choice is a conditional move, not a
/// branch: which entries hit is unpredictable. On AVX-512 CPUs the filter is tested 16 entries
/// at a time and only the entries that pass it are added, with the same bits (see kernels.c).
/// See `VectorKernels.filteredGatherDot`.
float xmr_filtered_gather_dot(const int *indices, const float *values, long start, long end, const float *dense,
                              const unsigned long long *filter, unsigned mask, long zero_slot);

/// Whether `xmr_crc32_fold` runs here (x86-64 with PCLMULQDQ and SSE4.1, checked once at load).
int xmr_crc32_fold_available(void);

/// Advances the IEEE CRC-32 register `crc` (the running checksum inverted, as a table loop keeps
/// it) over `count` bytes at `p` by carry-less multiplication: the same value as the table loop.
/// `count` must be at least 64 and a multiple of 16; call only when `xmr_crc32_fold_available()`.
unsigned xmr_crc32_fold(unsigned crc, const unsigned char *p, long count);

/// Asks the CPU to bring the cache line holding `address` closer (a read, kept in all levels):
/// the search fetches the next candidate's memory while it scores the current one.
static inline void xmr_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
