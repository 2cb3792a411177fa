package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WS-URL-13: an address over 127 characters is ENAMETOOLONG, for every scheme, bind and connect.
 */
class AddressLengthTest {

  private static String padded(String prefix, int length) {
    return prefix + "x".repeat(length - prefix.length());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"inproc://", "ws://127.0.0.1:5555/", "wss://127.0.0.1:5555/", "nosuch://"})
  void addressOf128CharactersIsTooLong(String prefix) {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      String url = padded(prefix, 128);
      assertThatThrownBy(() -> socket.bind(url))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENAMETOOLONG));
      assertThatThrownBy(() -> socket.connect(url))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENAMETOOLONG));
    }
  }

  @Test
  void addressOf127CharactersIsAccepted() {
    try (Socket bound = Socket.open(Protocol.PAIR);
        Socket connected = Socket.open(Protocol.PAIR)) {
      String url = padded("inproc://length-", 127);
      bound.bind(url);
      connected.connect(url);
      connected.send(new byte[] {1});
      bound.set(Options.RECEIVE_TIMEOUT, SocketPair.PATIENCE);
      assertThat(bound.receive()).containsExactly(1);
    }
  }
}
