package io.sp4j.attack;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack (g): four times, a peer process connects, sends half of a 64 KiB message and is killed
 * with SIGKILL. The kernel ends its connection; the server drops the half message and the
 * connection, and its descriptors come back. Default options: the end of the connection, not a
 * timeout, is what lets go of it.
 */
class KilledPeersTest {
  private static final int ROUNDS = 4;

  @RegisterExtension final Targets targets = new Targets();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void peersKilledMidMessageLeaveNothingBehind(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme);
    KilledPeersAttack attack =
        new KilledPeersAttack(target.address(), ROUNDS, Duration.ofSeconds(20));
    AttackRun.Result result = Targets.run(target, attack, Duration.ofSeconds(5));
    // At most one half message (32 KiB of a 64 KiB one) held at a time, per round if the server
    // were slow to see the end: far under the noise bound.
    Bounds bounds =
        Bounds.of(result)
            .heapGrowthBelow(Costs.heldConnections(ROUNDS, 64 * 1024))
            .directGrowthBelow(Costs.POOL_GROWTH)
            .always();
    bounds
        .soft()
        .assertThat(result.attackResults().get("killedWhileHalfSent"))
        .as("peers that sent half a message and were killed, in %s", result)
        .isEqualTo(ROUNDS);
    bounds.check();
  }
}
