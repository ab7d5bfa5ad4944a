/*
 * util: the umbrella of the small modules every file uses, so a file
 * includes one header: diagnostics and exit statuses (diag.h), allocation
 * wrappers (xalloc.h), byte buffers and arrays (buf.h), files (file.h).
 * Ownership is stated in each.
 */
#ifndef UTIL_H
#define UTIL_H

#include "buf.h"
#include "diag.h"
#include "file.h"
#include "xalloc.h"

#endif
