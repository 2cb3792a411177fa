package io.sp4j;

import static io.sp4j.SocketPair.bytes;
import static io.sp4j.SocketPair.receiveText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SURVEYOR/RESPONDENT over {@code inproc://}. */
class SurveyTest {

  @Test
  void everyRespondentAnswersThenTheDeadlineTimesOutOnceThenStateError() {
    Socket surveyor = Socket.open(Protocol.SURVEYOR).set(Options.SURVEY_DEADLINE, Duration.ofMillis(200));
    try (SocketPair pair = SocketPair.open(surveyor, Socket.open(Protocol.RESPONDENT))) {
      List<Socket> respondents = List.of(pair.connected(), pair.connectAnother(Protocol.RESPONDENT));
      long start = System.nanoTime();
      surveyor.send(bytes("lunch?"));
      for (Socket respondent : respondents) {
        assertThat(receiveText(respondent)).isEqualTo("lunch?");
        respondent.send(bytes("yes"));
      }
      assertThat(List.of(receiveText(surveyor), receiveText(surveyor))).containsExactly("yes", "yes");

      // The receive timeout is SocketPair.PATIENCE (5 s): this one ends at the 200 ms deadline.
      assertThatThrownBy(surveyor::receive)
          .isInstanceOfSatisfying(SpTimeoutException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ETIMEDOUT));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(SocketPair.PATIENCE);
      assertThatThrownBy(surveyor::receive)
          .isInstanceOfSatisfying(ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }
  }

  @Test
  void aResponseAfterTheDeadlineIsNotDeliveredToTheNextSurvey() {
    Socket surveyor = Socket.open(Protocol.SURVEYOR).set(Options.SURVEY_DEADLINE, Duration.ofMillis(50));
    try (SocketPair pair = SocketPair.open(surveyor, Socket.open(Protocol.RESPONDENT))) {
      Socket respondent = pair.connected();
      surveyor.send(bytes("first"));
      assertThat(receiveText(respondent)).isEqualTo("first");
      assertThatThrownBy(surveyor::receive).isInstanceOf(SpTimeoutException.class);

      respondent.send(bytes("late answer to first"));
      surveyor.set(Options.SURVEY_DEADLINE, SocketPair.PATIENCE);
      surveyor.send(bytes("second"));
      assertThat(receiveText(respondent)).isEqualTo("second");
      respondent.send(bytes("answer to second"));
      assertThat(receiveText(surveyor)).isEqualTo("answer to second");
    }
  }

  @Test
  void receivingBeforeAnySurveyAndAnsweringNothingAreStateErrors() {
    try (SocketPair pair = SocketPair.open(Protocol.SURVEYOR, Protocol.RESPONDENT)) {
      assertThatThrownBy(() -> pair.bound().receive())
          .isInstanceOfSatisfying(ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
      assertThatThrownBy(() -> pair.connected().send(bytes("unasked")))
          .isInstanceOfSatisfying(ProtocolStateException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EFSM));
    }
  }
}
