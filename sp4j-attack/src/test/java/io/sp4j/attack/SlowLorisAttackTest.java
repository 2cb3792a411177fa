package io.sp4j.attack;

import io.sp4j.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack (c): 200 connections send their opening a byte every 200 ms and never its last byte. With
 * {@code HANDSHAKE_TIMEOUT} at 2 s, the server closes each of them 2 s after it connected, whatever
 * it still trickles in (tcp: the greeting too).
 */
class SlowLorisAttackTest {
  private static final int CONNECTIONS = 200;

  @RegisterExtension final Targets targets = new Targets();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void handshakesSentAByteAtATimeEndAtTheHandshakeTimeout(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme, Targets.HANDSHAKE_TIMEOUT);
    SlowLorisAttack attack =
        new SlowLorisAttack(target.address(), CONNECTIONS, Duration.ofMillis(200));
    // 2 s of handshake timeout after the last connect, and slack for a loaded machine.
    AttackRun.Result result = Targets.run(target, attack, Duration.ofSeconds(10));
    // A connection in its handshake holds at most the opening (under 200 bytes) besides itself.
    Bounds bounds =
        Bounds.of(result)
            .holding(CONNECTIONS, 256)
            .refusedAtLeast(CONNECTIONS, Refusal.HANDSHAKE_TIMEOUT);
    // Each closed by the timeout, not by finishing: the last one 2 s after it connected, plus a
    // loaded machine's slack.
    bounds
        .soft()
        .assertThat((Double) result.attackResults().get("secondsUntilAllClosed"))
        .as("seconds until the server closed the last trickling handshake in %s", result)
        .isBetween(0.0, Targets.SHORT_TIMEOUT.toSeconds() + 3.0);
    bounds.check();
  }
}
