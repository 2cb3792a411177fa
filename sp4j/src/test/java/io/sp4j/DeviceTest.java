package io.sp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceTest {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Socket socket(Protocol protocol, boolean raw) {
    Socket socket = raw ? Socket.openRaw(protocol) : Socket.open(protocol);
    open.add(socket);
    return socket;
  }

  private static String name() {
    return "inproc://device-" + NAMES.incrementAndGet();
  }

  /** client → [raw server | raw client] × hops → server; each device binds its front. */
  private Socket[] chain(int hops, Protocol client, Protocol server) {
    return chain(hops, socket(client, false), client, server);
  }

  /** The same, from a requester of the caller's making (e.g. raw). */
  private Socket[] chain(int hops, Socket requester, Protocol client, Protocol server) {
    String next = name();
    requester.connect(next);
    for (int i = 0; i < hops; i++) {
      Socket front = socket(server, true);
      Socket back = socket(client, true);
      front.bind(next);
      next = name();
      back.connect(next);
      open.add(Device.start(front, back));
    }
    Socket replier = socket(server, false);
    replier.bind(next);
    return new Socket[] {requester, replier};
  }

  @ParameterizedTest(name = "{0} device hops")
  @CsvSource({"1", "2", "3"})
  void requestsAndRepliesCrossAChainOfDevices(int hops) {
    Socket[] ends = chain(hops, Protocol.REQ, Protocol.REP);
    ends[0].send(bytes("ping"));
    assertThat(text(ends[1].receive())).isEqualTo("ping");
    ends[1].send(bytes("pong"));
    assertThat(text(ends[0].receive())).isEqualTo("pong");
  }

  @Test
  void surveysAndResponsesCrossADevice() {
    Socket[] ends = chain(2, Protocol.SURVEYOR, Protocol.RESPONDENT);
    ends[0].set(Options.SURVEY_DEADLINE, Duration.ofSeconds(10));
    ends[0].send(bytes("how many?"));
    assertThat(text(ends[1].receive())).isEqualTo("how many?");
    ends[1].send(bytes("3"));
    assertThat(text(ends[0].receive())).isEqualTo("3");
  }

  /**
   * A raw REQ sends its header as it is: with one hop word already on it, the two devices make it
   * four words at the server. A request sent after it with just its id (three words there) fits
   * either limit and travels behind it on every pipe, so it arrives first only if the deep one was
   * dropped.
   */
  @ParameterizedTest(
      name = "MAX_TTL {0} at the server, 4 header words after 2 hops: delivered = {1}")
  @CsvSource({"3, false", "4, true"})
  void theServerDropsRequestsWithMoreHopsThanMaxTtl(int maxTtl, boolean delivered) {
    Socket[] ends = chain(2, socket(Protocol.REQ, true), Protocol.REQ, Protocol.REP);
    ends[1].set(Options.MAX_TTL, maxTtl).set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
    ends[0].send(Message.of(words(7, 0x80000001), bytes("deep")));
    ends[0].send(Message.of(words(0x80000002), bytes("after")));
    if (delivered) {
      assertThat(text(ends[1].receive())).isEqualTo("deep");
    }
    assertThat(text(ends[1].receive())).isEqualTo("after");
  }

  private static byte[] words(int... words) {
    ByteBuffer header = ByteBuffer.allocate(4 * words.length);
    for (int word : words) {
      header.putInt(word);
    }
    return header.array();
  }

  @Test
  void aLoopbackBusDeviceRebroadcastsWithoutEcho() {
    Socket hub = socket(Protocol.BUS, true);
    String address = name();
    hub.bind(address);
    open.add(Device.start(hub));
    Socket a = socket(Protocol.BUS, false);
    Socket b = socket(Protocol.BUS, false);
    Socket c = socket(Protocol.BUS, false);
    for (Socket s : new Socket[] {a, b, c}) {
      s.connect(address);
      s.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
    }
    a.send(bytes("to all"));
    assertThat(text(b.receive())).isEqualTo("to all");
    assertThat(text(c.receive())).isEqualTo("to all");
    // The device took "to all" before b's answer: an echo to a would be ahead of it on a's pipe.
    b.send(bytes("from b"));
    assertThat(text(a.receive())).as("no echo of a's own message").isEqualTo("from b");
    assertThat(text(c.receive())).isEqualTo("from b");
  }

  @Test
  void pubSubDeviceForwardsOneWay() {
    Socket subscriberSide = socket(Protocol.SUB, true);
    Socket publisherSide = socket(Protocol.PUB, true);
    String in = name();
    String out = name();
    subscriberSide.set(Options.SUBSCRIBE, new byte[0]);
    subscriberSide.bind(in);
    publisherSide.bind(out);
    open.add(Device.start(subscriberSide, publisherSide));
    Socket pub = socket(Protocol.PUB, false);
    Socket sub = socket(Protocol.SUB, false);
    sub.set(Options.SUBSCRIBE, bytes("news"));
    pub.connect(in);
    sub.connect(out);
    pub.send(bytes("news: device works"));
    assertThat(text(sub.receive())).isEqualTo("news: device works");
  }

  @Test
  void aDeviceStopsWithSocketClosedWhenASocketCloses() throws Exception {
    Socket front = socket(Protocol.REP, true);
    Socket back = socket(Protocol.REQ, true);
    Device device = Device.start(front, back);
    open.add(device);
    back.close();
    assertThatThrownBy(device::await).isInstanceOf(SocketClosedException.class);
    assertThat(device.isStopped()).isTrue();
  }

  @Test
  void closingTheDeviceStopsItsThreadsAndLeavesTheSocketsOpen() throws Exception {
    Socket front = socket(Protocol.REP, true);
    Socket back = socket(Protocol.REQ, true);
    Device device = Device.start(front, back);
    device.close();
    await().atMost(Duration.ofSeconds(5)).until(device::isStopped);
    device.await();
    assertThat(front.isClosed()).isFalse();
    assertThat(back.isClosed()).isFalse();
  }

  @Test
  void devicesRefuseCookedSocketsAndUnrelatedProtocols() {
    assertThatThrownBy(() -> Device.start(socket(Protocol.REP, false), socket(Protocol.REQ, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("raw");
    assertThatThrownBy(() -> Device.start(socket(Protocol.REP, true), socket(Protocol.PUB, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REP");
    assertThatThrownBy(() -> Device.start(socket(Protocol.REP, true), socket(Protocol.REP, true)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
