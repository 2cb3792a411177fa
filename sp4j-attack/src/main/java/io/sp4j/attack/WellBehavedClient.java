package io.sp4j.attack;

import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The peer an attack must not hurt: an sp4j REQ that connects before the attack and goes on asking,
 * one request every {@code pace}, each with a short timeout, recording per {@link Phase} what was
 * answered, what failed and how long answers took.
 */
public final class WellBehavedClient implements AutoCloseable {
  /** When a request was sent, relative to the attack. */
  public enum Phase {
    BEFORE,
    DURING,
    AFTER
  }

  /** What one phase saw. */
  public record Tally(
      int answered, int failed, double p50Millis, double p99Millis, double maxMillis) {
    @Override
    public String toString() {
      return answered
          + " answered, "
          + failed
          + " failed, p50 "
          + p50Millis
          + " ms, p99 "
          + p99Millis
          + " ms, max "
          + maxMillis
          + " ms";
    }
  }

  /** Most latencies kept per phase (a long run at 50 requests a second stays below). */
  private static final int KEPT = 1 << 18;

  private final Socket socket;
  private final Duration pace;
  private final Thread thread;
  private final Map<Phase, PhaseTally> records = new EnumMap<>(Phase.class);
  private volatile Phase phase = Phase.BEFORE;
  private volatile boolean stopped;

  private WellBehavedClient(String url, Duration timeout, Duration pace) {
    for (Phase p : Phase.values()) {
      records.put(p, new PhaseTally());
    }
    this.pace = pace;
    this.socket = Socket.open(Protocol.REQ);
    socket.set(Options.RECEIVE_TIMEOUT, timeout);
    socket.set(Options.SEND_TIMEOUT, timeout);
    // A lost request is not resent within its own timeout: the next one replaces it.
    socket.set(Options.RESEND_INTERVAL, timeout.multipliedBy(10));
    socket.set(Options.LINGER, Duration.ZERO); // nothing worth waiting for at close
    socket.connect(url);
    thread = new Thread(this::ask, "well-behaved-client");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Connects to {@code url} and starts asking.
   *
   * @param timeout how long one request may wait for its answer
   * @param pace time from one request to the next
   */
  public static WellBehavedClient start(String url, Duration timeout, Duration pace) {
    return new WellBehavedClient(url, timeout, pace);
  }

  /**
   * A new client, after the attack: connects, asks {@code requests} times with {@code timeout}
   * each, and closes. Returns how many were answered.
   */
  public static int probe(String url, int requests, Duration timeout) {
    try (Socket s = Socket.open(Protocol.REQ)) {
      s.set(Options.RECEIVE_TIMEOUT, timeout);
      s.set(Options.SEND_TIMEOUT, timeout);
      s.set(Options.LINGER, Duration.ZERO);
      s.connect(url);
      int answered = 0;
      for (int i = 0; i < requests; i++) {
        try {
          s.send(("probe-" + i).getBytes(StandardCharsets.UTF_8));
          s.receive();
          answered++;
        } catch (SpException e) {
          // not answered in time: counted by its absence
        }
      }
      return answered;
    }
  }

  /** From now on requests count for {@code next}. */
  public void phase(Phase next) {
    phase = next;
  }

  /** Waits up to {@code max} until {@code n} requests of the current phase were answered. */
  public boolean awaitAnswers(int n, Duration max) {
    PhaseTally r = records.get(phase);
    return Waits.until(() -> r.answered() >= n, max);
  }

  public Tally tally(Phase p) {
    return records.get(p).tally();
  }

  private void ask() {
    long next = System.nanoTime();
    for (long i = 0; !stopped; i++) {
      Phase p = phase;
      long start = System.nanoTime();
      try {
        socket.send(("request-" + i).getBytes(StandardCharsets.UTF_8));
        socket.receive();
        records.get(p).answered(System.nanoTime() - start);
      } catch (SpException e) {
        if (stopped) {
          return;
        }
        records.get(p).failed();
      }
      next += pace.toNanos();
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait); // pacing the requests, not waiting for the network
      } else {
        next = System.nanoTime();
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    socket.close();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One phase's answers and failures. */
  private static final class PhaseTally {
    private final List<Long> latencies = new ArrayList<>();
    private int answered;
    private int failed;

    synchronized void answered(long nanos) {
      answered++;
      if (latencies.size() < KEPT) {
        latencies.add(nanos);
      }
    }

    synchronized void failed() {
      failed++;
    }

    synchronized int answered() {
      return answered;
    }

    synchronized Tally tally() {
      long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
      return new Tally(
          answered,
          failed,
          Percentiles.millis(nanos, 0.50),
          Percentiles.millis(nanos, 0.99),
          Percentiles.millis(nanos, 1.0));
    }
  }
}
