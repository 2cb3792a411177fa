package io.sp4j.core;

import io.sp4j.Endpoint;
import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import io.sp4j.spi.Clock;
import io.sp4j.spi.PollableSocket;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.ProtocolEngine;
import io.sp4j.spi.Scheduler;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The socket core, written once for every protocol; the protocol engine holds the logic of the
 * socket type. It joins the pieces that do the work: {@link SocketCalls} (what users call, and the
 * calls that wait, in {@link Waiters}), {@link Pipes} (endpoints, pipes and what transports
 * report), {@link SocketOptions}, {@link LockedTimers} and {@link LingerWait} (the end of a close).
 * Time comes only from the {@link Clock} and {@link Scheduler} it is given.
 *
 * <p>One {@link SocketLock} guards it all. No thread ever holds two sockets' locks: work that
 * reaches another socket or user code is queued with {@link SocketLock#afterUnlock} and runs once
 * this socket's lock is released.
 */
final class CoreSocket implements PollableSocket {
  private final Protocol protocol;
  private final boolean raw;
  private final SocketLock lock = new SocketLock();
  private final Clock clock;
  private final Scheduler scheduler;
  private final LockedTimers timers;
  private final MemoryBudget receiveBudget = MemoryBudget.ofSocket(-1);
  private final PriorityReceiveQueue receiveQueue;
  private final SocketOptions options;
  private final Refusals refusals;
  private final ReadinessListeners readiness = new ReadinessListeners(lock, lock::afterUnlock);
  private final SocketDriver driver = new SocketDriver();

  /** Called with the lock held only. */
  private final ProtocolEngine engine;

  private final SocketCalls calls;
  private final Pipes pipes;

  CoreSocket(
      Protocol protocol,
      boolean raw,
      Function<ProtocolContext, ProtocolEngine> engineFactory,
      Clock clock,
      Scheduler scheduler) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.raw = raw;
    this.clock = clock;
    this.scheduler = scheduler;
    this.timers = new LockedTimers(lock, scheduler);
    this.receiveQueue =
        new PriorityReceiveQueue(Options.RECEIVE_BUFFER.defaultValue(), receiveBudget);
    this.options = new SocketOptions(lock, protocol, raw, receiveQueue, receiveBudget);
    this.refusals = new Refusals(toString(), clock);
    // An engine's timer may let calls go on (a resend, a survey's deadline): wake them after it.
    Scheduler engineTimers =
        (delay, task) ->
            timers.schedule(
                delay,
                () -> {
                  task.run();
                  wakeCalls();
                });
    this.engine =
        engineFactory.apply(
            new ProtocolContext(
                receiveQueue, engineTimers, options, () -> ThreadLocalRandom.current().nextInt()));
    this.calls = new SocketCalls(lock, engine, options, timers, readiness, driver);
    this.pipes =
        new Pipes(
            lock,
            protocol,
            engine,
            receiveQueue,
            refusals,
            calls::wake,
            ThreadLocalRandom.current().nextInt());
  }

  /** What runs the I/O of this socket's connections, set by the first transport that has one. */
  SocketDriver driver() {
    return driver;
  }

  private void wakeCalls() {
    calls.wake();
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public boolean isRaw() {
    return raw;
  }

  @Override
  public Endpoint bind(String url) {
    return addEndpoint(url, true);
  }

  @Override
  public Endpoint connect(String url) {
    return addEndpoint(url, false);
  }

  private Endpoint addEndpoint(String url, boolean bind) {
    SpAddress address = SpAddress.parse(url);
    Transport transport = Transports.forScheme(address.scheme());
    SocketEndpoint endpoint;
    lock.lock();
    try {
      calls.ensureOpen();
      endpoint = new SocketEndpoint(this, pipes, url, bind);
      pipes.add(endpoint);
    } finally {
      lock.unlock();
    }
    try {
      endpoint.started(
          bind ? transport.bind(address, endpoint) : transport.connect(address, endpoint));
    } catch (RuntimeException e) {
      pipes.remove(endpoint);
      throw e;
    }
    if (endpoint.isClosed()) {
      endpoint.closeTransport(); // the socket or endpoint closed while the transport started
    }
    return endpoint;
  }

  // ---- for endpoints: what transports use and report --------------------------------------

  /** The scheduler the socket was given, for its endpoints' timers (run without the lock). */
  Scheduler scheduler() {
    return scheduler;
  }

  /** The clock the socket was given. */
  Clock clock() {
    return clock;
  }

  MemoryBudget receiveBudget() {
    return receiveBudget;
  }

  void refused(Refusal reason, String detail) {
    refusals.count(reason, detail);
  }

  /**
   * The transport cannot work any more: waiting calls end and every call fails with {@code cause}.
   */
  void failed(SpException cause) {
    calls.fail(cause);
  }

  @Override
  public Map<Refusal, Long> refusals() {
    return refusals.snapshot();
  }

  // ---- send, receive, options, readiness --------------------------------------------------

  @Override
  public void send(byte[] body) {
    send(Message.of(body));
  }

  @Override
  public void send(Message message) {
    calls.send(Objects.requireNonNull(message, "message"));
  }

  @Override
  public boolean trySend(Message message) {
    return calls.trySend(Objects.requireNonNull(message, "message"));
  }

  @Override
  public CompletableFuture<Void> sendAsync(Message message) {
    return calls.sendAsync(Objects.requireNonNull(message, "message"));
  }

  @Override
  public byte[] receive() {
    return receiveMessage().body();
  }

  @Override
  public Message receiveMessage() {
    return calls.receive();
  }

  @Override
  public Optional<Message> tryReceive() {
    return calls.tryReceive();
  }

  @Override
  public CompletableFuture<Message> receiveAsync() {
    return calls.receiveAsync();
  }

  @Override
  public <T> io.sp4j.Socket set(Option<T> option, T value) {
    Objects.requireNonNull(option, "option");
    lock.lock();
    try {
      calls.ensureOpen();
      options.set(engine, option, value);
      return this;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T get(Option<T> option) {
    return options.get(engine, Objects.requireNonNull(option, "option"));
  }

  @Override
  public boolean readyToReceive() {
    return calls.readyToReceive();
  }

  @Override
  public boolean readyToSend() {
    return calls.readyToSend();
  }

  @Override
  public Runnable watchReadiness(Runnable listener) {
    return readiness.add(listener);
  }

  // ---- close ---------------------------------------------------------------------------

  @Override
  public boolean isClosed() {
    return calls.isClosed();
  }

  /**
   * Calls end, endpoints stop, and each connection writes what is queued for it, for up to LINGER;
   * the socket waits for that without its lock.
   */
  @Override
  public void close() {
    List<SocketEndpoint> closing;
    List<CompletableFuture<Void>> lingering = new ArrayList<>();
    Duration linger;
    lock.lock();
    try {
      if (!calls.close()) {
        return;
      }
      timers.stop();
      linger = options.get(Options.LINGER);
      closing = pipes.close(linger, lingering);
    } finally {
      lock.unlock();
    }
    closing.forEach(SocketEndpoint::closeTransport);
    lock.lock();
    try {
      pipes.closeRest();
      engine.close();
      receiveQueue.clear();
    } finally {
      lock.unlock();
    }
    LingerWait.await(lingering, linger, scheduler);
  }

  @Override
  public String toString() {
    return (raw ? "raw " : "") + protocol + " socket";
  }
}
