package io.sp4j.attack;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attack (b): a ws client that never reads floods the server with Pings for 3 s (the bench runs 7
 * s). Each Pong it is owed has nowhere to go: the server must stop reading, or drop Pongs, rather
 * than queue them. Memory stays flat for the whole flood.
 */
class PingFloodAttackTest {
  private static final Duration FLOOD = Duration.ofSeconds(7);

  /**
   * The test heap, with Netty's leak detector sampling ({@code simple}) instead of tracking every
   * buffer: at {@code paranoid} each Pong's buffer records where it was touched, the server takes a
   * few thousand Pings a second, and whether the flood shows depends on the machine's load
   * (measured: 0.5 to 38 MiB of growth in 7 s). Sampling, the same server takes them at full speed
   * and the 64 MiB heap runs out within 2 to 5 s on today's code; leaks are still reported.
   */
  private static final TargetProcess.Jvm FULL_SPEED = new TargetProcess.Jvm("64m", "64m", "simple");

  @RegisterExtension final Targets targets = new Targets();

  @Test
  void pingsFromAClientThatNeverReadsDoNotPileUp() throws Exception {
    TargetProcess target = targets.sp4j(Scheme.WS, FULL_SPEED);
    AttackRun.Result result =
        Targets.run(target, new PingFloodAttack(target.address(), FLOOD), FLOOD.plusSeconds(10));
    // Flat: the only growth allowed is the noise of a busy JVM and one connection's queue of at
    // most SEND_BUFFER (128 KiB) — 16 MiB is a hundred times that and a quarter of the heap.
    // A million 2-byte Pongs queued cost hundreds of MiB.
    Bounds.of(result)
        .heapGrowthBelow(16L << 20)
        .directGrowthBelow(Costs.POOL_GROWTH)
        .always()
        .check();
  }
}
