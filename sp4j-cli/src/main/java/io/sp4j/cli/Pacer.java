package io.sp4j.cli;

/** The clock and sleep the loops use: real time in the program, swappable in tests. */
interface Pacer {

  /** Milliseconds on a monotonic clock. */
  long nowMillis();

  /** Waits {@code millis} (nothing if ≤ 0); an interrupt ends spcat. */
  void sleepMillis(long millis);

  /** Wall time: {@link System#nanoTime()} and {@link Thread#sleep(long)}. */
  Pacer SYSTEM =
      new Pacer() {
        @Override
        public long nowMillis() {
          return System.nanoTime() / 1_000_000;
        }

        @Override
        public void sleepMillis(long millis) {
          if (millis <= 0) {
            return;
          }
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(CliFailure.SOCKET, SpCat.NAME + ": interrupted");
          }
        }
      };
}
