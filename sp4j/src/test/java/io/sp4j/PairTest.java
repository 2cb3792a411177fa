package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.transport.stream.RawPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** PAIR over {@code inproc://} (and a tcp intruder): one peer at a time. */
class PairTest {
  private static final int PAIR_PROTOCOL = 16;

  /**
   * A second peer really connects (over tcp, a hand-driven one: the greetings are exchanged) and
   * PAIR closes it; the message it sent with its greeting never arrives, while the first peer goes
   * on.
   */
  @Test
  void aSecondPeerIsClosedAfterTheGreetingsAndItsMessageNeverArrives() throws IOException {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Endpoint tcp = pair.bound().bind("tcp://127.0.0.1:0");
      try (RawPeer intruder =
          RawPeer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.port()))) {
        byte[] message = bytes("intruder");
        intruder.write(
            ByteBuffer.allocate(8 + 8 + message.length)
                .put(RawPeer.greeting(PAIR_PROTOCOL))
                .putLong(message.length)
                .put(message)
                .array());
        assertThat(intruder.read(8, SocketPair.PATIENCE))
            .as("PAIR's greeting: connected")
            .isEqualTo(RawPeer.greeting(PAIR_PROTOCOL));
        assertThat(intruder.closedWithin(SocketPair.PATIENCE))
            .as("PAIR closes a second peer")
            .isTrue();
      }
      // Closed: anything the intruder's connection delivered is queued ahead of this.
      pair.connected().send(bytes("first"));
      assertThat(receiveText(pair.bound())).isEqualTo("first");
      pair.bound().send(bytes("still paired"));
      assertThat(receiveText(pair.connected())).isEqualTo("still paired");
    }
  }

  @Test
  void theRefusedPeerLinksOnceTheFirstLeaves() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket second =
          pair.connectAnother(
              Socket.open(Protocol.PAIR),
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
          .isInstanceOfSatisfying(
              SpTimeoutException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));

      lonely.set(Options.SEND_TIMEOUT, SocketPair.PATIENCE);
      CompletableFuture<Void> waiting = lonely.sendAsync(Message.of(bytes("hello, newcomer")));
      assertThat(waiting).isNotDone();
      Socket newcomer = pair.connectAnother(Protocol.PAIR);

      assertThat(waiting).succeedsWithin(SocketPair.PATIENCE);
      assertThat(receiveText(newcomer)).isEqualTo("hello, newcomer");
    }
  }
}
