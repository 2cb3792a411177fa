package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.faults.Netns.Side;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server vanishes without a FIN or RST reaching the client (killed while its namespace drops
 * every packet) and a successor binds the same address; then packets pass again.
 */
final class VanishedPeerTest {
  /** Past the retransmission that finds out: TCP's doubling timer and a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  /** How much of the server vanishes. */
  enum Vanish {
    /**
     * The server's host: its kernel forgets the connection too. The client's retransmissions meet a
     * kernel that knows nothing of it, and its RST.
     */
    HOST,
    /**
     * The server process only: its kernel keeps the connection as an orphan (FIN-WAIT-1) that
     * retransmits its FIN and answers the client's retransmissions with RST.
     */
    PROCESS
  }

  /** The host on every scheme and pattern; the process alone on ws. */
  static Stream<Arguments> cases() {
    return Stream.concat(
        Matrix.everyPattern()
            .map(arguments -> Arguments.of(Vanish.HOST, arguments.get()[0], arguments.get()[1])),
        Stream.of(Pattern.values())
            .map(pattern -> Arguments.of(Vanish.PROCESS, Scheme.WS, pattern)));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void theClientFindsTheVanishedServersSuccessorAndDeliversIntactInOrderAndOnce(
      Vanish vanish, Scheme scheme, Pattern pattern) {
    try (Scenario scenario = Scenario.create(scheme, pattern)) {
      int connection = scenario.startStream();

      scenario.netns().blackhole(Side.SERVER);
      scenario.server().kill();
      long killed = System.nanoTime();
      if (vanish == Vanish.HOST) {
        scenario.netns().forgetConnections(Side.SERVER);
      }
      Peer successor = scenario.startServer();
      boolean unnoticed = scenario.clientStillOn(connection);
      scenario.netns().clear(Side.SERVER);
      long lifted = System.nanoTime();

      Scenario.Recovery recovery = scenario.awaitRecovery(lifted, connection);
      Deliveries.Summary summary = scenario.finish(false);
      assertThat(unnoticed)
          .as("the client still holds the old connection while no packet passes")
          .isTrue();
      assertThat(recovery.connectionKept()).as("the client moved to a new connection").isFalse();
      // TCP doubles its retransmission timer from the first unanswered segment (about the kill):
      // the next one after the lift comes within about as long again as the blackhole lasted.
      long blackhole = Scenario.millis(killed, lifted);
      assertThat(Scenario.millis(lifted, recovery.newConnection()))
          .as("reconnect after the lift, in ms")
          .isLessThanOrEqualTo(blackhole + Scenario.RECONNECT_INTERVAL_MAX.plus(SLACK).toMillis());
      assertThat(successor.lines(PeerLine.GOT)).as("what the successor received").isNotEmpty();
      if (pattern == Pattern.REQ_REP) {
        assertPendingRequestResentToSuccessor(
            scenario.client(), successor, recovery.newConnection());
      }
      scenario.report(
          vanish.name().toLowerCase(Locale.ROOT) + " vanished",
          "blackhole "
              + blackhole
              + " ms; reconnected "
              + Scenario.millis(lifted, recovery.newConnection())
              + " ms after the lift ("
              + Scenario.millis(killed, recovery.newConnection())
              + " ms after the kill), first message at the successor "
              + Scenario.millis(lifted, recovery.firstArrival())
              + " ms after the lift; "
              + summary);
    }
  }

  /**
   * The successor's first reply answers a request sent before the client had its new connection
   * (into the dead one, or while it had none): the REQ sent it again on the new one.
   */
  private static void assertPendingRequestResentToSuccessor(
      Peer client, Peer successor, long newConnection) {
    PeerLog.Line firstReply =
        client
            .first(
                line ->
                    line.kind() == PeerLine.REPLY
                        && line.afterSeq().startsWith(successor.id() + " "))
            .orElseThrow();
    PeerLog.Line request =
        client
            .first(line -> line.kind() == PeerLine.SENT && line.seq() == firstReply.seq())
            .orElseThrow();
    assertThat(request.nanos())
        .as(
            "request %d, the successor's first reply, was sent before the new connection",
            request.seq())
        .isLessThan(newConnection);
  }
}
