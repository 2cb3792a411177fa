package io.sp4j.core;

import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.Pipe;
import io.sp4j.spi.Connection;
import io.sp4j.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The socket core's pipe: a transport {@link Connection} joined to one socket. */
final class SocketPipe implements Pipe, PipeEvents {
  private final CoreSocket socket;
  private final SocketEndpoint endpoint;
  private final int id;
  private final Connection connection;
  private final int sendPriority;
  private final int receivePriority;
  private boolean closed; // guarded by the socket's lock

  SocketPipe(CoreSocket socket, SocketEndpoint endpoint, int id, Connection connection) {
    this.socket = socket;
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
    connection.suspendReading();
  }

  @Override
  public void resumeReading() {
    if (!closed) {
      connection.resumeReading();
    }
  }

  /** Closed from the socket side (protocol decision, endpoint or socket close); lock held. */
  @Override
  public void close() {
    if (markClosed()) {
      connection.close();
      socket.pipeGone(this);
    }
  }

  /**
   * Closed by the socket's close: the connection writes what is queued, for up to {@code linger};
   * lock held. The future completes when that is done (at once if already closed).
   */
  CompletableFuture<Void> closeLingering(Duration linger) {
    if (!markClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> written = connection.close(linger);
    socket.pipeGone(this);
    return written;
  }

  /** Returns whether this call closed it; lock held. */
  boolean markClosed() {
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
    socket.pipeDelivered(this, message);
  }

  @Override
  public void deliverAll(List<Message> messages) {
    socket.pipeDeliveredAll(this, messages);
  }

  @Override
  public void writable() {
    socket.pipeWritable(this);
  }

  @Override
  public void closed() {
    socket.pipeClosedByTransport(this);
  }

  @Override
  public void afterUnlock(Runnable task) {
    socket.afterUnlock(task);
  }

  @Override
  public String toString() {
    return "pipe " + Integer.toHexString(id) + " to " + connection.remoteAddress();
  }
}
