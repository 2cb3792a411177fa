package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.backtrace;
import static io.sp4j.protocol.ProtocolHarness.concat;
import static io.sp4j.protocol.ProtocolHarness.hex;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static io.sp4j.protocol.ProtocolHarness.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.ProtocolStateException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** REP and RESPONDENT answer the same way: every test runs on both (SP-REP-*, SP-RESP-1). */
@DisplayName("REP and RESPONDENT")
class ReplyProtocolTest {
  private static final int ID = 0xc844e31d;

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-REP-1: the spec's test vector: request c8 44 e3 1d + hello, reply carries the id back")
  void specTestVector(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);

    rep.arrive(pipe, hex("c8 44 e3 1d 68 65 6c 6c 6f"));
    Message request = rep.receive();
    assertThat(request.header()).isEmpty();
    assertThat(request.body()).isEqualTo(utf8("hello"));

    assertThat(rep.send("world")).isTrue();
    assertThat(hex(pipe.onlySentWire())).isEqualTo("c8 44 e3 1d " + hex(utf8("world")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-REP-1: after a device hop the whole backtrace goes back: 00 00 00 07 c8 44 e3 1d")
  void oneHopTestVector(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);

    rep.arrive(pipe, hex("00 00 00 07 c8 44 e3 1d 68 65 6c 6c 6f"));
    assertThat(rep.receive().body()).isEqualTo(utf8("hello"));
    rep.send("re");

    assertThat(hex(pipe.onlySentWire())).isEqualTo("00 00 00 07 c8 44 e3 1d 72 65");
  }

  @ParameterizedTest(name = "{0}, {1} hops")
  @CsvSource({"REP, 0", "REP, 3", "REP, 7", "RESPONDENT, 0", "RESPONDENT, 3", "RESPONDENT, 7"})
  @DisplayName("SP-REP-1: a multi-hop backtrace is parsed word by word and returned whole")
  void multiHop(Protocol protocol, int hops) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);
    byte[] stack = backtrace(hops, ID);

    rep.arrive(pipe, concat(stack, utf8("body")));
    assertThat(rep.receive().body()).isEqualTo(utf8("body"));
    rep.send("reply");

    assertThat(hex(pipe.onlySentWire())).isEqualTo(hex(concat(stack, utf8("reply"))));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-REP-1: a request split by an inproc sender is parsed the same")
  void inprocSplit(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);

    rep.arrive(pipe, Message.of(hex("00 00 00 07 c8 44"), hex("e3 1d 68 69")));
    assertThat(rep.receive().body()).isEqualTo(utf8("hi"));
    rep.send("ho");

    assertThat(hex(pipe.onlySentWire())).isEqualTo("00 00 00 07 c8 44 e3 1d 68 6f");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-REP-1: the reply goes only to the pipe the request came on")
  void replyToArrivalPipe(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe a = rep.connect(1);
    MockPipe b = rep.connect(2);
    MockPipe c = rep.connect(3);

    rep.arrive(b, concat(word(ID), utf8("q")));
    rep.receive();
    rep.send("r");

    assertThat(a.sent()).isEmpty();
    assertThat(c.sent()).isEmpty();
    assertThat(hex(b.onlySentWire())).isEqualTo(hex(concat(word(ID), utf8("r"))));
  }

  @ParameterizedTest(name = "{0}, MAX_TTL {1}: {2} words kept={3}")
  @CsvSource({
    "REP, 8, 1, true",
    "REP, 8, 8, true",
    "REP, 8, 9, false",
    "REP, 3, 3, true",
    "REP, 3, 4, false",
    "REP, 1, 1, true",
    "REP, 1, 2, false",
    "REP, 255, 255, true",
    "REP, 255, 256, false",
    "RESPONDENT, 8, 8, true",
    "RESPONDENT, 8, 9, false"
  })
  @DisplayName("SP-GEN-4: a request with more than MAX_TTL header words is dropped silently")
  void maxTtl(Protocol protocol, int maxTtl, int words, boolean kept) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    if (maxTtl != Options.MAX_TTL.defaultValue()) {
      rep.set(Options.MAX_TTL, maxTtl);
    }
    MockPipe pipe = rep.connect(5);

    assertThat(rep.arrive(pipe, concat(backtrace(words - 1, ID), utf8("x")))).isEqualTo(kept);
    assertThat(pipe.isClosed()).isFalse();
    if (kept) {
      assertThat(rep.receive().body()).isEqualTo(utf8("x"));
    } else {
      assertThat(rep.receive()).isNull();
      assertThatThrownBy(() -> rep.send("r")).isInstanceOf(ProtocolStateException.class);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "REP, ''",
    "REP, 'c8 44 e3'",
    "REP, '00 00 00 07'",
    "REP, '00 00 00 07 00 00 00 08 68 65'",
    "REP, '68 65 6c 6c 6f'",
    "RESPONDENT, '00 00 00 07 00 00 00 08'",
    "RESPONDENT, '7f ff ff ff 80'"
  })
  @DisplayName("SP-REP-2: a request with no bottom-of-stack word is dropped and the pipe kept")
  void malformedDroppedPipeKept(Protocol protocol, String wire) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);

    assertThat(rep.arrive(pipe, hex(wire))).isFalse();

    assertThat(pipe.isClosed()).isFalse();
    assertThat(rep.receive()).isNull();
    rep.arrive(pipe, concat(word(ID), utf8("ok")));
    assertThat(rep.receive().body()).isEqualTo(utf8("ok"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-REP-3 / SP-RESP-1: send without a pending request fails with EFSM")
  void sendWithoutRequest(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);

    assertThatThrownBy(() -> rep.send("r"))
        .isInstanceOfSatisfying(
            ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-REP-3: one reply per request; a second send fails with EFSM")
  void oneReplyPerRequest(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);
    rep.arrive(pipe, concat(word(ID), utf8("q")));
    rep.receive();
    rep.send("r1");

    assertThatThrownBy(() -> rep.send("r2"))
        .isInstanceOfSatisfying(
            ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    assertThat(pipe.sent()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-REP-3: a reply to a vanished pipe is dropped, but the send succeeds and ends the request")
  void replyToVanishedPipe(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe gone = rep.connect(5);
    MockPipe other = rep.connect(6);
    rep.arrive(gone, concat(word(ID), utf8("q")));
    rep.receive();
    rep.disconnect(gone);

    assertThat(rep.send("r")).isTrue();

    assertThat(gone.sent()).isEmpty();
    assertThat(other.sent()).isEmpty();
    assertThatThrownBy(() -> rep.send("r")).isInstanceOf(ProtocolStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-REP-3: a reply to a back-pressured pipe is dropped, and the send succeeds")
  void replyToFullPipe(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(5);
    rep.arrive(pipe, concat(word(ID), utf8("q")));
    rep.receive();
    pipe.writable(false);

    assertThat(rep.send("r")).isTrue();

    pipe.writable(true);
    rep.engine.pipeWritable(pipe);
    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-REP-4: a new receive abandons the unanswered request; the reply goes to the newer one")
  void newReceiveAbandonsPrevious(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe a = rep.connect(1);
    MockPipe b = rep.connect(2);
    rep.arrive(a, concat(word(0x8000_0001), utf8("first")));
    rep.arrive(b, concat(word(0x8000_0002), utf8("second")));

    assertThat(rep.receive().body()).isEqualTo(utf8("first"));
    assertThat(rep.receive().body()).isEqualTo(utf8("second"));
    rep.send("answer");

    assertThat(a.sent()).isEmpty();
    assertThat(hex(b.onlySentWire())).isEqualTo(hex(concat(word(0x8000_0002), utf8("answer"))));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-REP-4: a receive that finds nothing also abandons the unanswered request (nanomsg)")
  void emptyReceiveAbandonsPrevious(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.cooked(protocol);
    MockPipe pipe = rep.connect(1);
    rep.arrive(pipe, concat(word(ID), utf8("q")));
    rep.receive();

    assertThat(rep.receive()).isNull();

    assertThatThrownBy(() -> rep.send("late")).isInstanceOf(ProtocolStateException.class);
    assertThat(pipe.sent()).isEmpty();
  }

  // ---- raw

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-RAW-2: raw receive exposes the arrival pipe id followed by the backtrace")
  void rawReceiveHeader(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe pipe = rep.connect(7);

    rep.arrive(pipe, hex("00 00 00 03 c8 44 e3 1d 68 69"));

    Message request = rep.receive();
    assertThat(hex(request.header())).isEqualTo("00 00 00 07 00 00 00 03 c8 44 e3 1d");
    assertThat(request.body()).isEqualTo(utf8("hi"));
  }

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-RAW-2: raw send routes by the first header word and sends the rest before the body")
  void rawSendRoutesByFirstWord(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe a = rep.connect(7);
    MockPipe b = rep.connect(8);

    assertThat(rep.send(Message.of(hex("00 00 00 08 00 00 00 03 c8 44 e3 1d"), utf8("ho"))))
        .isTrue();

    assertThat(a.sent()).isEmpty();
    assertThat(hex(b.onlySentWire())).isEqualTo("00 00 00 03 c8 44 e3 1d 68 6f");
  }

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-RAW-2: raw REP is a device hop: receive header → send header returns the request's path")
  void rawRoundTrip(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe pipe = rep.connect(7);
    rep.arrive(pipe, hex("c8 44 e3 1d 68 69"));

    Message request = rep.receive();
    rep.send(Message.of(request.header(), utf8("ok")));

    assertThat(hex(pipe.onlySentWire())).isEqualTo("c8 44 e3 1d 6f 6b");
  }

  @ParameterizedTest(name = "raw {0}, header {1}")
  @CsvSource({
    "REP, '00 00 00 09 c8 44 e3 1d'",
    "REP, ''",
    "REP, '00 00 07'",
    "RESPONDENT, '00 00 00 09 c8 44 e3 1d'",
    "RESPONDENT, ''"
  })
  @DisplayName("SP-RAW-2: raw send to an unknown pipe, or with no pipe word, is silently dropped")
  void rawSendUnroutableDropped(Protocol protocol, String header) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe pipe = rep.connect(7);

    assertThat(rep.send(Message.of(hex(header), utf8("x")))).isTrue();

    assertThat(pipe.sent()).isEmpty();
  }

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName(
      "SP-RAW-1: raw REP keeps no state: no EFSM, receive with nothing queued returns nothing")
  void rawHasNoState(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe pipe = rep.connect(7);

    assertThat(rep.receive()).isNull();
    rep.send(Message.of(concat(word(7), word(ID)), utf8("a")));
    rep.send(Message.of(concat(word(7), word(ID)), utf8("b")));

    assertThat(pipe.sent()).hasSize(2);
  }

  @ParameterizedTest(name = "raw {0}")
  @EnumSource(
      value = Protocol.class,
      names = {"REP", "RESPONDENT"})
  @DisplayName("SP-GEN-4: raw REP applies MAX_TTL too")
  void rawMaxTtl(Protocol protocol) {
    ProtocolHarness rep = ProtocolHarness.raw(protocol);
    MockPipe pipe = rep.connect(7);

    assertThat(rep.arrive(pipe, concat(backtrace(7, ID), utf8("x")))).isTrue();
    assertThat(rep.arrive(pipe, concat(backtrace(8, ID), utf8("x")))).isFalse();
    assertThat(rep.receive().headerSize()).isEqualTo(4 + 8 * 4);
    assertThat(rep.receive()).isNull();
  }
}
