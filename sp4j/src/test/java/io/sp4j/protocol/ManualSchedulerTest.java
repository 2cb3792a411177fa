package io.sp4j.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fixture the timer tests trust: it must run due tasks in time order and skip cancelled ones. */
class ManualSchedulerTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<String> ran = new ArrayList<>();

  @Test
  @DisplayName("tasks run only once due, in time order, ties in scheduling order")
  void timeOrder() {
    scheduler.schedule(Duration.ofMillis(30), () -> ran.add("30"));
    scheduler.schedule(Duration.ofMillis(10), () -> ran.add("10a"));
    scheduler.schedule(Duration.ofMillis(10), () -> ran.add("10b"));

    scheduler.advanceMillis(9);
    assertThat(ran).isEmpty();
    scheduler.advanceMillis(21);
    assertThat(ran).containsExactly("10a", "10b", "30");
    assertThat(scheduler.now()).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  @DisplayName("a task scheduled by a running task runs in the same advance if it falls due")
  void chained() {
    scheduler.schedule(Duration.ofMillis(10), () -> {
      ran.add("first at " + scheduler.now().toMillis());
      scheduler.schedule(Duration.ofMillis(5), () -> ran.add("second at " + scheduler.now().toMillis()));
    });

    scheduler.advanceMillis(20);

    assertThat(ran).containsExactly("first at 10", "second at 15");
  }

  @Test
  @DisplayName("a cancelled task never runs")
  void cancelled() {
    Timeout timeout = scheduler.schedule(Duration.ofMillis(10), () -> ran.add("cancelled"));
    scheduler.schedule(Duration.ofMillis(10), () -> ran.add("kept"));

    timeout.cancel();
    timeout.cancel();
    scheduler.advanceMillis(100);

    assertThat(ran).containsExactly("kept");
    assertThat(scheduler.pending()).isZero();
  }
}
