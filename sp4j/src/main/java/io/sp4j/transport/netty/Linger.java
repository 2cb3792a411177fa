package io.sp4j.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

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
  private final ChannelTime time;

  /**
   * @param goodbye the last step, on the event loop after the queue was written
   * @param time where the linger's deadline is timed
   */
  Linger(Channel channel, Outbox outbox, Runnable goodbye, ChannelTime time) {
    this.channel = channel;
    this.outbox = outbox;
    this.goodbye = goodbye;
    this.time = time;
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
                  closeUnlessFlushedWithin(linger, flushed);
                }
              }
              goodbye.run();
            });
    return written;
  }

  /** Closes the channel if what was queued is not written within {@code linger}. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void closeUnlessFlushedWithin(Duration linger, ChannelFuture flushed) {
    assert channel.eventLoop().inEventLoop();
    if (linger.isZero()) {
      channel.close();
      return;
    }
    Timeout deadline =
        time.schedule(
            channel,
            linger,
            () -> {
              channel.close();
            });
    flushed.addListener(f -> deadline.cancel()); // also when the channel closes
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
