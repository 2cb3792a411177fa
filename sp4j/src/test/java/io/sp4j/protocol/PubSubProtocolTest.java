package io.sp4j.protocol;

import static io.sp4j.protocol.ProtocolHarness.hex;
import static io.sp4j.protocol.ProtocolHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Options;
import io.sp4j.Protocol;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PubSubProtocolTest {

  // ---- PUB

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SP-PUB-1: PUB sends every message to every writable subscriber, with no header")
  void pubBroadcasts(boolean raw) {
    ProtocolHarness pub = ProtocolHarness.of(Protocol.PUB, raw);
    MockPipe a = pub.connect(1);
    MockPipe b = pub.connect(2);
    MockPipe c = pub.connect(3);

    assertThat(pub.send("news")).isTrue();

    for (MockPipe pipe : new MockPipe[] {a, b, c}) {
      assertThat(hex(pipe.onlySentWire())).isEqualTo(hex(utf8("news")));
    }
  }

  @Test
  @DisplayName(
      "SP-PUB-1: a back-pressured subscriber misses the message; the others get it and PUB never blocks")
  void pubDropsForBackPressured() {
    ProtocolHarness pub = ProtocolHarness.cooked(Protocol.PUB);
    MockPipe fast = pub.connect(1);
    MockPipe slow = pub.connect(new MockPipe(2).writable(false));

    assertThat(pub.send("one")).isTrue();
    slow.writable(true);
    pub.engine.pipeWritable(slow);
    assertThat(pub.send("two")).isTrue();

    assertThat(fast.sent()).hasSize(2);
    assertThat(slow.sentWire()).extracting(ProtocolHarness::hex).containsExactly(hex(utf8("two")));
  }

  @Test
  @DisplayName("SP-PUB-1: PUB send with no subscriber or only back-pressured ones succeeds")
  void pubNeverBlocks() {
    ProtocolHarness pub = ProtocolHarness.cooked(Protocol.PUB);
    assertThat(pub.send("nobody")).isTrue();

    MockPipe slow = pub.connect(new MockPipe(1).writable(false));
    assertThat(pub.send("still nobody")).isTrue();
    assertThat(slow.sent()).isEmpty();
  }

  @Test
  @DisplayName("SP-PUB-1: a removed subscriber gets nothing more")
  void pubForgetsRemovedPipe() {
    ProtocolHarness pub = ProtocolHarness.cooked(Protocol.PUB);
    MockPipe stays = pub.connect(1);
    MockPipe leaves = new MockPipe(2);
    pub.connect(leaves);
    pub.engine.removePipe(leaves);

    pub.send("x");

    assertThat(leaves.sent()).isEmpty();
    assertThat(stays.sent()).hasSize(1);
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName(
      "SP-PUB-2: data arriving at a PUB is discarded without a crash, and PUB keeps publishing")
  void pubDiscardsIncoming(boolean raw) {
    ProtocolHarness pub = ProtocolHarness.of(Protocol.PUB, raw);
    MockPipe pipe = pub.connect(1);

    for (String wire : new String[] {"", "00", "80 00 00 01 68 69", "ff ff ff ff ff ff ff ff ff"}) {
      assertThat(pub.arrive(pipe, hex(wire))).isFalse();
    }

    assertThat(pub.queue.isEmpty()).isTrue();
    pub.send("x");
    assertThat(pipe.sent()).hasSize(1);
  }

  // ---- SUB

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SP-SUB-1: SUB never sends on the wire, not even its subscriptions")
  void subSendsNothing(boolean raw) {
    ProtocolHarness sub = ProtocolHarness.of(Protocol.SUB, raw);
    MockPipe pipe = sub.connect(1);

    sub.engine.setOption(Options.SUBSCRIBE, utf8("topic"));
    sub.engine.setOption(Options.UNSUBSCRIBE, utf8("topic"));
    sub.engine.pipeWritable(pipe);

    assertThat(pipe.sent()).isEmpty();
    assertThat(sub.engine.options())
        .containsExactlyInAnyOrder(Options.SUBSCRIBE, Options.UNSUBSCRIBE);
  }

  @ParameterizedTest(name = "raw={0}: subscriptions [{1}], body \"{2}\" → delivered {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false | abc      | abcdef | true",
        "false | abc      | abc    | true",
        "false | abc      | ab     | false",
        "false | abc      | xabc   | false",
        "false | abc      | ''     | false",
        "false | ''       | ''     | true",
        "false | ''       | xyz    | true",
        "false | a;xy     | xyz    | true",
        "false | a;xy     | b      | false",
        "false | ABC      | abc    | false",
        "true  | abc      | abcdef | true",
        "true  | abc      | xyz    | false",
        "true  | ''       | xyz    | true"
      })
  @DisplayName(
      "SP-SUB-2/4: SUB delivers a message iff its body starts with a subscribed prefix (raw too)")
  void prefixFiltering(boolean raw, String prefixes, String body, boolean delivered) {
    ProtocolHarness sub = ProtocolHarness.of(Protocol.SUB, raw);
    MockPipe pipe = sub.connect(1);
    for (String prefix : prefixes.split(";", -1)) {
      sub.engine.setOption(Options.SUBSCRIBE, utf8(prefix));
    }

    assertThat(sub.arrive(pipe, utf8(body))).isEqualTo(delivered);

    if (delivered) {
      assertThat(sub.receive().body()).isEqualTo(utf8(body));
    }
    assertThat(sub.receive()).isNull();
  }

  @Test
  @DisplayName("SP-SUB-2: a prefix is compared byte-wise, including non-text bytes")
  void binaryPrefix() {
    ProtocolHarness sub = ProtocolHarness.cooked(Protocol.SUB);
    MockPipe pipe = sub.connect(1);
    sub.engine.setOption(Options.SUBSCRIBE, hex("00 ff 80"));

    assertThat(sub.arrive(pipe, hex("00 ff 80 01"))).isTrue();
    assertThat(sub.arrive(pipe, hex("00 ff 7f 01"))).isFalse();
  }

  @ParameterizedTest(name = "raw={0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("SP-SUB-2: with no subscription nothing is delivered")
  void noSubscriptionNothing(boolean raw) {
    ProtocolHarness sub = ProtocolHarness.of(Protocol.SUB, raw);
    MockPipe pipe = sub.connect(1);

    assertThat(sub.arrive(pipe, utf8("anything"))).isFalse();
    assertThat(sub.arrive(pipe, new byte[0])).isFalse();
    assertThat(sub.receive()).isNull();
  }

  @Test
  @DisplayName(
      "SP-SUB-2: changing the caller's array after subscribing does not change the subscription")
  void subscriptionIsCopied() {
    ProtocolHarness sub = ProtocolHarness.cooked(Protocol.SUB);
    MockPipe pipe = sub.connect(1);
    byte[] prefix = utf8("abc");
    sub.engine.setOption(Options.SUBSCRIBE, prefix);
    Arrays.fill(prefix, (byte) 'z');

    assertThat(sub.arrive(pipe, utf8("abc!"))).isTrue();
    assertThat(sub.arrive(pipe, utf8("zzz!"))).isFalse();
  }

  @Test
  @DisplayName("SP-SUB-3: subscriptions are counted: subscribing twice needs two unsubscribes")
  void countedSubscriptions() {
    ProtocolHarness sub = ProtocolHarness.cooked(Protocol.SUB);
    MockPipe pipe = sub.connect(1);
    sub.engine.setOption(Options.SUBSCRIBE, utf8("t"));
    sub.engine.setOption(Options.SUBSCRIBE, utf8("t"));

    sub.engine.setOption(Options.UNSUBSCRIBE, utf8("t"));
    assertThat(sub.arrive(pipe, utf8("t1"))).isTrue();

    sub.engine.setOption(Options.UNSUBSCRIBE, utf8("t"));
    assertThat(sub.arrive(pipe, utf8("t2"))).isFalse();
  }

  @Test
  @DisplayName("SP-SUB-3: unsubscribing one prefix leaves the others")
  void unsubscribeOneOfMany() {
    ProtocolHarness sub = ProtocolHarness.cooked(Protocol.SUB);
    MockPipe pipe = sub.connect(1);
    sub.engine.setOption(Options.SUBSCRIBE, utf8("a"));
    sub.engine.setOption(Options.SUBSCRIBE, utf8("b"));

    sub.engine.setOption(Options.UNSUBSCRIBE, utf8("a"));

    assertThat(sub.arrive(pipe, utf8("a1"))).isFalse();
    assertThat(sub.arrive(pipe, utf8("b1"))).isTrue();
  }

  @ParameterizedTest(name = "existing subscriptions [{0}], unsubscribe \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {"<none> | a", "<none> | ''", "ab     | a", "a      | ab", "''     | x"})
  @DisplayName(
      "SP-SUB-3: unsubscribing an unknown prefix fails with IllegalArgumentException and changes nothing")
  void unsubscribeUnknown(String existing, String prefix) {
    ProtocolHarness sub = ProtocolHarness.cooked(Protocol.SUB);
    MockPipe pipe = sub.connect(1);
    if (!existing.equals("<none>")) {
      sub.engine.setOption(Options.SUBSCRIBE, utf8(existing));
    }

    assertThatThrownBy(() -> sub.engine.setOption(Options.UNSUBSCRIBE, utf8(prefix)))
        .isInstanceOf(IllegalArgumentException.class);

    if (!existing.equals("<none>")) {
      assertThat(sub.arrive(pipe, utf8(existing + "-still"))).isTrue();
    }
  }
}
