package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** PAIR over {@code inproc://}: one peer at a time. */
class PairTest {

  @Test
  void aSecondPeerIsRefusedAndItsMessagesNeverArrive() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket intruder = pair.connectAnother(Socket.open(Protocol.PAIR),
          s -> s.set(Options.RECONNECT_INTERVAL, Duration.ofHours(1))); // no retry during the test

      assertThat(intruder.trySend(Message.of(bytes("intruder")))).as("refused: no peer to send to").isFalse();
      pair.connected().send(bytes("first"));
      pair.connected().send(bytes("marker"));

      assertThat(receiveText(pair.bound())).isEqualTo("first");
      assertThat(receiveText(pair.bound())).isEqualTo("marker");
      assertThat(pair.bound().tryReceive()).isEmpty();
    }
  }

  @Test
  void theRefusedPeerLinksOnceTheFirstLeaves() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket second = pair.connectAnother(Socket.open(Protocol.PAIR),
          s -> s.set(Options.RECONNECT_INTERVAL, Duration.ofMillis(10)));
      assertThat(second.trySend(Message.of(bytes("too early")))).isFalse();

      pair.connected().close();

      await().atMost(SocketPair.PATIENCE).until(() -> second.trySend(Message.of(bytes("now"))));
      assertThat(receiveText(pair.bound())).isEqualTo("now");
      pair.bound().send(bytes("welcome"));
      assertThat(receiveText(second)).isEqualTo("welcome");
    }
  }

  @Test
  void aSendWithNoPeerWaitsForOne() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket lonely = pair.bound();
      pair.connected().close();
      lonely.set(Options.SEND_TIMEOUT, Duration.ofMillis(20));
      assertThat(lonely.trySend(Message.of(bytes("x")))).isFalse();
      assertThatThrownBy(() -> lonely.send(bytes("x")))
          .isInstanceOfSatisfying(SpTimeoutException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));

      lonely.set(Options.SEND_TIMEOUT, SocketPair.PATIENCE);
      CompletableFuture<Void> waiting = lonely.sendAsync(Message.of(bytes("hello, newcomer")));
      assertThat(waiting).isNotDone();
      Socket newcomer = pair.connectAnother(Protocol.PAIR);

      assertThat(waiting).succeedsWithin(SocketPair.PATIENCE);
      assertThat(receiveText(newcomer)).isEqualTo("hello, newcomer");
    }
  }
}
