package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Send and receive timeouts, blocking and asynchronous, on a clock the test moves: a call ends with
 * ETIMEDOUT exactly when its timeout has passed, and not a nanosecond before (proved by what still
 * reaches it then). Real time only bounds how long the test waits for an outcome.
 */
class TimeoutTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final Duration JUST_BEFORE = TIMEOUT.minusNanos(1);
  private static final Duration OUTCOME_WITHIN = BlockedCall.DEADLINE;

  private final ManualTime time = new ManualTime();

  /** A PULL on the manual clock (bound) and a PUSH on the real one. */
  private SocketPair pullOnManualTime() {
    return SocketPair.open(
        ManualTimeSockets.open(Protocol.PULL, time).set(Options.RECEIVE_TIMEOUT, TIMEOUT),
        Socket.open(Protocol.PUSH));
  }

  /** A PUSH on the manual clock (bound) whose PULL has gone. */
  private SocketPair pushWithNoPeer() {
    SocketPair pair =
        SocketPair.open(
            ManualTimeSockets.open(Protocol.PUSH, time).set(Options.SEND_TIMEOUT, TIMEOUT),
            Socket.open(Protocol.PULL));
    pair.connected().close();
    return pair;
  }

  private BlockedCall parked(String name, Runnable call) {
    BlockedCall blocked = BlockedCall.start(name, call);
    await().atMost(OUTCOME_WITHIN).until(blocked::isWaiting);
    return blocked;
  }

  private BlockedCall parked(String name, java.util.concurrent.Callable<?> call) {
    BlockedCall blocked = BlockedCall.start(name, call);
    await().atMost(OUTCOME_WITHIN).until(blocked::isWaiting);
    return blocked;
  }

  @Test
  void aBlockedReceiveTimesOutWhenItsTimeoutHasPassed() {
    try (SocketPair pair = pullOnManualTime()) {
      Socket pull = pair.bound();
      BlockedCall receiver = parked("receiver", () -> SocketPair.receiveText(pull));
      assertThat(time.dueIn()).containsExactly(TIMEOUT);

      time.advance(TIMEOUT);

      receiver.assertEndedWith(SpTimeoutException.class);
      // The socket is fine afterwards.
      pair.connected().send(bytes("after the timeout"));
      assertThat(SocketPair.receiveText(pull)).isEqualTo("after the timeout");
    }
  }

  @Test
  void aBlockedReceiveStillTakesAMessageJustBeforeItsTimeout() {
    try (SocketPair pair = pullOnManualTime()) {
      Socket pull = pair.bound();
      BlockedCall receiver = parked("receiver", () -> SocketPair.receiveText(pull));

      time.advance(JUST_BEFORE);
      pair.connected().send(bytes("just in time"));

      receiver.assertReturned("just in time");
      assertThat(time.pending()).as("its timer cancelled").isZero();
    }
  }

  @Test
  void theTimeoutIsErrnoEtimedout() {
    try (SocketPair pair = pullOnManualTime()) {
      Socket pull = pair.bound();
      BlockedCall receiver =
          parked(
              "receiver",
              () -> {
                try {
                  return pull.receive();
                } catch (SpTimeoutException e) {
                  return e.errno();
                }
              });
      time.advance(TIMEOUT);
      receiver.assertReturned(Errno.ETIMEDOUT);
    }
  }

  @Test
  void anAsyncReceiveTimesOutWhenItsTimeoutHasPassed() {
    try (SocketPair pair = pullOnManualTime()) {
      CompletableFuture<Message> receiving = pair.bound().receiveAsync();
      assertThat(time.dueIn()).containsExactly(TIMEOUT);

      time.advance(TIMEOUT);

      assertThat(receiving)
          .failsWithin(OUTCOME_WITHIN)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(SpTimeoutException.class);
    }
  }

  @Test
  void anAsyncReceiveStillTakesAMessageJustBeforeItsTimeout() {
    try (SocketPair pair = pullOnManualTime()) {
      CompletableFuture<Message> receiving = pair.bound().receiveAsync();

      time.advance(JUST_BEFORE);
      pair.connected().send(bytes("just in time"));

      assertThat(receiving)
          .succeedsWithin(OUTCOME_WITHIN)
          .satisfies(
              message -> assertThat(SocketPair.text(message.body())).isEqualTo("just in time"));
    }
  }

  @Test
  void aBlockedSendTimesOutWhenNoPeerTakesIt() {
    try (SocketPair pair = pushWithNoPeer()) {
      Socket push = pair.bound();
      BlockedCall sender = parked("sender", () -> push.send(bytes("nobody")));

      time.advance(TIMEOUT);

      sender.assertEndedWith(SpTimeoutException.class);
      assertThat(push.trySend(Message.of(bytes("nobody")))).isFalse();
    }
  }

  @Test
  void aBlockedSendGoesOutWhenAPeerComesJustBeforeItsTimeout() {
    try (SocketPair pair = pushWithNoPeer()) {
      Socket push = pair.bound();
      BlockedCall sender = parked("sender", () -> push.send(bytes("waited")));

      time.advance(JUST_BEFORE);
      Socket late = pair.connectAnother(Protocol.PULL);

      sender.assertReturned("returned");
      assertThat(SocketPair.receiveText(late)).isEqualTo("waited");
    }
  }

  @Test
  void anAsyncSendTimesOutWhenNoPeerTakesIt() {
    try (SocketPair pair = pushWithNoPeer()) {
      Socket push = pair.bound();
      CompletableFuture<Void> sending = push.sendAsync(Message.of(bytes("nobody")));

      time.advance(TIMEOUT);

      assertThat(sending)
          .failsWithin(OUTCOME_WITHIN)
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(SpTimeoutException.class);
      // A timed-out send is gone: a PULL linking now gets nothing of it.
      Socket late = pair.connectAnother(Protocol.PULL);
      push.send(bytes("the next one"));
      assertThat(SocketPair.receiveText(late)).isEqualTo("the next one");
    }
  }

  @Test
  void anAsyncSendGoesOutWhenAPeerComesJustBeforeItsTimeout() {
    try (SocketPair pair = pushWithNoPeer()) {
      CompletableFuture<Void> sending = pair.bound().sendAsync(Message.of(bytes("waited")));

      time.advance(JUST_BEFORE);
      Socket late = pair.connectAnother(Protocol.PULL);

      assertThat(sending).succeedsWithin(OUTCOME_WITHIN);
      assertThat(SocketPair.receiveText(late)).isEqualTo("waited");
    }
  }

  @Test
  void aZeroTimeoutNeverWaits() {
    try (SocketPair pair = pullOnManualTime()) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, Duration.ZERO);
      assertThatThrownBy(pull::receive).isInstanceOf(SpTimeoutException.class);
      assertThat(time.pending()).as("no timer for a call that does not wait").isZero();
      pair.connected().send(bytes("there now"));
      assertThat(SocketPair.receiveText(pull)).isEqualTo("there now");
    }
  }

  @Test
  void noTimeoutWaitsWithNoTimer() {
    try (SocketPair pair = pullOnManualTime()) {
      Socket pull = pair.bound().set(Options.RECEIVE_TIMEOUT, null);
      BlockedCall receiver = parked("receiver", () -> SocketPair.receiveText(pull));
      assertThat(time.pending()).isZero();
      time.advance(Duration.ofDays(365));
      pair.connected().send(bytes("at last"));
      receiver.assertReturned("at last");
    }
  }
}
