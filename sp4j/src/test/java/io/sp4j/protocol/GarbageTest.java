package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.FIRST_ID;
import static io.sp4j.protocol.ProtocolHarness.backtrace;
import static io.sp4j.protocol.ProtocolHarness.concat;
import static io.sp4j.protocol.ProtocolHarness.hex;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static io.sp4j.protocol.ProtocolHarness.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sp4j.Message;
import io.sp4j.Protocol;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Like mangos' {@code TestReqRecvGarbage}: short and bad headers reaching a header-parsing protocol
 * never throw and never reach the user; the pipe stays open and a good message after them still
 * gets through.
 */
class GarbageTest {

  /** The protocols that parse an SP header out of what arrives. */
  enum Variant {
    REQ(Protocol.REQ, false),
    RAW_REQ(Protocol.REQ, true),
    REP(Protocol.REP, false),
    RAW_REP(Protocol.REP, true),
    SURVEYOR(Protocol.SURVEYOR, false),
    RAW_SURVEYOR(Protocol.SURVEYOR, true),
    RESPONDENT(Protocol.RESPONDENT, false),
    RAW_RESPONDENT(Protocol.RESPONDENT, true);

    final Protocol protocol;
    final boolean raw;

    Variant(Protocol protocol, boolean raw) {
      this.protocol = protocol;
      this.raw = raw;
    }

    /** Raw REQ and SURVEYOR take any first word as the header; the others need a bottom word. */
    boolean needsBottomWord() {
      return !raw || protocol == Protocol.REP || protocol == Protocol.RESPONDENT;
    }

    boolean parsesBacktrace() {
      return protocol == Protocol.REP || protocol == Protocol.RESPONDENT;
    }

    /** A harness with one pipe, and for cooked REQ/SURVEYOR a request or survey out. */
    ProtocolHarness start() {
      ProtocolHarness harness = ProtocolHarness.of(protocol, raw);
      harness.connect(1);
      if (!raw && !parsesBacktrace()) {
        harness.send("q");
      }
      return harness;
    }

    /** A message this variant must deliver after {@link #start()}. */
    byte[] valid() {
      return concat(word(!raw && !parsesBacktrace() ? FIRST_ID : 0x8000_0001), utf8("ok"));
    }
  }

  static Stream<Arguments> shortMessages() {
    return Stream.of(Variant.values())
        .flatMap(
            v ->
                Stream.of("", "80", "80 00", "80 00 00", "ff ff ff")
                    .map(wire -> Arguments.of(v, wire)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("shortMessages")
  @DisplayName("a message shorter than one header word is dropped without an exception")
  void shortMessageDropped(Variant variant, String wire) {
    assertDroppedAndStillWorking(variant, Message.of(hex(wire)));
  }

  static Stream<Arguments> noBottomWord() {
    return Stream.of(Variant.values())
        .filter(Variant::needsBottomWord)
        .flatMap(
            v ->
                Stream.of(
                        "00 00 00 00",
                        "7f ff ff ff",
                        "00 00 00 07 68 69",
                        "00 00 00 07 00 00 00 08",
                        "00 00 00 07 80 00 00")
                    .map(wire -> Arguments.of(v, wire)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("noBottomWord")
  @DisplayName("a header with no word carrying the top bit is dropped without an exception")
  void noBottomWordDropped(Variant variant, String wire) {
    assertDroppedAndStillWorking(variant, Message.of(hex(wire)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Variant.class,
      names = {"REP", "RAW_REP", "RESPONDENT", "RAW_RESPONDENT"})
  @DisplayName("a backtrace longer than MAX_TTL is dropped without an exception")
  void tooManyHopsDropped(Variant variant) {
    assertDroppedAndStillWorking(variant, Message.of(concat(backtrace(8, 0x8000_0001), utf8("x"))));
    assertDroppedAndStillWorking(variant, Message.of(backtrace(200, 0x8000_0001), utf8("x")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Variant.class)
  @DisplayName("thousands of random messages never throw, and a good message still gets through")
  void randomBytesNeverThrow(Variant variant) {
    ProtocolHarness harness = variant.start();
    MockPipe pipe = new MockPipe(2);
    harness.connect(pipe);
    Random random = new Random(variant.name().hashCode());

    assertThatCode(
            () -> {
              for (int i = 0; i < 2000; i++) {
                byte[] wire = new byte[random.nextInt(41)];
                random.nextBytes(wire);
                if (random.nextBoolean()) {
                  for (int word = 0; word + 4 <= wire.length; word += 4) {
                    wire[word] &= 0x7f; // mostly hop words, so backtraces run long
                  }
                }
                int split = wire.length == 0 ? 0 : random.nextInt(wire.length + 1);
                harness.arrive(
                    pipe,
                    Message.of(
                        Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length)));
                if (i % 10 == 0) {
                  drain(harness);
                }
              }
              drain(harness);
            })
        .doesNotThrowAnyException();

    assertThat(pipe.isClosed()).isFalse();
    harness.arrive(pipe, variant.valid());
    Message message = harness.receive();
    assertThat(message).isNotNull();
    assertThat(message.body()).isEqualTo(utf8("ok"));
  }

  private static void drain(ProtocolHarness harness) {
    while (!harness.queue.isEmpty()) {
      harness.receive();
    }
  }

  private static void assertDroppedAndStillWorking(Variant variant, Message garbage) {
    ProtocolHarness harness = variant.start();
    MockPipe pipe = new MockPipe(2);
    harness.connect(pipe);

    assertThatCode(() -> harness.arrive(pipe, garbage)).doesNotThrowAnyException();
    assertThat(harness.receive()).as("garbage reached the user").isNull();
    assertThat(pipe.isClosed()).isFalse();

    harness.arrive(pipe, variant.valid());
    assertThat(harness.receive().body()).isEqualTo(utf8("ok"));
  }
}
