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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReqProtocolTest {
  private final ProtocolHarness req = ProtocolHarness.cooked(Protocol.REQ);

  private static byte[] request(int id, String body) {
    return concat(word(id), utf8(body));
  }

  @Nested
  @DisplayName("SP-REQ-1: request ids")
  class Ids {
    @Test
    @DisplayName("REQ puts a 4-byte id with the top bit set in front of the body")
    void headerIsTheId() {
      MockPipe pipe = req.connect(1);

      req.send("hello");

      assertThat(hex(pipe.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "hello")));
      assertThat(pipe.sent().get(0).headerSize()).isEqualTo(4);
    }

    @Test
    @DisplayName("each new request id is the previous + 1")
    void idsIncrement() {
      MockPipe pipe = req.connect(1);

      for (int i = 0; i < 3; i++) {
        req.send("r" + i);
      }

      assertThat(pipe.sentWire())
          .extracting(w -> Wire.wordAt(w, 0))
          .containsExactly(FIRST_ID, FIRST_ID + 1, FIRST_ID + 2);
    }

    @ParameterizedTest(name = "random {0} → first id {1}")
    @CsvSource({
      "0x12345677, 0x92345678",
      "0x00000000, 0x80000001",
      "0x7fffffff, 0x80000000",
      "0xfffffffe, 0xffffffff",
      "0xffffffff, 0x80000000"
    })
    @DisplayName("the first id comes from the random source, with the top bit forced on")
    void firstIdIsRandom(String seed, String expected) {
      ProtocolHarness seeded =
          ProtocolHarness.seeded(Protocol.REQ, Integer.parseUnsignedInt(seed.substring(2), 16));
      MockPipe pipe = seeded.connect(1);

      seeded.send("x");

      assertThat(Wire.wordAt(pipe.onlySentWire(), 0))
          .isEqualTo(Integer.parseUnsignedInt(expected.substring(2), 16));
    }

    @Test
    @DisplayName("the top bit stays set when the id wraps")
    void idWrapKeepsTopBit() {
      ProtocolHarness seeded = ProtocolHarness.seeded(Protocol.REQ, 0xffff_fffe);
      MockPipe pipe = seeded.connect(1);

      seeded.send("a");
      seeded.send("b");

      assertThat(pipe.sentWire())
          .extracting(w -> Wire.wordAt(w, 0))
          .containsExactly(0xffff_ffff, 0x8000_0000);
    }
  }

  @Nested
  @DisplayName("SP-REQ-2: load balancing")
  class LoadBalancing {
    @Test
    @DisplayName("requests go round robin over pipes of equal priority")
    void roundRobin() {
      MockPipe a = req.connect(1);
      MockPipe b = req.connect(2);
      MockPipe c = req.connect(3);

      List<MockPipe> order = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        req.send("r" + i);
        order.add(whoGotLast(a, b, c));
      }

      assertThat(order).containsExactly(a, b, c, a, b, c);
    }

    @Test
    @DisplayName("the highest send priority (1) wins while it is writable")
    void highestPriorityFirst() {
      MockPipe normal = req.connect(new MockPipe(1).sendPriority(8));
      MockPipe preferred = req.connect(new MockPipe(2).sendPriority(2));
      MockPipe low = req.connect(new MockPipe(3).sendPriority(16));

      for (int i = 0; i < 3; i++) {
        req.send("r" + i);
      }

      assertThat(preferred.sent()).hasSize(3);
      assertThat(normal.sent()).isEmpty();
      assertThat(low.sent()).isEmpty();
    }

    @Test
    @DisplayName("an unwritable pipe is skipped, even one of higher priority")
    void skipsUnwritable() {
      MockPipe busyPreferred = req.connect(new MockPipe(1).sendPriority(1).writable(false));
      MockPipe busy = req.connect(new MockPipe(2).writable(false));
      MockPipe free = req.connect(3);

      req.send("a");
      req.send("b");

      assertThat(free.sent()).hasSize(2);
      assertThat(busyPreferred.sent()).isEmpty();
      assertThat(busy.sent()).isEmpty();
    }

    /** The one pipe that got a message since the last call; clears them all. */
    private MockPipe whoGotLast(MockPipe... pipes) {
      List<MockPipe> got = Stream.of(pipes).filter(p -> !p.sent().isEmpty()).toList();
      assertThat(got).hasSize(1);
      got.get(0).clearSent();
      return got.get(0);
    }
  }

  @Nested
  @DisplayName("SP-REQ-3: sending without a peer")
  class NoPeer {
    @Test
    @DisplayName("a send with no peer succeeds and goes out when a pipe is added")
    void sentWhenPipeArrives() {
      assertThat(req.send("early")).isTrue();

      MockPipe pipe = req.connect(1);

      assertThat(hex(pipe.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "early")));
    }

    @Test
    @DisplayName(
        "a send while every pipe is back-pressured succeeds and goes out when one becomes writable")
    void sentWhenPipeWritable() {
      MockPipe pipe = req.connect(new MockPipe(1).writable(false));

      assertThat(req.send("held")).isTrue();
      assertThat(pipe.sent()).isEmpty();

      pipe.writable(true);
      req.engine.pipeWritable(pipe);

      assertThat(hex(pipe.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "held")));
    }

    @Test
    @DisplayName("a held request is sent once, not again for every later pipe")
    void heldRequestSentOnce() {
      req.send("once");
      MockPipe first = req.connect(1);
      MockPipe second = req.connect(2);
      req.engine.pipeWritable(first);

      assertThat(first.sent()).hasSize(1);
      assertThat(second.sent()).isEmpty();
    }
  }

  @Nested
  @DisplayName("SP-REQ-4/5: resending")
  class Resend {
    @Test
    @DisplayName("REQ resends the same id and body after the default resend interval (60 s)")
    void resendAfterDefaultInterval() {
      MockPipe pipe = req.connect(1);
      req.send("again");

      req.time.advance(Duration.ofMillis(59_999));
      assertThat(pipe.sent()).hasSize(1);

      req.time.advanceMillis(1);
      assertThat(pipe.sentWire()).hasSize(2);
      assertThat(hex(pipe.sentWire().get(1))).isEqualTo(hex(request(FIRST_ID, "again")));
    }

    @ParameterizedTest(name = "interval {0} ms")
    @CsvSource({"1", "100", "2500"})
    @DisplayName("REQ resends after RESEND_INTERVAL, and again after each further interval")
    void resendAfterConfiguredInterval(long millis) {
      req.engine.setOption(Options.RESEND_INTERVAL, Duration.ofMillis(millis));
      assertThat(req.engine.getOption(Options.RESEND_INTERVAL))
          .isEqualTo(Duration.ofMillis(millis));
      MockPipe pipe = req.connect(1);
      req.send("again");

      req.time.advanceMillis(millis - 1);
      assertThat(pipe.sent()).hasSize(1);
      req.time.advanceMillis(1);
      assertThat(pipe.sent()).hasSize(2);
      req.time.advanceMillis(millis);
      assertThat(pipe.sent()).hasSize(3);
      assertThat(pipe.sentWire())
          .allSatisfy(w -> assertThat(hex(w)).isEqualTo(hex(request(FIRST_ID, "again"))));
    }

    @Test
    @DisplayName("a resend may go to another pipe")
    void resendLoadBalances() {
      MockPipe a = req.connect(1);
      MockPipe b = req.connect(2);
      req.send("x");

      req.time.advance(Options.RESEND_INTERVAL.defaultValue());

      assertThat(hex(a.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "x")));
      assertThat(hex(b.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "x")));
    }

    @Test
    @DisplayName("no resend after the reply arrived")
    void noResendAfterReply() {
      MockPipe pipe = req.connect(1);
      req.send("q");
      req.arrive(pipe, request(FIRST_ID, "a"));
      assertThat(req.receive().body()).isEqualTo(utf8("a"));

      req.time.advance(Duration.ofMinutes(10));

      assertThat(pipe.sent()).hasSize(1);
      assertThat(req.time.pending()).isZero();
    }

    @Test
    @DisplayName("REQ resends at once on another pipe when the carrying pipe is removed")
    void resendOnDisconnect() {
      MockPipe a = req.connect(1);
      MockPipe b = req.connect(2);
      req.send("retry");
      assertThat(a.sent()).hasSize(1);

      req.disconnect(a);

      assertThat(hex(b.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "retry")));
    }

    @Test
    @DisplayName("with no pipe left, the request goes out again on the next pipe (reconnect)")
    void resendOnReconnect() {
      MockPipe first = req.connect(1);
      req.send("retry");
      req.disconnect(first);

      MockPipe reconnected = req.connect(2);

      assertThat(hex(reconnected.onlySentWire())).isEqualTo(hex(request(FIRST_ID, "retry")));
    }

    @Test
    @DisplayName("removing a pipe that does not carry the request resends nothing")
    void otherPipeRemovedNoResend() {
      MockPipe a = req.connect(1);
      MockPipe b = req.connect(2);
      req.send("x");

      req.disconnect(b);

      assertThat(a.sent()).hasSize(1);
      assertThat(b.sent()).isEmpty();
    }

    @Test
    @DisplayName("the resend timer restarts after a disconnect resend, so only one timer runs")
    void oneTimerAfterDisconnect() {
      MockPipe a = req.connect(1);
      MockPipe b = req.connect(2);
      req.send("x");
      req.time.advanceMillis(30_000);
      req.disconnect(a);

      req.time.advanceMillis(30_000);
      assertThat(b.sent()).hasSize(1);
      req.time.advanceMillis(30_000);
      assertThat(b.sent()).hasSize(2);
      assertThat(req.time.pending()).isEqualTo(1);
    }

    @Test
    @DisplayName("close cancels the resend timer")
    void closeCancelsResend() {
      MockPipe pipe = req.connect(1);
      req.send("x");

      req.engine.close();
      req.time.advance(Duration.ofMinutes(5));

      assertThat(pipe.sent()).hasSize(1);
    }
  }

  @Nested
  @DisplayName("SP-REQ-6: replies")
  class Replies {
    @Test
    @DisplayName("the reply with the current id is delivered without its header")
    void replyDelivered() {
      MockPipe pipe = req.connect(1);
      req.send("q");

      assertThat(req.arrive(pipe, request(FIRST_ID, "answer"))).isTrue();

      Message reply = req.receive();
      assertThat(reply.header()).isEmpty();
      assertThat(reply.body()).isEqualTo(utf8("answer"));
    }

    @Test
    @DisplayName("a reply split by an inproc sender is delivered the same")
    void inprocReplyDelivered() {
      MockPipe pipe = req.connect(1);
      req.send("q");

      req.arrive(pipe, Message.of(word(FIRST_ID), utf8("answer")));

      assertThat(req.receive().body()).isEqualTo(utf8("answer"));
    }

    @Test
    @DisplayName(
        "a new send cancels the pending request: its late reply is dropped, it is never resent")
    void newSendCancelsPending() {
      MockPipe pipe = req.connect(1);
      req.send("old");
      req.send("new");

      req.arrive(pipe, request(FIRST_ID, "late"));
      assertThat(req.receive()).isNull();

      req.time.advance(Options.RESEND_INTERVAL.defaultValue());
      assertThat(pipe.sentWire())
          .extracting(ProtocolHarness::hex)
          .containsExactly(
              hex(request(FIRST_ID, "old")),
              hex(request(FIRST_ID + 1, "new")),
              hex(request(FIRST_ID + 1, "new")));

      req.arrive(pipe, request(FIRST_ID + 1, "fresh"));
      assertThat(req.receive().body()).isEqualTo(utf8("fresh"));
    }

    static Stream<Arguments> staleReplies() {
      return Stream.of(
          Arguments.of("a wrong id", Message.of(concat(word(FIRST_ID + 5), utf8("r")))),
          Arguments.of(
              "the id without its top bit",
              Message.of(concat(word(FIRST_ID & 0x7fff_ffff), utf8("r")))),
          Arguments.of("3 bytes", Message.of(new byte[] {(byte) 0x92, 0x34, 0x56})),
          Arguments.of("nothing", Message.of(new byte[0])),
          Arguments.of(
              "a hop word before the id (8-byte header)",
              Message.of(concat(word(7), word(FIRST_ID), utf8("r")))),
          Arguments.of(
              "an inproc 8-byte header", Message.of(concat(word(7), word(FIRST_ID)), utf8("r"))));
    }

    @ParameterizedTest(name = "reply with {0}")
    @MethodSource("staleReplies")
    @DisplayName("REQ drops replies that do not carry exactly the current id")
    void staleReplyDropped(String what, Message reply) {
      MockPipe pipe = req.connect(1);
      req.send("q");

      req.arrive(pipe, reply);

      assertThat(req.receive()).isNull();
      assertThat(pipe.isClosed()).isFalse();
      req.arrive(pipe, request(FIRST_ID, "good"));
      assertThat(req.receive().body()).isEqualTo(utf8("good"));
    }

    @Test
    @DisplayName(
        "stale replies take no room in the receive queue: many do not fill it or stop the pipe")
    void staleRepliesTakeNoRoom() {
      MockPipe pipe = req.connect(new MockPipe(1).remote());
      req.send("cancelled");
      req.send("current");
      byte[] padding = new byte[1000];
      int limit = Options.RECEIVE_BUFFER.defaultValue();
      int replies =
          4 * limit / padding.length; // four times what the queue holds before it stops the pipe

      for (int i = 0; i < replies; i++) {
        int staleId =
            i % 2 == 0 ? FIRST_ID : FIRST_ID + 2 + i; // the cancelled request's, or one never sent
        assertThat(req.arrive(pipe, concat(word(staleId), padding)))
            .as("stale reply %d kept", i)
            .isFalse();
      }

      assertThat(req.queue.size()).isZero();
      assertThat(req.queue.bytes()).isZero();
      assertThat(pipe.suspendCount()).as("times the pipe was told to stop reading").isZero();
      assertThat(req.arrive(pipe, request(FIRST_ID + 1, "the reply"))).isTrue();
      assertThat(req.receive().body()).isEqualTo(utf8("the reply"));
    }

    @Test
    @DisplayName("a duplicate reply is delivered once; the copy is dropped by the next request")
    void duplicateReplyDropped() {
      MockPipe pipe = req.connect(1);
      req.send("q1");
      req.arrive(pipe, request(FIRST_ID, "a1"));
      req.arrive(pipe, request(FIRST_ID, "a1"));

      assertThat(req.receive().body()).isEqualTo(utf8("a1"));
      assertThatThrownBy(req::receive).isInstanceOf(ProtocolStateException.class);

      req.send("q2");
      assertThat(req.receive()).isNull();
      req.arrive(pipe, request(FIRST_ID + 1, "a2"));
      assertThat(req.receive().body()).isEqualTo(utf8("a2"));
    }
  }

  @Nested
  @DisplayName("SP-REQ-7: state")
  class State {
    @Test
    @DisplayName("receive without a request fails with EFSM")
    void receiveWithoutRequest() {
      assertThatThrownBy(req::receive)
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }

    @Test
    @DisplayName("receive after the reply was taken fails with EFSM")
    void receiveAfterReply() {
      MockPipe pipe = req.connect(1);
      req.send("q");
      req.arrive(pipe, request(FIRST_ID, "a"));
      req.receive();

      assertThatThrownBy(req::receive)
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }

    @Test
    @DisplayName("receive with a request out and no reply yet returns nothing")
    void receiveWhileWaiting() {
      req.connect(1);
      req.send("q");

      assertThat(req.receive()).isNull();
    }

    @Test
    @DisplayName("cooked REQ has the RESEND_INTERVAL option, raw REQ has none")
    void options() {
      assertThat(req.engine.options()).containsExactly(Options.RESEND_INTERVAL);
      assertThat(req.engine.getOption(Options.RESEND_INTERVAL)).isEqualTo(Duration.ofSeconds(60));
      assertThat(ProtocolHarness.raw(Protocol.REQ).engine.options()).isEmpty();
    }
  }

  @Nested
  @DisplayName("SP-RAW-1/2: raw REQ")
  class Raw {
    private final ProtocolHarness raw = ProtocolHarness.raw(Protocol.REQ);

    @Test
    @DisplayName("raw REQ sends the user's header as it is, and never resends")
    void headerAsIs() {
      MockPipe pipe = raw.connect(1);

      assertThat(raw.send(Message.of(hex("00 00 00 07 c8 44 e3 1d"), utf8("hello")))).isTrue();
      raw.time.advance(Duration.ofMinutes(5));

      assertThat(hex(pipe.onlySentWire())).isEqualTo("00 00 00 07 c8 44 e3 1d 68 65 6c 6c 6f");
      assertThat(raw.time.pending()).isZero();
    }

    @Test
    @DisplayName("raw REQ load-balances and would block with no writable pipe")
    void loadBalancesAndBlocks() {
      assertThat(raw.send(Message.of(word(FIRST_ID), utf8("x")))).isFalse();
      MockPipe a = raw.connect(1);
      MockPipe b = raw.connect(2);

      raw.send(Message.of(word(1), utf8("1")));
      raw.send(Message.of(word(2), utf8("2")));

      assertThat(a.sent()).hasSize(1);
      assertThat(b.sent()).hasSize(1);
      a.writable(false);
      b.writable(false);
      assertThat(raw.send(Message.of(word(3), utf8("3")))).isFalse();
    }

    @Test
    @DisplayName("raw REQ makes the first word of a reply its header, any id, top bit or not")
    void firstWordBecomesHeader() {
      MockPipe pipe = raw.connect(1);

      raw.arrive(pipe, hex("c8 44 e3 1d 68 69"));
      raw.arrive(pipe, hex("00 00 00 05 68 6f"));

      Message first = raw.receive();
      assertThat(hex(first.header())).isEqualTo("c8 44 e3 1d");
      assertThat(first.body()).isEqualTo(utf8("hi"));
      Message second = raw.receive();
      assertThat(hex(second.header())).isEqualTo("00 00 00 05");
      assertThat(second.body()).isEqualTo(utf8("ho"));
    }

    @Test
    @DisplayName("raw REQ receive with nothing queued returns nothing instead of EFSM")
    void noEfsm() {
      assertThat(raw.receive()).isNull();
    }
  }
}
