package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The link goes down for a few seconds and comes back. */
final class CutTest {
  /** Long enough for the dialer's doubling waits to reach their cap (0.1 + 0.2 + 0.4 + 0.8 s). */
  private static final Duration CUT_TIME = Duration.ofMillis(2500);

  /** Past the reconnect backoff's cap: JVM pauses and a loaded machine. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.sp4j.faults.Matrix#everyPatternOnWsReqRepOnTcp")
  void aStreamCutAndRestoredFlowsOnIntactInOrderAndOnce(Scheme scheme, Pattern pattern) {
    try (Scenario scenario = Scenario.create(scheme, pattern)) {
      int connection = scenario.startStream();

      scenario.netns().cut();
      Scenario.hold(Duration.ofSeconds(1));
      int early = scenario.arrivals();
      Scenario.hold(CUT_TIME.minusSeconds(1));
      int late = scenario.arrivals();
      scenario.netns().restore();
      long restored = System.nanoTime();

      Scenario.Recovery recovery = scenario.awaitRecovery(restored, connection);
      Deliveries.Summary summary = scenario.finish(recovery.connectionKept());
      assertThat(late).as("messages that crossed the cut link").isEqualTo(early);
      if (!recovery.connectionKept()) {
        assertThat(Scenario.millis(restored, recovery.newConnection()))
            .as("reconnect after the restore, in ms")
            .isLessThanOrEqualTo(Scenario.RECONNECT_INTERVAL_MAX.plus(SLACK).toMillis());
      }
      scenario.report(
          "cut for " + CUT_TIME.toMillis() + " ms",
          (recovery.connectionKept()
                  ? "connection kept"
                  : "reconnected "
                      + Scenario.millis(restored, recovery.newConnection())
                      + " ms after the restore")
              + ", first message "
              + Scenario.millis(restored, recovery.firstArrival())
              + " ms after the restore; "
              + summary);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scheme.class)
  void aDialerRefusedARouteDuringTheCutConnectsWithinItsBackoffOnceTheLinkIsBack(Scheme scheme) {
    try (Scenario scenario = Scenario.create(scheme, Pattern.PUSH_PULL)) {
      scenario.openPeers();
      scenario.netns().cut();
      scenario.connectClient();
      Scenario.hold(CUT_TIME);
      assertThat(TcpTable.established(scenario.client().pid(), Scheme.PORT))
          .as("connections across the cut")
          .isEmpty();
      scenario.netns().restore();
      long restored = System.nanoTime();

      long connected = scenario.awaitNewConnection(-1);
      scenario.startTraffic();
      Deliveries.Summary summary = scenario.finish(true);
      assertThat(Scenario.millis(restored, connected))
          .as("connect after the restore, in ms")
          .isLessThanOrEqualTo(Scenario.RECONNECT_INTERVAL_MAX.plus(SLACK).toMillis());
      scenario.report(
          "dialing through a " + CUT_TIME.toMillis() + " ms cut",
          "connected "
              + Scenario.millis(restored, connected)
              + " ms after the restore; "
              + summary);
    }
  }
}
