package io.sp4j.attack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of every attack test: starts sp4j targets (a REP in its own JVM with {@link
 * TargetProcess.Jvm#TEST}'s small heap and paranoid leak detection) and ends each one after the
 * test, passed or failed. Also the run settings the tests share.
 */
final class Targets implements AfterEachCallback {
  /**
   * Descriptors above the baseline that still count as back: the JVM may open a jar or two for
   * classes first loaded during the attack (exceptions, rare paths), and sp4j's timer thread comes
   * and goes.
   */
  static final long FD_SLACK = 6;

  /** Threads above the baseline that still count as back (the timer thread, a JIT or GC helper). */
  static final long THREAD_SLACK = 3;

  /**
   * Short timeouts so fds come back quickly in CI: a stalled message or handshake is given 2 s.
   * Kept well above a loaded machine's scheduling hiccups (tens of ms), well below the defaults.
   */
  static final String STALL_TIMEOUT = "RECEIVE_STALL_TIMEOUT=PT2S";

  static final String HANDSHAKE_TIMEOUT = "HANDSHAKE_TIMEOUT=PT2S";
  static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);

  private final List<TargetProcess> started = new ArrayList<>();

  /** An sp4j REP on port 0 of {@code scheme} with {@code options} ({@code NAME=VALUE}). */
  TargetProcess sp4j(Scheme scheme, String... options) {
    return sp4j(scheme, TargetProcess.Jvm.TEST, options);
  }

  /** The same in a JVM run as {@code jvm} says. */
  TargetProcess sp4j(Scheme scheme, TargetProcess.Jvm jvm, String... options) {
    TargetProcess target = TargetProcess.sp4j(scheme, List.of(options), jvm);
    started.add(target);
    return target;
  }

  /**
   * Settings for a run whose attack runs its course within {@code endMax}: samples every 500 ms
   * (each forces two collections in the target, a few ms on a 64 MiB heap), 15 s to settle, the
   * well-behaved client waiting 2 s per answer.
   */
  static AttackRun.Settings settings(Duration endMax) {
    return new AttackRun.Settings(
        Duration.ofMillis(500),
        endMax,
        Duration.ofSeconds(15),
        FD_SLACK,
        THREAD_SLACK,
        Duration.ofSeconds(2));
  }

  /** Runs {@code attack} and prints what it measured (the test output is the record of numbers). */
  static AttackRun.Result run(TargetProcess target, Attack attack, Duration endMax)
      throws Exception {
    AttackRun.Result result = AttackRun.run(target, attack, settings(endMax));
    System.out.println("ATTACK " + result);
    return result;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (TargetProcess target : started) {
      target.close();
    }
    started.clear();
  }
}
