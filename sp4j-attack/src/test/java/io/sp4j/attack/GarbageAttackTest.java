package io.sp4j.attack;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack (f): for 4 s, two connections at a time send random bytes or broken valid traffic ({@link
 * Mutations}). The server closes what it cannot read and nothing else changes: no leak, no uncaught
 * throwable, memory and descriptors back. The seed is fixed for repeatable CI runs; {@code
 * -Dsp4j.attack.seed=N} explores others (the seed is in every failure message).
 */
class GarbageAttackTest {
  private static final long SEED = Long.getLong("sp4j.attack.seed", 20261202L);

  @RegisterExtension final Targets targets = new Targets();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void garbageClosesConnectionsAndNothingElse(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme, Targets.HANDSHAKE_TIMEOUT);
    GarbageAttack attack =
        new GarbageAttack(target.address(), Duration.ofSeconds(4), 2, 100_000, SEED);
    AttackRun.Result result = Targets.run(target, attack, Duration.ofSeconds(15));
    // Two connections at a time, each holding at most one message of the limit (1 MiB) if its
    // garbage announced one: 2 MiB, and the connections the server has yet to close.
    Bounds.of(result)
        .heapGrowthBelow(Costs.heldConnections(100, 256) + (2L << 20))
        .directGrowthBelow(Costs.POOL_GROWTH)
        .always()
        .check();
  }
}
