package io.sp4j.attack;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many connections that each finish the handshake, announce one message of {@code announced} bytes
 * (tcp: the 8-byte length; ws: a masked binary frame header, 14 bytes), and then send nothing more,
 * or, every other one, {@code bodyBytes} of the body first. A server that takes an announced length
 * as a promise of memory holds {@code connections × announced} bytes for a few bytes each.
 *
 * <p>Variants by parameter: the receive limit exactly (1 MiB, the default), and with the server's
 * limit off a huge announcement (1 GiB over tcp, 2<sup>31</sup>−1 over ws).
 */
public final class SlowMaxSizeAttack implements Attack {
  /** The default receive limit, {@code RECEIVE_MAX_SIZE}. */
  public static final long ONE_MIB = 1 << 20;

  private final AttackAddress target;
  private final int connections;
  private final long announced;
  private final int bodyBytes;
  private final HeldConnections held = new HeldConnections();
  private int refused;
  private int mostBytesPerConnection;

  /**
   * @param connections how many connections announce a message
   * @param announced the length announced by each
   * @param bodyBytes how much of the body every other connection then sends (less than {@code
   *     announced}); the others send none
   */
  public SlowMaxSizeAttack(AttackAddress target, int connections, long announced, int bodyBytes) {
    this.target = target;
    this.connections = connections;
    this.announced = announced;
    this.bodyBytes = bodyBytes;
  }

  @Override
  public String name() {
    return "slow-max-size";
  }

  /**
   * Launching stops after this long, whatever is left: a server in trouble may take seconds per
   * connection.
   */
  public static final Duration LAUNCH_BUDGET = Duration.ofSeconds(20);

  @Override
  public void launch() {
    long deadline = System.nanoTime() + LAUNCH_BUDGET.toNanos();
    for (int i = 0; i < connections && System.nanoTime() < deadline; i++) {
      RawConnection c = null;
      try {
        c = RawConnection.connect(target, 0, Duration.ofSeconds(5));
        c.handshake(target);
        int mask = ThreadLocalRandom.current().nextInt();
        byte[] head = target.scheme().announce(announced, mask);
        // A REQ's body starts with its request id; the rest is zeros.
        byte[] body = new byte[i % 2 == 1 ? bodyBytes : 0];
        System.arraycopy(SpWire.requestHeader(i), 0, body, 0, Math.min(4, body.length));
        byte[] sent = SpWire.concat(head, target.scheme().payloadBytes(body, 0, mask));
        c.write(sent);
        mostBytesPerConnection = Math.max(mostBytesPerConnection, sent.length);
        held.add(c.nonBlocking());
      } catch (IOException e) {
        refused++;
        if (c != null) {
          c.close();
        }
      }
    }
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
    r.put("announcedBytes", announced);
    r.put("mostBytesSentPerConnection", mostBytesPerConnection);
    held.addClosingTo(r);
    return r;
  }

  /** How many connections the server still keeps open. */
  public int open() {
    return held.size() - held.closedByServer();
  }

  @Override
  public void close() {
    held.close();
  }
}
