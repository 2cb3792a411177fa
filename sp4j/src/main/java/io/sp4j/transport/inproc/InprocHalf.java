package io.sp4j.transport.inproc;

import io.sp4j.Message;
import io.sp4j.spi.Connection;
import io.sp4j.spi.PipeEvents;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One side of an in-process connection. A write puts the message, by reference, in the other side's
 * inbox and, once the writer's socket lock is released, the inbox is drained into the other socket
 * in order. The other side's receive queue filling up stops this side being writable: the peer's
 * receive buffer is this side's send buffer.
 */
final class InprocHalf implements Connection {
  private final String address;
  private final ConcurrentLinkedQueue<Message> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger drainRequests = new AtomicInteger();
  private final AtomicBoolean dead = new AtomicBoolean();
  private final Runnable onDead;
  private InprocHalf peer;
  private volatile PipeEvents events;
  private volatile boolean suspended;
  private volatile boolean closed;
  private volatile boolean peerClosed;

  private InprocHalf(String address, Runnable onDead) {
    this.address = address;
    this.onDead = onDead;
  }

  /** Two joined halves: [dialer side, listener side]. */
  static InprocHalf[] pair(String address, Runnable dialerDead, Runnable listenerDead) {
    InprocHalf dialer = new InprocHalf(address, dialerDead);
    InprocHalf listener = new InprocHalf(address, listenerDead);
    dialer.peer = listener;
    listener.peer = dialer;
    return new InprocHalf[] {dialer, listener};
  }

  /** Joins this side to its socket and delivers anything already sent to it. */
  void start(PipeEvents socketSide) {
    this.events = socketSide;
    drain();
  }

  @Override
  public boolean isWritable() {
    return !closed && !peerClosed && !peer.suspended;
  }

  @Override
  public void write(Message message) {
    peer.inbox.add(message);
    PipeEvents e = events;
    // A socket may write while the pipe is being attached (a queued request or send going out
    // to the new peer) before start(): the listener starts the peer's side afterwards, and its
    // start() drains what is already in the inbox.
    if (e != null) {
      e.afterUnlock(peer::drain);
    }
  }

  @Override
  public void suspendReading() {
    suspended = true;
  }

  @Override
  public void resumeReading() {
    if (suspended) {
      suspended = false;
      events.afterUnlock(peer::peerWritable);
    }
  }

  /** Closed by this side's socket (its pipe is already gone). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      PipeEvents e = events;
      Runnable tellPeer = peer::peerClosed;
      if (e != null) {
        e.afterUnlock(tellPeer);
      } else {
        tellPeer.run();
      }
      markDead();
    }
  }

  /** Closed by the transport (endpoint closing): tells this side's socket too. No lock held. */
  void closeFromTransport() {
    if (!closed) {
      closed = true;
      peer.peerClosed();
      PipeEvents e = events;
      if (e != null) {
        e.closed();
      }
      markDead();
    }
  }

  private void peerClosed() {
    peerClosed = true;
    drain();
  }

  private void peerWritable() {
    PipeEvents e = events;
    if (e != null && !closed) {
      e.writable();
    }
  }

  /** Delivers the inbox in order; one thread at a time does it, others just ask it to go on. */
  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    do {
      PipeEvents e = events;
      if (e != null) {
        Message message;
        while ((message = inbox.poll()) != null) {
          if (!closed) {
            e.deliver(message);
          }
        }
        if (peerClosed && !closed) {
          closed = true;
          e.closed();
          markDead();
        }
      }
    } while (drainRequests.decrementAndGet() != 0);
  }

  private void markDead() {
    if (dead.compareAndSet(false, true)) {
      inbox.clear();
      onDead.run();
    }
  }

  /** In-process: bounded by the sender's pipe, not by the receive budget. */
  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public String remoteAddress() {
    return address;
  }
}
