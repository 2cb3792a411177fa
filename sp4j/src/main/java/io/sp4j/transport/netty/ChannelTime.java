package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import io.sp4j.spi.Clock;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A connection's time: the clock and scheduler of the socket that made its channel (the shared
 * timer thread, or a test's manual clock), so that handshake deadlines, stall checks and close
 * waits move with the socket's other timers. A timer's task is brought back to the channel's event
 * loop, where every connection handler runs. A channel no socket made (a codec test's) keeps its
 * event loop's own time.
 */
public final class ChannelTime {
  private static final AttributeKey<ChannelTime> KEY =
      AttributeKey.valueOf(ChannelTime.class, "time");

  private final Clock clock;
  private final Scheduler scheduler;

  private ChannelTime(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Gives {@code channel} its socket's time; call before any of its handlers starts a timer. */
  public static void adopt(Channel channel, EndpointContext context) {
    channel.attr(KEY).set(new ChannelTime(context.clock(), context.timers()));
  }

  /** Now, in nanoseconds from an arbitrary origin, as the channel's timers count it. */
  public static long nanoTime(Channel channel) {
    ChannelTime time = channel.attr(KEY).get();
    return time == null ? channel.eventLoop().ticker().nanoTime() : time.clock.nanoTime();
  }

  /**
   * Runs {@code task} on the channel's event loop after {@code delay}, unless it is cancelled
   * first. Event loop only, for the call and for the cancel.
   */
  public static Timeout schedule(Channel channel, Duration delay, Runnable task) {
    EventLoop loop = channel.eventLoop();
    assert loop.inEventLoop();
    ChannelTime time = channel.attr(KEY).get();
    if (time == null) {
      ScheduledFuture<?> future = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
    LoopTimer timer = new LoopTimer(loop, task);
    timer.scheduled = time.scheduler.schedule(delay, timer::fire);
    return timer;
  }

  /** A timer of the socket's scheduler whose task runs on an event loop. */
  private static final class LoopTimer implements Timeout {
    private final EventLoop loop;
    private final Runnable task;
    private Timeout scheduled; // set right after construction, on the event loop
    private boolean done; // event loop only

    LoopTimer(EventLoop loop, Runnable task) {
      this.loop = loop;
      this.task = task;
    }

    /** On the scheduler's thread. */
    private void fire() {
      try {
        loop.execute(this::run);
      } catch (RejectedExecutionException e) {
        // The event loop has shut down, and every channel on it with it: nothing is left to time.
      }
    }

    private void run() {
      if (!done) {
        done = true;
        task.run();
      }
    }

    @Override
    public void cancel() {
      assert loop.inEventLoop();
      done = true;
      scheduled.cancel();
    }
  }
}
