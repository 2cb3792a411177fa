package io.sp4j.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.sp4j.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.function.BooleanSupplier;

/**
 * What a connection has yet to send, and the writing of it. Senders {@link #add} messages (from any
 * thread, one at a time under their socket's lock); one task on the channel's event loop encodes
 * everything queued (a burst of small messages into one pooled buffer, see {@link FrameEncoder})
 * and flushes once, or every {@link #FLUSH_BYTES} of a long burst.
 *
 * <p>When a flush leaves bytes the socket did not take (a partial write: the peer reads slower than
 * we send), Netty keeps the rest and writes it as the socket has room; the outbox counts these
 * ({@link #partialWrites()}). Once Netty holds more than the channel's high-water mark (the send
 * buffer), the outbox hands it nothing more: messages wait here, counted against the send buffer,
 * until the channel is writable again ({@link #writabilityChanged()}), and then go as one burst.
 * What Netty holds for the socket so stays within the send buffer and one flush.
 *
 * <p>Writability: open, the channel active and below its high-water mark, and fewer than the send
 * buffer's bytes queued here. A sender refused by {@link #isWritable()} hears through the callback
 * given to {@link #onWritable} when it may go on.
 */
final class Outbox implements Runnable {
  /** Bytes of one pooled buffer that a burst of small frames is gathered in. */
  static final int GATHER = 64 * 1024;

  /** Bytes of a long burst written between two flushes. */
  static final int FLUSH_BYTES = 256 * 1024;

  private final Channel channel;
  private final FrameEncoder encoder;
  private final int sendBuffer;
  private final BooleanSupplier dropping;

  /**
   * Many senders (one at a time, under their socket's lock), one consumer (the event loop): an
   * array of 256 to start, reused while a burst fits it (a longer one links more), so no node per
   * message. Made on the first queued write (about 1.6 KB with JCTools' padding), which an idle or
   * receive-only connection does not need.
   */
  private volatile Queue<Message> queue;

  // Atomic fields rather than Atomic* objects: 10,000 idle connections keep 10,000 outboxes.
  private static final VarHandle QUEUED_BYTES;
  private static final VarHandle DRAIN_SCHEDULED;
  private static final VarHandle SHUT;

  static {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    try {
      QUEUED_BYTES = lookup.findVarHandle(Outbox.class, "queuedBytes", long.class);
      DRAIN_SCHEDULED = lookup.findVarHandle(Outbox.class, "drainScheduled", boolean.class);
      SHUT = lookup.findVarHandle(Outbox.class, "shut", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile long queuedBytes;
  private volatile boolean drainScheduled;
  private volatile boolean shut;
  private volatile boolean wantWritable;
  private volatile Runnable onWritable;
  private volatile long partialWrites; // written on the event loop only (asserted in flush)

  /**
   * @param sendBuffer bytes that may be queued before the outbox reports unwritable
   * @param dropping whether queued messages are to be dropped instead of written (after a goodbye)
   */
  Outbox(Channel channel, FrameEncoder encoder, int sendBuffer, BooleanSupplier dropping) {
    this.channel = channel;
    this.encoder = encoder;
    this.sendBuffer = sendBuffer;
    this.dropping = dropping;
  }

  /** What to call when a sender refused by {@link #isWritable()} may go on. */
  void onWritable(Runnable callback) {
    onWritable = callback;
  }

  /** Any thread: whether a message may be added now; if not, the callback is owed. */
  boolean isWritable() {
    boolean writable = canWrite();
    if (!writable) {
      wantWritable = true;
      writable = canWrite(); // it may have drained between the check and the flag
    }
    return writable;
  }

  private boolean canWrite() {
    return !shut && channel.isActive() && channel.isWritable() && queuedBytes < sendBuffer;
  }

  /** A sender (its socket's lock held): queues {@code message}; dropped once shut. */
  void add(Message message) {
    if (shut) {
      return;
    }
    queue().add(message);
    QUEUED_BYTES.getAndAdd(this, (long) message.size());
    scheduleDrain();
  }

  private Queue<Message> queue() {
    Queue<Message> queued = queue;
    if (queued == null) {
      queued = queue = PlatformDependent.newMpscQueue(256, 1 << 30);
    }
    return queued;
  }

  private void scheduleDrain() {
    // Read before the CAS: in a burst the drain is mostly scheduled already, and a failing CAS
    // costs a write to the line the event loop reads.
    if (!drainScheduled && DRAIN_SCHEDULED.compareAndSet(this, false, true)) {
      channel.eventLoop().execute(this); // run() drains: no task object per connection
    }
  }

  /** The drain task, on the event loop. */
  @Override
  public void run() {
    drain();
  }

  /** Takes no messages from now on. Returns whether this call shut it (false if it already was). */
  boolean shut() {
    return SHUT.compareAndSet(this, false, true);
  }

  boolean isShut() {
    return shut;
  }

  /** Event loop: writes what is queued, unless Netty already holds a send buffer's worth. */
  private void drain() {
    write(false);
  }

  /** Event loop: writes everything queued now, however much Netty holds (a close's last flush). */
  void writeAll() {
    write(true);
  }

  private void write(boolean all) {
    assert channel.eventLoop().inEventLoop();
    drainScheduled = false;
    if (!all && mustWait()) {
      return; // writabilityChanged() schedules the next burst
    }
    long taken = 0;
    long unflushed = -1; // bytes written since the last flush; -1: none
    ByteBuf gathered = null;
    Message message;
    Queue<Message> queued = queue;
    while (queued != null && (message = queued.poll()) != null) {
      taken += message.size();
      if (!channel.isActive() || dropping.getAsBoolean()) {
        continue;
      }
      int size = encoder.gatheredSize(message);
      if (size < 0 || (gathered != null && gathered.writableBytes() < size)) {
        gathered = writeOut(gathered);
      }
      if (size < 0) {
        encoder.write(message, channel);
      } else {
        if (gathered == null) {
          // Sized for what is still queued (a hint: more may come), at most GATHER unless one
          // message needs more.
          long left = Math.max(0, queuedBytes - taken);
          gathered =
              channel
                  .alloc()
                  .directBuffer((int) Math.max(size, Math.min(GATHER, left + size + 64)));
        }
        encoder.encodeInto(message, gathered);
      }
      unflushed = Math.max(0, unflushed) + message.size();
      if (unflushed >= FLUSH_BYTES) {
        gathered = writeOut(gathered);
        unflushed = -1;
        flush();
        if (!all && mustWait()) {
          break; // the rest waits here, counted against the send buffer
        }
      }
    }
    writeOut(gathered);
    if (unflushed >= 0) {
      flush();
    }
    if (taken != 0) {
      QUEUED_BYTES.getAndAdd(this, -taken);
    }
    notifyIfWritable();
  }

  @SuppressWarnings(
      "FutureReturnValueIgnored") // the void promise: a failed write goes to exceptionCaught
  private ByteBuf writeOut(ByteBuf gathered) {
    if (gathered != null) {
      channel.write(gathered, channel.voidPromise());
    }
    return null;
  }

  /** Flushes, and counts a partial write if the socket did not take everything. */
  @SuppressWarnings(
      "NonAtomicVolatileUpdate") // one writer, the event loop; volatile for readers elsewhere
  private void flush() {
    assert channel.eventLoop().inEventLoop();
    channel.flush();
    if (channel.isActive() && !nothingPending()) {
      partialWrites++;
    }
  }

  /** Whether Netty holds more than the channel's high-water mark: the outbox waits for it. */
  private boolean mustWait() {
    return channel.isActive() && !channel.isWritable();
  }

  /**
   * Whether the channel holds no unwritten bytes, from its public byte counts: while writable,
   * {@link Channel#bytesBeforeUnwritable()} is the high-water mark less what is pending (Netty adds
   * one).
   */
  private boolean nothingPending() {
    return channel.isWritable()
        && channel.bytesBeforeUnwritable() >= channel.config().getWriteBufferHighWaterMark();
  }

  /**
   * Event loop: the channel's writability changed. Writable again, it gets what waited here, and a
   * sender refused meanwhile hears it may go on.
   */
  void writabilityChanged() {
    assert channel.eventLoop().inEventLoop();
    Queue<Message> queued = queue;
    if (channel.isWritable() && queued != null && !queued.isEmpty()) {
      scheduleDrain();
    }
    notifyIfWritable();
  }

  /** Event loop: tells a sender refused by {@link #isWritable()} that it may go on, if it may. */
  private void notifyIfWritable() {
    assert channel.eventLoop().inEventLoop();
    if (wantWritable && canWrite()) {
      wantWritable = false;
      Runnable callback = onWritable;
      if (callback != null) {
        callback.run();
      }
    }
  }

  /** Event loop, the channel gone: drops what is queued; nothing is added any more. */
  void clear() {
    assert channel.eventLoop().inEventLoop();
    shut = true;
    Queue<Message> queued = queue;
    if (queued != null) {
      queued.clear();
    }
    queuedBytes = 0;
  }

  /** Flushes that left bytes the socket did not take at once (partial writes), since the start. */
  long partialWrites() {
    return partialWrites;
  }

  /** Bytes of messages queued and not yet handed to the channel. */
  long queuedBytes() {
    return queuedBytes;
  }
}
