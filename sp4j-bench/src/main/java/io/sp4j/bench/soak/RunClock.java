package io.sp4j.bench.soak;

/** The run's time base: seconds since the runner started it, the same in all its processes. */
record RunClock(long startMillis) {
  double seconds() {
    return (System.currentTimeMillis() - startMillis) / 1000.0;
  }
}
