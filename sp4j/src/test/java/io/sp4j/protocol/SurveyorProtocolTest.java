package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.FIRST_ID;
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
import io.sp4j.SpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurveyorProtocolTest {
  private final ProtocolHarness surveyor = ProtocolHarness.cooked(Protocol.SURVEYOR);

  private static byte[] response(int id, String body) {
    return concat(word(id), utf8(body));
  }

  private static void assertEfsm(ProtocolHarness harness) {
    assertThatThrownBy(harness::receive)
        .isInstanceOfSatisfying(
            ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
  }

  private static void assertTimedOut(ProtocolHarness harness) {
    assertThatThrownBy(harness::receive)
        .isInstanceOfSatisfying(
            SpTimeoutException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
  }

  // ---- SP-SURV-1

  @Test
  @DisplayName(
      "SP-SURV-1: a survey goes to every respondent with a 4-byte id, top bit set, previous + 1")
  void surveyBroadcastWithIds() {
    MockPipe a = surveyor.connect(1);
    MockPipe b = surveyor.connect(2);

    surveyor.send("q1");
    surveyor.send("q2");

    for (MockPipe pipe : new MockPipe[] {a, b}) {
      assertThat(pipe.sentWire())
          .extracting(ProtocolHarness::hex)
          .containsExactly(hex(response(FIRST_ID, "q1")), hex(response(FIRST_ID + 1, "q2")));
    }
  }

  @ParameterizedTest(name = "random {0} → first id {1}")
  @CsvSource({
    "0x00000000, 0x80000001",
    "0x7fffffff, 0x80000000",
    "0xffffffff, 0x80000000",
    "0x4844e31c, 0xc844e31d"
  })
  @DisplayName("SP-SURV-1: the first survey id comes from the random source")
  void firstIdIsRandom(String seed, String expected) {
    ProtocolHarness seeded =
        ProtocolHarness.seeded(Protocol.SURVEYOR, Integer.parseUnsignedInt(seed.substring(2), 16));
    MockPipe pipe = seeded.connect(1);

    seeded.send("x");

    assertThat(Wire.wordAt(pipe.onlySentWire(), 0))
        .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
  }

  @Test
  @DisplayName("SP-SURV-1: a back-pressured respondent misses the survey; the send never blocks")
  void surveyNeverBlocks() {
    assertThat(surveyor.send("nobody")).isTrue();
    MockPipe slow = surveyor.connect(new MockPipe(1).writable(false));
    MockPipe fast = surveyor.connect(2);

    assertThat(surveyor.send("q")).isTrue();

    assertThat(slow.sent()).isEmpty();
    assertThat(fast.sent()).hasSize(1);
  }

  // ---- SP-SURV-2

  @Test
  @DisplayName("SP-SURV-2: every response with the current id is delivered without its header")
  void responsesDelivered() {
    MockPipe a = surveyor.connect(1);
    MockPipe b = surveyor.connect(2);
    surveyor.send("q");

    surveyor.arrive(a, response(FIRST_ID, "from a"));
    surveyor.arrive(b, Message.of(word(FIRST_ID), utf8("from b")));

    Message first = surveyor.receive();
    assertThat(first.header()).isEmpty();
    assertThat(first.body()).isEqualTo(utf8("from a"));
    assertThat(surveyor.receive().body()).isEqualTo(utf8("from b"));
    assertThat(surveyor.receive()).isNull();
  }

  @ParameterizedTest(name = "response {0}")
  @CsvSource({
    "'92 34 56 77 68 69'",
    "'92 34 56 79 68 69'",
    "'12 34 56 78 68 69'",
    "'00 00 00 07 92 34 56 78 68 69'",
    "'92 34 56'",
    "''"
  })
  @DisplayName("SP-SURV-2: responses that do not carry exactly the current id are dropped")
  void staleResponsesDropped(String wire) {
    MockPipe pipe = surveyor.connect(1);
    surveyor.send("q");

    surveyor.arrive(pipe, hex(wire));

    assertThat(surveyor.receive()).isNull();
    assertThat(pipe.isClosed()).isFalse();
    surveyor.arrive(pipe, response(FIRST_ID, "ok"));
    assertThat(surveyor.receive().body()).isEqualTo(utf8("ok"));
  }

  @Test
  @DisplayName("SP-SURV-2: responses are delivered until the default deadline (1 s), not after")
  void defaultDeadline() {
    MockPipe pipe = surveyor.connect(1);
    surveyor.send("q");

    surveyor.time.advanceMillis(999);
    surveyor.arrive(pipe, response(FIRST_ID, "in time"));
    assertThat(surveyor.receive().body()).isEqualTo(utf8("in time"));

    surveyor.time.advanceMillis(1);
    surveyor.arrive(pipe, response(FIRST_ID, "too late"));
    assertTimedOut(surveyor);
    assertEfsm(surveyor);
  }

  @ParameterizedTest(name = "deadline {0} ms")
  @CsvSource({"1", "250", "10000"})
  @DisplayName("SP-SURV-2: SURVEY_DEADLINE sets how long responses are accepted")
  void configuredDeadline(long millis) {
    surveyor.engine.setOption(Options.SURVEY_DEADLINE, Duration.ofMillis(millis));
    assertThat(surveyor.engine.getOption(Options.SURVEY_DEADLINE))
        .isEqualTo(Duration.ofMillis(millis));
    surveyor.connect(1);
    surveyor.send("q");

    surveyor.time.advanceMillis(millis - 1);
    assertThat(surveyor.receive()).isNull();
    surveyor.time.advanceMillis(1);
    assertTimedOut(surveyor);
  }

  // ---- SP-SURV-3

  @Test
  @DisplayName("SP-SURV-3: receive before any survey fails with EFSM")
  void receiveBeforeSurvey() {
    assertEfsm(surveyor);
  }

  @Test
  @DisplayName("SP-SURV-3: after the deadline, receive fails with ETIMEDOUT once, then with EFSM")
  void timeoutOnceThenEfsm() {
    surveyor.connect(1);
    surveyor.send("q");
    surveyor.time.advance(Options.SURVEY_DEADLINE.defaultValue());

    assertTimedOut(surveyor);
    assertEfsm(surveyor);
    assertEfsm(surveyor);
  }

  @Test
  @DisplayName("SP-SURV-3: a new survey cancels the old one: its deadline and its responses")
  void newSurveyCancelsOld() {
    MockPipe pipe = surveyor.connect(1);
    surveyor.send("old");
    surveyor.time.advanceMillis(600);
    surveyor.send("new");

    surveyor.time.advanceMillis(600); // past the old survey's deadline
    surveyor.arrive(pipe, response(FIRST_ID, "old answer"));
    assertThat(surveyor.receive()).isNull();
    surveyor.arrive(pipe, response(FIRST_ID + 1, "new answer"));
    assertThat(surveyor.receive().body()).isEqualTo(utf8("new answer"));

    surveyor.time.advanceMillis(400); // the new survey's deadline
    assertTimedOut(surveyor);
  }

  @Test
  @DisplayName("SP-SURV-3: a new survey after a timeout clears the pending ETIMEDOUT")
  void newSurveyAfterTimeout() {
    surveyor.connect(1);
    surveyor.send("q1");
    surveyor.time.advance(Options.SURVEY_DEADLINE.defaultValue());

    surveyor.send("q2");

    assertThat(surveyor.receive()).isNull();
  }

  @Test
  @DisplayName("close cancels the deadline timer")
  void closeCancelsDeadline() {
    surveyor.connect(1);
    surveyor.send("q");

    surveyor.engine.close();

    assertThat(surveyor.time.pending()).isZero();
  }

  // ---- raw

  @Test
  @DisplayName("SP-RAW-1: raw SURVEYOR broadcasts the user's header as it is and keeps no deadline")
  void rawSendsHeaderAsIs() {
    ProtocolHarness raw = ProtocolHarness.raw(Protocol.SURVEYOR);
    MockPipe a = raw.connect(1);
    MockPipe b = raw.connect(2);

    assertThat(raw.send(Message.of(hex("c8 44 e3 1d"), utf8("q")))).isTrue();

    assertThat(hex(a.onlySentWire())).isEqualTo("c8 44 e3 1d 71");
    assertThat(hex(b.onlySentWire())).isEqualTo("c8 44 e3 1d 71");
    assertThat(raw.time.pending()).isZero();
  }

  @Test
  @DisplayName(
      "SP-RAW-2: raw SURVEYOR makes the first word of a response its header, and has no EFSM")
  void rawResponseHeader() {
    ProtocolHarness raw = ProtocolHarness.raw(Protocol.SURVEYOR);
    MockPipe pipe = raw.connect(1);
    assertThat(raw.receive()).isNull();

    raw.arrive(pipe, hex("c8 44 e3 1d 68 69"));
    raw.time.advance(Duration.ofMinutes(1));

    Message response = raw.receive();
    assertThat(hex(response.header())).isEqualTo("c8 44 e3 1d");
    assertThat(response.body()).isEqualTo(utf8("hi"));
    assertThat(raw.receive()).isNull();
  }
}
