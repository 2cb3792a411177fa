package io.sp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Refusals are all counted, but a flood of them is not a flood of log lines. */
class RefusalsTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();
  private final Refusals refusals =
      new Refusals("PULL socket", clock::get, new RecordingLogger(lines));

  @Test
  void everyRefusalIsCountedByReason() {
    for (int i = 0; i < 5; i++) {
      refusals.count(Refusal.RECEIVE_STALLED, "peer " + i);
    }
    refusals.count(Refusal.CONNECTION_LIMIT, "peer x");
    assertThat(refusals.snapshot())
        .containsEntry(Refusal.RECEIVE_STALLED, 5L)
        .containsEntry(Refusal.CONNECTION_LIMIT, 1L)
        .containsEntry(Refusal.RECEIVE_BUDGET, 0L)
        .hasSize(Refusal.values().length);
  }

  @Test
  void theFirstOfAReasonIsLoggedAtOnceAndTheRestAsOneLineAnIntervalLater() {
    for (int i = 0; i < 1000; i++) {
      refusals.count(Refusal.CONNECTION_LIMIT, "peer " + i);
    }
    assertThat(lines).containsExactly("WARNING PULL socket refused (CONNECTION_LIMIT): peer 0");
    clock.addAndGet(Refusals.LOG_INTERVAL_NANOS);
    refusals.count(Refusal.CONNECTION_LIMIT, "peer 1000");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .startsWith("WARNING PULL socket refused (CONNECTION_LIMIT): peer 1000")
        .contains("1000 such refusals since the last line, 1001 in all");
  }

  @Test
  void aPeerBreakingTheRulesIsLoggedAtDebugAndTheServerAtALimitAtWarning() {
    refusals.count(Refusal.PROTOCOL_ERROR, "bad frame");
    refusals.count(Refusal.RECEIVE_BUDGET, "big");
    assertThat(lines)
        .containsExactly(
            "DEBUG PULL socket refused (PROTOCOL_ERROR): bad frame",
            "WARNING PULL socket refused (RECEIVE_BUDGET): big");
  }

  @Test
  void whatAPeerChoseIsLoggedAsOneShortLine() {
    refusals.count(Refusal.HANDSHAKE_INVALID, "GET /\r\nX-Forged: yes\u001b[2J" + "x".repeat(500));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .doesNotContain("\r", "\n", "\u001b")
        .contains("GET /??X-Forged: yes?[2J")
        .hasSizeLessThan(Refusals.DETAIL_MAX + 80)
        .endsWith("…");
  }

  /** A System.Logger that keeps "LEVEL message" lines, everything loggable. */
  private record RecordingLogger(List<String> lines) implements System.Logger {
    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      lines.add(level + " " + msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      lines.add(level + " " + java.text.MessageFormat.format(format, params));
    }
  }
}
