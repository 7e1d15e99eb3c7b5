/*
 * The libFuzzer harnesses of the conformance kit: the capture reader and
 * the whole check over a capture file (fuzz_pcap), the lower layers and
 * every rule module over a sequence of frames (fuzz_check), and each
 * protocol codec alone (fuzz_codec_*). Every harness defines
 * LLVMFuzzerTestOneInput. Built with clang and -DFAILSIM_FUZZ=ON they are
 * libFuzzer programs; in every build, fuzz_replay.c turns each into a test
 * that replays its named regression vectors (regress/<harness>/) and seeds
 * (corpus/<harness>/), so a crash once found stays fixed.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of data[0..n) in a buffer of exactly n bytes (so reading past
 * the end is caught by ASan), or NULL. Free with free(). */
uint8_t *fuzz_dup(const uint8_t *data, size_t n);

#endif
