package io.sp4j.transport.inproc;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.TransportEndpoint;
import java.util.ArrayList;
import java.util.List;

/** A bound inproc name and the connections accepted on it. */
final class InprocListener implements TransportEndpoint {
  private final InprocTransport transport;
  private final String name;
  private final EndpointContext context;

  @GuardedBy("this")
  private final List<InprocHalf> connections = new ArrayList<>();

  @GuardedBy("this")
  private boolean closed;

  InprocListener(InprocTransport transport, String name, EndpointContext context) {
    this.transport = transport;
    this.name = name;
    this.context = context;
  }

  String name() {
    return name;
  }

  /**
   * Joins a dialer's socket to this one. Called with no socket lock held.
   *
   * @return the dialer's half, or {@code null} if either socket refused
   */
  InprocHalf accept(EndpointContext dialerContext, Runnable dialerDead) {
    InprocHalf[] halves = new InprocHalf[2];
    Runnable listenerDead = () -> forget(halves[1]);
    InprocHalf[] pair = InprocHalf.pair("inproc://" + name, dialerDead, listenerDead);
    halves[0] = pair[0];
    halves[1] = pair[1];
    synchronized (this) {
      if (closed) {
        return null;
      }
      connections.add(halves[1]);
    }
    PipeEvents dialerSide = dialerContext.attach(halves[0], context.protocol());
    if (dialerSide == null) {
      forget(halves[1]);
      return null;
    }
    PipeEvents listenerSide = context.attach(halves[1], dialerContext.protocol());
    if (listenerSide == null) {
      forget(halves[1]);
      halves[0].start(dialerSide);
      halves[0].closeFromTransport();
      return null;
    }
    halves[0].start(dialerSide);
    halves[1].start(listenerSide);
    return halves[0];
  }

  private synchronized void forget(InprocHalf half) {
    connections.remove(half);
  }

  @Override
  public int port() {
    return -1;
  }

  @Override
  public void close() {
    List<InprocHalf> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(connections);
    }
    transport.unbind(this);
    open.forEach(InprocHalf::closeFromTransport);
  }
}
