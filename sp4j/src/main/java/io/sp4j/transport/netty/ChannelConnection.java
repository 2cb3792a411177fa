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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half every channel-based transport shares: the {@link Connection} the socket core
 * writes to, and the last inbound handler of its channel. A subclass says how one message goes
 * on the wire ({@link #encode}) and handles what its decoders pass up.
 *
 * <p>{@link #write} only queues; one task on the channel's event loop writes everything queued
 * and flushes once, so a burst costs one flush. Writability follows the channel's water marks
 * plus what is queued; {@link PipeEvents#writable()} is called when a refused writer may go on.
 */
public abstract class ChannelConnection extends ChannelInboundHandlerAdapter implements Connection {
  private final Channel channel;
  private final int sendBuffer;
  private final Runnable onClosed;
  private final Queue<Message> outbox = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile PipeEvents events;
  private volatile boolean wantWritable;
  private final ArrayList<Message> inbound = new ArrayList<>(); // event loop: decoded in this read

  /**
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param onClosed run once on the event loop when the channel has gone inactive
   */
  protected ChannelConnection(Channel channel, int sendBuffer, Runnable onClosed) {
    this.channel = channel;
    this.sendBuffer = sendBuffer;
    this.onClosed = onClosed;
  }

  /** Joins the connection to its socket's pipe. */
  public final void start(PipeEvents socketSide) {
    this.events = socketSide;
  }

  protected final Channel channel() {
    return channel;
  }

  /** Whether {@link #close()} was called or the channel went inactive. */
  protected final boolean isClosing() {
    return closing.get();
  }

  /**
   * Hands a received message to the socket (event loop). Messages decoded from one channel read
   * are collected and handed over together when the read completes (one socket lock, one wake-up
   * of a waiting receiver per read instead of per message); {@link #BATCH} of them at most.
   */
  protected final void deliver(Message message) {
    if (events == null) {
      return;
    }
    inbound.add(message);
    if (inbound.size() >= BATCH) {
      deliverPending();
    }
  }

  /** Most messages handed to the socket at once. */
  static final int BATCH = 256;

  private void deliverPending() {
    if (inbound.isEmpty()) {
      return;
    }
    PipeEvents e = events;
    if (e == null) {
      inbound.clear();
      return;
    }
    if (inbound.size() == 1) {
      Message only = inbound.get(0);
      inbound.clear();
      e.deliver(only);
    } else {
      List<Message> batch = new ArrayList<>(inbound);
      inbound.clear();
      e.deliverAll(batch);
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
    outbox.add(message);
    queuedBytes.addAndGet(message.size());
    if (drainScheduled.compareAndSet(false, true)) {
      channel.eventLoop().execute(this::drain);
    }
  }

  @Override
  public final void suspendReading() {
    channel.config().setAutoRead(false);
  }

  @Override
  public final void resumeReading() {
    channel.config().setAutoRead(true);
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
    while ((message = outbox.poll()) != null) {
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

  /** Drops receive state when the channel is gone (event loop); before the socket hears of it. */
  protected void onInactive() {}

  @Override
  public final void channelInactive(ChannelHandlerContext ctx) {
    deliverPending(); // what arrived before the end still reaches the socket, as before
    closing.set(true);
    onInactive();
    outbox.clear();
    queuedBytes.set(0);
    PipeEvents e = events;
    if (e != null) {
      e.closed();
    }
    onClosed.run();
    ctx.fireChannelInactive();
  }
}
