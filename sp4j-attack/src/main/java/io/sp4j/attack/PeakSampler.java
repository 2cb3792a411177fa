package io.sp4j.attack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples a target's numbers at a fixed pace while an attack runs and keeps the largest value of
 * each: the attack's peak, whenever it came. A sample that fails (the target ended) is kept as the
 * reason.
 */
public final class PeakSampler {
  private final Supplier<Map<String, Long>> source;
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "peak-sampler");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Long> peak = new LinkedHashMap<>();
  private volatile ScheduledFuture<?> pacing;
  private int samples;
  private String failure;

  private PeakSampler(Supplier<Map<String, Long>> source) {
    this.source = source;
  }

  /** Starts sampling {@code source} every {@code every}. */
  public static PeakSampler start(Supplier<Map<String, Long>> source, Duration every) {
    PeakSampler sampler = new PeakSampler(source);
    sampler.pacing =
        sampler.pacer.scheduleWithFixedDelay(
            sampler::sampleNow, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    return sampler;
  }

  /** Takes one sample now (as well as the paced ones). */
  public void sampleNow() {
    Map<String, Long> sample;
    try {
      sample = source.get();
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = String.valueOf(e.getMessage());
      }
      return;
    }
    synchronized (this) {
      samples++;
      sample.forEach((k, v) -> peak.merge(k, v, Math::max));
    }
  }

  /** Stops (a sample under way is finished) and returns the largest value of each number. */
  public Map<String, Long> stop() {
    pacer.shutdown();
    try {
      pacer.awaitTermination(70, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      Throwable ended = Schedules.thrown(pacing);
      if (ended != null && failure == null) {
        failure =
            "sampling stopped: " + ended; // a throw ends a fixed-delay schedule without a word
      }
      return new LinkedHashMap<>(peak);
    }
  }

  public synchronized int samples() {
    return samples;
  }

  /** Why a sample failed, or {@code null}. */
  public synchronized String failure() {
    return failure;
  }
}
