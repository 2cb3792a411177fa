package io.sp4j.core;

import io.sp4j.spi.PollableSocket;
import io.sp4j.spi.Transport;
import io.sp4j.spi.Timeout;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.ProtocolEngine;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.Settings;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.Connection;
import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.SocketClosedException;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The socket core, written once for every protocol: state, options, endpoints, pipes, blocking
 * and asynchronous calls, close. The protocol engine holds the logic of the socket type.
 *
 * <p>One {@link ReentrantLock} guards everything (virtual threads park on it without pinning).
 * No thread ever holds two sockets' locks: work that reaches another socket is queued with
 * {@link #afterUnlock} and runs once this socket's lock is released.
 */
public final class CoreSocket implements PollableSocket {
  /** Options of every socket; transports and protocols declare their own. */
  private static final Set<Option<?>> SOCKET_OPTIONS = Set.of(
      Options.RECEIVE_TIMEOUT, Options.SEND_TIMEOUT, Options.LINGER, Options.RECONNECT_INTERVAL,
      Options.RECONNECT_INTERVAL_MAX, Options.RECEIVE_MAX_SIZE, Options.SEND_BUFFER,
      Options.RECEIVE_BUFFER, Options.MAX_TTL, Options.SEND_PRIORITY, Options.RECEIVE_PRIORITY,
      Options.RECEIVE_BUDGET);

  /** Completes asynchronous calls away from transport threads and the socket's lock. */
  private static final Executor COMPLETIONS = ForkJoinPool.commonPool();

  private final Protocol protocol;
  private final boolean raw;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition canSend = lock.newCondition();
  private final Condition canReceive = lock.newCondition();
  private final ArrayDeque<Runnable> afterUnlock = new ArrayDeque<>();
  private final Map<Option<?>, Object> values = new HashMap<>();
  private final PriorityReceiveQueue receiveQueue;
  private final MemoryBudget receiveBudget = MemoryBudget.ofSocket(-1);
  private final Refusals refusals;
  private volatile SpException failure; // the transport can no longer work: every call fails with it
  private final ProtocolEngine engine;
  private final Set<SocketPipe> pipes = new LinkedHashSet<>();
  private final List<SocketEndpoint> endpoints = new ArrayList<>();
  private final ArrayDeque<AsyncSend> asyncSends = new ArrayDeque<>();
  private final ArrayDeque<AsyncReceive> asyncReceives = new ArrayDeque<>();
  private final ReadinessListeners readiness = new ReadinessListeners(lock, this::afterUnlock);
  private int nextPipeId = ThreadLocalRandom.current().nextInt() & 0x7fffffff;
  private boolean closed;
  /** The option values as protocols and transports read them (under the lock). */
  private final Settings settings = this::socketOption;

  CoreSocket(Protocol protocol, boolean raw, Function<ProtocolContext, ProtocolEngine> engineFactory) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.raw = raw;
    this.receiveQueue = new PriorityReceiveQueue(Options.RECEIVE_BUFFER.defaultValue(), receiveBudget);
    this.refusals = new Refusals((raw ? "raw " : "") + protocol + " socket");
    ProtocolContext context = new ProtocolContext(
        receiveQueue, this::scheduleLocked, settings, () -> ThreadLocalRandom.current().nextInt());
    this.engine = engineFactory.apply(context);
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public boolean isRaw() {
    return raw;
  }

  // ---- endpoints -------------------------------------------------------------------------

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
    lock();
    try {
      ensureOpen();
      endpoint = new SocketEndpoint(this, url, bind);
      endpoints.add(endpoint);
    } finally {
      unlock();
    }
    try {
      endpoint.started(bind ? transport.bind(address, endpoint) : transport.connect(address, endpoint));
    } catch (RuntimeException e) {
      removeEndpoint(endpoint);
      throw e;
    }
    if (endpoint.isClosed()) {
      endpoint.closeTransport(); // the socket or endpoint closed while the transport started
    }
    return endpoint;
  }

  /** Forgets an endpoint and closes its pipes; returns whether this call closed it. */
  boolean removeEndpoint(SocketEndpoint endpoint) {
    lock();
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
      unlock();
    }
  }

  // ---- pipes (called by transports through SocketEndpoint and SocketPipe) ------------------

  PipeEvents attach(SocketEndpoint endpoint, Connection connection, Protocol peer) {
    lock();
    try {
      if (closed || endpoint.isClosed() || !protocol.acceptsPeer(peer)) {
        return null;
      }
      SocketPipe pipe = new SocketPipe(this, endpoint, newPipeId(), connection);
      if (!engine.addPipe(pipe)) {
        return null;
      }
      pipes.add(pipe);
      canSend.signalAll();
      serviceAsync();
      readinessChanged();
      return pipe;
    } finally {
      unlock();
    }
  }

  private int newPipeId() {
    int id;
    do {
      id = nextPipeId;
      nextPipeId = (nextPipeId + 1) & 0x7fffffff;
    } while (id == 0);
    return id;
  }

  void pipeDelivered(SocketPipe pipe, Message message) {
    lock();
    try {
      if (!closed && !pipe.isClosed() && queue(pipe, message)) {
        receiversWake();
      }
    } finally {
      unlock();
    }
  }

  void pipeDeliveredAll(SocketPipe pipe, List<Message> messages) {
    lock();
    try {
      if (closed || pipe.isClosed()) {
        return;
      }
      boolean queuedAny = false;
      for (Message message : messages) {
        if (pipe.isClosed()) {
          break; // the protocol closed it for this message; the rest goes with it
        }
        queuedAny |= queue(pipe, message);
      }
      if (queuedAny) {
        receiversWake();
      }
    } finally {
      unlock();
    }
  }

  /**
   * Lock held: the engine's verdict on one arrived message; whether it was queued. A message the
   * receive budget cannot hold closes its pipe (see {@link PriorityReceiveQueue}).
   */
  private boolean queue(SocketPipe pipe, Message message) {
    Message queued = engine.received(pipe, message);
    if (queued == null) {
      return false;
    }
    if (!receiveQueue.add(pipe, queued)) {
      refused(Refusal.RECEIVE_BUDGET, pipe + ": a message of " + queued.size() + " bytes while "
          + receiveQueue.bytes() + " wait to be received");
      pipe.close();
      return false;
    }
    return true;
  }

  // ---- what transports report ----------------------------------------------------------

  MemoryBudget receiveBudget() {
    return receiveBudget;
  }

  void refused(Refusal reason, String detail) {
    refusals.count(reason, detail);
  }

  @Override
  public Map<Refusal, Long> refusals() {
    return refusals.snapshot();
  }

  /** The transport cannot work any more: waiting calls wake and every call fails with {@code cause}. */
  void failed(SpException cause) {
    lock();
    try {
      if (closed || failure != null) {
        return;
      }
      failure = cause;
      canSend.signalAll();
      canReceive.signalAll();
      readinessChanged();
      failWaiters(asyncSends, cause);
      failWaiters(asyncReceives, cause);
    } finally {
      unlock();
    }
  }

  /** Lock held: something is queued; tell blocked, asynchronous and polling receivers. */
  private void receiversWake() {
    canReceive.signalAll(); // no-op without waiters
    serviceAsync();
    readinessChanged();
  }

  void pipeWritable(SocketPipe pipe) {
    lock();
    try {
      if (closed || pipe.isClosed()) {
        return;
      }
      engine.pipeWritable(pipe);
      canSend.signalAll();
      serviceAsync();
      readinessChanged();
    } finally {
      unlock();
    }
  }

  void pipeClosedByTransport(SocketPipe pipe) {
    lock();
    try {
      if (pipe.markClosed()) {
        pipeGone(pipe);
      }
    } finally {
      unlock();
    }
  }

  /** Lock held; the pipe is already marked closed. */
  void pipeGone(SocketPipe pipe) {
    if (pipes.remove(pipe)) {
      receiveQueue.forget(pipe);
      engine.removePipe(pipe);
      serviceAsync();
      readinessChanged();
    }
  }

  void afterUnlock(Runnable task) {
    if (lock.isHeldByCurrentThread()) {
      afterUnlock.addLast(task);
    } else {
      task.run();
    }
  }

  // ---- send ----------------------------------------------------------------------------

  @Override
  public void send(byte[] body) {
    send(Message.of(body));
  }

  @Override
  public void send(Message message) {
    Objects.requireNonNull(message, "message");
    // One lock per send: the options are read under the lock the send takes anyway.
    lock();
    try {
      checkSendable(message);
      Duration timeout = socketOption(Options.SEND_TIMEOUT);
      long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
      while (true) {
        ensureOpen();
        if (engine.send(message)) {
          readinessChanged();
          return;
        }
        if (timeout == null) {
          canSend.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SpTimeoutException("send: no peer could take the message within " + timeout);
          }
          canSend.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      throw interrupted(e);
    } finally {
      unlock();
    }
  }

  @Override
  public boolean trySend(Message message) {
    Objects.requireNonNull(message, "message");
    lock();
    try {
      checkSendable(message);
      ensureOpen();
      boolean sent = engine.send(message);
      if (sent) {
        readinessChanged();
      }
      return sent;
    } finally {
      unlock();
    }
  }

  @Override
  public CompletableFuture<Void> sendAsync(Message message) {
    Objects.requireNonNull(message, "message");
    CompletableFuture<Void> future = new CompletableFuture<>();
    lock();
    try {
      ensureOpen();
      checkSendable(message);
      if (asyncSends.isEmpty() && engine.send(message)) {
        readinessChanged();
        future.complete(null);
        return future;
      }
      AsyncSend waiter = new AsyncSend(message, future);
      asyncSends.addLast(waiter);
      waiter.timeout = startAsyncTimeout(get(Options.SEND_TIMEOUT), future, asyncSends, waiter, "send");
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    } finally {
      unlock();
    }
    return future;
  }

  /** A message to be sent as text must be UTF-8: fail now rather than break the connection. Lock held. */
  private void checkSendable(Message message) {
    Transports.checkSend(message, settings);
  }

  // ---- receive -------------------------------------------------------------------------

  @Override
  public byte[] receive() {
    return receiveMessage().body();
  }

  @Override
  public Message receiveMessage() {
    lock();
    try {
      Duration timeout = socketOption(Options.RECEIVE_TIMEOUT);
      long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
      while (true) {
        ensureOpen();
        Message message = engine.receive();
        if (message != null) {
          readinessChanged(); // e.g. a REP that received can now send
          return message;
        }
        if (timeout == null) {
          canReceive.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new SpTimeoutException("receive: no message within " + timeout);
          }
          canReceive.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      throw interrupted(e);
    } finally {
      unlock();
    }
  }

  @Override
  public Optional<Message> tryReceive() {
    lock();
    try {
      ensureOpen();
      Message message = engine.receive();
      if (message != null) {
        readinessChanged();
      }
      return Optional.ofNullable(message);
    } finally {
      unlock();
    }
  }

  @Override
  public CompletableFuture<Message> receiveAsync() {
    CompletableFuture<Message> future = new CompletableFuture<>();
    lock();
    try {
      ensureOpen();
      if (asyncReceives.isEmpty()) {
        Message message = engine.receive();
        if (message != null) {
          readinessChanged();
          future.complete(message);
          return future;
        }
      }
      AsyncReceive waiter = new AsyncReceive(future);
      asyncReceives.addLast(waiter);
      waiter.timeout = startAsyncTimeout(get(Options.RECEIVE_TIMEOUT), future, asyncReceives, waiter, "receive");
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    } finally {
      unlock();
    }
    return future;
  }

  /** Lock held: hands messages and room to waiting asynchronous calls, in order. */
  private void serviceAsync() {
    while (!asyncReceives.isEmpty()) {
      AsyncReceive waiter = asyncReceives.peekFirst();
      if (waiter.future.isDone()) {
        asyncReceives.pollFirst();
        continue;
      }
      Message message;
      try {
        message = engine.receive();
      } catch (RuntimeException e) {
        asyncReceives.pollFirst();
        finish(waiter.timeout, () -> waiter.future.completeExceptionally(e));
        continue;
      }
      if (message == null) {
        break;
      }
      asyncReceives.pollFirst();
      finish(waiter.timeout, () -> waiter.future.complete(message));
    }
    while (!asyncSends.isEmpty()) {
      AsyncSend waiter = asyncSends.peekFirst();
      if (waiter.future.isDone()) {
        asyncSends.pollFirst();
        continue;
      }
      boolean sent;
      try {
        sent = engine.send(waiter.message);
      } catch (RuntimeException e) {
        asyncSends.pollFirst();
        finish(waiter.timeout, () -> waiter.future.completeExceptionally(e));
        continue;
      }
      if (!sent) {
        break;
      }
      asyncSends.pollFirst();
      finish(waiter.timeout, () -> waiter.future.complete(null));
    }
  }

  private void finish(Timeout timeout, Runnable completion) {
    if (timeout != null) {
      timeout.cancel();
    }
    COMPLETIONS.execute(completion);
  }

  private <W> Timeout startAsyncTimeout(Duration timeout, CompletableFuture<?> future, ArrayDeque<W> queue,
      W waiter, String what) {
    if (timeout == null) {
      return null;
    }
    return scheduleLocked(timeout, () -> {
      if (queue.remove(waiter)) {
        COMPLETIONS.execute(() -> future.completeExceptionally(
            new SpTimeoutException(what + ": timed out after " + timeout)));
      }
    });
  }

  private static final class AsyncSend {
    final Message message;
    final CompletableFuture<Void> future;
    Timeout timeout;

    AsyncSend(Message message, CompletableFuture<Void> future) {
      this.message = message;
      this.future = future;
    }
  }

  private static final class AsyncReceive {
    final CompletableFuture<Message> future;
    Timeout timeout;

    AsyncReceive(CompletableFuture<Message> future) {
      this.future = future;
    }
  }

  // ---- options -------------------------------------------------------------------------

  @Override
  public <T> io.sp4j.Socket set(Option<T> option, T value) {
    Objects.requireNonNull(option, "option");
    lock();
    try {
      ensureOpen();
      if (!option.isWritable() && hasOption(option)) {
        throw new IllegalArgumentException(option + ": is read-only");
      }
      if (isSocketOption(option)) {
        T valid = option.validate(value);
        values.put(option, valid);
        if (option == Options.RECEIVE_BUFFER) {
          receiveQueue.setLimit((Integer) valid);
        } else if (option == Options.RECEIVE_BUDGET) {
          receiveBudget.setLimit((Long) valid);
        }
      } else if (engine.options().contains(option)) {
        engine.setOption(option, option.validate(value));
      } else {
        throw noSuchOption(option);
      }
      return this;
    } finally {
      unlock();
    }
  }

  @Override
  public <T> T get(Option<T> option) {
    Objects.requireNonNull(option, "option");
    if (option == Options.PROTOCOL) {
      return option.type().cast(protocol);
    } else if (option == Options.PEER_PROTOCOL) {
      return option.type().cast(protocol.peer());
    } else if (option == Options.RAW) {
      return option.type().cast(raw);
    }
    lock();
    try {
      if (!option.isReadable() && hasOption(option)) {
        throw new IllegalArgumentException(option + ": is write-only");
      }
      if (isSocketOption(option)) {
        return socketOption(option);
      } else if (engine.options().contains(option)) {
        return engine.getOption(option);
      }
      throw noSuchOption(option);
    } finally {
      unlock();
    }
  }

  private boolean hasOption(Option<?> option) {
    return isSocketOption(option) || engine.options().contains(option)
        || option == Options.PROTOCOL || option == Options.PEER_PROTOCOL || option == Options.RAW;
  }

  private static boolean isSocketOption(Option<?> option) {
    return SOCKET_OPTIONS.contains(option) || Transports.declares(option);
  }

  private <T> T socketOption(Option<T> option) {
    return values.containsKey(option) ? option.type().cast(values.get(option)) : option.defaultValue();
  }

  private IllegalArgumentException noSuchOption(Option<?> option) {
    return new IllegalArgumentException(option + ": " + (raw ? "raw " : "") + protocol + " sockets have no such option");
  }

  // ---- readiness (nn_poll) -------------------------------------------------------------

  @Override
  public boolean readyToReceive() {
    lock();
    try {
      return !closed && engine.hasMessage();
    } finally {
      unlock();
    }
  }

  @Override
  public boolean readyToSend() {
    lock();
    try {
      return !closed && engine.canSend();
    } finally {
      unlock();
    }
  }

  @Override
  public Runnable watchReadiness(Runnable listener) {
    return readiness.add(listener);
  }

  /** Lock held: readiness may have changed; its listeners hear of it once the lock is released. */
  private void readinessChanged() {
    readiness.changed();
  }

  // ---- close ---------------------------------------------------------------------------

  @Override
  public boolean isClosed() {
    lock();
    try {
      return closed;
    } finally {
      unlock();
    }
  }

  @Override
  public void close() {
    List<SocketEndpoint> closing;
    List<CompletableFuture<Void>> lingering = new ArrayList<>();
    Duration linger;
    lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      canSend.signalAll();
      canReceive.signalAll();
      readinessChanged();
      closing = new ArrayList<>(endpoints);
      endpoints.clear();
      closing.forEach(SocketEndpoint::markClosed);
      // Pipes first, so that each connection writes what is queued (up to LINGER) before its
      // endpoint closes it without waiting.
      linger = socketOption(Options.LINGER);
      for (SocketPipe pipe : new ArrayList<>(pipes)) {
        lingering.add(pipe.closeLingering(linger));
      }
    } finally {
      unlock();
    }
    closing.forEach(SocketEndpoint::closeTransport);
    lock();
    try {
      for (SocketPipe pipe : new ArrayList<>(pipes)) {
        pipe.close();
      }
      engine.close();
      receiveQueue.clear();
      failWaiters(asyncSends, SocketClosedException.closed());
      failWaiters(asyncReceives, SocketClosedException.closed());
    } finally {
      unlock();
    }
    awaitLinger(lingering, linger);
  }

  /** Waits, without the lock, up to {@code linger} for the closing connections' last writes. */
  private static void awaitLinger(List<CompletableFuture<Void>> lingering, Duration linger) {
    if (lingering.isEmpty() || linger.isZero()) {
      return;
    }
    try {
      CompletableFuture.allOf(lingering.toArray(new CompletableFuture<?>[0])).get(linger.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      // the connections close themselves at the deadline
    }
  }

  private void failWaiters(ArrayDeque<?> waiters, SpException cause) {
    for (Object waiter : waiters) {
      CompletableFuture<?> future = waiter instanceof AsyncSend s ? s.future : ((AsyncReceive) waiter).future;
      Timeout timeout = waiter instanceof AsyncSend s ? s.timeout : ((AsyncReceive) waiter).timeout;
      finish(timeout, () -> future.completeExceptionally(cause));
    }
    waiters.clear();
  }

  // ---- lock and timers -----------------------------------------------------------------

  private void lock() {
    lock.lock();
  }

  private void unlock() {
    if (afterUnlock.isEmpty() || lock.getHoldCount() > 1) {
      lock.unlock();
      return;
    }
    Runnable[] tasks = afterUnlock.toArray(new Runnable[0]);
    afterUnlock.clear();
    lock.unlock();
    for (Runnable task : tasks) {
      task.run();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw SocketClosedException.closed();
    }
    SpException broken = failure;
    if (broken != null) {
      throw new SpException(broken.errno(), broken.getMessage(), broken);
    }
  }

  /** A timer whose task runs under this socket's lock, never after cancel or close. */
  private Timeout scheduleLocked(Duration delay, Runnable task) {
    LockedTimer timer = new LockedTimer();
    timer.delegate = SharedTimers.INSTANCE.schedule(delay, () -> {
      lock();
      try {
        if (timer.cancelled || closed) {
          return;
        }
        timer.cancelled = true;
        task.run();
        canSend.signalAll();
        canReceive.signalAll();
        serviceAsync();
        readinessChanged();
      } finally {
        unlock();
      }
    });
    return timer;
  }

  /** Cancelled only under the lock, so a task already waiting for the lock sees it. */
  private static final class LockedTimer implements Timeout {
    volatile Timeout delegate;
    boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
      Timeout d = delegate;
      if (d != null) {
        d.cancel();
      }
    }
  }

  private static SpException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new SpException(Errno.EINTR, "interrupted while waiting", e);
  }

  @Override
  public String toString() {
    return (raw ? "raw " : "") + protocol + " socket";
  }
}
