package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.hex;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static io.sp4j.protocol.ProtocolHarness.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Message;
import io.sp4j.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusProtocolTest {

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SP-BUS-1: BUS sends to every direct peer with no header")
  void sendsToAll(boolean raw) {
    ProtocolHarness bus = ProtocolHarness.of(Protocol.BUS, raw);
    MockPipe a = bus.connect(1);
    MockPipe b = bus.connect(2);

    assertThat(bus.send("all")).isTrue();

    assertThat(hex(a.onlySentWire())).isEqualTo(hex(utf8("all")));
    assertThat(hex(b.onlySentWire())).isEqualTo(hex(utf8("all")));
  }

  @Test
  @DisplayName("SP-BUS-1: a back-pressured peer misses the message and the send never blocks")
  void backPressuredPeerMisses() {
    ProtocolHarness bus = ProtocolHarness.cooked(Protocol.BUS);
    assertThat(bus.send("nobody")).isTrue();
    MockPipe slow = bus.connect(new MockPipe(1).writable(false));
    MockPipe fast = bus.connect(2);

    assertThat(bus.send("x")).isTrue();

    assertThat(slow.sent()).isEmpty();
    assertThat(fast.sent()).hasSize(1);
  }

  @Test
  @DisplayName("SP-BUS-1: cooked BUS delivers the body alone and never forwards what it receives")
  void neverForwards() {
    ProtocolHarness bus = ProtocolHarness.cooked(Protocol.BUS);
    MockPipe a = bus.connect(1);
    MockPipe b = bus.connect(2);

    bus.arrive(a, hex("80 00 00 01 68 69"));

    Message message = bus.receive();
    assertThat(message.header()).isEmpty();
    assertThat(hex(message.body())).isEqualTo("80 00 00 01 68 69");
    assertThat(a.sent()).isEmpty();
    assertThat(b.sent()).isEmpty();
  }

  @Test
  @DisplayName("SP-BUS-2: raw BUS receive exposes the 4-byte id of the origin pipe as the header")
  void rawReceiveHeaderIsPipeId() {
    ProtocolHarness bus = ProtocolHarness.raw(Protocol.BUS);
    MockPipe pipe = bus.connect(0x0102_0304);

    bus.arrive(pipe, utf8("hi"));

    Message message = bus.receive();
    assertThat(hex(message.header())).isEqualTo("01 02 03 04");
    assertThat(message.body()).isEqualTo(utf8("hi"));
  }

  @Test
  @DisplayName(
      "SP-BUS-2: raw send with the origin header reaches every peer but the origin (device loopback)")
  void rawSendExcludesOrigin() {
    ProtocolHarness bus = ProtocolHarness.raw(Protocol.BUS);
    MockPipe a = bus.connect(1);
    MockPipe b = bus.connect(2);
    MockPipe c = bus.connect(3);
    bus.arrive(b, utf8("echo?"));

    bus.send(bus.receive());

    assertThat(b.sent()).isEmpty();
    assertThat(hex(a.onlySentWire())).isEqualTo(hex(utf8("echo?")));
    assertThat(hex(c.onlySentWire())).isEqualTo(hex(utf8("echo?")));
  }

  @Test
  @DisplayName("SP-BUS-2: raw send naming a pipe that is gone reaches every peer")
  void rawSendUnknownOrigin() {
    ProtocolHarness bus = ProtocolHarness.raw(Protocol.BUS);
    MockPipe a = bus.connect(1);
    MockPipe b = bus.connect(2);

    bus.send(Message.of(word(99), utf8("x")));

    assertThat(a.sent()).hasSize(1);
    assertThat(b.sent()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}-byte header")
  @ValueSource(ints = {1, 2, 3, 5, 8, 12})
  @DisplayName("SP-BUS-2: a raw BUS header that is not empty or 4 bytes is refused")
  void rawBadHeaderSize(int size) {
    ProtocolHarness bus = ProtocolHarness.raw(Protocol.BUS);
    MockPipe pipe = bus.connect(1);

    assertThatThrownBy(() -> bus.send(Message.of(new byte[size], utf8("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pipe.sent()).isEmpty();
  }
}
