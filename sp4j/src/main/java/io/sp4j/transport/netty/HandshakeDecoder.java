package io.sp4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.sp4j.spi.Timeout;
import java.time.Duration;
import java.util.List;

/**
 * The first handler of a connection: one exchange (a WebSocket upgrade, an SP greeting) that must
 * finish before a deadline. Once finished, successfully or not, it reads nothing more; the subclass
 * then hands the channel on or closes it.
 */
public abstract class HandshakeDecoder extends ByteToMessageDecoder {
  private final ChannelTime time;
  private Timeout deadline;
  private boolean finished;
  private Runnable whenFinished = () -> {};

  /**
   * @param time where the exchange's deadline is timed (its socket's)
   */
  protected HandshakeDecoder(ChannelTime time) {
    this.time = time;
  }

  /** Runs {@code task} once when the exchange is over, however it ended (a listener's count). */
  public final void whenFinished(Runnable task) {
    this.whenFinished = task;
  }

  /**
   * Runs {@code onExpiry} on the event loop after {@code limit} of the channel's time, unless the
   * exchange finished.
   */
  protected final void startDeadline(ChannelHandlerContext ctx, Duration limit, Runnable onExpiry) {
    deadline =
        time.schedule(
            ctx.channel(),
            limit,
            () -> {
              if (!finished) {
                finish();
                onExpiry.run();
              }
            });
  }

  /** The exchange is over: no deadline, no more input. Idempotent. */
  protected final void finish() {
    if (deadline != null) {
      deadline.cancel();
      deadline = null;
    }
    if (!finished) {
      finished = true;
      whenFinished.run();
    }
  }

  protected final boolean isFinished() {
    return finished;
  }

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (finished) {
      in.skipBytes(in.readableBytes());
      return;
    }
    decodeHandshake(ctx, in);
  }

  /** Reads what has arrived of the exchange; returns to wait for more. */
  protected abstract void decodeHandshake(ChannelHandlerContext ctx, ByteBuf in);

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    finish();
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
