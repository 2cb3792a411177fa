package io.sp4j.bench.soak;

import java.util.SplittableRandom;

/**
 * Message sizes from 0 B to 256 KiB, mostly small: 70 % up to 64 B, 20 % up to 4 KiB, 9 % up to 64
 * KiB, 1 % up to 256 KiB, uniform within each band (both ends included), about 5.4 KB on average.
 */
final class SizeMix {
  static final int LARGEST = 256 * 1024;
  static final String DESCRIPTION =
      "0–64 B 70 %, 65 B–4 KiB 20 %, 4–64 KiB 9 %, 64–256 KiB 1 % (uniform within a band; mean ≈ 5.4 KB)";

  private SizeMix() {}

  static int next(SplittableRandom random) {
    int band = random.nextInt(100);
    if (band < 70) {
      return random.nextInt(0, 65);
    } else if (band < 90) {
      return random.nextInt(65, 4 * 1024 + 1);
    } else if (band < 99) {
      return random.nextInt(4 * 1024 + 1, 64 * 1024 + 1);
    }
    return random.nextInt(64 * 1024 + 1, LARGEST + 1);
  }
}
