package io.sp4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Checks what arrived at the peers against what SP promises for the pattern, after a sending run
 * has stopped: every message intact, from the client, in the order sent, never twice (REP alone may
 * see a request again: REQ resends it); PUSH/PULL over one unbroken connection loses nothing; a REQ
 * gets exactly one reply per request, and it is that request's.
 */
final class Deliveries {
  /**
   * The counts a test reports.
   *
   * @param sent messages (requests) the client sent
   * @param delivered distinct messages that reached a server
   * @param repeats arrivals of a message a server had already seen (REQ resends; zero elsewhere)
   * @param early messages sent before the first one that arrived (a PUB drops what it sends before
   *     its first connection is up)
   * @param lost messages after the first arrival that reached no server
   * @param replies replies the client received
   * @param lostRuns the lost sequence numbers after the first arrival as runs ("12-30, 41"), at
   *     most the first ten
   */
  record Summary(
      long sent, int delivered, int repeats, long early, long lost, int replies, String lostRuns) {
    @Override
    public String toString() {
      return "sent "
          + sent
          + ", delivered "
          + delivered
          + ", repeated at the server "
          + repeats
          + (early > 0 ? ", dropped before the first connection " + early : "")
          + ", lost "
          + lost
          + (lost > 0 ? " (" + lostRuns + ")" : "")
          + (replies > 0 ? ", replies " + replies : "");
    }
  }

  private Deliveries() {}

  /**
   * Checks the run; {@code servers} in the order they ran (a vanished server, then the one that
   * took its place). {@code oneConnection}: the client kept one connection the whole run.
   */
  static Summary check(
      Pattern pattern, PeerLog client, List<PeerLog> servers, boolean oneConnection) {
    List<PeerLog> everyone = new ArrayList<>(servers);
    everyone.add(client);
    for (PeerLog peer : everyone) {
      assertThat(peer.lines(PeerLine.ERROR)).as("errors of %s", peer.id()).isEmpty();
    }
    assertThat(client.lines(PeerLine.TIMEOUT))
        .as("requests without a reply; %s", client.tail())
        .isEmpty();
    List<PeerLog.Line> stopped = client.lines(PeerLine.STOPPED);
    assertThat(stopped).as("the client's end of run; %s", client.tail()).hasSize(1);
    long sent = stopped.get(0).seq();
    assertThat(client.lines(PeerLine.SENT).stream().map(PeerLog.Line::seq).toList())
        .as("what the client sent")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, sent).boxed().toList());

    List<Long> arrived = arrivals(client.id(), servers);
    checkOrder(pattern, arrived);
    Set<Long> distinct = new LinkedHashSet<>(arrived);
    assertThat(distinct)
        .as("messages that arrived but were never sent")
        .allMatch(seq -> seq <= sent);
    int repeats = arrived.size() - distinct.size();
    long early = arrived.isEmpty() ? sent : arrived.get(0) - 1;
    long lost = sent - early - distinct.size();
    int replies = 0;
    switch (pattern) {
      case REQ_REP -> replies = checkReplies(client, servers, sent);
      case PUSH_PULL -> {
        if (oneConnection) {
          assertThat(missing(distinct, sent))
              .as("PUSH/PULL over one connection lost messages")
              .isEmpty();
        }
        assertThat(distinct).as("the last message").contains(sent);
      }
      case PUB_SUB -> assertThat(distinct).as("the last message").contains(sent);
    }
    return new Summary(
        sent, distinct.size(), repeats, early, lost, replies, runs(distinct, early + 1, sent));
  }

  /** The sequence numbers that reached the servers, in order; every body must be intact. */
  private static List<Long> arrivals(String sender, List<PeerLog> servers) {
    List<Long> arrived = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    for (PeerLog server : servers) {
      for (PeerLog.Line line : server.lines(PeerLine.GOT)) {
        Optional<FaultMessage> record = FaultMessage.parse(line.rest());
        if (record.isEmpty() || !record.get().sender().equals(sender)) {
          damaged.add(server.id() + " got " + abbreviate(line.rest()));
        } else {
          arrived.add(record.get().seq());
        }
      }
    }
    assertThat(damaged).as("damaged or foreign messages").isEmpty();
    return arrived;
  }

  /** In the order sent; only a REP may see the same request again, right after itself. */
  private static void checkOrder(Pattern pattern, List<Long> arrived) {
    List<String> wrong = new ArrayList<>();
    for (int i = 1; i < arrived.size(); i++) {
      long before = arrived.get(i - 1);
      long now = arrived.get(i);
      boolean inOrder = pattern == Pattern.REQ_REP ? now >= before : now > before;
      if (!inOrder) {
        wrong.add(now + " after " + before);
      }
    }
    assertThat(wrong).as("arrivals out of order or repeated").isEmpty();
  }

  /** Exactly one reply per request, in order, each from a server and carrying its request. */
  private static int checkReplies(PeerLog client, List<PeerLog> servers, long sent) {
    List<PeerLog.Line> replies = client.lines(PeerLine.REPLY);
    assertThat(replies.stream().map(PeerLog.Line::seq).toList())
        .as("one reply per request, in order")
        .containsExactlyElementsOf(LongStream.rangeClosed(1, sent).boxed().toList());
    Set<String> serverIds = new LinkedHashSet<>();
    servers.forEach(server -> serverIds.add(server.id()));
    for (PeerLog.Line reply : replies) {
      String[] fields = reply.afterSeq().split(" ", 2);
      assertThat(fields).as("reply to %d: replier and body", reply.seq()).hasSize(2);
      assertThat(fields[0]).as("the replier of request %d", reply.seq()).isIn(serverIds);
      assertThat(FaultMessage.parse(fields[1]))
          .as("reply to request %d: %s", reply.seq(), abbreviate(fields[1]))
          .contains(new FaultMessage(client.id(), reply.seq()));
    }
    return replies.size();
  }

  private static List<Long> missing(Set<Long> distinct, long sent) {
    return LongStream.rangeClosed(1, sent)
        .filter(seq -> !distinct.contains(seq))
        .limit(20)
        .boxed()
        .toList();
  }

  /**
   * The sequence numbers from {@code from} to {@code sent} missing from {@code distinct}, as runs.
   */
  private static String runs(Set<Long> distinct, long from, long sent) {
    List<String> runs = new ArrayList<>();
    long start = -1;
    for (long seq = from; seq <= sent + 1 && runs.size() < 10; seq++) {
      boolean missing = seq <= sent && !distinct.contains(seq);
      if (missing && start < 0) {
        start = seq;
      } else if (!missing && start >= 0) {
        runs.add(start == seq - 1 ? String.valueOf(start) : start + "-" + (seq - 1));
        start = -1;
      }
    }
    return String.join(", ", runs);
  }

  private static String abbreviate(String body) {
    return body.length() <= 60
        ? body
        : body.substring(0, 30) + "…" + body.substring(body.length() - 20);
  }
}
