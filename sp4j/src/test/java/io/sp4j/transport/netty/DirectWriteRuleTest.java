package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a sending thread writes straight to the socket ({@link ChannelConnection#mayWriteDirectly}). */
class DirectWriteRuleTest {
  private static final long IDLE = ChannelConnection.IDLE_NANOS;

  @Test
  void anIdleThreadWritesDirectlyWhateverTheSizeAndConnection() {
    long[] last = {0, 7};
    assertThat(ChannelConnection.mayWriteDirectly(last, 10 * IDLE, 1, true)).isTrue();
    assertThat(last).containsExactly(10 * IDLE, 1);
    assertThat(ChannelConnection.mayWriteDirectly(last, 11 * IDLE, 2, false)).isTrue();
  }

  @Test
  void aBurstOfSmallMessagesIsLeftToTheEventLoopToGather() {
    long[] last = {0, 0};
    assertThat(ChannelConnection.mayWriteDirectly(last, 10 * IDLE, 1, true)).isTrue();
    assertThat(ChannelConnection.mayWriteDirectly(last, 10 * IDLE + 1_000, 1, true)).isFalse();
  }

  @Test
  void aStreamOfLargeMessagesToOneConnectionStaysDirect() {
    long[] last = {0, 0};
    ChannelConnection.mayWriteDirectly(last, 10 * IDLE, 1, false);
    assertThat(ChannelConnection.mayWriteDirectly(last, 10 * IDLE + 1_000, 1, false)).isTrue();
  }

  /** A PUB's fan-out: every connection had a pause, the thread had none. */
  @Test
  void aFanOutOfLargeMessagesToManyConnectionsIsLeftToTheEventLoops() {
    long[] last = {0, 0};
    long now = 10 * IDLE;
    ChannelConnection.mayWriteDirectly(last, now, 1, false);
    for (long connection = 2; connection <= 1000; connection++) {
      now += 500;
      assertThat(ChannelConnection.mayWriteDirectly(last, now, connection, false)).as("connection %d", connection).isFalse();
    }
  }
}
