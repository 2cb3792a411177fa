package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.sp4j.spi.Clock;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A connection's time: the clock and scheduler of its socket (the shared timer thread, or a test's
 * manual clock), so that handshake deadlines, stall checks and close waits move with the socket's
 * other timers. A timer's task is brought back to the channel's event loop, where every connection
 * handler runs. {@link #EVENT_LOOP} keeps a channel's own event-loop time instead, for channels no
 * socket made (codec tests).
 *
 * <p>Connections of sockets on the same clock and scheduler share one instance, so 10,000
 * connections hold no time of their own.
 */
public final class ChannelTime {
  /** Each channel's own event loop: its ticker and its timers. */
  public static final ChannelTime EVENT_LOOP = new ChannelTime(null, null);

  private static final Recent<Source, ChannelTime> RECENT = new Recent<>();

  /** A socket's time, as a key: equal for sockets on the same clock and scheduler. */
  private record Source(Clock clock, Scheduler scheduler) {}

  private final Clock clock; // null: the event loop's
  private final Scheduler scheduler; // null: the event loop's

  private ChannelTime(Clock clock, Scheduler scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** The time of {@code context}'s socket. */
  public static ChannelTime of(EndpointContext context) {
    return RECENT.get(
        new Source(context.clock(), context.timers()),
        source -> new ChannelTime(source.clock(), source.scheduler()));
  }

  /** Now, in nanoseconds from an arbitrary origin, as {@code channel}'s timers count it. */
  public long nanoTime(Channel channel) {
    return clock == null ? channel.eventLoop().ticker().nanoTime() : clock.nanoTime();
  }

  /**
   * Runs {@code task} on {@code channel}'s event loop after {@code delay}, unless it is cancelled
   * first. Event loop only, for the call and for the cancel.
   */
  public Timeout schedule(Channel channel, Duration delay, Runnable task) {
    EventLoop loop = channel.eventLoop();
    assert loop.inEventLoop();
    if (scheduler == null) {
      ScheduledFuture<?> future = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    }
    LoopTimer timer = new LoopTimer(loop, task);
    timer.scheduled = scheduler.schedule(delay, timer::fire);
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
