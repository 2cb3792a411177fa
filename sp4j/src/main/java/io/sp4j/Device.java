package io.sp4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forwards messages, headers included, between two raw sockets of one protocol family (like {@code
 * nn_device}), or back out of one raw socket (a loopback device, as a BUS hub uses). Each direction
 * that the sockets allow runs on its own daemon thread until a socket closes or the device is
 * closed.
 *
 * <pre>{@code
 * Socket front = Socket.openRaw(Protocol.REP);  // clients' REQs connect here
 * Socket back = Socket.openRaw(Protocol.REQ);   // REP services connect here
 * try (Device device = Device.start(front, back)) { ... }
 * }</pre>
 */
public final class Device implements AutoCloseable {
  private final List<Thread> forwarders = new ArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile boolean closed;

  private Device() {}

  /**
   * Starts forwarding between {@code first} and {@code second}.
   *
   * @throws IllegalArgumentException (EINVAL) unless both are raw and peers of each other (so of
   *     one family: REP and REQ, PUB and SUB, BUS and BUS …)
   */
  public static Device start(Socket first, Socket second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    requireRaw(first);
    requireRaw(second);
    Protocol a = first.protocol();
    Protocol b = second.protocol();
    if (a.peer() != b) {
      throw new IllegalArgumentException(
          "device: "
              + a
              + " and "
              + b
              + " sockets cannot be joined; use peers of one protocol family");
    }
    Device device = new Device();
    device.forward(first, second);
    device.forward(second, first);
    device.forwarders.forEach(Thread::start);
    return device;
  }

  /** Starts a loopback device: whatever {@code socket} receives it sends back out. */
  public static Device start(Socket socket) {
    Objects.requireNonNull(socket, "socket");
    requireRaw(socket);
    Device device = new Device();
    device.forward(socket, socket);
    device.forwarders.forEach(Thread::start);
    return device;
  }

  /**
   * Runs a device in the calling thread's stead until it stops, as {@code nn_device} does.
   *
   * @throws SocketClosedException when a socket was closed (the usual way to stop it)
   */
  public static void run(Socket first, Socket second) throws InterruptedException {
    try (Device device = start(first, second)) {
      device.await();
    }
  }

  private void forward(Socket from, Socket to) {
    if (!canReceive(from.protocol()) || !canSend(to.protocol())) {
      return;
    }
    Thread thread =
        new Thread(() -> pump(from, to), "sp4j-device " + from.protocol() + "->" + to.protocol());
    thread.setDaemon(true);
    forwarders.add(thread);
  }

  private void pump(Socket from, Socket to) {
    try {
      while (!closed) {
        to.send(from.receiveMessage());
      }
    } catch (SpException e) {
      if (!closed) {
        failure.compareAndSet(null, e);
      }
    } finally {
      stopOthers();
    }
  }

  private void stopOthers() {
    closed = true;
    for (Thread thread : forwarders) {
      if (thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
  }

  /**
   * Waits until the device stops.
   *
   * @throws SpException why it stopped by itself: {@link SocketClosedException} when a socket
   *     closed; nothing when {@link #close()} stopped it
   */
  public void await() throws InterruptedException {
    for (Thread thread : forwarders) {
      thread.join();
    }
    RuntimeException cause = failure.get();
    if (cause != null) {
      throw cause;
    }
  }

  /** Whether every forwarding thread has ended. */
  public boolean isStopped() {
    return forwarders.stream().noneMatch(Thread::isAlive);
  }

  /** Stops forwarding (the sockets stay open) and waits up to a second for the threads to end. */
  @Override
  public void close() {
    stopOthers();
    for (Thread thread : forwarders) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void requireRaw(Socket socket) {
    if (!socket.isRaw()) {
      throw new IllegalArgumentException(
          "device: " + socket + " is not raw; devices need raw sockets");
    }
  }

  private static boolean canReceive(Protocol protocol) {
    return protocol != Protocol.PUB && protocol != Protocol.PUSH;
  }

  private static boolean canSend(Protocol protocol) {
    return protocol != Protocol.SUB && protocol != Protocol.PULL;
  }
}
