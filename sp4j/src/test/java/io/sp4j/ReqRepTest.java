package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static io.sp4j.SocketPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REQ/REP over {@code inproc://}. */
class ReqRepTest {

  @Test
  void manyRequestsInARowEachGetTheirReply() {
    try (SocketPair pair = SocketPair.open(Protocol.REP, Protocol.REQ)) {
      Socket req = pair.connected();
      Socket rep = pair.bound();
      for (int i = 0; i < 100; i++) {
        req.send(bytes("q" + i));
        assertThat(receiveText(rep)).isEqualTo("q" + i);
        rep.send(bytes("a" + i));
        assertThat(receiveText(req)).isEqualTo("a" + i);
      }
    }
  }

  @Test
  void requestsAreLoadBalancedRoundRobinOverTheReps() {
    try (SocketPair pair = SocketPair.open(Protocol.REQ, Protocol.REP)) {
      Socket req = pair.bound();
      List<Socket> reps =
          List.of(
              pair.connected(),
              pair.connectAnother(Protocol.REP),
              pair.connectAnother(Protocol.REP));
      List<Integer> servedBy = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        req.send(bytes("q" + i));
        int index = awaitRequest(reps, "q" + i);
        servedBy.add(index);
        reps.get(index).send(bytes("a" + i));
        assertThat(receiveText(req)).isEqualTo("a" + i);
      }
      assertThat(servedBy.subList(0, 3))
          .as("one request each before any REP gets a second")
          .doesNotHaveDuplicates();
      assertThat(servedBy.subList(3, 6)).isEqualTo(servedBy.subList(0, 3));
      assertThat(servedBy.subList(6, 9)).isEqualTo(servedBy.subList(0, 3));
    }
  }

  @Test
  void aRequestIsResentToAnotherRepWhenItsRepCloses() {
    try (SocketPair pair = SocketPair.open(Protocol.REQ, Protocol.REP)) {
      Socket req = pair.bound(); // default RESEND_INTERVAL (60 s): only the disconnect can resend
      List<Socket> reps = List.of(pair.connected(), pair.connectAnother(Protocol.REP));
      req.send(bytes("important"));
      int first = awaitRequest(reps, "important");
      Socket other = reps.get(1 - first);

      reps.get(first).close(); // took the request, never answers

      assertThat(receiveText(other)).isEqualTo("important");
      other.send(bytes("done"));
      assertThat(receiveText(req)).isEqualTo("done");
      // Only one pipe left: had the request also gone to this REP at first, the resend would be
      // on its pipe ahead of the next request.
      req.send(bytes("next"));
      assertThat(receiveText(other)).isEqualTo("next");
    }
  }

  @Test
  void anUnansweredRequestIsResentWhenTheResendIntervalHasPassedAndNotBefore() {
    ManualTime time = new ManualTime();
    Duration interval = Duration.ofMillis(50);
    Socket manualReq =
        ManualTimeSockets.open(Protocol.REQ, time).set(Options.RESEND_INTERVAL, interval);
    try (SocketPair pair = SocketPair.open(Socket.open(Protocol.REP), manualReq)) {
      Socket rep = pair.bound();
      Socket req = pair.connected();
      req.send(bytes("anyone?"));
      assertThat(receiveText(rep)).isEqualTo("anyone?");
      assertThat(time.dueIn()).containsExactly(interval);

      // Not answered: the same request comes again once the interval has passed (inproc
      // delivers on the thread that sends: the timer's, here the test's), and not before.
      time.advance(interval.minusNanos(1));
      assertThat(rep.tryReceive()).isEmpty();
      time.advance(Duration.ofNanos(1));
      assertThat(rep.tryReceive()).map(m -> text(m.body())).contains("anyone?");
      assertThat(time.dueIn()).as("and again an interval later").containsExactly(interval);

      rep.send(bytes("yes"));
      assertThat(receiveText(req)).isEqualTo("yes");
      assertThat(time.pending()).as("an answered request is not resent").isZero();
    }
  }

  @Test
  void aNewRequestCancelsTheOldAndItsLateReplyIsDropped() {
    try (SocketPair pair = SocketPair.open(Protocol.REP, Protocol.REQ)) {
      Socket rep = pair.bound();
      Socket req = pair.connected();
      req.send(bytes("old"));
      assertThat(receiveText(rep)).isEqualTo("old");
      req.send(bytes("new"));
      rep.send(bytes("reply to old"));
      assertThat(receiveText(rep)).isEqualTo("new");
      rep.send(bytes("reply to new"));
      assertThat(receiveText(req)).isEqualTo("reply to new");
    }
  }

  @ParameterizedTest(name = "REQ binds: {0}")
  @ValueSource(booleans = {true, false})
  void aRequestSentBeforeAnyRepGoesOutWhenOneLinks(boolean reqBinds) {
    Socket req = Socket.open(Protocol.REQ);
    req.send(bytes("queued")); // succeeds at once: a REQ holds its request until a peer comes
    Socket rep = Socket.open(Protocol.REP);
    try (SocketPair pair = reqBinds ? SocketPair.open(req, rep) : SocketPair.open(rep, req)) {
      assertThat(receiveText(rep)).isEqualTo("queued");
      rep.send(bytes("served"));
      assertThat(receiveText(req)).isEqualTo("served");
    }
  }

  @Test
  void receivingWithNoRequestAndReplyingWithNoneAreStateErrors() {
    try (SocketPair pair = SocketPair.open(Protocol.REP, Protocol.REQ)) {
      assertThatThrownBy(() -> pair.connected().receive())
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
      assertThatThrownBy(() -> pair.bound().send(bytes("unasked")))
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }
  }

  /** Which of {@code reps} got {@code request}, polling them all until one has. */
  static int awaitRequest(List<Socket> reps, String request) {
    AtomicInteger found = new AtomicInteger(-1);
    await()
        .atMost(SocketPair.PATIENCE)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              for (int i = 0; i < reps.size(); i++) {
                Optional<Message> message = reps.get(i).tryReceive();
                if (message.isPresent()) {
                  assertThat(text(message.get().body())).isEqualTo(request);
                  found.set(i);
                  return true;
                }
              }
              return false;
            });
    return found.get();
  }
}
