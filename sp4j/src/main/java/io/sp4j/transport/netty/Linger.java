package io.sp4j.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection's local close: the outbox takes no more messages, what it holds is written, and then
 * the connection says goodbye its transport's way (by default it closes once the writes are
 * flushed, {@link #closeWhenFlushed}). If the writes are not done within the linger, the channel
 * closes anyway.
 */
final class Linger {
  private final Channel channel;
  private final Outbox outbox;
  private final Runnable goodbye;

  /**
   * @param goodbye the last step, on the event loop after the queue was written
   */
  Linger(Channel channel, Outbox outbox, Runnable goodbye) {
    this.channel = channel;
    this.outbox = outbox;
    this.goodbye = goodbye;
  }

  /**
   * Starts the close (from any thread; later calls only wait for it).
   *
   * @return completes when what was queued is written or the channel is gone
   */
  CompletableFuture<Void> close(Duration linger) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    channel.closeFuture().addListener(f -> written.complete(null));
    if (!outbox.shut()) {
      return written;
    }
    channel
        .eventLoop()
        .execute(
            () -> {
              outbox.writeAll();
              if (channel.isActive()) {
                ChannelFuture flushed =
                    channel.writeAndFlush(Unpooled.EMPTY_BUFFER); // done after all before it
                flushed.addListener(f -> written.complete(null));
                if (!flushed.isDone()) {
                  closeAfter(linger);
                }
              }
              goodbye.run();
            });
    return written;
  }

  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void closeAfter(Duration linger) {
    assert channel.eventLoop().inEventLoop();
    ScheduledFuture<?> deadline =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  channel.close();
                },
                linger.toNanos(),
                TimeUnit.NANOSECONDS);
    channel.closeFuture().addListener(f -> deadline.cancel(false));
  }

  /** The default goodbye: the channel closes once everything written before is flushed. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  static void closeWhenFlushed(Channel channel) {
    assert channel.eventLoop().inEventLoop();
    if (!channel.isActive()) {
      channel.close();
    } else {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
