package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Message;
import io.sp4j.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SP-PAIR-1: no header, exactly one peer. Raw PAIR behaves the same, so every test runs on both.
 */
class PairProtocolTest {

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("PAIR sends the body alone to its peer")
  void noHeaderOnTheWire(boolean raw) {
    ProtocolHarness pair = ProtocolHarness.of(Protocol.PAIR, raw);
    MockPipe pipe = pair.connect(1);

    assertThat(pair.send("hi")).isTrue();

    assertThat(hex(pipe.onlySentWire())).isEqualTo("68 69");
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("PAIR delivers what arrives as it is, with no header split off")
  void receivesBodyAsIs(boolean raw) {
    ProtocolHarness pair = ProtocolHarness.of(Protocol.PAIR, raw);
    MockPipe pipe = pair.connect(1);

    pair.arrive(pipe, hex("80 00 00 01 68 69"));

    Message message = pair.receive();
    assertThat(message.header()).isEmpty();
    assertThat(hex(message.body())).isEqualTo("80 00 00 01 68 69");
    assertThat(pair.receive()).isNull();
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName(
      "PAIR refuses a second peer while the first is attached, and accepts one after it left")
  void onePeerOnly(boolean raw) {
    ProtocolHarness pair = ProtocolHarness.of(Protocol.PAIR, raw);
    MockPipe first = pair.connect(1);
    MockPipe second = new MockPipe(2);

    assertThat(pair.engine.addPipe(second)).isFalse();
    pair.send("x");
    assertThat(first.sent()).hasSize(1);
    assertThat(second.sent()).isEmpty();

    pair.disconnect(first);
    MockPipe third = pair.connect(3);
    pair.send("y");
    assertThat(hex(third.onlySentWire())).isEqualTo("79");
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("removing a refused pipe does not detach the real peer")
  void removingRefusedPipeKeepsPeer(boolean raw) {
    ProtocolHarness pair = ProtocolHarness.of(Protocol.PAIR, raw);
    MockPipe first = pair.connect(1);
    MockPipe refused = new MockPipe(2);
    pair.engine.addPipe(refused);

    pair.engine.removePipe(refused);

    assertThat(pair.send("x")).isTrue();
    assertThat(first.sent()).hasSize(1);
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("PAIR send would block with no peer or a back-pressured peer")
  void blocksWithoutWritablePeer(boolean raw) {
    ProtocolHarness pair = ProtocolHarness.of(Protocol.PAIR, raw);

    assertThat(pair.send("x")).isFalse();

    MockPipe pipe = pair.connect(new MockPipe(1).writable(false));
    assertThat(pair.send("x")).isFalse();
    pipe.writable(true);
    assertThat(pair.send("x")).isTrue();
    assertThat(pipe.sent()).hasSize(1);
  }
}
