package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

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
  private final AtomicInteger holders = new AtomicInteger();

  ReadGate(Channel channel) {
    this.channel = channel;
  }

  void holdOff(int holder) {
    if ((holders.getAndUpdate(h -> h | holder) & holder) == 0) {
      apply();
    }
  }

  void release(int holder) {
    if ((holders.getAndUpdate(h -> h & ~holder) & holder) != 0) {
      apply();
    }
  }

  boolean isHeldOff(int holder) {
    return (holders.get() & holder) != 0;
  }

  private void apply() {
    if (channel.eventLoop().inEventLoop()) {
      channel.config().setAutoRead(holders.get() == 0);
    } else {
      channel.eventLoop().execute(() -> channel.config().setAutoRead(holders.get() == 0));
    }
  }
}
