package io.sp4j.nn;

import static io.sp4j.nn.Nn.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.nn.internal.NnPollEntry;
import io.sp4j.nn.internal.NnRuntime;
import io.sp4j.testing.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * nn_poll on real sockets: it wakes as soon as a socket becomes ready, however long the timeout,
 * ends on time when none does, and ends with EBADF or ETERM when a polled socket closes (nanomsg
 * tests/poll.c). NnPollerTest shows it never wakes on a timer to look.
 */
class NnPollTest {
  private static final long DEADLINE_MS = 5_000;
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final List<Integer> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(Nn::nn_close);
  }

  private int socket(int protocol) {
    int s = nn_socket(AF_SP, protocol);
    assertThat(s).as("nn_socket: %s", nn_strerror(nn_errno())).isGreaterThanOrEqualTo(0);
    open.add(s);
    assertThat(nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVTIMEO, 5000)).isZero();
    assertThat(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, 5000)).isZero();
    return s;
  }

  /** Two sockets of {@code bound}'s and {@code connected}'s protocols, joined over inproc. */
  private int[] joined(int bound, int connected) {
    int a = socket(bound);
    int b = socket(connected);
    String addr = "inproc://nn-poll-" + COUNTER.incrementAndGet();
    assertThat(nn_bind(a, addr)).isPositive();
    assertThat(nn_connect(b, addr)).isPositive();
    return new int[] {a, b};
  }

  /**
   * Starts {@code call} on a thread of its own and returns once it waits; the future has rc and
   * errno.
   */
  private static CompletableFuture<int[]> waiting(IntSupplier call) {
    CompletableFuture<int[]> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              int rc = call.getAsInt();
              result.complete(new int[] {rc, nn_errno()});
            },
            "test-nn-poll");
    thread.setDaemon(true);
    thread.start();
    await()
        .atMost(Duration.ofMillis(DEADLINE_MS))
        .until(
            () ->
                thread.getState() == Thread.State.WAITING
                    || thread.getState() == Thread.State.TIMED_WAITING);
    return result;
  }

  private static int[] outcome(CompletableFuture<int[]> result) throws Exception {
    return result.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
  }

  @Test
  void aMessageWakesAPollWithAHugeTimeout() throws Exception {
    int[] pair = joined(NN_PAIR, NN_PAIR);
    NnPollFd[] fds = {new NnPollFd(pair[0], NN_POLLIN)};
    CompletableFuture<int[]> poll = waiting(() -> nn_poll(fds, Integer.MAX_VALUE));
    assertThat(nn_send(pair[1], "ABC".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(3);
    assertThat(outcome(poll)[0]).isEqualTo(1);
    assertThat(fds[0].revents()).isEqualTo(NN_POLLIN);
  }

  @Test
  void aReceiveOnAnotherThreadLetsARepSend() throws Exception {
    int[] sockets = joined(NN_REP, NN_REQ);
    int rep = sockets[0];
    NnPollFd[] fds = {new NnPollFd(rep, NN_POLLOUT)};
    assertThat(nn_poll(fds, 0)).as("a REP with no request cannot send").isZero();
    CompletableFuture<int[]> poll = waiting(() -> nn_poll(fds, -1));
    assertThat(nn_send(sockets[1], new byte[] {1}, 0)).isEqualTo(1);
    assertThat(nn_recv(rep, new byte[1], 0)).isEqualTo(1);
    assertThat(outcome(poll)[0]).isEqualTo(1);
    assertThat(fds[0].revents()).isEqualTo(NN_POLLOUT);
  }

  @Test
  void aPeerArrivingWakesAPollForSending() throws Exception {
    int push = socket(NN_PUSH);
    String addr = "inproc://nn-poll-" + COUNTER.incrementAndGet();
    assertThat(nn_bind(push, addr)).isPositive();
    NnPollFd[] fds = {new NnPollFd(push, NN_POLLOUT)};
    CompletableFuture<int[]> poll = waiting(() -> nn_poll(fds, Integer.MAX_VALUE));
    assertThat(nn_connect(socket(NN_PULL), addr)).isPositive();
    assertThat(outcome(poll)[0]).isEqualTo(1);
  }

  @Test
  void nothingReadyTimesOutOnTime() throws Exception {
    ManualTime time = new ManualTime();
    NnRuntime runtime = new NnRuntime(ManualTimeSockets.provider(time));
    int a = runtime.socket(AF_SP, NN_PAIR);
    int b = runtime.socket(AF_SP, NN_PAIR);
    try {
      assertThat(runtime.bind(a, "inproc://nn-poll-timeout-" + COUNTER.incrementAndGet()))
          .isPositive();
      NnPollEntry[] entries = {new NnPollEntry(a, NN_POLLIN), new NnPollEntry(b, NN_POLLIN)};
      int[] revents = {-1, -1};
      CompletableFuture<int[]> poll = waiting(() -> runtime.poll(entries, revents, 300));
      time.passTheDeadline(Duration.ofMillis(300));
      assertThat(outcome(poll)[0]).isZero();
      assertThat(revents).containsExactly(0, 0);
    } finally {
      runtime.close(a);
      runtime.close(b);
    }
  }

  @Test
  void aSocketClosedWhilePolledIsEbadf() throws Exception {
    int[] pair = joined(NN_PAIR, NN_PAIR);
    CompletableFuture<int[]> poll =
        waiting(() -> nn_poll(new NnPollFd[] {new NnPollFd(pair[0], NN_POLLIN)}, -1));
    assertThat(nn_close(pair[0])).isZero();
    open.remove((Integer) pair[0]);
    assertThat(outcome(poll)).containsExactly(-1, EBADF);
  }

  @Test
  void termWhilePolledIsEterm() throws Exception {
    NnRuntime runtime =
        new NnRuntime(); // its own library, so nn_term leaves the other tests' sockets alone
    int s = runtime.socket(AF_SP, NN_PAIR);
    CompletableFuture<int[]> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              int rc =
                  runtime.poll(new NnPollEntry[] {new NnPollEntry(s, NN_POLLIN)}, new int[1], -1);
              result.complete(new int[] {rc, runtime.errno()});
            },
            "test-nn-poll-term");
    thread.setDaemon(true);
    thread.start();
    await()
        .atMost(Duration.ofMillis(DEADLINE_MS))
        .until(() -> thread.getState() == Thread.State.WAITING);
    runtime.term();
    assertThat(outcome(result)).containsExactly(-1, ETERM);
  }

  @Test
  void badEntriesFailAtOnce() {
    assertThat(nn_poll(null, -1)).isEqualTo(-1);
    assertThat(nn_errno()).isEqualTo(EFAULT);
    assertThat(nn_poll(new NnPollFd[] {null}, -1)).isEqualTo(-1);
    assertThat(nn_errno()).isEqualTo(EFAULT);
    assertThat(nn_poll(new NnPollFd[] {new NnPollFd(NN_MAX_SOCKETS, NN_POLLIN)}, -1)).isEqualTo(-1);
    assertThat(nn_errno()).isEqualTo(EBADF);
  }
}
