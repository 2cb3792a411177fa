package io.sp4j.bench.soak;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.sp4j.Message;
import io.sp4j.ProtocolStateException;
import io.sp4j.Socket;
import io.sp4j.SpTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's SURVEYOR: a survey every {@code --survey-ms}, and every response must be one of the
 * surveys (respondents echo them). The protocol delivers only responses to the current survey, but
 * one taken from the socket just before the next survey went out may be handled just after, so the
 * last few surveys count as right. A receive loop runs from a survey until its deadline; the next
 * survey starts another.
 */
final class Surveyor {
  private static final int REMEMBERED = 4;

  private final Socket socket;
  private final Tally tally;
  private final String where;
  private final long session;
  private final SplittableRandom random;
  private final ArrayDeque<byte[]> recent = new ArrayDeque<>();
  private final AtomicBoolean receiving = new AtomicBoolean();
  private long sequence;

  private Surveyor(Socket socket, Tally tally, String where, long session) {
    this.socket = socket;
    this.tally = tally;
    this.where = where;
    this.session = session;
    this.random = new SplittableRandom(session);
  }

  /** Surveys at the load's pace; the future cancels it. */
  @CanIgnoreReturnValue
  static ScheduledFuture<?> start(Socket socket, Load load, String where, long session) {
    Surveyor surveyor = new Surveyor(socket, load.tally(), where, session);
    return load.pacer().atRate(1000.0 / load.settings().surveyMillis, surveyor::survey);
  }

  /** A pacing step (pacer thread only). */
  private void survey() {
    byte[] body = Payload.make(SizeMix.next(random), session, sequence++);
    synchronized (recent) {
      if (recent.size() == REMEMBERED) {
        recent.removeFirst();
      }
      recent.addLast(body);
    }
    socket.send(Message.of(body)); // a SURVEYOR never waits: it sends to whoever can take it
    tally.sent(body.length);
    if (receiving.compareAndSet(false, true)) {
      ReceiveLoop.forEach(socket, this::response, this::ended);
    }
  }

  private void response(Message message) {
    byte[] body = message.body();
    tally.received(body.length);
    if (!isRecentSurvey(body)) {
      tally.error(
          where
              + ": a response of "
              + body.length
              + " B that is none of the last surveys"
              + (Payload.isIntact(body) ? " (intact)" : " (damaged)"));
    }
  }

  private boolean isRecentSurvey(byte[] body) {
    synchronized (recent) {
      for (byte[] survey : recent) {
        if (Arrays.equals(survey, body)) {
          return true;
        }
      }
    }
    return false;
  }

  private void ended(Throwable cause) {
    receiving.set(false);
    if (!(cause instanceof SpTimeoutException) && !(cause instanceof ProtocolStateException)) {
      Failures.report(
          socket, tally, where, cause); // a deadline, or no survey running, is the normal end
    }
  }
}
