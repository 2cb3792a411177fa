package io.sp4j.attack;

import io.sp4j.Refusal;
import org.assertj.core.api.SoftAssertions;

/**
 * The checks of an attack run, collected so that a failure names every bound broken, each with the
 * run's numbers: memory growth at the peak, descriptors and threads after, the well-behaved client
 * answered during and after, a new client answered, the target alive with nothing on its stderr.
 * Call {@link #check()} last.
 */
final class Bounds {
  private static final long MIB = 1 << 20;

  private final AttackRun.Result result;
  private final SoftAssertions soft = new SoftAssertions();

  private Bounds(AttackRun.Result result) {
    this.result = result;
  }

  static Bounds of(AttackRun.Result result) {
    return new Bounds(result);
  }

  /** Heap in use after GC grew by less than {@code bytes} from before to the peak. */
  Bounds heapGrowthBelow(long bytes) {
    return below("heap", result.growth("heap"), bytes);
  }

  /** Direct memory grew by less than {@code bytes} from before to the peak. */
  Bounds directGrowthBelow(long bytes) {
    return below("direct", result.growth("direct"), bytes);
  }

  private Bounds below(String what, long growth, long bound) {
    soft.assertThat(growth)
        .as(
            "%s growth at the peak (%s MiB; bound %s MiB) in %s",
            what, mib(growth), mib(bound), result)
        .isLessThan(bound);
    return this;
  }

  /** Descriptors and threads came back to the baseline, within the slack of {@link Targets}. */
  Bounds backToBaseline() {
    soft.assertThat(result.after())
        .as("numbers after the attack (the target died?) in %s", result)
        .isNotEmpty();
    soft.assertThat(result.left("fds"))
        .as("descriptors left open after the attack in %s", result)
        .isLessThanOrEqualTo(Targets.FD_SLACK);
    soft.assertThat(result.left("threads"))
        .as("threads left after the attack in %s", result)
        .isLessThanOrEqualTo(Targets.THREAD_SLACK);
    return this;
  }

  /**
   * The well-behaved client kept being answered during the attack (at least one answer, and at
   * least as many answers as failures) and after it, and a new client was answered every time.
   */
  Bounds clientsServed() {
    WellBehavedClient.Tally during = result.during();
    soft.assertThat(during.answered()).as("answers during the attack in %s", result).isPositive();
    soft.assertThat(during.failed())
        .as(
            "requests that failed during the attack, against %s answered, in %s",
            during.answered(), result)
        .isLessThanOrEqualTo(during.answered());
    soft.assertThat(result.afterwards().answered())
        .as("answers after the attack in %s", result)
        .isGreaterThanOrEqualTo(3);
    soft.assertThat(result.newClientAnswers())
        .as("answers to a new client after the attack in %s", result)
        .isEqualTo(3);
    return this;
  }

  /** The target is alive, sampled fine, and reported no leak or uncaught throwable. */
  Bounds healthy() {
    soft.assertThat(result.survived()).as("target alive after %s", result).isTrue();
    soft.assertThat(result.sampleFailure()).as("a failed sample in %s", result).isNull();
    soft.assertThat(result.problems()).as("trouble on the target's stderr in %s", result).isEmpty();
    return this;
  }

  /** The server closed every connection the attack held, by itself, within the attack's end. */
  Bounds serverClosedAll() {
    Object connections = result.attackResults().get("connections");
    soft.assertThat(result.ended())
        .as("the server closed every held connection in time in %s", result)
        .isTrue();
    soft.assertThat(result.attackResults().get("closedByServer"))
        .as("connections the server closed, of %s, in %s", connections, result)
        .isEqualTo(connections);
    return this;
  }

  /**
   * The bounds of an attack that holds connections open until the server closes them: heap for
   * {@code connections} held that each sent {@code sentBytes} ({@link Costs#heldConnections}),
   * direct memory within {@link Costs#POOL_GROWTH}, every connection closed by the server, and
   * {@link #always()}.
   */
  Bounds holding(int connections, long sentBytes) {
    return heapGrowthBelow(Costs.heldConnections(connections, sentBytes))
        .directGrowthBelow(Costs.POOL_GROWTH)
        .serverClosedAll()
        .always();
  }

  /**
   * The server counted at least {@code count} refusals for {@code reasons} in all during the run
   * ({@code Socket.refusals()} on the target's stats line): it knew why it closed them.
   */
  Bounds refusedAtLeast(long count, Refusal... reasons) {
    long refused = 0;
    for (Refusal reason : reasons) {
      refused += result.left("refused." + reason);
    }
    soft.assertThat(refused)
        .as("refusals for %s in %s", java.util.Arrays.toString(reasons), result)
        .isGreaterThanOrEqualTo(count);
    return this;
  }

  /** Every bound above that applies to any attack: healthy, clients served, back to baseline. */
  Bounds always() {
    return healthy().clientsServed().backToBaseline();
  }

  /** A bound of the attack's own results. */
  SoftAssertions soft() {
    return soft;
  }

  AttackRun.Result result() {
    return result;
  }

  void check() {
    soft.assertAll();
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.2f", bytes / (double) MIB);
  }

  static long mebibytes(double n) {
    return (long) (n * MIB);
  }
}
