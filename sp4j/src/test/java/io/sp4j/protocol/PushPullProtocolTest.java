package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.hex;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushPullProtocolTest {

  // ---- PUSH

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName(
      "SP-PUSH-1: PUSH sends each message to exactly one PULL, round robin, with no header")
  void pushRoundRobin(boolean raw) {
    ProtocolHarness push = ProtocolHarness.of(Protocol.PUSH, raw);
    MockPipe a = push.connect(1);
    MockPipe b = push.connect(2);
    MockPipe c = push.connect(3);

    for (int i = 0; i < 6; i++) {
      assertThat(push.send("m" + i)).isTrue();
    }

    assertThat(a.sentWire())
        .extracting(ProtocolHarness::hex)
        .containsExactly(hex(utf8("m0")), hex(utf8("m3")));
    assertThat(b.sentWire())
        .extracting(ProtocolHarness::hex)
        .containsExactly(hex(utf8("m1")), hex(utf8("m4")));
    assertThat(c.sentWire())
        .extracting(ProtocolHarness::hex)
        .containsExactly(hex(utf8("m2")), hex(utf8("m5")));
  }

  @Test
  @DisplayName(
      "SP-PUSH-1: PUSH prefers the highest send priority and falls back when it is back-pressured")
  void pushPriority() {
    ProtocolHarness push = ProtocolHarness.cooked(Protocol.PUSH);
    MockPipe low = push.connect(new MockPipe(1).sendPriority(9));
    MockPipe high = push.connect(new MockPipe(2).sendPriority(3));

    push.send("a");
    push.send("b");
    high.writable(false);
    push.send("c");

    assertThat(high.sent()).hasSize(2);
    assertThat(low.sentWire()).extracting(ProtocolHarness::hex).containsExactly(hex(utf8("c")));
  }

  @Test
  @DisplayName("SP-PUSH-1: PUSH skips a back-pressured pipe of equal priority")
  void pushSkipsUnwritable() {
    ProtocolHarness push = ProtocolHarness.cooked(Protocol.PUSH);
    MockPipe busy = push.connect(new MockPipe(1).writable(false));
    MockPipe free = push.connect(2);

    push.send("a");
    push.send("b");

    assertThat(busy.sent()).isEmpty();
    assertThat(free.sent()).hasSize(2);
  }

  @Test
  @DisplayName("SP-PUSH-1: PUSH would block with no PULL, or when none can take the message")
  void pushBlocks() {
    ProtocolHarness push = ProtocolHarness.cooked(Protocol.PUSH);
    assertThat(push.send("x")).isFalse();

    MockPipe pipe = push.connect(new MockPipe(1).writable(false));
    assertThat(push.send("x")).isFalse();
    push.disconnect(pipe);
    assertThat(push.send("x")).isFalse();
    assertThat(pipe.sent()).isEmpty();
  }

  @Test
  @DisplayName("SP-PUSH-1: a removed PULL gets nothing more")
  void pushForgetsRemoved() {
    ProtocolHarness push = ProtocolHarness.cooked(Protocol.PUSH);
    MockPipe a = push.connect(1);
    MockPipe b = push.connect(2);
    push.engine.removePipe(a);

    push.send("x");
    push.send("y");

    assertThat(a.sent()).isEmpty();
    assertThat(b.sent()).hasSize(2);
  }

  // ---- PULL

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SP-PULL-1: PULL delivers bodies as they arrived, no header split off")
  void pullDelivers(boolean raw) {
    ProtocolHarness pull = ProtocolHarness.of(Protocol.PULL, raw);
    MockPipe pipe = pull.connect(1);

    pull.arrive(pipe, hex("80 00 00 01 68 69"));
    pull.arrive(pipe, Message.of(hex("80 00"), hex("00 02")));

    Message first = pull.receive();
    assertThat(first.header()).isEmpty();
    assertThat(hex(first.body())).isEqualTo("80 00 00 01 68 69");
    assertThat(hex(pull.receive().toWireBytes())).isEqualTo("80 00 00 02");
    assertThat(pull.receive()).isNull();
  }

  @Test
  @DisplayName(
      "SP-PULL-1: PULL takes from the highest receive priority first, in arrival order within one")
  void pullPriorityOrder() {
    ProtocolHarness pull = ProtocolHarness.cooked(Protocol.PULL);
    MockPipe low = pull.connect(new MockPipe(1).receivePriority(12));
    MockPipe normal = pull.connect(new MockPipe(2).receivePriority(8));
    MockPipe high = pull.connect(new MockPipe(3).receivePriority(1));

    pull.arrive(low, utf8("low1"));
    pull.arrive(normal, utf8("normal1"));
    pull.arrive(high, utf8("high1"));
    pull.arrive(low, utf8("low2"));
    pull.arrive(high, utf8("high2"));
    pull.arrive(normal, utf8("normal2"));

    List<String> order = new ArrayList<>();
    Message message;
    while ((message = pull.receive()) != null) {
      order.add(new String(message.body(), UTF_8));
    }
    assertThat(order).containsExactly("high1", "high2", "normal1", "normal2", "low1", "low2");
  }
}
