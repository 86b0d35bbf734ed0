/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The entry point of every fuzz target, as libFuzzer calls it; the replay
 * runner (fuzz-replay.c) calls the same function for each corpus file. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
