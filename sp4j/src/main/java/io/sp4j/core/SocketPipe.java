package io.sp4j.core;

import io.sp4j.Message;
import io.sp4j.spi.Connection;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.PipeEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The socket core's pipe: a transport {@link Connection} joined to one socket. As a {@link Pipe} it
 * is the engine's, called under the socket's lock (asserted where it reaches the connection); as
 * {@link PipeEvents} it is the transport's, and passes each event to {@link Pipes}, which takes the
 * lock.
 */
final class SocketPipe implements Pipe, PipeEvents {
  private final Pipes pipes;
  private final SocketLock lock;
  private final SocketEndpoint endpoint;
  private final int id;
  private final Connection connection;
  private final int sendPriority;
  private final int receivePriority;
  private volatile boolean closed; // set under the socket's lock, read from any thread

  SocketPipe(Pipes pipes, SocketLock lock, SocketEndpoint endpoint, int id, Connection connection) {
    this.pipes = pipes;
    this.lock = lock;
    this.endpoint = endpoint;
    this.id = id;
    this.connection = connection;
    this.sendPriority = endpoint.sendPriority();
    this.receivePriority = endpoint.receivePriority();
  }

  SocketEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int sendPriority() {
    return sendPriority;
  }

  @Override
  public int receivePriority() {
    return receivePriority;
  }

  @Override
  public boolean isWritable() {
    return !closed && connection.isWritable();
  }

  @Override
  public boolean send(Message message) {
    assert lock.isHeldByCurrentThread() : "the engine sends under the socket's lock";
    if (!isWritable()) {
      return false;
    }
    connection.write(message);
    return true;
  }

  @Override
  public boolean isRemote() {
    return connection.isRemote();
  }

  @Override
  public void suspendReading() {
    assert lock.isHeldByCurrentThread();
    connection.suspendReading();
  }

  @Override
  public void resumeReading() {
    assert lock.isHeldByCurrentThread();
    if (!closed) {
      connection.resumeReading();
    }
  }

  /** Closed from the socket side (protocol decision, endpoint or socket close); lock held. */
  @Override
  public void close() {
    assert lock.isHeldByCurrentThread();
    if (markClosed()) {
      connection.close();
      pipes.gone(this);
    }
  }

  /**
   * Closed by the socket's close: the connection writes what is queued, for up to {@code linger};
   * lock held. The future completes when that is done (at once if already closed).
   */
  CompletableFuture<Void> closeLingering(Duration linger) {
    assert lock.isHeldByCurrentThread();
    if (!markClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> written = connection.close(linger);
    pipes.gone(this);
    return written;
  }

  /** Returns whether this call closed it; lock held. */
  boolean markClosed() {
    assert lock.isHeldByCurrentThread();
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void deliver(Message message) {
    pipes.delivered(this, List.of(message));
  }

  @Override
  public void deliverAll(List<Message> messages) {
    pipes.delivered(this, messages);
  }

  @Override
  public void writable() {
    pipes.writable(this);
  }

  @Override
  public void closed() {
    pipes.closedByTransport(this);
  }

  @Override
  public void afterUnlock(Runnable task) {
    lock.afterUnlock(task);
  }

  @Override
  public String toString() {
    return "pipe " + Integer.toHexString(id) + " to " + connection.remoteAddress();
  }
}
