package io.sp4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fixture the timer tests trust: it must run due tasks in time order and skip cancelled ones.
 */
class ManualTimeTest {
  private final ManualTime time = new ManualTime();
  private final List<String> ran = new ArrayList<>();

  @Test
  @DisplayName("tasks run only once due, in time order, ties in scheduling order")
  void timeOrder() {
    time.schedule(Duration.ofMillis(30), () -> ran.add("30"));
    time.schedule(Duration.ofMillis(10), () -> ran.add("10a"));
    time.schedule(Duration.ofMillis(10), () -> ran.add("10b"));
    assertThat(time.dueIn())
        .containsExactly(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(30));

    time.advanceMillis(9);
    assertThat(ran).isEmpty();
    assertThat(time.dueIn())
        .containsExactly(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(21));
    time.advanceMillis(21);
    assertThat(ran).containsExactly("10a", "10b", "30");
    assertThat(time.now()).isEqualTo(Duration.ofMillis(30));
  }

  @Test
  @DisplayName("the clock reads the time a task is due while it runs, and the target after")
  void clock() {
    List<Long> seen = new ArrayList<>();
    time.schedule(Duration.ofMillis(10), () -> seen.add(time.nanoTime()));

    time.advanceMillis(25);

    assertThat(seen).containsExactly(Duration.ofMillis(10).toNanos());
    assertThat(time.nanoTime()).isEqualTo(Duration.ofMillis(25).toNanos());
  }

  @Test
  @DisplayName("a task scheduled by a running task runs in the same advance if it falls due")
  void chained() {
    time.schedule(
        Duration.ofMillis(10),
        () -> {
          ran.add("first at " + time.now().toMillis());
          time.schedule(Duration.ofMillis(5), () -> ran.add("second at " + time.now().toMillis()));
        });

    time.advanceMillis(20);

    assertThat(ran).containsExactly("first at 10", "second at 15");
  }

  @Test
  @DisplayName("a cancelled task never runs")
  void cancelled() {
    Timeout timeout = time.schedule(Duration.ofMillis(10), () -> ran.add("cancelled"));
    time.schedule(Duration.ofMillis(10), () -> ran.add("kept"));

    timeout.cancel();
    timeout.cancel();
    time.advanceMillis(100);

    assertThat(ran).containsExactly("kept");
    assertThat(time.pending()).isZero();
  }
}
