package io.sp4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sp4j.Message;
import io.sp4j.core.Connection;
import io.sp4j.core.PipeEvents;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half every channel-based transport shares: the {@link Connection} the socket core
 * writes to, and the last inbound handler of its channel. A subclass says how one message goes
 * on the wire ({@link #encode}) and handles what its decoders pass up.
 *
 * <p>{@link #write} queues; one task on the channel's event loop writes everything queued and
 * flushes once, so a burst costs one flush. Writability follows the channel's water marks plus
 * what is queued; {@link PipeEvents#writable()} is called when a refused writer may go on.
 */
public abstract class ChannelConnection extends ChannelInboundHandlerAdapter implements Connection {
  private final Channel channel;
  private final int sendBuffer;
  private final Runnable onClosed;
  /**
   * Many senders (one at a time, under their socket's lock), one consumer (the event loop): an
   * array of 256 to start, reused while a burst fits it (a longer one links more), so no node
   * per message. Made on the first queued write (about 1.6 KB with JCTools' padding), which an
   * idle or receive-only connection does not need.
   */
  private volatile Queue<Message> outbox;
  private final Runnable drainTask = this::drain;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile PipeEvents events;
  private volatile boolean wantWritable;
  private final ArrayList<Message> batch = new ArrayList<>(); // event loop: decoded in this read
  private long batchBytes; // event loop
  private final InboundGuard inbound;
  private final ReadGate readGate;

  /**
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param limits what the receiving side is held to (budget, stall timeout, refusals)
   * @param onClosed run once on the event loop when the channel has gone inactive
   */
  protected ChannelConnection(Channel channel, int sendBuffer, InboundLimits limits, Runnable onClosed) {
    this.channel = channel;
    this.sendBuffer = sendBuffer;
    this.onClosed = onClosed;
    this.inbound = new InboundGuard(channel, limits);
    this.readGate = new ReadGate(channel);
  }

  /** Joins the connection to its socket's pipe. */
  public final void start(PipeEvents socketSide) {
    this.events = socketSide;
  }

  /** The connection's channel (for its transport, and for tests that look at the socket). */
  public final Channel channel() {
    return channel;
  }

  /** The unfinished message the decoders fill, and the limits it is held to. */
  public final InboundGuard inbound() {
    return inbound;
  }

  /**
   * Holds off reading from the peer while answers to its control frames wait for it to read
   * (or lets reading go on again); independent of the socket's own hold ({@link #suspendReading}).
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
    return closing.get();
  }

  /**
   * Hands a received message to the socket (event loop). Messages decoded from one channel read
   * are collected and handed over together when the read completes (one socket lock, one wake-up
   * of a waiting receiver per read instead of per message); {@link #BATCH} of them or
   * {@link #BATCH_BYTES} at most, so a read of large messages holds few at a time.
   */
  protected final void deliver(Message message) {
    if (events == null) {
      return;
    }
    batch.add(message);
    batchBytes += message.size();
    if (batch.size() >= BATCH || batchBytes >= BATCH_BYTES) {
      deliverPending();
    }
  }

  /** Most messages handed to the socket at once. */
  static final int BATCH = 256;
  /** Most bytes of messages collected before they are handed to the socket. */
  static final int BATCH_BYTES = 256 * 1024;

  private void deliverPending() {
    if (batch.isEmpty()) {
      return;
    }
    PipeEvents e = events;
    batchBytes = 0;
    if (e == null) {
      batch.clear();
      return;
    }
    if (batch.size() == 1) {
      Message only = batch.get(0);
      batch.clear();
      e.deliver(only);
    } else {
      try {
        e.deliverAll(batch); // read during the call only, so the list is reused
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    deliverPending();
    ctx.fireChannelReadComplete();
  }

  // ---- Connection (called with the socket's lock held, from any thread) --------------------

  @Override
  public final boolean isWritable() {
    boolean writable = canWrite();
    if (!writable) {
      wantWritable = true;
      writable = canWrite();
    }
    return writable;
  }

  private boolean canWrite() {
    return !closing.get() && channel.isActive() && channel.isWritable() && queuedBytes.get() < sendBuffer;
  }

  @Override
  public final void write(Message message) {
    if (closing.get()) {
      return;
    }
    queueForWrite().add(message);
    queuedBytes.addAndGet(message.size());
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(drainTask);
    }
  }

  /** Socket lock held (the one producer at a time). */
  private Queue<Message> queueForWrite() {
    Queue<Message> queued = outbox;
    if (queued == null) {
      queued = outbox = PlatformDependent.newMpscQueue(256, 1 << 30);
    }
    return queued;
  }

  @Override
  public final void suspendReading() {
    readGate.holdOff(ReadGate.SOCKET);
  }

  @Override
  public final void resumeReading() {
    readGate.release(ReadGate.SOCKET);
  }

  /** How long a close other than the socket's (endpoint, protocol) lets queued writes take. */
  static final Duration CLOSE_FLUSH = Duration.ofSeconds(1);

  /** Closes after what is queued has been written, within {@link #CLOSE_FLUSH}. */
  @Override
  public final void close() {
    close(CLOSE_FLUSH);
  }

  /**
   * Closes after what is queued has been written (see {@link #closeAfterDrain()}); if that is
   * not done within {@code linger}, the channel is closed anyway.
   */
  @Override
  public final CompletableFuture<Void> close(Duration linger) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    channel.closeFuture().addListener(f -> written.complete(null));
    if (!closing.compareAndSet(false, true)) {
      return written;
    }
    channel.eventLoop().execute(() -> {
      drain();
      if (channel.isActive()) {
        ChannelFuture flushed = channel.writeAndFlush(Unpooled.EMPTY_BUFFER); // done after all before it
        flushed.addListener(f -> written.complete(null));
        if (!flushed.isDone()) {
          ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            channel.close();
          }, linger.toNanos(), TimeUnit.NANOSECONDS);
          channel.closeFuture().addListener(f -> deadline.cancel(false));
        }
      }
      closeAfterDrain();
    });
    return written;
  }

  /**
   * The last step of a local close, on the event loop after the queue was written. By default
   * the channel closes once the writes are flushed; a transport with a goodbye overrides it.
   */
  protected void closeAfterDrain() {
    if (!channel.isActive()) {
      channel.close();
    } else {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(channel.remoteAddress());
  }

  // ---- sending (event loop) -------------------------------------------------------------

  /** Writes one message to the channel, without flushing (event loop). */
  protected abstract void encode(Message message);

  /** Whether queued messages are to be dropped instead of written (e.g. after a goodbye). */
  protected boolean sendingStopped() {
    return false;
  }

  /** Bytes of one pooled buffer that a burst of small frames is gathered in. */
  static final int GATHER = 64 * 1024;

  /**
   * How many bytes {@link #encodeInto} writes for {@code message}, or -1 to send it with
   * {@link #encode} on its own (the default). Event loop.
   */
  protected int encodedSize(Message message) {
    return -1;
  }

  /** Writes {@code message}'s frames into {@code out}, which has room for {@link #encodedSize} bytes. */
  protected void encodeInto(Message message, ByteBuf out) {
    throw new UnsupportedOperationException();
  }

  /**
   * Writes everything queued and flushes once. Messages a subclass can encode in place go into
   * shared pooled buffers, so a burst of small messages is one channel write, not one per message.
   */
  private void drain() {
    drainScheduled.set(false);
    boolean wrote = false;
    long taken = 0;
    ByteBuf gathered = null;
    Message message;
    Queue<Message> queued = outbox;
    while (queued != null && (message = queued.poll()) != null) {
      taken += message.size();
      if (!channel.isActive() || sendingStopped()) {
        continue;
      }
      wrote = true;
      int size = encodedSize(message);
      if (size < 0) {
        if (gathered != null) {
          channel.write(gathered, channel.voidPromise());
          gathered = null;
        }
        encode(message);
        continue;
      }
      if (gathered != null && gathered.writableBytes() < size) {
        channel.write(gathered, channel.voidPromise());
        gathered = null;
      }
      if (gathered == null) {
        // Sized for what is still queued (a hint: more may come), at most GATHER unless one
        // message needs more.
        long left = Math.max(0, queuedBytes.get() - taken);
        int capacity = (int) Math.max(size, Math.min(GATHER, left + size + 64));
        gathered = channel.alloc().directBuffer(capacity);
      }
      encodeInto(message, gathered);
    }
    if (gathered != null) {
      channel.write(gathered, channel.voidPromise());
    }
    if (taken != 0) {
      queuedBytes.addAndGet(-taken);
    }
    if (wrote) {
      channel.flush();
    }
    notifyIfWritable();
  }

  private void notifyIfWritable() {
    if (wantWritable && canWrite()) {
      wantWritable = false;
      PipeEvents e = events;
      if (e != null) {
        e.writable();
      }
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    notifyIfWritable();
    ctx.fireChannelWritabilityChanged();
  }

  /**
   * A handler of this connection failed: the connection closes, and nothing else does. An
   * {@link Error} (even an OutOfMemoryError) is logged and contained here, so that no peer's
   * input can end the event-loop thread that serves every other connection on it.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof Error) {
      LOG.log(System.Logger.Level.WARNING, "closing " + channel + " after an error in its handling", cause);
    }
    ctx.close();
  }

  private static final System.Logger LOG = System.getLogger("io.sp4j");

  /** Drops receive state when the channel is gone (event loop); before the socket hears of it. */
  protected void onInactive() {}

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    deliverPending(); // what arrived before the end still reaches the socket, as before
    closing.set(true);
    inbound.release();
    onInactive();
    Queue<Message> queued = outbox;
    if (queued != null) {
      queued.clear();
    }
    queuedBytes.set(0);
    PipeEvents e = events;
    if (e != null) {
      e.closed();
    }
    onClosed.run();
    ctx.fireChannelInactive();
  }
}
