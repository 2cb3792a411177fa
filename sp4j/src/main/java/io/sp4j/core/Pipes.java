package io.sp4j.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.Message;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.spi.Connection;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.ProtocolEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A socket's endpoints and pipes, and what their transports report: a connection offered (the
 * engine may refuse it), messages delivered (the engine's verdict, then the receive queue), room
 * again, a connection gone; pipe ids; and what the socket's close has to close. Every method takes
 * the socket's lock, so transports call them from any thread but another socket's lock.
 */
final class Pipes {
  private final SocketLock lock;
  private final Protocol protocol;

  /** Called with the lock held only. */
  private final ProtocolEngine engine;

  private final PriorityReceiveQueue receiveQueue;
  private final Refusals refusals;
  private final Runnable changed;

  @GuardedBy("lock")
  private final List<SocketEndpoint> endpoints = new ArrayList<>();

  @GuardedBy("lock")
  private final Set<SocketPipe> pipes = new LinkedHashSet<>();

  @GuardedBy("lock")
  private int nextPipeId;

  @GuardedBy("lock")
  private boolean closed;

  /**
   * @param changed what the socket does, lock held, when a pipe came, went, delivered or has room
   * @param firstPipeId where pipe ids start (a random place, as nanomsg's do)
   */
  Pipes(
      SocketLock lock,
      Protocol protocol,
      ProtocolEngine engine,
      PriorityReceiveQueue receiveQueue,
      Refusals refusals,
      Runnable changed,
      int firstPipeId) {
    this.lock = lock;
    this.protocol = protocol;
    this.engine = engine;
    this.receiveQueue = receiveQueue;
    this.refusals = refusals;
    this.changed = changed;
    this.nextPipeId = firstPipeId & 0x7fffffff;
  }

  void add(SocketEndpoint endpoint) {
    lock.lock();
    try {
      endpoints.add(endpoint);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets an endpoint and closes its pipes; returns whether this call closed it. */
  boolean remove(SocketEndpoint endpoint) {
    lock.lock();
    try {
      if (!endpoint.markClosed()) {
        return false;
      }
      endpoints.remove(endpoint);
      for (SocketPipe pipe : new ArrayList<>(pipes)) {
        if (pipe.endpoint() == endpoint) {
          pipe.close();
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** A transport's new connection: the socket side of its pipe, or {@code null} if refused. */
  PipeEvents attach(SocketEndpoint endpoint, Connection connection, Protocol peer) {
    lock.lock();
    try {
      if (closed || endpoint.isClosed() || !protocol.acceptsPeer(peer)) {
        return null;
      }
      SocketPipe pipe = new SocketPipe(this, lock, endpoint, newPipeId(), connection);
      if (!engine.addPipe(pipe)) {
        return null;
      }
      pipes.add(pipe);
      changed.run();
      return pipe;
    } finally {
      lock.unlock();
    }
  }

  @GuardedBy("lock")
  private int newPipeId() {
    int id;
    do {
      id = nextPipeId;
      nextPipeId = (nextPipeId + 1) & 0x7fffffff;
    } while (id == 0);
    return id;
  }

  void delivered(SocketPipe pipe, List<Message> messages) {
    lock.lock();
    try {
      boolean queuedAny = false;
      for (Message message : messages) {
        if (closed || pipe.isClosed()) {
          break; // the protocol closed it for a message before: the rest goes with it
        }
        queuedAny |= queue(pipe, message);
      }
      if (queuedAny) {
        changed.run();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The engine's verdict on one message; whether it was queued. */
  private boolean queue(SocketPipe pipe, Message message) {
    assert lock.isHeldByCurrentThread();
    Message queued = engine.received(pipe, message);
    if (queued == null) {
      return false;
    }
    if (!receiveQueue.add(pipe, queued)) {
      refusals.count(
          Refusal.RECEIVE_BUDGET,
          pipe
              + ": a message of "
              + queued.size()
              + " bytes while "
              + receiveQueue.bytes()
              + " wait to be received");
      pipe.close();
      return false;
    }
    return true;
  }

  void writable(SocketPipe pipe) {
    lock.lock();
    try {
      if (!closed && !pipe.isClosed()) {
        engine.pipeWritable(pipe);
        changed.run();
      }
    } finally {
      lock.unlock();
    }
  }

  void closedByTransport(SocketPipe pipe) {
    lock.lock();
    try {
      if (pipe.markClosed()) {
        gone(pipe);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The pipe, already marked closed, leaves the socket; the caller holds the lock. */
  void gone(SocketPipe pipe) {
    assert lock.isHeldByCurrentThread() : "a pipe's close and what it frees are one step";
    lock.lock(); // held already; taken again as by every method here
    try {
      if (pipes.remove(pipe)) {
        receiveQueue.forget(pipe);
        engine.removePipe(pipe);
        changed.run();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The socket's close, first part: no pipe comes any more, every endpoint is forgotten (and
   * returned, for the socket to stop their transports without the lock) and every pipe starts to
   * close, writing what is queued for up to {@code linger} (the futures say when done).
   */
  List<SocketEndpoint> close(Duration linger, List<CompletableFuture<Void>> lingering) {
    lock.lock();
    try {
      closed = true;
      List<SocketEndpoint> closing = new ArrayList<>(endpoints);
      endpoints.clear();
      closing.forEach(SocketEndpoint::markClosed);
      // Pipes before endpoints, so that each connection writes what is queued before its
      // endpoint closes it without waiting.
      for (SocketPipe pipe : new ArrayList<>(pipes)) {
        lingering.add(pipe.closeLingering(linger));
      }
      return closing;
    } finally {
      lock.unlock();
    }
  }

  /** The socket's close, last part: what is still open closes without waiting. */
  void closeRest() {
    lock.lock();
    try {
      new ArrayList<>(pipes).forEach(SocketPipe::close);
    } finally {
      lock.unlock();
    }
  }
}
