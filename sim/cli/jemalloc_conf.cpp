// jemalloc's options for the executables that link it (coda and bench/, docs/dependencies.md):
// freed pages stay with the process instead of going back to the kernel on jemalloc's decay
// clock. An evaluation frees megabytes that the next one allocates again, and with Debian's
// defaults (dirty pages purged over 10 s, muzzy ones at once) every search evaluation faulted
// them back in: fast_perf_tdp's 300 trials took 196k minor faults and 0.34 s of 1.95 s in the
// kernel, against 6.9k faults, 0.04 s and 1.48 s with this. The resident size stays at the
// process's peak (40 MB for that study, 38 MB before). MALLOC_CONF in the environment still
// overrides it.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:-1,muzzy_decay_ms:-1";
}
