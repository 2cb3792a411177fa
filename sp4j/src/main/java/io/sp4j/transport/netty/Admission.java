package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.sp4j.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener's limits on what connections may hold before they are of use: how many are open
 * ({@link io.sp4j.Options#MAX_CONNECTIONS}) and how many are still in their opening handshake
 * ({@link io.sp4j.Options#MAX_HANDSHAKES}). A connection counts from its admission until it closes
 * (and its handshake until {@link #handshakeDone} or the close). Thread-safe.
 */
public final class Admission {
  private final int maxConnections;
  private final int maxHandshakes;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Channel> handshaking = ConcurrentHashMap.newKeySet();
  private final AtomicInteger handshakes = new AtomicInteger();
  // One listener each for all channels, not a lambda per channel (10,000 idle connections).
  private final ChannelFutureListener closedWhileOpen = f -> open.decrementAndGet();
  private final ChannelFutureListener closedInHandshake = f -> handshakeDone(f.channel());

  public Admission(int maxConnections, int maxHandshakes) {
    this.maxConnections = maxConnections;
    this.maxHandshakes = maxHandshakes;
  }

  /** Counts {@code child} as open until it closes; or the refusal, counting nothing. */
  public Refusal admitConnection(Channel child) {
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return Refusal.CONNECTION_LIMIT;
    }
    child.closeFuture().addListener(closedWhileOpen);
    return null;
  }

  /**
   * Counts {@code child} as handshaking until {@link #handshakeDone} or its close; or the refusal.
   */
  public Refusal admitHandshake(Channel child) {
    if (handshakes.incrementAndGet() > maxHandshakes) {
      handshakes.decrementAndGet();
      return Refusal.HANDSHAKE_LIMIT;
    }
    handshaking.add(child);
    child.closeFuture().addListener(closedInHandshake);
    return null;
  }

  /** {@code child}'s handshake is over, either way. Idempotent. */
  public void handshakeDone(Channel child) {
    if (handshaking.remove(child)) {
      handshakes.decrementAndGet();
      child.closeFuture().removeListener(closedInHandshake);
    }
  }

  /** The channels in their handshake now, as a copy. */
  public List<Channel> handshakingChannels() {
    return new ArrayList<>(handshaking);
  }

  public int open() {
    return open.get();
  }

  public int handshaking() {
    return handshakes.get();
  }
}
