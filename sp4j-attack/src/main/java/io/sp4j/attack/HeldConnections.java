package io.sp4j.attack;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections an attack keeps open, and which of them the server has closed since. When the
 * last one was seen closed is kept, so a report can say how long the server held them.
 */
public final class HeldConnections implements AutoCloseable {
  private final List<RawConnection> connections = new ArrayList<>();
  private long startNanos = -1;
  private long allClosedNanos = -1;

  public synchronized void add(RawConnection connection) {
    if (startNanos < 0) {
      startNanos = System.nanoTime();
    }
    connections.add(connection);
  }

  public synchronized int size() {
    return connections.size();
  }

  /** Looks at each connection (without blocking); how many the server has closed. */
  public synchronized int closedByServer() {
    int closed = 0;
    for (RawConnection c : connections) {
      if (c.closedByPeer()) {
        closed++;
      }
    }
    if (closed == connections.size() && !connections.isEmpty() && allClosedNanos < 0) {
      allClosedNanos = System.nanoTime();
    }
    return closed;
  }

  /** Whether the server has closed every connection. */
  public boolean allClosedByServer() {
    return closedByServer() == size();
  }

  /**
   * Seconds from the first connection held until the server had closed the last connection, as
   * first seen by {@link #closedByServer()}; -1 while some are open.
   */
  public synchronized double secondsUntilAllClosed() {
    return allClosedNanos < 0 ? -1 : (allClosedNanos - startNanos) / 1e9;
  }

  /** Closes the rest (a FIN each). */
  @Override
  public synchronized void close() {
    for (RawConnection c : connections) {
      c.close();
    }
  }
}
