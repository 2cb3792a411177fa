package io.sp4j.attack;

import io.sp4j.Refusal;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attack (a): 400 connections each announce a message of the receive limit (1 MiB, the default) and
 * send nothing more (8 or 14 bytes in all) or, every other one, 1 KiB of the body, then nothing.
 * The server must keep only what arrived, not what was announced, and let go of each connection
 * once its message stalls ({@code RECEIVE_STALL_TIMEOUT}, 2 s here). With the limit off, a huge
 * announcement (1 GiB over tcp, 2^31−1 over ws) must cost no more.
 */
class SlowMaxSizeAttackTest {
  private static final int CONNECTIONS = 400;

  /** Body bytes every other connection sends after its announcement. */
  private static final int LITTLE = 1024;

  @RegisterExtension final Targets targets = new Targets();

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void limitSizedMessagesThatNeverComeCostWhatArrived(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme, Targets.STALL_TIMEOUT);
    AttackRun.Result result = attack(target, SlowMaxSizeAttack.ONE_MIB, LITTLE);
    bounded(result, LITTLE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void hugeAnnouncementWithNoLimitCostsWhatArrived(Scheme scheme) throws Exception {
    TargetProcess target = targets.sp4j(scheme, Targets.STALL_TIMEOUT, "RECEIVE_MAX_SIZE=-1");
    long announced = scheme == Scheme.TCP ? 1L << 30 : Integer.MAX_VALUE;
    AttackRun.Result result = attack(target, announced, LITTLE);
    bounded(result, LITTLE);
  }

  private static AttackRun.Result attack(TargetProcess target, long announced, int bodyBytes)
      throws Exception {
    // Launching 400 connections takes about a second; the stall timeout is 2 s after each one's
    // last
    // byte: 10 s covers both on a loaded machine.
    return Targets.run(
        target,
        new SlowMaxSizeAttack(target.address(), CONNECTIONS, announced, bodyBytes),
        Duration.ofSeconds(10));
  }

  /**
   * What a held connection may cost: the bytes it sent (at most the 14-byte header and {@code
   * bodyBytes}) plus {@link Costs#PER_CONNECTION}; nothing for what it only announced. Direct
   * memory: reads are released as soon as their bytes are copied, so what can grow is the buffer
   * pool, by a chunk per arena ({@link Costs#POOL_GROWTH}). Each connection is a counted refusal:
   * stalled, or (ws, 2^31-1 announced) too large for any array.
   */
  private static void bounded(AttackRun.Result result, int bodyBytes) {
    Bounds.of(result)
        .holding(CONNECTIONS, 14 + bodyBytes)
        .refusedAtLeast(CONNECTIONS, Refusal.RECEIVE_STALLED, Refusal.MESSAGE_TOO_LARGE)
        .check();
  }
}
