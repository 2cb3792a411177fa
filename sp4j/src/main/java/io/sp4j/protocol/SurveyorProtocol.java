package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.ProtocolStateException;
import io.sp4j.SpTimeoutException;
import io.sp4j.spi.ProtocolContext;
import io.sp4j.spi.Timeout;

/**
 * SURVEYOR. Cooked: each survey gets an id (previous + 1, top bit set, random start) and goes to
 * every respondent that can take it; responses with that id are delivered until the deadline, after
 * which one receive fails with {@link SpTimeoutException} and later ones with EFSM; a new survey
 * cancels the old. Raw: the user's header goes out as it is, and the first word of a response
 * becomes its header.
 */
final class SurveyorProtocol extends RequestingProtocol {
  private boolean timedOut;
  private Timeout deadlineTimer;

  SurveyorProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "SURVEYOR", Options.SURVEY_DEADLINE);
  }

  @Override
  public boolean send(Message message) {
    if (raw) {
      broadcast(message, null);
      return true;
    }
    requireNoHeader(message);
    endSurvey();
    timedOut = false;
    broadcast(message.withHeader(ids.open()), null);
    deadlineTimer =
        context
            .scheduler()
            .schedule(
                timing(),
                () -> {
                  deadlineTimer = null;
                  endSurvey();
                  timedOut = true;
                });
    return true;
  }

  private void endSurvey() {
    ids.close();
    if (deadlineTimer != null) {
      deadlineTimer.cancel();
      deadlineTimer = null;
    }
  }

  @Override
  public boolean hasMessage() {
    return (raw || ids.isOpen()) && super.hasMessage();
  }

  @Override
  public Message receive() {
    if (raw) {
      return super.receive();
    }
    if (!ids.isOpen()) {
      if (timedOut) {
        timedOut = false;
        throw new SpTimeoutException("SURVEYOR: the survey's deadline passed");
      }
      throw ProtocolStateException.wrongState("SURVEYOR: no survey is running; send one first");
    }
    return ids.nextReply(context.receiveQueue());
  }

  @Override
  public void close() {
    endSurvey();
  }
}
