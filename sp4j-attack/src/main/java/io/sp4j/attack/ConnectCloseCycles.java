package io.sp4j.attack;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connect, maybe handshake, close, over and over: every {@code handshakeEvery}-th cycle finishes
 * the handshake first, every {@code resetEvery}-th closes with a reset instead of a FIN. What a
 * server allocates per connection must all come back: its descriptors and threads return to where
 * they were.
 */
public final class ConnectCloseCycles implements Attack {
  private final AttackAddress target;
  private final int cycles;
  private final int handshakeEvery;
  private final int resetEvery;
  private int done;
  private int handshakes;
  private int failures;
  private double seconds;

  /**
   * @param handshakeEvery 1 = every cycle handshakes, 2 = every other, 0 = none
   * @param resetEvery 1 = every close is a reset, 3 = every third, 0 = none
   */
  public ConnectCloseCycles(AttackAddress target, int cycles, int handshakeEvery, int resetEvery) {
    this.target = target;
    this.cycles = cycles;
    this.handshakeEvery = handshakeEvery;
    this.resetEvery = resetEvery;
  }

  @Override
  public String name() {
    return "connect-close-cycles";
  }

  /** Runs every cycle; the peak of this attack is its whole run. */
  @Override
  public void launch() {
    long start = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      try (RawConnection c = RawConnection.connect(target, 0, Duration.ofSeconds(5))) {
        if (handshakeEvery > 0 && i % handshakeEvery == 0) {
          c.handshake(target);
          handshakes++;
        }
        if (resetEvery > 0 && i % resetEvery == 0) {
          c.reset();
        }
      } catch (IOException e) {
        failures++;
      }
      done++;
    }
    seconds = (System.nanoTime() - start) / 1e9;
  }

  @Override
  public Map<String, Object> results() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("cycles", done);
    r.put("handshakes", handshakes);
    r.put("failures", failures);
    r.put("seconds", Math.round(seconds * 100) / 100.0);
    return r;
  }

  @Override
  public void close() {
    // every connection is closed by its own cycle
  }
}
