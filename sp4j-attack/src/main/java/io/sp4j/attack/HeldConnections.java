package io.sp4j.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connections an attack keeps open, and which of them the server has closed since. When the
 * last one was seen closed is kept, so a report can say how long the server held them.
 */
public final class HeldConnections implements AutoCloseable {
  private final List<RawConnection> connections = new ArrayList<>();
  private long lastAddedNanos = -1;
  private long allClosedNanos = -1;

  public synchronized void add(RawConnection connection) {
    lastAddedNanos = System.nanoTime();
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

  /** Waits up to {@code max} for the server to close every connection; whether it did. */
  public boolean awaitAllClosedByServer(Duration max) {
    return Waits.until(this::allClosedByServer, max);
  }

  /** Adds {@code closedByServer} and {@code secondsUntilAllClosed} to an attack's results. */
  public void addClosingTo(Map<String, Object> results) {
    results.put("closedByServer", closedByServer());
    results.put("secondsUntilAllClosed", Math.round(secondsUntilAllClosed() * 100) / 100.0);
  }

  /**
   * Seconds from the last connection made until the server had closed every one, as first seen by
   * {@link #closedByServer()}: for a server that closes a stalled connection after a timeout, that
   * timeout plus how late it was. -1 while some are open.
   */
  public synchronized double secondsUntilAllClosed() {
    return allClosedNanos < 0 ? -1 : (allClosedNanos - lastAddedNanos) / 1e9;
  }

  /** Closes the rest (a FIN each). */
  @Override
  public synchronized void close() {
    for (RawConnection c : connections) {
      c.close();
    }
  }
}
