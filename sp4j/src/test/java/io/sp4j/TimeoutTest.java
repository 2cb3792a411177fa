package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Send and receive timeouts: never early, and over within a generous bound (no tight timing:
 * machines under load are slow, never fast).
 */
class TimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  @Test
  void aReceiveTimesOutNotBeforeItsTimeout() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, TIMEOUT);
      long start = System.nanoTime();
      assertThatThrownBy(pull::receive)
          .isInstanceOfSatisfying(SpTimeoutException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, GENEROUS);
      // The socket is fine afterwards.
      pair.connected().send(bytes("after the timeout"));
      assertThat(SocketPair.receiveText(pull)).isEqualTo("after the timeout");
    }
  }

  @Test
  void anAsyncReceiveTimesOutNotBeforeItsTimeout() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, TIMEOUT);
      long start = System.nanoTime();
      CompletableFuture<Message> receiving = pull.receiveAsync();
      assertThat(receiving).failsWithin(GENEROUS)
          .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(SpTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, GENEROUS);
    }
  }

  @Test
  void anAsyncSendTimesOutWhenNoPeerTakesIt() {
    try (SocketPair pair = SocketPair.open(Protocol.PUSH, Protocol.PULL)) {
      Socket push = pair.bound().set(Options.SEND_TIMEOUT, TIMEOUT);
      pair.connected().close();
      long start = System.nanoTime();
      assertThat(push.sendAsync(Message.of(bytes("nobody")))).failsWithin(GENEROUS)
          .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(SpTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT, GENEROUS);
      // A timed-out send is gone: a PULL linking now gets nothing.
      Socket late = pair.connectAnother(Protocol.PULL);
      push.send(bytes("the next one"));
      assertThat(SocketPair.receiveText(late)).isEqualTo("the next one");
    }
  }

  @Test
  void aZeroTimeoutNeverWaits() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, Duration.ZERO);
      assertThatThrownBy(pull::receive).isInstanceOf(SpTimeoutException.class);
      pair.connected().send(bytes("there now"));
      assertThat(SocketPair.receiveText(pull)).isEqualTo("there now");
    }
  }

  @Test
  void aMessageArrivingDuringTheWaitEndsIt() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, GENEROUS);
      BlockedCall receiver = BlockedCall.start("timed-receiver", () -> SocketPair.receiveText(pull));
      await().atMost(GENEROUS).until(receiver::isWaiting);
      pair.connected().send(bytes("just in time"));
      receiver.assertReturned("just in time");
    }
  }
}
