package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Socket#close()}: idempotent, and it ends every waiting call at once. */
class CloseTest {
  private static final Duration WAKE_UP = BlockedCall.DEADLINE;

  @Test
  void closeIsIdempotentAndEveryCallAfterItFailsAsClosed() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket socket = pair.bound();
      socket.close();
      socket.close();
      assertThat(socket.isClosed()).isTrue();

      List<Runnable> calls =
          List.of(
              () -> socket.send(bytes("x")),
              () -> socket.send(Message.of(bytes("x"))),
              () -> socket.trySend(Message.of(bytes("x"))),
              socket::receive,
              socket::receiveMessage,
              socket::tryReceive,
              () -> socket.bind(SocketPair.uniqueUrl()),
              () -> socket.connect(SocketPair.uniqueUrl()),
              () -> socket.set(Options.RECEIVE_BUFFER, 1024));
      for (Runnable call : calls) {
        assertThatThrownBy(call::run)
            .isInstanceOfSatisfying(
                SocketClosedException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EBADF));
      }
      assertFailsAsClosed(socket.sendAsync(Message.of(bytes("x"))));
      assertFailsAsClosed(socket.receiveAsync());
      assertThat(pair.connected().trySend(Message.of(bytes("to a closed peer"))))
          .as("the link is gone")
          .isFalse();
    }
  }

  @Test
  void closeFromManyThreadsAtOnceIsFine() throws InterruptedException {
    try (SocketPair pair = SocketPair.open(Protocol.REQ, Protocol.REP)) {
      List<Thread> closers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        closers.add(daemon("closer-" + i, pair.bound()::close));
      }
      closers.add(daemon("closer-peer", pair.connected()::close));
      closers.forEach(Thread::start);
      for (Thread closer : closers) {
        closer.join(WAKE_UP.toMillis());
        assertThat(closer.isAlive()).isFalse();
      }
      assertThat(pair.bound().isClosed()).isTrue();
      assertThat(pair.connected().isClosed()).isTrue();
    }
  }

  @Test
  void closeWakesEveryBlockedSendAndReceiveAtOnce() throws InterruptedException {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket socket = waitsForever(pair.bound());
      pair.connected().close(); // no peer: sends wait for one, receives wait for a message
      List<BlockedCall> blocked = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        blocked.add(BlockedCall.start("sender-" + i, () -> socket.send(bytes("never sent"))));
        blocked.add(BlockedCall.start("receiver-" + i, socket::receive));
        blocked.add(BlockedCall.start("message-receiver-" + i, socket::receiveMessage));
      }
      awaitAllWaiting(blocked);

      socket.close();

      for (BlockedCall call : blocked) {
        call.assertEndedWith(SocketClosedException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Protocol.class,
      names = {"PUB", "PUSH"},
      mode = EnumSource.Mode.EXCLUDE)
  void closeWakesABlockedReceiveOnEverySocketTypeThatReceives(Protocol protocol)
      throws InterruptedException {
    try (SocketPair pair = SocketPair.open(protocol, protocol.peer())) {
      Socket socket = waitsForever(pair.bound());
      if (protocol == Protocol.SURVEYOR) {
        socket.set(Options.SURVEY_DEADLINE, Duration.ofHours(1));
      }
      if (protocol == Protocol.REQ || protocol == Protocol.SURVEYOR) {
        socket.send(bytes("a question nobody answers"));
      }
      List<BlockedCall> blocked =
          List.of(
              BlockedCall.start("receiver-1", socket::receive),
              BlockedCall.start("receiver-2", socket::receive));
      awaitAllWaiting(blocked);

      socket.close();

      for (BlockedCall call : blocked) {
        call.assertEndedWith(SocketClosedException.class);
      }
    }
  }

  @Test
  void pendingAsyncCallsFailAsClosed() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket socket = waitsForever(pair.bound());
      pair.connected().close();
      List<CompletableFuture<?>> pending = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pending.add(socket.sendAsync(Message.of(bytes("never sent"))));
        pending.add(socket.receiveAsync());
      }
      assertThat(pending).noneMatch(CompletableFuture::isDone);

      socket.close();

      pending.forEach(CloseTest::assertFailsAsClosed);
    }
  }

  @Test
  void closingAPeerWakesNobodyButTheSocketStaysUsable() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      CompletableFuture<Message> waiting = pair.bound().receiveAsync();
      pair.connected().close();
      assertThat(waiting).isNotDone();
      Socket another = pair.connectAnother(Protocol.PUSH);
      another.send(bytes("still listening"));
      assertThat(waiting)
          .succeedsWithin(WAKE_UP)
          .extracting(m -> SocketPair.text(m.body()))
          .isEqualTo("still listening");
    }
  }

  /** Unbounded send and receive waits (SocketPair bounds them by default). */
  private static Socket waitsForever(Socket socket) {
    return socket.set(Options.RECEIVE_TIMEOUT, null).set(Options.SEND_TIMEOUT, null);
  }

  private static void assertFailsAsClosed(CompletableFuture<?> future) {
    assertThat(future)
        .failsWithin(WAKE_UP)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(SocketClosedException.class);
  }

  private static void awaitAllWaiting(List<BlockedCall> blocked) {
    await().atMost(WAKE_UP).until(() -> blocked.stream().allMatch(BlockedCall::isWaiting));
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, "test-" + name);
    thread.setDaemon(true);
    return thread;
  }
}
