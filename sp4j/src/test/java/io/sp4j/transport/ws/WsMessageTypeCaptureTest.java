package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * WS-OPT-2: WS_MESSAGE_TYPE is taken by a connection when it is made; changing the socket's value
 * later changes only connections made afterwards (the listener's next accepted one).
 */
class WsMessageTypeCaptureTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Socket open(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    socket.set(Options.RECEIVE_TIMEOUT, WAIT);
    socket.set(Options.SEND_TIMEOUT, WAIT);
    return socket;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void eachConnectionKeepsTheTypeItWasMadeWith() {
    try (Socket server = open(Protocol.PAIR)) {
      int port = server.bind("ws://127.0.0.1:0/t").port();
      try (Socket first = open(Protocol.PAIR)) {
        first.connect("ws://127.0.0.1:" + port + "/t");
        first.send(ascii("up")); // the connection exists from here on
        assertThat(server.receiveMessage().type()).contains(MessageType.BINARY);
        server.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
        first.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
        server.send(ascii("old listener connection"));
        assertThat(first.receiveMessage().type())
            .as("accepted before the change")
            .contains(MessageType.BINARY);
        first.send(ascii("old dialer connection"));
        assertThat(server.receiveMessage().type())
            .as("dialed before the change")
            .contains(MessageType.BINARY);
      }
      try (Socket second = open(Protocol.PAIR)) {
        second.connect("ws://127.0.0.1:" + port + "/t");
        second.send(ascii("up"));
        assertThat(server.receiveMessage().type()).contains(MessageType.BINARY);
        server.send(ascii("new listener connection"));
        assertThat(second.receiveMessage().type())
            .as("accepted after the change")
            .contains(MessageType.TEXT);
      }
    }
  }

  @Test
  void aDialerKeepsTheTypeItWasMadeWithAcrossReconnects() {
    Socket server = open(Protocol.PAIR);
    int port = server.bind("ws://127.0.0.1:0/r").port();
    try (Socket client = open(Protocol.PAIR)) {
      client.connect("ws://127.0.0.1:" + port + "/r");
      client.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT); // after connect: not this dialer's
      client.send(ascii("first"));
      assertThat(server.receiveMessage().type()).contains(MessageType.BINARY);
      server.close();
      try (Socket again = open(Protocol.PAIR)) {
        again.bind("ws://127.0.0.1:" + port + "/r");
        again.set(Options.RECEIVE_TIMEOUT, Duration.ofMillis(200));
        // A send can still go to the old connection before the client sees it drop: send
        // again until one arrives over the new one.
        AtomicReference<Message> received = new AtomicReference<>();
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  client.send(ascii("after the reconnect"));
                  receiveOrEmpty(again).ifPresent(received::set);
                  return received.get() != null;
                });
        assertThat(received.get().body()).isEqualTo(ascii("after the reconnect"));
        assertThat(received.get().type())
            .as("dialed before the change")
            .contains(MessageType.BINARY);
      }
    }
  }

  private static java.util.Optional<Message> receiveOrEmpty(Socket socket) {
    try {
      return java.util.Optional.of(socket.receiveMessage());
    } catch (io.sp4j.SpTimeoutException e) {
      return java.util.Optional.empty();
    }
  }
}
