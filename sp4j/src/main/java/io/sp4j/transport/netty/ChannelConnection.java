package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sp4j.Message;
import io.sp4j.spi.Connection;
import io.sp4j.spi.PipeEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * What every channel-based transport's connection shares: the {@link Connection} the socket core
 * writes to, and the last inbound handler of its channel. It joins the pieces that do the work: the
 * {@link Outbox} (what waits to be sent, written by the event loop with the transport's {@link
 * FrameEncoder}), the {@link InboundBatch} (decoded messages handed over per read), the {@link
 * InboundGuard} and {@link ReadGate} (what a peer may make us hold, and when we read), and {@link
 * Linger} (a close that writes what is queued first). A subclass decodes what its channel reads and
 * passes whole messages to {@link #deliver}.
 *
 * <p>Every write goes through the channel's event loop: a sending thread only queues.
 */
public abstract class ChannelConnection extends ChannelInboundHandlerAdapter implements Connection {
  /** How long a close other than the socket's (endpoint, protocol) lets queued writes take. */
  static final Duration CLOSE_FLUSH = Duration.ofSeconds(1);

  private final Channel channel;
  private final Runnable onClosed;
  private final Outbox outbox;
  private final Linger linger;
  private final InboundBatch batch;
  private final InboundGuard inbound;
  private final ReadGate readGate;
  private volatile PipeEvents events;

  /**
   * @param encoder how this transport puts a message on the wire
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param limits what the receiving side is held to (budget, stall timeout, refusals)
   * @param onClosed run once on the event loop when the channel has gone inactive
   */
  protected ChannelConnection(
      Channel channel,
      FrameEncoder encoder,
      int sendBuffer,
      InboundLimits limits,
      Runnable onClosed) {
    this.channel = channel;
    this.onClosed = onClosed;
    this.outbox = new Outbox(channel, encoder, sendBuffer, this::sendingStopped);
    this.linger = new Linger(channel, outbox, this::closeAfterDrain, limits.time());
    this.batch = new InboundBatch(channel);
    this.inbound = new InboundGuard(channel, limits);
    this.readGate = new ReadGate(channel);
  }

  /** Joins the connection to its socket's pipe. */
  public final void start(PipeEvents socketSide) {
    this.events = socketSide;
    outbox.onWritable(socketSide::writable);
  }

  /** The connection's channel (for its transport, and for tests that look at the socket). */
  public final Channel channel() {
    return channel;
  }

  /** The unfinished message the decoders fill, and the limits it is held to. */
  public final InboundGuard inbound() {
    return inbound;
  }

  /** What waits to be sent (for tests that count its partial writes). */
  final Outbox outbox() {
    return outbox;
  }

  /**
   * Holds off reading from the peer while answers to its control frames wait for it to read (or
   * lets reading go on again); independent of the socket's own hold ({@link #suspendReading}).
   */
  protected final void holdReadingForControl(boolean hold) {
    if (hold) {
      readGate.holdOff(ReadGate.CONTROL);
    } else {
      readGate.release(ReadGate.CONTROL);
    }
  }

  /** Whether a Ping's Pong may be written now rather than kept for when the peer reads. */
  protected final boolean controlMayBeWritten() {
    return channel.isWritable() && !readGate.isHeldOff(ReadGate.CONTROL);
  }

  /** Whether {@link #close()} was called or the channel went inactive. */
  protected final boolean isClosing() {
    return outbox.isShut();
  }

  // ---- receiving (event loop) ---------------------------------------------------------------

  /**
   * Hands a received message to the socket, together with the others of this read when it completes
   * ({@link InboundBatch}). Event loop.
   */
  protected final void deliver(Message message) {
    assert channel.eventLoop().inEventLoop();
    PipeEvents socket = events;
    if (socket != null) {
      batch.add(message, socket);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    batch.handOver(events);
    ctx.fireChannelReadComplete();
  }

  @Override
  public final void suspendReading() {
    readGate.holdOff(ReadGate.SOCKET);
  }

  @Override
  public final void resumeReading() {
    readGate.release(ReadGate.SOCKET);
  }

  // ---- sending (called with the socket's lock held, from any thread) ------------------------

  @Override
  public final boolean isWritable() {
    return outbox.isWritable();
  }

  @Override
  public final void write(Message message) {
    outbox.add(message);
  }

  /**
   * Whether queued messages are to be dropped instead of written (e.g. after a goodbye). Event
   * loop.
   */
  protected boolean sendingStopped() {
    return false;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    outbox.writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  // ---- closing ------------------------------------------------------------------------------

  /** Closes after what is queued has been written, within {@link #CLOSE_FLUSH}. */
  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // this close does not wait; close(Duration)'s future is for
  // callers who do
  public final void close() {
    close(CLOSE_FLUSH);
  }

  /**
   * Closes after what is queued has been written (see {@link #closeAfterDrain()}); if that is not
   * done within {@code linger}, the channel is closed anyway.
   */
  @Override
  public final CompletableFuture<Void> close(Duration linger) {
    return this.linger.close(linger);
  }

  /**
   * A listener's close of the channels it accepted: each connection closes as {@link #close()}
   * does; a channel still in its handshake, with no connection yet, just closes.
   */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public static void closeAll(Collection<Channel> channels) {
    for (Channel channel : new ArrayList<>(channels)) {
      ChannelConnection connection = channel.pipeline().get(ChannelConnection.class);
      if (connection != null) {
        connection.close();
      } else {
        channel.close();
      }
    }
  }

  /**
   * The last step of a local close, on the event loop after the queue was written. By default the
   * channel closes once the writes are flushed; a transport with a goodbye overrides it.
   */
  protected void closeAfterDrain() {
    Linger.closeWhenFlushed(channel);
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(channel.remoteAddress());
  }

  /**
   * A handler of this connection failed: the connection closes, and nothing else does. An {@link
   * Error} (even an OutOfMemoryError) is logged and contained here, so that no peer's input can end
   * the event-loop thread that serves every other connection on it.
   */
  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof Error) {
      LOG.log(
          System.Logger.Level.WARNING,
          "closing " + channel + " after an error in its handling",
          cause);
    }
    ctx.close();
  }

  private static final System.Logger LOG = System.getLogger("io.sp4j");

  /** Drops receive state when the channel is gone (event loop); before the socket hears of it. */
  protected void onInactive() {}

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    assert channel.eventLoop().inEventLoop();
    PipeEvents socket = events;
    batch.handOver(socket); // what arrived before the end still reaches the socket
    outbox.clear();
    inbound.release();
    onInactive();
    if (socket != null) {
      socket.closed();
    }
    onClosed.run();
    ctx.fireChannelInactive();
  }
}
