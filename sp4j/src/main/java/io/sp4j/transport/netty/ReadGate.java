package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Whether a channel reads, decided by several holders: it reads only while none holds it off.
 * Holders change from any thread; the channel's auto-read is set on its event loop from the holders
 * at that moment, so the last setting always matches the last change.
 */
final class ReadGate {
  /** The socket's receive queue is full. */
  static final int SOCKET = 1;

  /** Answers to the peer's control frames wait for it to read (ws). */
  static final int CONTROL = 2;

  private final Channel channel;
  private static final VarHandle HOLDERS;

  static {
    try {
      HOLDERS = MethodHandles.lookup().findVarHandle(ReadGate.class, "holders", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int holders; // a field, not an AtomicInteger: one gate per connection

  ReadGate(Channel channel) {
    this.channel = channel;
  }

  void holdOff(int holder) {
    if (((int) HOLDERS.getAndBitwiseOr(this, holder) & holder) == 0) {
      apply();
    }
  }

  void release(int holder) {
    if (((int) HOLDERS.getAndBitwiseAnd(this, ~holder) & holder) != 0) {
      apply();
    }
  }

  boolean isHeldOff(int holder) {
    return (holders & holder) != 0;
  }

  private void apply() {
    if (channel.eventLoop().inEventLoop()) {
      channel.config().setAutoRead(holders == 0);
    } else {
      channel.eventLoop().execute(() -> channel.config().setAutoRead(holders == 0));
    }
  }
}
