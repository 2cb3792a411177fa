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

/** A connection's timers keep its socket's time and run their tasks on the channel's event loop. */
class ChannelTimeTest {
  private final ManualTime time = new ManualTime();
  private final ChannelTime socketTime =
      ChannelTime.of(new FakeEndpointContext(Protocol.PAIR).withTime(time));
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void finish() {
    channel.finishAndReleaseAll();
  }

  private Timeout scheduleIn3Seconds() {
    return socketTime.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
  }

  @Test
  void aTimerFiresWhenTheSocketsClockPassesItsDelayAndRunsOnTheEventLoop() {
    scheduleIn3Seconds();
    assertThat(time.dueIn()).containsExactly(Duration.ofSeconds(3));

    time.advance(Duration.ofSeconds(3));
    assertThat(runs).as("handed to the event loop, not run on the advancing thread").hasValue(0);
    channel.runPendingTasks();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aCancelledTimerNeverRuns() {
    scheduleIn3Seconds().cancel();
    assertThat(time.pending()).isZero();
    time.advance(Duration.ofSeconds(10));
    channel.runPendingTasks();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aTimerCancelledAfterItFiredButBeforeTheEventLoopRanItDoesNotRun() {
    Timeout timer = scheduleIn3Seconds();
    time.advance(Duration.ofSeconds(3)); // its task now waits on the event loop
    timer.cancel();
    channel.runPendingTasks();
    assertThat(runs).hasValue(0);
  }

  @Test
  void theClockIsTheSockets() {
    long before = socketTime.nanoTime(channel);
    time.advance(Duration.ofMillis(1500));
    assertThat(socketTime.nanoTime(channel) - before).isEqualTo(Duration.ofMillis(1500).toNanos());
  }

  @Test
  void socketsOnTheSameTimeShareOneInstance() {
    FakeEndpointContext other = new FakeEndpointContext(Protocol.PUSH).withTime(time);
    assertThat(ChannelTime.of(other)).isSameAs(socketTime);
    ManualTime elsewhere = new ManualTime();
    assertThat(ChannelTime.of(new FakeEndpointContext(Protocol.PUSH).withTime(elsewhere)))
        .isNotSameAs(socketTime);
  }

  @Test
  void theEventLoopsTimeIsTheChannels() {
    channel.freezeTime();
    long before = ChannelTime.EVENT_LOOP.nanoTime(channel);
    ChannelTime.EVENT_LOOP.schedule(channel, Duration.ofSeconds(3), runs::incrementAndGet);
    assertThat(time.pending()).isZero();

    channel.advanceTimeBy(3, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(runs).hasValue(1);
    assertThat(ChannelTime.EVENT_LOOP.nanoTime(channel) - before)
        .isEqualTo(Duration.ofSeconds(3).toNanos());
  }
}
