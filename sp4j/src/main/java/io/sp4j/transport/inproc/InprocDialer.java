package io.sp4j.transport.inproc;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.spi.Backoff;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.Timeout;
import io.sp4j.spi.TransportEndpoint;

/**
 * A connect to an inproc name: links up as soon as the name is bound, and again after the link is
 * lost or refused, waiting {@link Backoff} between attempts.
 */
final class InprocDialer implements TransportEndpoint {
  private final InprocTransport transport;
  private final String name;
  private final EndpointContext context;
  private final Backoff backoff;

  @GuardedBy("this")
  private InprocHalf connection;

  @GuardedBy("this")
  private Timeout retry;

  @GuardedBy("this")
  private boolean closed;

  InprocDialer(InprocTransport transport, String name, EndpointContext context) {
    this.transport = transport;
    this.name = name;
    this.context = context;
    this.backoff = new Backoff(context);
  }

  String name() {
    return name;
  }

  /** One attempt; called with no socket lock held. */
  void connect() {
    synchronized (this) {
      retry = null;
      if (closed || connection != null) {
        return;
      }
    }
    InprocListener listener = transport.listenerOrWait(name, this);
    if (listener == null) {
      synchronized (this) {
        if (!closed) {
          return;
        }
      }
      // close() ran between the check above and the wait: its stopWaiting may have come first.
      transport.stopWaiting(this);
      return;
    }
    InprocHalf half = listener.accept(context, this::lost);
    synchronized (this) {
      if (half == null) {
        scheduleRetry();
        return;
      }
      backoff.reset();
      connection = half;
      if (!closed) {
        return;
      }
    }
    half.closeFromTransport(); // closed while linking
  }

  private void lost() {
    synchronized (this) {
      connection = null;
      scheduleRetry();
    }
  }

  @GuardedBy("this")
  private void scheduleRetry() {
    assert Thread.holdsLock(this);
    if (!closed && retry == null) {
      retry = context.timers().schedule(backoff.nextDelay(), this::connect);
    }
  }

  @Override
  public int port() {
    return -1;
  }

  @Override
  public void close() {
    InprocHalf open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = connection;
      if (retry != null) {
        retry.cancel();
      }
    }
    transport.stopWaiting(this);
    if (open != null) {
      open.closeFromTransport();
    }
  }
}
