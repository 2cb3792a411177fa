package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sp4j.core.ManualTimeSockets;
import io.sp4j.testing.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * SURVEYOR/RESPONDENT over {@code inproc://}, the surveyor on a clock the test moves: answers count
 * until the survey's deadline, not a nanosecond less, and none after it.
 */
class SurveyTest {
  private static final Duration DEADLINE = Duration.ofMillis(200);

  private final ManualTime time = new ManualTime();

  private Socket surveyor() {
    return ManualTimeSockets.open(Protocol.SURVEYOR, time).set(Options.SURVEY_DEADLINE, DEADLINE);
  }

  /** The next answer; its time on the manual clock never ends, real time bounds the test. */
  private static String answer(Socket surveyor) {
    CompletableFuture<Message> answer = surveyor.receiveAsync();
    assertThat(answer).succeedsWithin(BlockedCall.DEADLINE);
    return SocketPair.text(answer.join().body());
  }

  @Test
  void everyRespondentAnswersUntilTheDeadlineThenTheReceiveTimesOutOnceThenStateError() {
    Socket surveyor = surveyor();
    try (SocketPair pair = SocketPair.open(surveyor, Socket.open(Protocol.RESPONDENT))) {
      List<Socket> respondents =
          List.of(pair.connected(), pair.connectAnother(Protocol.RESPONDENT));
      Socket late = pair.connectAnother(Protocol.RESPONDENT);
      surveyor.send(bytes("lunch?"));
      for (Socket respondent : respondents) {
        assertThat(receiveText(respondent)).isEqualTo("lunch?");
        respondent.send(bytes("yes"));
      }
      assertThat(List.of(answer(surveyor), answer(surveyor))).containsExactly("yes", "yes");
      assertThat(receiveText(late)).isEqualTo("lunch?");

      // A receive waits for more answers: one that comes just before the deadline still counts.
      BlockedCall waiting = BlockedCall.start("surveyor", () -> receiveText(surveyor));
      await().atMost(BlockedCall.DEADLINE).until(waiting::isWaiting);
      time.advance(DEADLINE.minusNanos(1));
      late.send(bytes("me too"));
      waiting.assertReturned("me too");

      // Then the deadline ends the next wait with ETIMEDOUT, and the one after is a state error.
      BlockedCall last =
          BlockedCall.start(
              "surveyor",
              () -> {
                try {
                  return receiveText(surveyor);
                } catch (SpTimeoutException e) {
                  return e.errno();
                }
              });
      await().atMost(BlockedCall.DEADLINE).until(last::isWaiting);
      time.advance(Duration.ofNanos(1));
      last.assertReturned(Errno.ETIMEDOUT);
      assertThatThrownBy(surveyor::receive)
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }
  }

  @Test
  void aResponseAfterTheDeadlineIsNotDeliveredToTheNextSurvey() {
    Socket surveyor = surveyor();
    try (SocketPair pair = SocketPair.open(surveyor, Socket.open(Protocol.RESPONDENT))) {
      Socket respondent = pair.connected();
      surveyor.send(bytes("first"));
      assertThat(receiveText(respondent)).isEqualTo("first");
      time.advance(DEADLINE);
      assertThatThrownBy(surveyor::receive).isInstanceOf(SpTimeoutException.class);

      respondent.send(bytes("late answer to first"));
      surveyor.send(bytes("second"));
      assertThat(receiveText(respondent)).isEqualTo("second");
      respondent.send(bytes("answer to second"));
      assertThat(answer(surveyor)).isEqualTo("answer to second");
    }
  }

  @Test
  void receivingBeforeAnySurveyAndAnsweringNothingAreStateErrors() {
    try (SocketPair pair = SocketPair.open(Protocol.SURVEYOR, Protocol.RESPONDENT)) {
      assertThatThrownBy(() -> pair.bound().receive())
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
      assertThatThrownBy(() -> pair.connected().send(bytes("unasked")))
          .isInstanceOfSatisfying(
              ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }
  }
}
