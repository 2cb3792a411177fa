package io.sp4j.transport.netty;

/**
 * The value made last, given back while a newly made one equals it: per-socket settings that every
 * connection of a socket would otherwise keep a copy of (10,000 idle connections, 10,000 copies). A
 * value made in between for another socket replaces it; then the next connection just keeps its own
 * copy again.
 */
public final class Recent<T> {
  private volatile T last;

  /** {@code made}, or the equal value made before it. */
  public T reuse(T made) {
    T kept = last;
    if (made.equals(kept)) {
      return kept;
    }
    last = made; // a race only keeps one more copy
    return made;
  }
}
