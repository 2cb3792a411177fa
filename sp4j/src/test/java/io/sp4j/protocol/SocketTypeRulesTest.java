package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.utf8;
import static io.sp4j.protocol.ProtocolHarness.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Protocol;
import io.sp4j.ProtocolStateException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules every socket type shares: numbers, peers, what may carry a header, what may send or
 * receive.
 */
class SocketTypeRulesTest {

  @ParameterizedTest(name = "{0} is protocol {1}, peer {2}")
  @CsvSource({
    "PAIR, 16, PAIR",
    "PUB, 32, SUB",
    "SUB, 33, PUB",
    "REQ, 48, REP",
    "REP, 49, REQ",
    "PUSH, 80, PULL",
    "PULL, 81, PUSH",
    "SURVEYOR, 98, RESPONDENT",
    "RESPONDENT, 99, SURVEYOR",
    "BUS, 112, BUS"
  })
  @DisplayName("SP-GEN-1: protocol numbers and peers are nanomsg's")
  void protocolNumbersAndPeers(Protocol protocol, int number, Protocol peer) {
    assertThat(protocol.number()).isEqualTo(number);
    assertThat(Protocol.fromNumber(number)).isSameAs(protocol);
    assertThat(protocol.peer()).isSameAs(peer);
    assertThat(protocol.acceptsPeer(peer)).isTrue();
    assertThat(protocol.family()).isEqualTo(number / 16);
  }

  @ParameterizedTest(name = "{0} does not accept {1}")
  @CsvSource({
    "PAIR, BUS",
    "PUB, PUB",
    "SUB, SUB",
    "REQ, REQ",
    "REP, RESPONDENT",
    "PUSH, PUSH",
    "PULL, PUB",
    "SURVEYOR, REP",
    "RESPONDENT, RESPONDENT",
    "BUS, PAIR"
  })
  @DisplayName("a socket type accepts only its own peer")
  void rejectsNonPeers(Protocol protocol, Protocol other) {
    assertThat(protocol.acceptsPeer(other)).isFalse();
  }

  @ParameterizedTest(name = "cooked {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"SUB", "PULL"},
      mode = EnumSource.Mode.EXCLUDE)
  @DisplayName("a cooked socket refuses a message that carries a header")
  void cookedSendRejectsHeader(Protocol protocol) {
    ProtocolHarness harness = ProtocolHarness.cooked(protocol);
    MockPipe pipe = harness.connect(1);

    assertThatThrownBy(() -> harness.send(Message.of(word(0x8000_0001), utf8("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header");
    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"PAIR", "PUB", "PUSH"})
  @DisplayName("a raw socket without headers refuses a message that carries one")
  void headerlessRawSendRejectsHeader(Protocol protocol) {
    ProtocolHarness harness = ProtocolHarness.raw(protocol);
    MockPipe pipe = harness.connect(1);

    assertThatThrownBy(() -> harness.send(Message.of(word(1), utf8("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "{0} raw={1}")
  @CsvSource({"SUB, false", "SUB, true", "PULL, false", "PULL, true"})
  @DisplayName("SUB and PULL cannot send: ENOTSUP, and nothing reaches a pipe")
  void receiveOnlySocketsCannotSend(Protocol protocol, boolean raw) {
    ProtocolHarness harness = ProtocolHarness.of(protocol, raw);
    MockPipe pipe = harness.connect(1);

    assertThatThrownBy(() -> harness.send("x"))
        .isInstanceOfSatisfying(
            ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "{0} raw={1}")
  @CsvSource({"PUB, false", "PUB, true", "PUSH, false", "PUSH, true"})
  @DisplayName("PUB and PUSH cannot receive: ENOTSUP, and what a peer sends is dropped")
  void sendOnlySocketsCannotReceive(Protocol protocol, boolean raw) {
    ProtocolHarness harness = ProtocolHarness.of(protocol, raw);
    MockPipe pipe = harness.connect(1);

    assertThat(harness.arrive(pipe, utf8("unexpected"))).isFalse();
    assertThat(harness.queue.isEmpty()).isTrue();
    assertThat(pipe.isClosed()).isFalse();
    assertThatThrownBy(harness::receive)
        .isInstanceOfSatisfying(
            ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENOTSUP));
  }
}
