package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Calls that have to wait stand in one line each way, blocking and asynchronous alike: they get
 * their turn in the order they came, and a call that stops waiting (interrupted, cancelled) leaves
 * the line without taking anything. The sockets run on a clock that never moves, so no timeout ends
 * a call here.
 */
class WaitingCallsTest {
  private final ManualTime time = new ManualTime();

  private static BlockedCall parked(String name, java.util.concurrent.Callable<?> call) {
    BlockedCall blocked = BlockedCall.start(name, call);
    await().atMost(BlockedCall.DEADLINE).until(blocked::isWaiting);
    return blocked;
  }

  private static String text(CompletableFuture<Message> received) {
    assertThat(received).succeedsWithin(BlockedCall.DEADLINE);
    return SocketPair.text(received.join().body());
  }

  @Test
  void blockingAndAsyncReceivesAreServedInTheOrderTheyCame() {
    try (SocketPair pair =
        SocketPair.open(ManualTimeSockets.open(Protocol.PULL, time), Socket.open(Protocol.PUSH))) {
      Socket pull = pair.bound();
      CompletableFuture<Message> first = pull.receiveAsync();
      BlockedCall second = parked("second", () -> receiveText(pull));
      CompletableFuture<Message> third = pull.receiveAsync();

      for (String body : new String[] {"1", "2", "3"}) {
        pair.connected().send(bytes(body));
      }

      assertThat(text(first)).isEqualTo("1");
      second.assertReturned("2");
      assertThat(text(third)).isEqualTo("3");
    }
  }

  @Test
  void blockingAndAsyncSendsGoOutInTheOrderTheyCame() {
    try (SocketPair pair =
        SocketPair.open(ManualTimeSockets.open(Protocol.PUSH, time), Socket.open(Protocol.PULL))) {
      Socket push = pair.bound();
      pair.connected().close(); // no peer: every send waits
      CompletableFuture<Void> first = push.sendAsync(Message.of(bytes("a")));
      BlockedCall second = BlockedCall.start("second", () -> push.send(bytes("b")));
      await().atMost(BlockedCall.DEADLINE).until(second::isWaiting);
      CompletableFuture<Void> third = push.sendAsync(Message.of(bytes("c")));

      Socket pull = pair.connectAnother(Protocol.PULL);

      assertThat(first).succeedsWithin(BlockedCall.DEADLINE);
      second.assertReturned("returned");
      assertThat(third).succeedsWithin(BlockedCall.DEADLINE);
      assertThat(receiveText(pull) + receiveText(pull) + receiveText(pull)).isEqualTo("abc");
    }
  }

  @Test
  void anInterruptedReceiveEndsWithEintrAndLeavesTheLine() {
    try (SocketPair pair =
        SocketPair.open(ManualTimeSockets.open(Protocol.PULL, time), Socket.open(Protocol.PUSH))) {
      Socket pull = pair.bound();
      AtomicReference<Thread> receiving = new AtomicReference<>();
      BlockedCall interrupted =
          parked(
              "interrupted",
              () -> {
                receiving.set(Thread.currentThread());
                try {
                  return pull.receive();
                } catch (SpException e) {
                  return e.errno()
                      + (Thread.currentThread().isInterrupted() ? " and still interrupted" : "");
                }
              });
      CompletableFuture<Message> next = pull.receiveAsync();

      receiving.get().interrupt();
      interrupted.assertReturned(Errno.EINTR + " and still interrupted");

      pair.connected().send(bytes("for the next in line"));
      assertThat(text(next)).isEqualTo("for the next in line");
    }
  }

  @Test
  void aCancelledAsyncReceiveGivesUpItsPlace() {
    try (SocketPair pair =
        SocketPair.open(ManualTimeSockets.open(Protocol.PULL, time), Socket.open(Protocol.PUSH))) {
      Socket pull = pair.bound();
      CompletableFuture<Message> cancelled = pull.receiveAsync();
      CompletableFuture<Message> next = pull.receiveAsync();

      cancelled.cancel(false);
      pair.connected().send(bytes("for the next in line"));

      assertThat(text(next)).isEqualTo("for the next in line");
    }
  }
}
