package io.sp4j.spi;

/**
 * Memory that a transport may hold for a peer's unfinished messages. A transport reserves before it
 * grows a buffer for remote input and releases exactly what it reserved once the bytes are
 * delivered or dropped; a refused reservation means the peer must be cut off.
 */
public interface ReceiveBudget {
  /** A budget that never refuses: for endpoints whose socket sets no limit and for tests. */
  ReceiveBudget UNLIMITED =
      new ReceiveBudget() {
        @Override
        public boolean tryReserve(long bytes) {
          return true;
        }

        @Override
        public void release(long bytes) {}
      };

  /** Reserves {@code bytes}, or returns false and reserves nothing if they do not fit. */
  boolean tryReserve(long bytes);

  /** Gives back bytes reserved earlier. */
  void release(long bytes);
}
