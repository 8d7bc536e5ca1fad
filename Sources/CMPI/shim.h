// The parts of MPI that Swift cannot import as they are. Open MPI's handles (MPI_COMM_WORLD,
// MPI_BYTE, MPI_INT64_T, ...) are macros over addresses of global structs and MPICH's are cast
// integer constants; both are hidden behind these functions, so one Swift wrapper serves both.
#ifndef XMR_CMPI_SHIM_H
#define XMR_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm xmr_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype xmr_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype xmr_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Op xmr_mpi_max(void) { return MPI_MAX; }
static inline MPI_Op xmr_mpi_sum(void) { return MPI_SUM; }
static inline int xmr_mpi_any_source(void) { return MPI_ANY_SOURCE; }
static inline int xmr_mpi_any_tag(void) { return MPI_ANY_TAG; }
static inline int xmr_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }
static inline int xmr_mpi_success(void) { return MPI_SUCCESS; }
static inline MPI_Status *xmr_mpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
/// The source rank recorded in a receive's status.
static inline int xmr_mpi_status_source(const MPI_Status *status) { return status->MPI_SOURCE; }
/// The tag recorded in a receive's status.
static inline int xmr_mpi_status_tag(const MPI_Status *status) { return status->MPI_TAG; }

#endif
