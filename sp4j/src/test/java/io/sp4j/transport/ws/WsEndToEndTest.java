package io.sp4j.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import io.sp4j.SpException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A message if one is queued, as text, added to {@code got}; whether one was. */
  private static boolean tryReceiveInto(Socket socket, List<String> got) {
    return socket.tryReceive().map(m -> got.add(text(m.body()))).orElse(false);
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

  @Test
  void pubSub() {
    Socket pub = open(Protocol.PUB);
    Socket sub = open(Protocol.SUB);
    sub.set(Options.SUBSCRIBE, bytes("news"));
    sub.connect(bindAny(pub, "127.0.0.1", ""));
    // Published messages reach only a subscriber already joined: publish until one arrives.
    List<String> got = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              pub.send(bytes("weather: rain"));
              pub.send(bytes("news: hello"));
              return tryReceiveInto(sub, got);
            });
    pub.send(bytes("weather: sun"));
    pub.send(bytes("news: last"));
    // In order on the one connection: the weather sent before "news: last" would come before it.
    for (int i = 0; i < 1000 && !got.get(got.size() - 1).equals("news: last"); i++) {
      got.add(text(sub.receive()));
    }
    assertThat(got).last().isEqualTo("news: last");
    assertThat(got.subList(0, got.size() - 1)).isNotEmpty().containsOnly("news: hello");
  }

  @ParameterizedTest(name = "push/pull on {0}")
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void pushPull(String host) {
    Socket pull = open(Protocol.PULL);
    Socket push = open(Protocol.PUSH);
    push.connect(bindAny(pull, host, "/pipeline"));
    for (int i = 0; i < 1000; i++) {
      push.send(bytes("job " + i));
    }
    for (int i = 0; i < 1000; i++) {
      assertThat(new String(pull.receive(), StandardCharsets.UTF_8)).isEqualTo("job " + i);
    }
  }

  @ParameterizedTest(name = "pair on {0}")
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void pair(String host) {
    Socket a = open(Protocol.PAIR);
    Socket b = open(Protocol.PAIR);
    b.connect(bindAny(a, host, ""));
    b.send(bytes("from b"));
    assertThat(a.receive()).isEqualTo(bytes("from b"));
    a.send(bytes("from a"));
    assertThat(b.receive()).isEqualTo(bytes("from a"));
  }

  @ParameterizedTest(name = "surveyor/respondent on {0}")
  @ValueSource(strings = {"127.0.0.1", "[::1]"})
  void surveyorRespondent(String host) {
    Socket surveyor = open(Protocol.SURVEYOR);
    Socket respondent = open(Protocol.RESPONDENT);
    surveyor.set(Options.SURVEY_DEADLINE, WAIT);
    respondent.connect(bindAny(surveyor, host, "/survey"));
    // A survey reaches only a respondent already joined: survey until one arrives.
    List<String> got = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              surveyor.send(bytes("probe"));
              return tryReceiveInto(respondent, got);
            });
    surveyor.send(bytes("real"));
    for (int i = 0; i < 1000 && !got.get(got.size() - 1).equals("real"); i++) {
      got.add(text(respondent.receive()));
    }
    assertThat(got).last().isEqualTo("real");
    assertThat(got.subList(0, got.size() - 1)).isNotEmpty().containsOnly("probe");
    respondent.send(bytes("answer"));
    assertThat(text(surveyor.receive())).isEqualTo("answer");
  }

  @Test
  void busBothWays() {
    Socket hub = open(Protocol.BUS);
    Socket spoke = open(Protocol.BUS);
    spoke.connect(bindAny(hub, "127.0.0.1", ""));
    // BUS sends only to peers already joined: send until one arrives.
    List<String> atHub = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              spoke.send(bytes("hello hub"));
              return tryReceiveInto(hub, atHub);
            });
    hub.send(bytes("hello spoke")); // the pipe is up on both sides now
    assertThat(text(spoke.receive())).isEqualTo("hello spoke");
    spoke.send(bytes("bye hub"));
    for (int i = 0; i < 1000 && !atHub.get(atHub.size() - 1).equals("bye hub"); i++) {
      atHub.add(text(hub.receive()));
    }
    assertThat(atHub).last().isEqualTo("bye hub");
    assertThat(atHub.subList(0, atHub.size() - 1)).isNotEmpty().containsOnly("hello hub");
  }

  @Test
  void messagesOf200KibInBothDirections() {
    Socket server = open(Protocol.PAIR);
    Socket client = open(Protocol.PAIR);
    client.connect(bindAny(server, "127.0.0.1", "/big"));
    byte[] big = new byte[200 * 1024];
    new Random(42).nextBytes(big);
    client.send(big);
    assertThat(server.receive()).isEqualTo(big);
    server.send(big);
    assertThat(client.receive()).isEqualTo(big);
  }

  @Test
  void messageOverTheReceiveLimitDropsTheConnectionAndIsNeverDelivered() {
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_MAX_SIZE, 1000);
    Socket push = open(Protocol.PUSH);
    push.connect(bindAny(pull, "127.0.0.1", ""));
    push.send(new byte[1000]); // exactly the limit: accepted
    assertThat(pull.receive()).hasSize(1000);
    push.send(new byte[1001]);
    // The refusal closes the connection: whatever it delivered is queued by the time it is counted.
    await().atMost(WAIT).until(() -> pull.refusals().get(Refusal.MESSAGE_TOO_LARGE) == 1);
    // The dialer reconnects; small messages get through again (one may go into the closing
    // connection before the dialer sees it drop: send until one arrives), the big one never does.
    List<String> got = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              push.send(bytes("small"));
              return tryReceiveInto(pull, got);
            });
    assertThat(got).containsOnly("small");
  }

  @Test
  void twoSocketsShareOnePortByPath() {
    Socket repA = open(Protocol.REP);
    Socket repB = open(Protocol.REP);
    Endpoint a = repA.bind("ws://127.0.0.1:0/a");
    Endpoint b = repB.bind("ws://127.0.0.1:" + a.port() + "/b");
    assertThat(b.port()).isEqualTo(a.port());
    Socket reqA = open(Protocol.REQ);
    Socket reqB = open(Protocol.REQ);
    reqA.connect("ws://127.0.0.1:" + a.port() + "/a");
    reqB.connect("ws://127.0.0.1:" + a.port() + "/b/?q=1");
    reqA.send(bytes("to a"));
    reqB.send(bytes("to b"));
    assertThat(repA.receive()).isEqualTo(bytes("to a"));
    assertThat(repB.receive()).isEqualTo(bytes("to b"));
    repA.send(bytes("A"));
    repB.send(bytes("B"));
    assertThat(reqA.receive()).isEqualTo(bytes("A"));
    assertThat(reqB.receive()).isEqualTo(bytes("B"));
  }

  @Test
  void samePathTwiceIsAddressInUse() {
    Socket first = open(Protocol.REP);
    Socket second = open(Protocol.REP);
    Endpoint endpoint = first.bind("ws://127.0.0.1:0/same");
    assertThatThrownBy(() -> second.bind("ws://127.0.0.1:" + endpoint.port() + "/same/"))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
    Socket catchAll = open(Protocol.REP);
    catchAll.bind("ws://127.0.0.1:" + endpoint.port());
    assertThatThrownBy(() -> second.bind("ws://127.0.0.1:" + endpoint.port()))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
  }

  @Test
  void portTakenOutsideSp4jIsAddressInUse() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Socket rep = open(Protocol.REP);
      assertThatThrownBy(() -> rep.bind("ws://127.0.0.1:" + taken.getLocalPort() + "/x"))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
    }
  }

  @Test
  void listenerWithoutPathServesEveryPath() {
    Socket rep = open(Protocol.REP);
    Socket req = open(Protocol.REQ);
    req.connect(bindAny(rep, "127.0.0.1", "") + "/any/path?x=1");
    req.send(bytes("hi"));
    assertThat(rep.receive()).isEqualTo(bytes("hi"));
  }

  @Test
  void dialerReconnectsAfterTheListenerRestarts() {
    Socket rep = open(Protocol.REP);
    Socket req = open(Protocol.REQ);
    Endpoint endpoint = rep.bind("ws://127.0.0.1:0/restart");
    int port = endpoint.port();
    req.connect("ws://127.0.0.1:" + port + "/restart");
    req.send(bytes("one"));
    assertThat(rep.receive()).isEqualTo(bytes("one"));
    rep.send(bytes("1"));
    assertThat(req.receive()).isEqualTo(bytes("1"));

    rep.close();
    Socket again = open(Protocol.REP);
    again.bind("ws://127.0.0.1:" + port + "/restart");
    req.send(bytes("two"));
    assertThat(again.receive()).isEqualTo(bytes("two"));
    again.send(bytes("2"));
    assertThat(req.receive()).isEqualTo(bytes("2"));
  }

  @Test
  void textAndBinaryTypesArriveWithTheMessage() {
    Socket server = open(Protocol.PAIR);
    Socket client = open(Protocol.PAIR);
    client.connect(bindAny(server, "127.0.0.1", ""));
    client.send(bytes("binary by default"));
    assertThat(server.receiveMessage().type()).contains(MessageType.BINARY);
    client.send(Message.of(bytes("text per message")).withType(MessageType.TEXT));
    Message text = server.receiveMessage();
    assertThat(text.type()).contains(MessageType.TEXT);
    assertThat(text.body()).isEqualTo(bytes("text per message"));
    server.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT); // taken by connections made later
    client.set(Options.WS_MESSAGE_TYPE, MessageType.TEXT);
    assertThatThrownBy(() -> client.send(new byte[] {(byte) 0xff, 0x41}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(
            () ->
                client.send(
                    Message.of(new byte[] {(byte) 0xc0, (byte) 0x80}).withType(MessageType.TEXT)))
        .isInstanceOf(IllegalArgumentException.class);
    client.send(Message.of(new byte[] {(byte) 0xff}).withType(MessageType.BINARY));
    assertThat(server.receiveMessage().body()).containsExactly((byte) 0xff);
  }

  @Test
  void manyMessagesUnderBackPressureArriveInOrder() throws Exception {
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_BUFFER, 4096);
    Socket push = open(Protocol.PUSH);
    push.set(Options.SEND_BUFFER, 4096);
    push.connect(bindAny(pull, "127.0.0.1", ""));
    int count = 5000;
    CompletableFuture<Void> sender =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < count; i++) {
                push.send(bytes("message number " + i));
              }
            });
    for (int i = 0; i < count; i++) {
      assertThat(new String(pull.receive(), StandardCharsets.UTF_8))
          .isEqualTo("message number " + i);
    }
    sender.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void badAddressesAreRefusedNamingThePart() {
    Socket socket = open(Protocol.PAIR);
    assertThatThrownBy(() -> socket.connect("ws://127.0.0.1:0/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 0");
    assertThatThrownBy(() -> socket.connect("ws://127.0.0.1:65536/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
    assertThatThrownBy(() -> socket.bind("ws://127.0.0.1:http/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port 'http'");
    assertThatThrownBy(() -> socket.connect("ws://*:5555/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }
}
