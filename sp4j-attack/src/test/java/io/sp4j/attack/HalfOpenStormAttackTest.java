package io.sp4j.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack (d): 2,000 TCP connects at the same moment; half of them then send nothing, the other half
 * the first half of their opening. None may need a SYN retry: the listener's backlog and accept
 * loop take them all at once. Then the handshake timeout (2 s) closes every one of them.
 */
class HalfOpenStormAttackTest {
  private static final int CONNECTIONS = 2000;

  @RegisterExtension final Targets targets = new Targets();

  /**
   * The storm holds 2,000 sockets in this JVM and as many in the target's. The JVM raises its soft
   * open-files limit to the hard one at start (HotSpot's MaxFDLimit, on by default), so the hard
   * limit is what must be high enough: say so, rather than fail on EMFILE halfway.
   */
  @BeforeAll
  static void openFilesLimitIsHighEnough() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+", -1)[0];
        assertThat(soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft))
            .as("open files limit of the test JVM (raise it with ulimit -n)")
            .isGreaterThan(CONNECTIONS + 1000L);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void twoThousandConnectsAtOnceAreAllAcceptedAndTimedOut(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme, Targets.HANDSHAKE_TIMEOUT);
    HalfOpenStormAttack attack =
        new HalfOpenStormAttack(target.address(), CONNECTIONS, true, Duration.ofSeconds(5));
    AttackRun.Result result = Targets.run(target, attack, Duration.ofSeconds(12));
    // Each held connection is a channel in its handshake with at most half an opening.
    Bounds bounds = Bounds.of(result).holding(CONNECTIONS, 128);
    // A connect that found the accept queue full waits for the client's SYN retry, 1 s later.
    bounds
        .soft()
        .assertThat(attack.connectsNeedingRetry())
        .as("connects that took a second or more, or failed, in %s", result)
        .isZero();
    // The kernel's own count of SYNs or ACKs it dropped for a full accept queue. The counters
    // are the machine's: another program overflowing its own backlog now would show here too.
    bounds
        .soft()
        .assertThat(attack.listenCounters())
        .as("listen queue overflows and drops during the storm in %s", result)
        .isEqualTo(new ListenCounters(0, 0));
    bounds.check();
  }
}
