package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Protocol;
import io.sp4j.core.FakeEndpointContext;
import io.sp4j.spi.Timeout;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel's timers keep its socket's time and run their tasks on the channel's event loop. */
class ChannelTimeTest {
  private final ManualTime time = new ManualTime();
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private void adoptManualTime() {
    ChannelTime.adopt(channel, new FakeEndpointContext(Protocol.PAIR).withTime(time));
  }

  @Test
  void aTimerFiresWhenTheSocketsClockPassesItsDelayAndRunsOnTheEventLoop() {
    adoptManualTime();
    ChannelTime.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
    assertThat(time.dueIn()).containsExactly(Duration.ofSeconds(3));

    time.advance(Duration.ofSeconds(3));
    assertThat(runs).as("handed to the event loop, not run on the advancing thread").hasValue(0);
    channel.runPendingTasks();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCancelledTimerNeverRuns() {
    adoptManualTime();
    Timeout timer = ChannelTime.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
    timer.cancel();
    assertThat(time.pending()).isZero();
    time.advance(Duration.ofSeconds(10));
    channel.runPendingTasks();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aTimerCancelledAfterItFiredButBeforeTheEventLoopRanItDoesNotRun() {
    adoptManualTime();
    Timeout timer = ChannelTime.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
    time.advance(Duration.ofSeconds(3)); // its task now waits on the event loop
    timer.cancel();
    channel.runPendingTasks();
    assertThat(runs).hasValue(0);
  }

  @Test
  void theClockIsTheSockets() {
    adoptManualTime();
    long before = ChannelTime.nanoTime(channel);
    time.advance(Duration.ofMillis(1500));
    assertThat(ChannelTime.nanoTime(channel) - before).isEqualTo(Duration.ofMillis(1500).toNanos());
  }

  @Test
  void aChannelNoSocketMadeKeepsItsEventLoopsTime() {
    channel.freezeTime();
    long before = ChannelTime.nanoTime(channel);
    ChannelTime.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
    assertThat(time.pending()).isZero();

    channel.advanceTimeBy(3, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(runs).hasValue(1);
    assertThat(ChannelTime.nanoTime(channel) - before).isEqualTo(Duration.ofSeconds(3).toNanos());
  }
}
