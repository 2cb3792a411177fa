package io.sp4j.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Netty event loop over an {@link IoHandler} (epoll or NIO) with no thread of its own: whichever
 * thread holds its token ({@link #tryAcquire()}, {@link #tryAcquire(long)}) is the loop's thread
 * until it {@link #release}s it, and runs it in steps ({@link #runOnce}). Netty's {@code
 * ManualIoEventLoop} fixes its thread once; here it passes, always under the token, so exactly one
 * thread at a time is "in the event loop" and Netty's single-thread rules (ordered writes, flushes,
 * closes) hold as on a loop thread. Tasks queue from any thread; a task queued while the owner
 * blocks in the handler wakes it, as on Netty's own loops.
 *
 * <p>Shutting down ({@link #shutdownGracefully}) needs one more step by whoever owns the loop: it
 * closes what is registered, runs the tasks that leaves, frees the handler and completes {@link
 * #terminationFuture()}. The quiet period is not kept: sp4j shuts its loops down only when the
 * process ends.
 */
final class DrivenLoop extends AbstractScheduledEventExecutor implements IoEventLoop {
  private static final int RUNNING = 0;
  private static final int SHUTTING_DOWN = 1;
  private static final int SHUTDOWN = 2;
  private static final int TERMINATED = 3;

  /** Tasks run in one go before the loop looks at I/O again. */
  private static final int TASKS_PER_STEP = 1024;

  /** Steps after the handler closed its registrations, for the tasks that closing queued. */
  private static final int CLOSING_STEPS = 16;

  private static final Runnable NOTHING = () -> {};

  private final EventLoopGroup group;
  private final IoHandler handler;
  private final ReentrantLock token = new ReentrantLock();
  private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue();
  private final Promise<Void> terminated = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
  private final Step step = new Step();
  private final LoopDriver driver = new LoopDriver(this);

  /** The thread holding the token, else {@code null}: the loop's thread. */
  private volatile Thread owner;

  private volatile int state = RUNNING;

  /** Only the owner touches it. */
  private boolean initialized;

  DrivenLoop(EventLoopGroup group, IoHandlerFactory handlers) {
    super(group);
    this.group = group;
    this.handler = handlers.newHandler(this);
  }

  /** Who runs this loop: calling threads that wait for its I/O, or its fallback thread. */
  LoopDriver driver() {
    return driver;
  }

  /** Takes the token if no other thread holds it (re-entrant); this thread then owns the loop. */
  boolean tryAcquire() {
    return ownedIf(token.tryLock());
  }

  /**
   * Takes the token, waiting at most {@code nanos} for it.
   *
   * @throws InterruptedException the thread was interrupted while it waited
   */
  boolean tryAcquire(long nanos) throws InterruptedException {
    return ownedIf(token.tryLock(nanos, TimeUnit.NANOSECONDS));
  }

  /** After an attempt to take the token: if it was taken, this thread is the loop's owner. */
  private boolean ownedIf(boolean taken) {
    if (taken) {
      owner = Thread.currentThread();
    }
    return taken;
  }

  /** Ends one hold of the token; the last leaves the loop without a thread. */
  void release() {
    assert token.isHeldByCurrentThread() : "released by a thread that does not own the loop";
    if (token.getHoldCount() == 1) {
      owner = null;
    }
    token.unlock();
  }

  /** Whether a thread owns the loop now. */
  boolean owned() {
    return owner != null;
  }

  /**
   * One step, by the owner: the queued and due tasks, then the handler's I/O, blocking for at most
   * {@code maxBlockNanos} when no task waits (0: never blocks), then the tasks that I/O queued; and
   * the end of a shutdown once one was asked for. Returns how much work it found.
   */
  int runOnce(long maxBlockNanos) {
    assert inEventLoop() : "runs on the thread that owns the loop";
    if (state == TERMINATED) {
      return 0;
    }
    if (!initialized) {
      initialized = true;
      handler.initialize();
    }
    int work = runTasks();
    step.start(work == 0 ? maxBlockNanos : 0);
    work += handler.run(step);
    work += runTasks();
    if (state >= SHUTTING_DOWN) {
      finishShutdown();
    }
    return work;
  }

  private int runTasks() {
    fetchFromScheduledTaskQueue(tasks);
    int ran = 0;
    Runnable task;
    while (ran < TASKS_PER_STEP && (task = tasks.poll()) != null) {
      safeExecute(task);
      ran++;
    }
    return ran;
  }

  private void finishShutdown() {
    runTasks();
    handler.prepareToDestroy(); // closes every registered channel
    step.start(0);
    for (int i = 0; i < CLOSING_STEPS && (handler.run(step) + runTasks()) > 0; i++) {
      step.start(0);
    }
    state = SHUTDOWN;
    cancelScheduledTasks();
    runTasks();
    try {
      handler.destroy();
    } finally {
      state = TERMINATED;
      terminated.setSuccess(null);
    }
  }

  /**
   * Makes the loop's thread, if it waits in the handler, end its step: race-free, as the task it
   * queues keeps the handler from blocking however late it reads it. Nothing once shut down.
   */
  void wakeup() {
    if (!inEventLoop() && state < SHUTDOWN) {
      tasks.add(NOTHING);
      handler.wakeup();
    }
  }

  @Override
  public void execute(Runnable task) {
    if (state >= SHUTDOWN) {
      throw new RejectedExecutionException("the event loop has shut down");
    }
    tasks.add(task);
    if (!inEventLoop()) {
      handler.wakeup(); // writes the wake-up only if a thread waits in the handler
    }
  }

  @Override
  public boolean inEventLoop(Thread thread) {
    return thread != null && thread == owner;
  }

  @Override
  public boolean isShuttingDown() {
    return state >= SHUTTING_DOWN;
  }

  @Override
  public boolean isShutdown() {
    return state >= SHUTDOWN;
  }

  @Override
  public boolean isTerminated() {
    return state == TERMINATED;
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    if (state == RUNNING) {
      state = SHUTTING_DOWN;
      handler.wakeup();
    }
    return terminated;
  }

  @Override
  @Deprecated
  public void shutdown() {
    shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public Future<?> terminationFuture() {
    return terminated;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }

  @Override
  public DrivenLoop next() {
    return this;
  }

  @Override
  public EventLoopGroup parent() {
    return group;
  }

  @Override
  public ChannelFuture register(Channel channel) {
    return register(new DefaultChannelPromise(channel, this));
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    promise.channel().unsafe().register(this, promise);
    return promise;
  }

  @Override
  @Deprecated
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    channel.unsafe().register(this, promise);
    return promise;
  }

  @Override
  public Future<IoRegistration> register(IoHandle handle) {
    Promise<IoRegistration> promise = newPromise();
    if (inEventLoop()) {
      registerNow(handle, promise);
    } else {
      execute(() -> registerNow(handle, promise));
    }
    return promise;
  }

  private void registerNow(IoHandle handle, Promise<IoRegistration> promise) {
    assert inEventLoop();
    if (isShuttingDown()) {
      promise.setFailure(new RejectedExecutionException("the event loop is shutting down"));
      return;
    }
    try {
      promise.setSuccess(handler.register(handle));
    } catch (Exception e) {
      promise.setFailure(e);
    }
  }

  @Override
  public boolean isCompatible(Class<? extends IoHandle> handleType) {
    return handler.isCompatible(handleType);
  }

  @Override
  public boolean isIoType(Class<? extends IoHandler> handlerType) {
    return handler.getClass().equals(handlerType);
  }

  /** A {@link System#nanoTime} value on the clock of Netty's scheduled tasks (the ticker's). */
  private long tickerTime(long nanoTime) {
    return nanoTime - ticker().initialNanoTime();
  }

  /** What the handler asks during one step: may it block, and until when. */
  private final class Step implements IoHandlerContext {
    private long maxBlockNanos;
    private long sliceDeadline;

    /** Owner only. */
    void start(long maxBlockNanos) {
      this.maxBlockNanos = maxBlockNanos;
      // Rounded up to about a millisecond, so that steps in the same one share a deadline and
      // epoll need not re-arm its timer for each.
      long now = getCurrentTimeNanos();
      long end = maxBlockNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + maxBlockNanos;
      sliceDeadline = end == Long.MAX_VALUE ? end : ((end >> 20) + 1) << 20;
    }

    @Override
    public boolean canBlock() {
      assert inEventLoop();
      return maxBlockNanos > 0 && tasks.isEmpty() && state == RUNNING;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      long now = tickerTime(currentTimeNanos);
      long untilSliceEnds = sliceDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : sliceDeadline - now;
      return Math.max(
          0,
          Math.min(DrivenLoop.this.delayNanos(currentTimeNanos, untilSliceEnds), untilSliceEnds));
    }

    @Override
    public long deadlineNanos() {
      long next = nextScheduledTaskDeadlineNanos();
      if (next == -1) {
        return sliceDeadline == Long.MAX_VALUE ? -1 : sliceDeadline;
      }
      return Math.min(next, sliceDeadline);
    }
  }
}
