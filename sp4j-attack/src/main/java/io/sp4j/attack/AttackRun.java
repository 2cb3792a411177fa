package io.sp4j.attack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One attack against one target, measured the same way for a test and for the bench: a {@link
 * WellBehavedClient} connects first and is answered; the target's numbers before; the attack
 * launched and run its course while a {@link PeakSampler} records the peak; the attack closed;
 * then, once the target's descriptors and threads are back near where they were (or the settle time
 * is up), its numbers after; and last a new client's requests.
 */
public final class AttackRun {
  /**
   * The pacing of a run.
   *
   * @param sampleEvery time between two peak samples
   * @param endMax longest the attack may take to run its course
   * @param settleMax longest wait after the attack for descriptors and threads to come back
   * @param fdSlack descriptors above the baseline that still count as back
   * @param threadSlack threads above the baseline that still count as back
   * @param clientTimeout how long the well-behaved client waits for each answer
   */
  public record Settings(
      Duration sampleEvery,
      Duration endMax,
      Duration settleMax,
      long fdSlack,
      long threadSlack,
      Duration clientTimeout) {}

  /** What a run measured. Numbers are the target's {@link TargetProcess#stats()}. */
  public record Result(
      String attack,
      TargetProcess.Kind target,
      AttackAddress address,
      Map<String, Long> before,
      Map<String, Long> peak,
      Map<String, Long> after,
      WellBehavedClient.Tally during,
      WellBehavedClient.Tally afterwards,
      int newClientAnswers,
      boolean ended,
      boolean survived,
      Map<String, Object> attackResults,
      List<String> problems,
      String sampleFailure,
      String timing) {

    /** Peak minus before, for one number; 0 when either is missing. */
    public long growth(String key) {
      return delta(peak, key);
    }

    /** After minus before, for one number; 0 when either is missing. */
    public long left(String key) {
      return delta(after, key);
    }

    private long delta(Map<String, Long> later, String key) {
      Long b = before.get(key);
      Long l = later.get(key);
      return b == null || l == null ? 0 : l - b;
    }

    /** Everything, for a failure message. */
    @Override
    public String toString() {
      return attack
          + " on "
          + target.label()
          + " "
          + address
          + ": attack "
          + attackResults
          + "; before "
          + before
          + "; peak "
          + peak
          + "; after "
          + after
          + "; client during: "
          + during
          + "; after: "
          + afterwards
          + "; new client answered "
          + newClientAnswers
          + "; ended by itself "
          + ended
          + "; target alive "
          + survived
          + "; "
          + timing
          + (sampleFailure == null ? "" : "; a sample failed: " + sampleFailure)
          + (problems.isEmpty() ? "" : "; target reported " + problems);
    }
  }

  private AttackRun() {}

  /** Runs {@code attack} against {@code target}. */
  public static Result run(TargetProcess target, Attack attack, Settings s) throws Exception {
    String url = target.address().url();
    Stopwatch clock = new Stopwatch();
    try (WellBehavedClient client =
        WellBehavedClient.start(url, s.clientTimeout(), Duration.ofMillis(20))) {
      if (!client.awaitAnswers(3, Duration.ofSeconds(20))) {
        throw new IllegalStateException(
            "the well-behaved client got no answers from "
                + target
                + " before the attack: "
                + client.tally(WellBehavedClient.Phase.BEFORE)
                + "; "
                + target.stderrTail());
      }
      Map<String, Long> before = target.stats();
      clock.lap("baseline");
      client.phase(WellBehavedClient.Phase.DURING);
      PeakSampler sampler = PeakSampler.start(target::stats, s.sampleEvery());
      boolean ended;
      Map<String, Long> peak;
      try {
        attack.launch();
        clock.lap("launch");
        sampler.sampleNow();
        ended = attack.awaitEnd(s.endMax());
        clock.lap("end");
        sampler.sampleNow();
      } finally {
        peak = sampler.stop();
      }
      client.phase(WellBehavedClient.Phase.AFTER);
      Map<String, Object> attackResults =
          attack.results(); // before closing: what the server closed
      attack.close();
      boolean alive = target.isAlive();
      Map<String, Long> after = alive ? settle(target, before, s) : Map.of();
      clock.lap("settle");
      if (alive) {
        client.awaitAnswers(3, s.settleMax());
      }
      int newClient = alive ? WellBehavedClient.probe(url, 3, Duration.ofSeconds(5)) : 0;
      clock.lap("clients");
      return new Result(
          attack.name(),
          target.kind(),
          target.address(),
          before,
          peak,
          after,
          client.tally(WellBehavedClient.Phase.DURING),
          client.tally(WellBehavedClient.Phase.AFTER),
          newClient,
          ended,
          target.isAlive(),
          attackResults,
          target.problems(),
          sampler.failure(),
          clock.toString());
    } finally {
      attack.close();
    }
  }

  /** Waits until descriptors and threads are back near the baseline, then measures. */
  private static Map<String, Long> settle(
      TargetProcess target, Map<String, Long> before, Settings s) {
    Waits.until(
        () -> {
          if (!target.isAlive()) {
            return true;
          }
          Map<String, Long> now = target.stats();
          return now.get("fds") <= before.get("fds") + s.fdSlack()
              && now.get("threads") <= before.get("threads") + s.threadSlack();
        },
        s.settleMax(),
        Duration.ofMillis(250));
    try {
      return target.stats();
    } catch (IllegalStateException ended) {
      return Map.of();
    }
  }
}

/** Seconds each phase of a run took, for the record. */
final class Stopwatch {
  private final StringBuilder laps = new StringBuilder("seconds:");
  private long last = System.nanoTime();

  void lap(String phase) {
    long now = System.nanoTime();
    laps.append(String.format(java.util.Locale.ROOT, " %s %.1f", phase, (now - last) / 1e9));
    last = now;
  }

  @Override
  public String toString() {
    return laps.toString();
  }
}
