package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.sp4j.Refusal;
import io.sp4j.spi.Timeout;
import java.time.Duration;

/**
 * Holds one connection's unfinished message to its limits: the memory it keeps across reads (the
 * receive budget) and how long it may go without bytes (the stall timeout). A decoder fills {@link
 * #message()} and calls {@link #afterRead()} at the end of each read; whatever breaks a limit is
 * refused and the connection closed.
 *
 * <p>The stall clock is the channel's ({@link ChannelTime}, so tests can move it) and runs only
 * while the connection reads: while sp4j itself holds off reading (a full receive queue), the peer
 * cannot send, and the clock starts again when reading resumes. One timer at most per connection,
 * armed only while a message is unfinished. Event loop only.
 */
public final class InboundGuard {
  private final Channel channel;
  private final InboundLimits limits;
  private final PartialMessage message;
  private final long stallNanos; // 0: no stall timeout
  private long lastProgress;
  private Timeout stallCheck;

  public InboundGuard(Channel channel, InboundLimits limits) {
    this.channel = channel;
    this.limits = limits;
    this.message = new PartialMessage(limits.budget());
    this.stallNanos = limits.stallTimeout() == null ? 0 : limits.stallTimeout().toNanos();
  }

  /** The message being received. */
  public PartialMessage message() {
    return message;
  }

  /**
   * The end of a read: an unfinished message must fit the budget (else the connection is refused)
   * and is timed for stalls. Returns false when the connection was refused.
   */
  public boolean afterRead() {
    assert channel.eventLoop().inEventLoop();
    boolean progressed = message.takeProgress();
    if (!message.inProgress()) {
      return true;
    }
    if (!message.holdAcrossReads()) {
      refuse(
          Refusal.RECEIVE_BUDGET,
          "a message of "
              + message.expected()
              + " bytes, "
              + message.filled()
              + " in hand, needs more memory than the receive budget has left");
      return false;
    }
    if (stallNanos > 0) {
      if (progressed || stallCheck == null) {
        lastProgress = now();
      }
      if (stallCheck == null) {
        scheduleStallCheck(stallNanos);
      }
    }
    return true;
  }

  /** Counts and logs a refusal of this connection's peer, and closes the connection. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public void refuse(Refusal reason, String what) {
    count(reason, what);
    channel.close();
  }

  /**
   * Counts and logs a refusal of this connection's peer and drops its unfinished message; the
   * caller closes the connection its own way (ws: after a Close frame).
   */
  public void count(Refusal reason, String what) {
    assert channel.eventLoop().inEventLoop();
    message.discard();
    limits.refusals().accept(reason, channel.remoteAddress() + ": " + what);
  }

  /** The connection is gone: the message and its reservation with it. */
  public void release() {
    assert channel.eventLoop().inEventLoop();
    message.discard();
    if (stallCheck != null) {
      stallCheck.cancel();
      stallCheck = null;
    }
  }

  private void scheduleStallCheck(long delayNanos) {
    stallCheck = limits.time().schedule(channel, Duration.ofNanos(delayNanos), this::checkStall);
  }

  private void checkStall() {
    assert channel.eventLoop().inEventLoop();
    stallCheck = null;
    if (!message.inProgress() || !channel.isActive()) {
      return;
    }
    long now = now();
    if (!channel.config().isAutoRead()) {
      lastProgress = now; // sp4j holds off reading: not the peer's stall
    }
    long quiet = now - lastProgress;
    if (quiet >= stallNanos) {
      refuse(
          Refusal.RECEIVE_STALLED,
          "no bytes of an unfinished message ("
              + message.filled()
              + " of "
              + message.expected()
              + ") for "
              + limits.stallTimeout().toMillis()
              + " ms");
    } else {
      scheduleStallCheck(stallNanos - quiet);
    }
  }

  private long now() {
    return limits.time().nanoTime(channel);
  }
}
