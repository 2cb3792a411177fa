package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static io.sp4j.SocketPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
      assertThat(receiveAllUntil(sub, "end")).containsExactly("twice subscribed, once taken back", "end 1");

      sub.set(Options.UNSUBSCRIBE, bytes("t"));
      pub.send(bytes("tail"));
      pub.send(bytes("end 2"));
      assertThat(receiveAllUntil(sub, "end")).containsExactly("end 2");

      assertThatThrownBy(() -> sub.set(Options.UNSUBSCRIBE, bytes("t")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNSUBSCRIBE");
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
      assertThat(List.of(receiveText(sports), receiveText(sports))).containsExactly("sport: 1-0", "sport: 2-2");
      // Per-pipe order: once the last message reached the others, nothing more is on its way.
      assertThat(none.tryReceive()).isEmpty();
      assertThat(sports.tryReceive()).isEmpty();
    }
  }

  @Test
  void pubNeverBlocksASlowSubscriberLosesMessagesTheOthersLoseNone() {
    int count = 10_000;
    Socket pub = Socket.open(Protocol.PUB).set(Options.SEND_TIMEOUT, Duration.ZERO);
    Socket fast = Socket.open(Protocol.SUB)
        .set(Options.RECEIVE_BUFFER, 64 * 1024 * 1024)
        .set(Options.SUBSCRIBE, new byte[0]);
    try (SocketPair pair = SocketPair.open(pub, fast)) {
      Socket slow = pair.connectAnother(Socket.open(Protocol.SUB), s -> s
          .set(Options.RECEIVE_BUFFER, 16)
          .set(Options.SUBSCRIBE, new byte[0]));

      // SEND_TIMEOUT is zero: a send that had to wait for the slow subscriber would fail.
      for (int i = 0; i < count; i++) {
        pub.send(bytes(String.format("message %05d", i)));
      }

      for (int i = 0; i < count; i++) {
        assertThat(receiveText(fast)).isEqualTo(String.format("message %05d", i));
      }
      List<String> slowGot = new ArrayList<>();
      Optional<Message> message;
      while (slowGot.size() <= count && (message = slow.tryReceive()).isPresent()) {
        slowGot.add(text(message.get().body()));
      }
      assertThat(slowGot).isNotEmpty().hasSizeLessThan(count).isSorted();
    }
  }

  @Test
  void pubCannotReceiveAndSubCannotSend() {
    try (SocketPair pair = SocketPair.open(Protocol.PUB, Protocol.SUB)) {
      assertThatThrownBy(() -> pair.bound().receive())
          .isInstanceOfSatisfying(ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
      assertThatThrownBy(() -> pair.connected().send(bytes("up")))
          .isInstanceOfSatisfying(ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
    }
  }

  /** Receives until a message starting with {@code last} (included); bounded by the socket's timeout. */
  static List<String> receiveAllUntil(Socket sub, String last) {
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String news = receiveText(sub);
      got.add(news);
      if (news.startsWith(last)) {
        assertThat(sub.tryReceive()).as("nothing after the marker").isEmpty();
        return got;
      }
    }
    throw new AssertionError("no marker '" + last + "' within 1000 messages: " + got);
  }
}
