#ifndef XMR_CFILESHIMS_H
#define XMR_CFILESHIMS_H

/// Swaps the directory entries `a` and `b` in one atomic step (both must exist).
/// Linux: renameat2(..., RENAME_EXCHANGE) through syscall(2), since not every glibc declares it.
/// macOS: renamex_np(..., RENAME_SWAP). Elsewhere: fails with ENOSYS.
/// Returns 0 on success, -1 with errno set (EINVAL or ENOSYS when the file system or kernel
/// cannot exchange, which callers treat as "use the fallback").
int xmr_exchange_paths(const char *a, const char *b);

#endif
