package io.sp4j.transport.netty;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.sp4j.Protocol;
import io.sp4j.spi.Backoff;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.Timeout;
import io.sp4j.spi.TransportEndpoint;

/**
 * The dial loop every channel-based transport shares: one connection at a time, made again after a
 * refused connect, a failed handshake or a lost connection, waiting {@link Backoff} between
 * attempts. A subclass opens the channel ({@link #dial()}) with handlers that run its handshake and
 * then call {@link #offer}.
 */
public abstract class ReconnectingDialer implements TransportEndpoint {
  private final EndpointContext context;
  private final Backoff backoff;

  @GuardedBy("this")
  private Channel channel;

  @GuardedBy("this")
  private ChannelConnection connection;

  @GuardedBy("this")
  private Timeout retry;

  @GuardedBy("this")
  private boolean closed;

  /** Inside {@link #connect()} between starting {@link #dial()} and recording its channel. */
  @GuardedBy("this")
  private boolean dialing;

  private final Runnable unwatch;

  protected ReconnectingDialer(EndpointContext context) {
    this.context = context;
    this.backoff = new Backoff(context);
    this.unwatch = EventLoops.watchIoThreads(context::failed);
  }

  protected final EndpointContext context() {
    return context;
  }

  /** Starts connecting one channel, its handshake handlers installed (no socket lock held). */
  protected abstract ChannelFuture dial();

  /** One attempt; called with no socket lock held. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public final void connect() {
    synchronized (this) {
      retry = null;
      if (closed || channel != null) {
        return;
      }
      dialing = true;
    }
    ChannelFuture connecting = dial();
    Channel ch = connecting.channel();
    synchronized (this) {
      dialing = false;
      if (closed) {
        ch.close();
        return;
      }
      channel = ch;
    }
    connecting.addListener(
        f -> {
          if (!f.isSuccess()) {
            ch.close();
          }
        });
    ch.closeFuture().addListener(f -> lost(ch));
  }

  /** Whether {@code ch} is this dialer's current channel and the dialer is open. */
  protected final synchronized boolean isCurrent(Channel ch) {
    if (dialing && channel == null) {
      // The handshake finished on the event loop before dial() returned: this is the channel
      // being dialed. Refusing it would drop the connection and what the peer already sent.
      channel = ch;
    }
    return !closed && channel == ch;
  }

  /**
   * The handshake on {@code ch} succeeded (event loop): offers {@code made} to the socket.
   *
   * @return {@code made}, started, or {@code null} if the dialer moved on or the socket refused it
   *     (the caller closes the channel)
   */
  protected final <C extends ChannelConnection> C offer(Channel ch, C made, Protocol peer) {
    assert ch.eventLoop().inEventLoop();
    if (!isCurrent(ch)) {
      return null;
    }
    PipeEvents events = context.attach(made, peer);
    if (events == null) {
      return null;
    }
    made.start(events);
    boolean closeNow;
    synchronized (this) {
      backoff.reset();
      connection = made;
      closeNow = closed;
    }
    if (closeNow) {
      made.close();
    }
    return made;
  }

  private void lost(Channel ch) {
    synchronized (this) {
      if (channel != ch) {
        return;
      }
      channel = null;
      connection = null;
      if (!closed && retry == null) {
        retry = context.timers().schedule(backoff.nextDelay(), this::connect);
      }
    }
  }

  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  public final void close() {
    Channel ch;
    ChannelConnection open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      unwatch.run();
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
      ch = channel;
      open = connection;
    }
    if (open != null) {
      open.close();
    } else if (ch != null) {
      ch.close();
    }
  }
}
