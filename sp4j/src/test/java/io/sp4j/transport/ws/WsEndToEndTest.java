package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import io.sp4j.SpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sp4j to sp4j over ws://, every protocol pair, on IPv4 and IPv6 loopback. */
class WsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void closeAll() {
    sockets.forEach(Socket::close);
  }

  private Socket open(Protocol protocol) {
    Socket socket = Socket.open(protocol);
    socket.set(Options.RECEIVE_TIMEOUT, WAIT);
    socket.set(Options.SEND_TIMEOUT, WAIT);
    sockets.add(socket);
    return socket;
  }

  /** Binds on port 0 of {@code host} and returns the URL a dialer uses. */
  private static String bindAny(Socket socket, String host, String path) {
    Endpoint endpoint = socket.bind("ws://" + host + ":0" + path);
    assertThat(endpoint.port()).isPositive();
    return "ws://" + host + ":" + endpoint.port() + path;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "req/rep on {0}")
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void reqRep(String host) {
    Socket rep = open(Protocol.REP);
    Socket req = open(Protocol.REQ);
    req.connect(bindAny(rep, host, "/app"));
    for (int i = 0; i < 10; i++) {
      req.send(bytes("ping " + i));
      assertThat(new String(rep.receive(), StandardCharsets.UTF_8)).isEqualTo("ping " + i);
      rep.send(bytes("pong " + i));
      assertThat(new String(req.receive(), StandardCharsets.UTF_8)).isEqualTo("pong " + i);
    }
  }
}
