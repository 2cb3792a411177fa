package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.faults.Netns.Side;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Packet loss both ways under a steady stream: TCP retransmits, SP delivers as it promises. */
final class LossTest {
  /** Dropped independently on the client's veth end in each direction. */
  private static final int LOSS_PERCENT = 15;

  private static final Duration LOSS_TIME = Duration.ofSeconds(3);

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.sp4j.faults.Matrix#everyPattern")
  void lossDelaysMessagesButNeverDamagesRepeatsReordersOrDisconnects(
      Scheme scheme, Pattern pattern) {
    try (Scenario scenario = Scenario.create(scheme, pattern)) {
      int connection = scenario.startStream();
      int before = scenario.arrivals();

      scenario.netns().loss(Side.CLIENT, LOSS_PERCENT);
      Scenario.hold(LOSS_TIME);
      int crossed = scenario.arrivals() - before;
      Netns.Drops drops = scenario.netns().drops(Side.CLIENT);
      scenario.netns().clear(Side.CLIENT);
      long cleared = System.nanoTime();

      Scenario.Recovery recovery = scenario.awaitRecovery(cleared, connection);
      Deliveries.Summary summary = scenario.finish(true);
      assertThat(recovery.connectionKept())
          .as("the connection survives the loss (nothing but TCP stands between)")
          .isTrue();
      assertThat(drops.dropped()).as("packets dropped during the loss: %s", drops).isPositive();
      assertThat(crossed).as("messages that crossed the lossy link").isPositive();
      scenario.report(
          LOSS_PERCENT + " % loss for " + LOSS_TIME.toSeconds() + " s",
          drops + ", " + crossed + " messages crossed meanwhile; " + summary);
    }
  }
}
