package io.sp4j.transport.inproc;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SocketPair;
import io.sp4j.SpException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code inproc://}: names, binding, linking, unlinking. */
class InprocTransportTest {

  @Test
  void aConnectBeforeTheBindLinksWhenTheBindComes() {
    String url = SocketPair.uniqueUrl();
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket early = pair.connectAnother(Protocol.PULL);
      early.connect(url); // nothing is bound there yet
      Socket push = SocketPair.patient(Socket.open(Protocol.PUSH));
      try (push) {
        push.bind(url);
        push.send(bytes("you were here first"));
        assertThat(receiveText(early)).isEqualTo("you were here first");
      }
    }
  }

  @Test
  void aSecondBindToTheSameNameIsAddressInUseUntilTheFirstGoes() {
    try (SocketPair pair = SocketPair.open(Protocol.PAIR, Protocol.PAIR)) {
      Socket other = pair.connectAnother(Protocol.PAIR);
      assertThatThrownBy(() -> other.bind(pair.url()))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
      assertThatThrownBy(() -> pair.bound().bind(pair.url()))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));

      pair.bound().close();
      Endpoint rebound = other.bind(pair.url());
      assertThat(rebound.isBound()).isTrue();
      assertThat(rebound.url()).isEqualTo(pair.url());
      assertThat(rebound.port()).isEqualTo(-1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo://x", "tcpx://127.0.0.1:5555", "wss+nothing://host/"})
  void anUnknownSchemeIsProtocolNotSupported(String url) {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      assertThatThrownBy(() -> socket.bind(url))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPROTONOSUPPORT));
      assertThatThrownBy(() -> socket.connect(url))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EPROTONOSUPPORT));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"inproc:/name", "inproc-name", "", "://name", "inproc://"})
  void aMalformedAddressIsAnIllegalArgument(String url) {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      assertThatThrownBy(() -> socket.bind(url)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> socket.connect(url)).isInstanceOf(IllegalArgumentException.class);
      assertThat(socket.isClosed()).as("the socket is still usable").isFalse();
    }
  }

  @Test
  void closingOneEndpointLeavesTheSocketsOtherLinksUp() {
    Socket bound = Socket.open(Protocol.PAIR);
    Socket dialer =
        Socket.open(Protocol.PAIR).set(Options.RECONNECT_INTERVAL, Duration.ofMillis(10));
    try (SocketPair pair = SocketPair.open(bound, dialer)) {
      Message ping = Message.of(bytes("ping"));
      assertThat(dialer.trySend(ping)).isTrue();
      assertThat(receiveText(bound)).isEqualTo("ping");

      Endpoint listener = bound.bind(SocketPair.uniqueUrl()); // a second endpoint, to close alone
      listener.close();
      assertThat(listener.isClosed()).isTrue();
      listener.close(); // twice does nothing
      assertThat(dialer.trySend(ping)).as("the other endpoint still links them").isTrue();
      assertThat(receiveText(bound)).isEqualTo("ping");
    }
  }

  @Test
  void closingTheListenerLikeNnShutdownDisconnectsAndTheDialerRelinksAfterARebind() {
    Socket dialer =
        Socket.open(Protocol.PAIR).set(Options.RECONNECT_INTERVAL, Duration.ofMillis(10));
    try (SocketPair pair = SocketPair.open(Socket.open(Protocol.PAIR), dialer)) {
      Socket listenerSide = pair.bound();
      assertThat(dialer.trySend(Message.of(bytes("one")))).isTrue();
      assertThat(receiveText(listenerSide)).isEqualTo("one");

      pair.listener().close();

      assertThat(pair.listener().isClosed()).isTrue();
      assertThat(listenerSide.isClosed()).as("only the endpoint closes").isFalse();
      assertThat(dialer.trySend(Message.of(bytes("into the void")))).isFalse();
      assertThat(listenerSide.trySend(Message.of(bytes("into the void")))).isFalse();

      Endpoint again = listenerSide.bind(pair.url());
      await().atMost(SocketPair.PATIENCE).until(() -> dialer.trySend(Message.of(bytes("two"))));
      assertThat(receiveText(listenerSide)).isEqualTo("two");
      assertThat(again.isClosed()).isFalse();
    }
  }

  @Test
  void closingTheDialerDisconnectsForGood() {
    Socket dialer =
        Socket.open(Protocol.PAIR).set(Options.RECONNECT_INTERVAL, Duration.ofMillis(1));
    try (SocketPair pair = SocketPair.open(Socket.open(Protocol.PAIR), dialer)) {
      assertThat(dialer.trySend(Message.of(bytes("hi")))).isTrue();
      assertThat(receiveText(pair.bound())).isEqualTo("hi");

      pair.dialer().close();
      pair.dialer().close(); // twice does nothing

      assertThat(pair.dialer().isClosed()).isTrue();
      assertThat(dialer.isClosed()).isFalse();
      assertThat(dialer.trySend(Message.of(bytes("gone")))).isFalse();
      // The listener's one PAIR place is free, and a newcomer (not the closed dialer) takes it.
      Socket newcomer = pair.connectAnother(Protocol.PAIR);
      assertThat(newcomer.trySend(Message.of(bytes("my turn")))).isTrue();
      assertThat(receiveText(pair.bound())).isEqualTo("my turn");
      assertThat(dialer.trySend(Message.of(bytes("still gone")))).isFalse();
    }
  }

  @Test
  void messagesCrossByReference() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      byte[] body = bytes("not copied");
      pair.connected().send(body);
      assertThat(pair.bound().receive()).isSameAs(body);
    }
  }

  @Test
  void aPeerOfTheWrongProtocolIsRefused() {
    try (SocketPair pair = SocketPair.open(Protocol.PULL, Protocol.PUSH)) {
      // A PAIR can send only with a peer, and an inproc connect links before it returns: the
      // refusal shows at the PAIR itself.
      Socket wrong = pair.connectAnother(Socket.open(Protocol.PAIR), s -> {});
      assertThat(wrong.trySend(Message.of(bytes("pair to pull"))))
          .as("no pipe to the PULL")
          .isFalse();
      pair.connected().send(bytes("push to pull"));
      assertThat(receiveText(pair.bound())).isEqualTo("push to pull");
    }
  }
}
