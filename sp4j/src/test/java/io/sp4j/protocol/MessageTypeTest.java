package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.backtrace;
import static io.sp4j.protocol.ProtocolHarness.concat;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static io.sp4j.protocol.ProtocolHarness.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The frame type a message came with (or was sent with) survives the header handling. */
class MessageTypeTest {

  @ParameterizedTest(name = "{0} delivers a request with its type")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  void repliersKeepTheRequestsType(Protocol protocol) {
    ProtocolHarness harness = ProtocolHarness.cooked(protocol);
    MockPipe pipe = harness.connect(1);
    harness.arrive(
        pipe, Message.of(concat(backtrace(0, 0x80000007), utf8("ask"))).withType(MessageType.TEXT));
    assertThat(harness.receive().type()).contains(MessageType.TEXT);
  }

  @ParameterizedTest(name = "{0} replies with the type the user chose")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  void repliersSendWithTheUsersType(Protocol protocol) {
    ProtocolHarness harness = ProtocolHarness.cooked(protocol);
    MockPipe pipe = harness.connect(1);
    harness.arrive(pipe, concat(word(0x80000007), utf8("ask")));
    harness.receive();
    harness.send(Message.of(utf8("answer")).withType(MessageType.TEXT));
    assertThat(pipe.sent())
        .singleElement()
        .satisfies(m -> assertThat(m.type()).contains(MessageType.TEXT));
  }

  @ParameterizedTest(name = "{0} delivers a reply with its type")
  @EnumSource(
      value = Protocol.class,
      names = {"REQ", "SURVEYOR"})
  void askersKeepTheRepliesType(Protocol protocol) {
    ProtocolHarness harness = ProtocolHarness.cooked(protocol);
    MockPipe pipe = harness.connect(1);
    harness.send("question");
    byte[] id = pipe.sent().get(0).header();
    harness.arrive(pipe, Message.of(concat(id, utf8("reply"))).withType(MessageType.TEXT));
    assertThat(harness.receive().type()).contains(MessageType.TEXT);
  }
}
