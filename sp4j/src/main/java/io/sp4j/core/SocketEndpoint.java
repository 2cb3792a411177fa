package io.sp4j.core;

import io.sp4j.Endpoint;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import io.sp4j.spi.Clock;
import io.sp4j.spi.Connection;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.IoDriver;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.ReceiveBudget;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.TransportEndpoint;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A socket's bound or connected address: the public {@link Endpoint} and a transport's context. */
final class SocketEndpoint implements Endpoint, EndpointContext {
  private final CoreSocket socket;
  private final Pipes pipes;
  private final String url;
  private final boolean bound;
  private final int sendPriority;
  private final int receivePriority;
  private volatile TransportEndpoint transportEndpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

  SocketEndpoint(CoreSocket socket, Pipes pipes, String url, boolean bound) {
    this.socket = socket;
    this.pipes = pipes;
    this.url = url;
    this.bound = bound;
    this.sendPriority = socket.get(Options.SEND_PRIORITY);
    this.receivePriority = socket.get(Options.RECEIVE_PRIORITY);
  }

  void started(TransportEndpoint endpoint) {
    this.transportEndpoint = endpoint;
  }

  int sendPriority() {
    return sendPriority;
  }

  int receivePriority() {
    return receivePriority;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public int port() {
    TransportEndpoint endpoint = transportEndpoint;
    return endpoint == null ? -1 : endpoint.port();
  }

  @Override
  public Optional<SpException> lastConnectFailure() {
    TransportEndpoint endpoint = transportEndpoint;
    return endpoint == null ? Optional.empty() : Optional.ofNullable(endpoint.lastFailure());
  }

  @Override
  public boolean isBound() {
    return bound;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (pipes.remove(this)) {
      closeTransport();
    }
  }

  /** Marks closed; returns whether this call did it. */
  boolean markClosed() {
    return closed.compareAndSet(false, true);
  }

  /** Stops the transport side; called without the socket's lock. */
  void closeTransport() {
    TransportEndpoint endpoint = transportEndpoint;
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Override
  public Protocol protocol() {
    return socket.protocol();
  }

  @Override
  public <T> T option(Option<T> option) {
    return socket.get(option);
  }

  @Override
  public Scheduler timers() {
    return socket.scheduler();
  }

  @Override
  public IoDriver ioDriver(Supplier<IoDriver> proposed) {
    return socket.driver().claim(proposed);
  }

  @Override
  public Clock clock() {
    return socket.clock();
  }

  @Override
  public PipeEvents attach(Connection connection, Protocol peer) {
    return pipes.attach(this, connection, peer);
  }

  @Override
  public ReceiveBudget receiveBudget() {
    return socket.receiveBudget();
  }

  @Override
  public void refused(Refusal reason, String detail) {
    socket.refused(reason, url + ": " + detail);
  }

  @Override
  public void failed(SpException cause) {
    socket.failed(cause);
  }

  @Override
  public String toString() {
    return (bound ? "bound " : "connected ") + url;
  }
}
