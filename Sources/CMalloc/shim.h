#ifndef FEEDWATCH_CMALLOC_SHIM_H
#define FEEDWATCH_CMALLOC_SHIM_H
// glibc's malloc tuning (mallopt), which Swift's Glibc module leaves out.
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#endif
