#ifndef XMR_CFILESHIMS_H
#define XMR_CFILESHIMS_H

/// Swaps the directory entries `a` and `b` in one atomic step (both must exist).
/// Linux: renameat2(..., RENAME_EXCHANGE) through syscall(2), since not every glibc declares it.
/// macOS: renamex_np(..., RENAME_SWAP). Elsewhere: fails with ENOSYS.
/// Returns 0 on success, -1 with errno set (EINVAL or ENOSYS when the file system or kernel
/// cannot exchange, which callers treat as "use the fallback").
int xmr_exchange_paths(const char *a, const char *b);

/// Reads the byte at `p` with acquire ordering (a flag other threads set with `xmr_store_release_u8`).
static inline unsigned char xmr_load_acquire_u8(const unsigned char *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }

/// Writes `value` to the byte at `p` with release ordering.
static inline void xmr_store_release_u8(unsigned char *p, unsigned char value) { __atomic_store_n(p, value, __ATOMIC_RELEASE); }

#endif
