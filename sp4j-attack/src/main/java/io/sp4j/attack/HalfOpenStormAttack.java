package io.sp4j.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of TCP connects started at the same moment (non-blocking, from one loop), that then
 * send nothing, or, every other one, half of its opening. Records how long each connect took: on
 * the loopback a connect the listener has room for completes at once, while one whose SYN found the
 * accept queue full waits for the client's retry, a second later at the least. The kernel's
 * listen-overflow counters are read before and after.
 */
public final class HalfOpenStormAttack implements Attack {
  /** A connect at least this slow waited for a SYN retry (the initial retransmission timeout). */
  public static final Duration SYN_RETRY = Duration.ofSeconds(1);

  private final AttackAddress target;
  private final int connections;
  private final boolean halfOpening;
  private final Duration connectTimeout;
  private final HeldConnections held = new HeldConnections();
  private long[] connectNanos = new long[0];
  private int failed;
  private ListenCounters counted = new ListenCounters(0, 0);

  /**
   * @param halfOpening whether every other connection sends the first half of its opening
   * @param connectTimeout how long the storm waits for its slowest connect
   */
  public HalfOpenStormAttack(
      AttackAddress target, int connections, boolean halfOpening, Duration connectTimeout) {
    this.target = target;
    this.connections = connections;
    this.halfOpening = halfOpening;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public String name() {
    return halfOpening ? "half-open-storm-half-opening" : "half-open-storm";
  }

  @Override
  public void launch() throws IOException {
    ListenCounters before = ListenCounters.read();
    SocketChannel[] channels = new SocketChannel[connections];
    long[] started = new long[connections];
    long[] took = new long[connections];
    Arrays.fill(took, -1);
    try (Selector selector = Selector.open()) {
      int pending = 0;
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open();
        channels[i] = ch;
        ch.configureBlocking(false);
        started[i] = System.nanoTime();
        if (ch.connect(target.socketAddress())) {
          took[i] = System.nanoTime() - started[i];
        } else {
          ch.register(selector, SelectionKey.OP_CONNECT, i);
          pending++;
        }
        if (i % 32 == 31) {
          // Connects done meanwhile are timed now, not once all are started.
          selector.selectNow();
          pending -= finishConnects(selector, channels, started, took);
        }
      }
      long deadline = System.nanoTime() + connectTimeout.toNanos();
      while (pending > 0 && System.nanoTime() < deadline) {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        pending -= finishConnects(selector, channels, started, took);
      }
    }
    counted = ListenCounters.read().since(before);
    byte[] opening = target.opening();
    for (int i = 0; i < connections; i++) {
      if (took[i] < 0) {
        failed++;
        channels[i].close();
        continue;
      }
      RawConnection c = RawConnection.adopt(channels[i]);
      held.add(c);
      if (halfOpening && i % 2 == 1) {
        try {
          c.writeSome(ByteBuffer.wrap(opening, 0, opening.length / 2));
        } catch (IOException e) {
          // the server closed it already: closedByServer() counts it
        }
      }
    }
    connectNanos = Arrays.stream(took).filter(t -> t >= 0).toArray();
  }

  /** Finishes the connects the selector found ready and times them; how many there were. */
  private static int finishConnects(
      Selector selector, SocketChannel[] channels, long[] started, long[] took) {
    int done = 0;
    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
      SelectionKey key = it.next();
      it.remove();
      int i = (Integer) key.attachment();
      key.cancel();
      done++;
      try {
        if (channels[i].finishConnect()) {
          took[i] = System.nanoTime() - started[i];
        }
      } catch (IOException e) {
        // refused or reset: counted as failed
      }
    }
    return done;
  }

  @Override
  public boolean awaitEnd(Duration max) {
    return held.awaitAllClosedByServer(max);
  }

  /** The slowest connect, in milliseconds. */
  public double slowestConnectMillis() {
    return Percentiles.millis(connectNanos, 1.0);
  }

  /** Connects that took a SYN retry or more. */
  public long connectsNeedingRetry() {
    return Arrays.stream(connectNanos).filter(t -> t >= SYN_RETRY.toNanos()).count() + failed;
  }

  public ListenCounters listenCounters() {
    return counted;
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("connections", held.size());
    r.put("failedConnects", failed);
    r.put("connectP50Millis", Percentiles.millis(connectNanos, 0.50));
    r.put("connectP99Millis", Percentiles.millis(connectNanos, 0.99));
    r.put("connectMaxMillis", slowestConnectMillis());
    r.put("connectsOver1s", connectsNeedingRetry() - failed);
    r.put("listenOverflows", counted.overflows());
    r.put("listenDrops", counted.drops());
    held.addClosingTo(r);
    return r;
  }

  @Override
  public void close() {
    held.close();
  }
}
