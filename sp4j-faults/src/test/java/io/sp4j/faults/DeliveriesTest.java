package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks of a run catch each way a delivery can go wrong, and pass what SP allows. */
final class DeliveriesTest {
  @Test
  void aCleanPushPullRunPassesAndIsCounted() {
    Deliveries.Summary summary =
        Deliveries.check(Pattern.PUSH_PULL, sender(3), List.of(receiver("s1", 1, 2, 3)), true);
    assertThat(summary).isEqualTo(new Deliveries.Summary(3, 3, 0, 0, 0, 0, ""));
  }

  @Test
  void aBrokenConnectionMayLoseMessagesButNotTheirOrder() {
    Deliveries.Summary summary =
        Deliveries.check(
            Pattern.PUSH_PULL,
            sender(6),
            List.of(receiver("s1", 1, 2), receiver("s2", 5, 6)),
            false);
    assertThat(summary.lost()).isEqualTo(2);
    assertThat(summary.lostRuns()).isEqualTo("3-4");
  }

  @Test
  void aPubDropsWhatItSendsBeforeItsSubscriberIsConnected() {
    Deliveries.Summary summary =
        Deliveries.check(Pattern.PUB_SUB, sender(5), List.of(receiver("s1", 3, 5)), true);
    assertThat(summary.early()).isEqualTo(2);
    assertThat(summary.lost()).isEqualTo(1);
  }

  @Test
  void aRepMaySeeAResentRequestAgainAndTheReqStillGetsOneReplyPerRequest() {
    PeerLog client =
        log("c", "sent 1", "reply 1 s1 " + body(1), "sent 2", "reply 2 s1 " + body(2), "stopped 2");
    Deliveries.Summary summary =
        Deliveries.check(Pattern.REQ_REP, client, List.of(receiver("s1", 1, 1, 2)), true);
    assertThat(summary.repeats()).isEqualTo(1);
    assertThat(summary.replies()).isEqualTo(2);
  }

  static Stream<Arguments> faults() {
    PeerLog twoRequests =
        log("c", "sent 1", "reply 1 s1 " + body(1), "sent 2", "reply 2 s1 " + body(2), "stopped 2");
    return Stream.of(
        Arguments.of(
            "a message twice",
            Pattern.PUSH_PULL,
            sender(2),
            receiver("s1", 1, 2, 2),
            "out of order or repeated"),
        Arguments.of(
            "out of order",
            Pattern.PUB_SUB,
            sender(3),
            receiver("s1", 1, 3, 2),
            "out of order or repeated"),
        Arguments.of(
            "lost on one connection",
            Pattern.PUSH_PULL,
            sender(3),
            receiver("s1", 1, 3),
            "lost messages"),
        Arguments.of(
            "the last one missing",
            Pattern.PUB_SUB,
            sender(3),
            receiver("s1", 1, 2),
            "the last message"),
        Arguments.of(
            "damaged",
            Pattern.PUSH_PULL,
            sender(1),
            log("s1", "got " + body(1).replace(':', ';')),
            "damaged or foreign"),
        Arguments.of(
            "from someone else",
            Pattern.PUSH_PULL,
            sender(1),
            log("s1", "got " + new FaultMessage("x", 1).encode()),
            "damaged or foreign"),
        Arguments.of(
            "a peer's error",
            Pattern.PUSH_PULL,
            sender(1),
            log("s1", "got " + body(1), "error boom"),
            "errors of s1"),
        Arguments.of(
            "a second reply",
            Pattern.REQ_REP,
            log("c", "sent 1", "reply 1 s1 " + body(1), "reply 1 s1 " + body(1), "stopped 1"),
            receiver("s1", 1),
            "one reply per request"),
        Arguments.of(
            "another request's reply",
            Pattern.REQ_REP,
            log("c", "sent 1", "reply 1 s1 " + body(2), "stopped 1"),
            receiver("s1", 1),
            "reply to request 1"),
        Arguments.of(
            "a reply from nowhere",
            Pattern.REQ_REP,
            log("c", "sent 1", "reply 1 s9 " + body(1), "stopped 1"),
            receiver("s1", 1),
            "the replier of request 1"),
        Arguments.of(
            "no reply",
            Pattern.REQ_REP,
            log("c", "sent 1", "timeout 1", "stopped 1"),
            receiver("s1", 1),
            "requests without a reply"),
        Arguments.of(
            "a request never answered",
            Pattern.REQ_REP,
            log("c", "sent 1", "reply 1 s1 " + body(1), "sent 2", "stopped 2"),
            receiver("s1", 1, 2),
            "one reply per request"),
        Arguments.of(
            "a message never sent", Pattern.PUB_SUB, sender(1), receiver("s1", 1, 2), "never sent"),
        Arguments.of(
            "twice the second reply's request",
            Pattern.REQ_REP,
            twoRequests,
            receiver("s1", 2, 1),
            "out of order or repeated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void aFaultyRunFailsItsCheck(
      String fault, Pattern pattern, PeerLog client, PeerLog server, String complaint) {
    assertThatThrownBy(() -> Deliveries.check(pattern, client, List.of(server), true))
        .as(fault)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(complaint);
  }

  private static String body(long seq) {
    return new FaultMessage("c", seq).encode();
  }

  /** A PUSH or PUB that sent {@code count} messages and stopped. */
  private static PeerLog sender(int count) {
    List<String> lines = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      lines.add("sent " + seq);
    }
    lines.add("stopped " + count);
    return log("c", lines.toArray(String[]::new));
  }

  /** A server that received the client's messages {@code seqs}, in that order. */
  private static PeerLog receiver(String id, long... seqs) {
    return log(id, Arrays.stream(seqs).mapToObj(seq -> "got " + body(seq)).toArray(String[]::new));
  }

  /** A log of {@code lines} ("<kind> <rest>"), stamped 1, 2, 3 …. */
  private static PeerLog log(String id, String... lines) {
    List<PeerLog.Line> parsed = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" ", 2);
      parsed.add(
          new PeerLog.Line(
              parsed.size() + 1,
              PeerLine.valueOf(parts[0].toUpperCase(Locale.ROOT)),
              parts.length > 1 ? parts[1] : ""));
    }
    return new PeerLog(id, parsed);
  }
}
