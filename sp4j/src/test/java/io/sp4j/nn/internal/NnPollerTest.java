package io.sp4j.nn.internal;

import static io.sp4j.nn.internal.NnConstants.NN_POLLIN;
import static io.sp4j.nn.internal.NnConstants.NN_POLLOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.spi.Readiness;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The poller's wait on a socket that says when it changed: it looks once, sleeps until told (or
 * until the timeout), and never wakes on a timer to look again.
 */
class NnPollerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  /** Longer than a few turns of any polling interval a poller might have. */
  private static final Duration QUIET = Duration.ofMillis(600);

  private final NnErrors errors = new NnErrors();
  private final ManualTime time = new ManualTime();
  private final NnPoller poller =
      new NnPoller(new NnSocketTable(ManualTimeSockets.provider(time), errors), errors, time);
  private final FakeSocket socket = new FakeSocket();
  private final int[] events = {NN_POLLIN | NN_POLLOUT};
  private final int[] revents = new int[1];

  /** A socket whose readiness the test sets, counting how often the poller looks. */
  private static final class FakeSocket implements Readiness {
    final AtomicInteger looks = new AtomicInteger();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    volatile boolean readable;
    volatile boolean closed;

    @Override
    public boolean readyToReceive() {
      looks.incrementAndGet();
      return readable && !closed;
    }

    @Override
    public boolean readyToSend() {
      return false;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public Runnable watchReadiness(Runnable listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    void tell() {
      listeners.forEach(Runnable::run);
    }
  }

  private CompletableFuture<Integer> pollInBackground(int timeoutMs) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () ->
                result.complete(poller.await(new Readiness[] {socket}, events, revents, timeoutMs)),
            "test-poller");
    thread.setDaemon(true);
    thread.start();
    await()
        .atMost(DEADLINE)
        .until(() -> socket.looks.get() == 1 && thread.getState() != Thread.State.RUNNABLE);
    return result;
  }

  @Test
  void sleepsWithoutLookingUntilToldThenWakesAtOnce() throws Exception {
    CompletableFuture<Integer> result = pollInBackground(Integer.MAX_VALUE);
    await()
        .during(QUIET)
        .atMost(QUIET.plus(DEADLINE))
        .until(() -> socket.looks.get() == 1 && !result.isDone());

    socket.tell(); // nothing changed: it looks, and sleeps again
    await().atMost(DEADLINE).until(() -> socket.looks.get() == 2);
    assertThat(result).isNotDone();

    socket.readable = true;
    socket.tell();
    assertThat(result.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
    assertThat(revents[0]).isEqualTo(NN_POLLIN);
    assertThat(socket.listeners).as("listeners left behind").isEmpty();
  }

  @Test
  void timesOutWithALookAtTheStartAndOneAtTheEnd() throws Exception {
    CompletableFuture<Integer> result = pollInBackground(300);
    time.passTheDeadline(Duration.ofMillis(300));
    assertThat(result.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isZero();
    assertThat(socket.looks.get()).as("looks while waiting out the timeout").isEqualTo(2);
    assertThat(time.pending()).as("the timeout's task done").isZero();
    assertThat(revents[0]).isZero();
    assertThat(socket.listeners).isEmpty();
  }

  @Test
  void aZeroTimeoutLooksOnce() {
    socket.readable = true;
    assertThat(poller.await(new Readiness[] {socket}, events, revents, 0)).isEqualTo(1);
    socket.readable = false;
    assertThat(poller.await(new Readiness[] {socket}, events, revents, 0)).isZero();
    assertThat(socket.looks.get()).isEqualTo(2);
  }

  @Test
  void aSocketClosedWhileWaitingEndsTheWait() throws Exception {
    CompletableFuture<Integer> result = pollInBackground(-1);
    socket.closed = true;
    socket.tell();
    assertThat(result.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(NnPoller.CLOSED);
    assertThat(socket.listeners).isEmpty();
  }

  @Test
  void anInterruptEndsTheWaitAndStaysSet() throws Exception {
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              int result = poller.await(new Readiness[] {socket}, events, revents, -1);
              interrupted.complete(
                  result == NnPoller.INTERRUPTED && Thread.currentThread().isInterrupted());
            },
            "test-poller");
    thread.setDaemon(true);
    thread.start();
    await().atMost(DEADLINE).until(() -> thread.getState() == Thread.State.WAITING);
    thread.interrupt();
    assertThat(interrupted.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }
}
