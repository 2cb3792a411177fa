package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static io.sp4j.SocketPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PUB/SUB over {@code inproc://}. */
class PubSubTest {

  @Test
  void aSubscriberGetsOnlyWhatStartsWithOneOfItsPrefixes() {
    try (SocketPair pair = SocketPair.open(Protocol.PUB, Protocol.SUB)) {
      Socket pub = pair.bound();
      Socket sub = pair.connected();
      sub.set(Options.SUBSCRIBE, bytes("a")).set(Options.SUBSCRIBE, bytes("bc"));
      sub.set(Options.SUBSCRIBE, bytes("end"));
      for (String news : List.of("apple", "banana", "bcd", "b", "", "xa", "bc", "end")) {
        pub.send(bytes(news));
      }
      assertThat(receiveAllUntil(sub, "end")).containsExactly("apple", "bcd", "bc", "end");
    }
  }

  @Test
  void subscriptionsAreCountedAndUnsubscribeTakesOneBack() {
    try (SocketPair pair = SocketPair.open(Protocol.PUB, Protocol.SUB)) {
      Socket pub = pair.bound();
      Socket sub = pair.connected();
      sub.set(Options.SUBSCRIBE, bytes("end"));
      sub.set(Options.SUBSCRIBE, bytes("t")).set(Options.SUBSCRIBE, bytes("t"));

      sub.set(Options.UNSUBSCRIBE, bytes("t"));
      pub.send(bytes("twice subscribed, once taken back"));
      pub.send(bytes("end 1"));
      assertThat(receiveAllUntil(sub, "end"))
          .containsExactly("twice subscribed, once taken back", "end 1");

      sub.set(Options.UNSUBSCRIBE, bytes("t"));
      pub.send(bytes("tail"));
      pub.send(bytes("end 2"));
      assertThat(receiveAllUntil(sub, "end")).containsExactly("end 2");

      assertThatThrownBy(() -> sub.set(Options.UNSUBSCRIBE, bytes("t")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UNSUBSCRIBE");
    }
  }

  @Test
  void withNoSubscriptionNothingIsDeliveredAndEveryoneGetsTheirOwnFilter() {
    try (SocketPair pair = SocketPair.open(Protocol.PUB, Protocol.SUB)) {
      Socket pub = pair.bound();
      Socket none = pair.connected();
      Socket everything = pair.connectAnother(Protocol.SUB).set(Options.SUBSCRIBE, new byte[0]);
      Socket sports = pair.connectAnother(Protocol.SUB).set(Options.SUBSCRIBE, bytes("sport"));
      for (String news : List.of("sport: 1-0", "weather: rain", "sport: 2-2")) {
        pub.send(bytes(news));
      }
      assertThat(List.of(receiveText(everything), receiveText(everything), receiveText(everything)))
          .containsExactly("sport: 1-0", "weather: rain", "sport: 2-2");
      // In order on each pipe: the weather, sent between them, would have come between them.
      assertThat(List.of(receiveText(sports), receiveText(sports)))
          .containsExactly("sport: 1-0", "sport: 2-2");
      // The subscriber with none gets a subscription and a marker: the marker, sent last on the
      // same pipe, is the first thing it receives only if the news before it were all dropped.
      none.set(Options.SUBSCRIBE, bytes("marker"));
      pub.send(bytes("marker"));
      assertThat(receiveText(none)).isEqualTo("marker");
    }
  }

  @Test
  void pubNeverBlocksASlowSubscriberLosesMessagesTheOthersLoseNone() {
    int count = 10_000;
    Socket pub = Socket.open(Protocol.PUB).set(Options.SEND_TIMEOUT, Duration.ZERO);
    Socket fast =
        Socket.open(Protocol.SUB)
            .set(Options.RECEIVE_BUFFER, 64 * 1024 * 1024)
            .set(Options.SUBSCRIBE, new byte[0]);
    try (SocketPair pair = SocketPair.open(pub, fast)) {
      Socket slow =
          pair.connectAnother(
              Socket.open(Protocol.SUB),
              s -> s.set(Options.RECEIVE_BUFFER, 16).set(Options.SUBSCRIBE, new byte[0]));

      // SEND_TIMEOUT is zero: a send that had to wait for the slow subscriber would fail.
      for (int i = 0; i < count; i++) {
        pub.send(bytes(String.format("message %05d", i)));
      }

      for (int i = 0; i < count; i++) {
        assertThat(receiveText(fast)).isEqualTo(String.format("message %05d", i));
      }
      // Everything the slow one got is ahead of a marker on its pipe: read until a marker comes
      // (publishing markers, since one sent while it is still full is missed too).
      List<String> slowGot = new ArrayList<>();
      await()
          .atMost(SocketPair.PATIENCE)
          .until(
              () -> {
                pub.send(bytes("marker"));
                while (slowGot.size() <= count) {
                  Optional<Message> message = slow.tryReceive();
                  if (message.isEmpty()) {
                    break;
                  }
                  String news = text(message.get().body());
                  if (news.equals("marker")) {
                    return true;
                  }
                  slowGot.add(news);
                }
                return false;
              });
      assertThat(slowGot)
          .isNotEmpty()
          .hasSizeLessThan(count)
          .isSorted()
          .allSatisfy(news -> assertThat(news).startsWith("message "));
    }
  }

  @Test
  void pubCannotReceiveAndSubCannotSend() {
    try (SocketPair pair = SocketPair.open(Protocol.PUB, Protocol.SUB)) {
      assertThatThrownBy(() -> pair.bound().receive())
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
      assertThatThrownBy(() -> pair.connected().send(bytes("up")))
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
    }
  }

  /**
   * Receives until a message starting with {@code last} (included), which the caller sends after
   * the others on the same pipe: what was dropped before it will not come later. Bounded by the
   * socket's timeout.
   */
  static List<String> receiveAllUntil(Socket sub, String last) {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String news = receiveText(sub);
      got.add(news);
      if (news.startsWith(last)) {
        return got;
      }
    }
    throw new AssertionError("no marker '" + last + "' within 1000 messages: " + got);
  }
}
