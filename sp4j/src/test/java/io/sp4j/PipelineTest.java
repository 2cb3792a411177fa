package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** PUSH/PULL over {@code inproc://}. */
class PipelineTest {

  @Test
  void pushDealsRoundRobinAcrossThePulls() {
    try (SocketPair pair = SocketPair.open(Protocol.PUSH, Protocol.PULL)) {
      Socket push = pair.bound();
      List<Socket> pulls =
          List.of(
              pair.connected(),
              pair.connectAnother(Protocol.PULL),
              pair.connectAnother(Protocol.PULL));
      for (int i = 0; i < 12; i++) {
        push.send(bytes(Integer.toString(i)));
      }
      List<Integer> firsts = new ArrayList<>();
      for (Socket pull : pulls) {
        int first = Integer.parseInt(receiveText(pull));
        firsts.add(first);
        for (int next = first + 3; next < 12; next += 3) {
          assertThat(Integer.parseInt(receiveText(pull))).isEqualTo(next);
        }
      }
      assertThat(firsts).containsExactlyInAnyOrder(0, 1, 2);
      // One more round: a message dealt twice would be on its pipe ahead of the marker.
      for (int i = 0; i < pulls.size(); i++) {
        push.send(bytes("marker"));
      }
      for (Socket pull : pulls) {
        assertThat(receiveText(pull)).isEqualTo("marker");
      }
    }
  }

  @Test
  void aWaitingPushGoesOutWhenAPullLinks() {
    try (SocketPair pair = SocketPair.open(Protocol.PUSH, Protocol.PULL)) {
      Socket push = pair.bound();
      pair.connected().close();
      CompletableFuture<Void> sending = push.sendAsync(Message.of(bytes("held")));
      assertThat(sending).isNotDone();

      Socket late = pair.connectAnother(Protocol.PULL);

      assertThat(sending).succeedsWithin(SocketPair.PATIENCE);
      assertThat(receiveText(late)).isEqualTo("held");
    }
  }

  @Test
  void aFullPullStopsThePushUntilItIsRead() {
    Socket pull = Socket.open(Protocol.PULL).set(Options.RECEIVE_BUFFER, 64);
    try (SocketPair pair = SocketPair.open(Socket.open(Protocol.PUSH), pull)) {
      Socket push = pair.bound();
      int sent = 0;
      while (sent < 10_000 && push.trySend(Message.of(bytes("12345678")))) {
        sent++;
      }
      assertThat(sent).as("back-pressure stops the PUSH").isBetween(1, 9_999);

      for (int i = 0; i < sent; i++) {
        assertThat(receiveText(pull)).isEqualTo("12345678");
      }
      assertThat(push.trySend(Message.of(bytes("room again")))).isTrue();
      assertThat(receiveText(pull)).isEqualTo("room again");
    }
  }

  @Test
  void whatWasPushedBeforeCloseStillArrives() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      for (int i = 0; i < 100; i++) {
        pair.connected().send(bytes("m" + i));
      }
      pair.connected().close();
      for (int i = 0; i < 100; i++) {
        assertThat(receiveText(pair.bound())).isEqualTo("m" + i);
      }
    }
  }

  @Test
  void pushCannotReceiveAndPullCannotSend() {
    try (SocketPair pair = SocketPair.open(Protocol.PUSH, Protocol.PULL)) {
      assertThatThrownBy(() -> pair.bound().receive())
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
      assertThatThrownBy(() -> pair.connected().send(bytes("back")))
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
    }
  }
}
