package io.sp4j.protocol;

import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.Options;
import io.sp4j.ProtocolStateException;
import io.sp4j.SpTimeoutException;
import io.sp4j.core.Pipe;
import io.sp4j.core.ProtocolContext;
import io.sp4j.core.Timeout;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * SURVEYOR. Cooked: each survey gets an id (previous + 1, top bit set, random start) and goes to
 * every respondent that can take it; responses with that id are delivered until the deadline,
 * after which one receive fails with {@link SpTimeoutException} and later ones with EFSM; a new
 * survey cancels the old. Raw: the user's header goes out as it is, and the first word of a
 * response becomes its header.
 */
final class SurveyorProtocol extends BaseProtocol {
  private Duration deadline = Options.SURVEY_DEADLINE.defaultValue();
  private int lastId;
  private byte[] currentId;
  private boolean timedOut;
  private Timeout deadlineTimer;

  SurveyorProtocol(ProtocolContext context, boolean raw) {
    super(context, raw, "SURVEYOR");
    lastId = context.random().getAsInt();
  }

  @Override
  public Set<Option<?>> options() {
    return raw ? Set.of() : Set.of(Options.SURVEY_DEADLINE);
  }

  @Override
  public <T> void setOption(Option<T> option, T value) {
    deadline = (Duration) value;
  }

  @Override
  public <T> T getOption(Option<T> option) {
    return option.type().cast(deadline);
  }

  @Override
  public Message received(Pipe pipe, Message message) {
    if (message.size() < 4) {
      return null;
    }
    if (!raw && (currentId == null || Wire.wordAt(message, 0) != lastId)) {
      return null; // stale or foreign: dropped now so it never takes room in the queue
    }
    return Wire.split(message, 4);
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
    lastId = (lastId + 1) | Wire.BOTTOM;
    currentId = Wire.word(lastId);
    broadcast(message.withHeader(currentId), null);
    deadlineTimer = context.scheduler().schedule(deadline, () -> {
      deadlineTimer = null;
      endSurvey();
      timedOut = true;
    });
    return true;
  }

  private void endSurvey() {
    currentId = null;
    if (deadlineTimer != null) {
      deadlineTimer.cancel();
      deadlineTimer = null;
    }
  }

  @Override
  public boolean hasMessage() {
    return (raw || currentId != null) && super.hasMessage();
  }

  @Override
  public Message receive() {
    if (raw) {
      return super.receive();
    }
    if (currentId == null) {
      if (timedOut) {
        timedOut = false;
        throw new SpTimeoutException("SURVEYOR: the survey's deadline passed");
      }
      throw ProtocolStateException.wrongState("SURVEYOR: no survey is running; send one first");
    }
    Message response;
    while ((response = context.receiveQueue().poll()) != null) {
      if (Arrays.equals(response.header(), currentId)) {
        return response.withHeader(Wire.NO_HEADER);
      }
    }
    return null;
  }

  @Override
  public void close() {
    endSurvey();
  }
}
