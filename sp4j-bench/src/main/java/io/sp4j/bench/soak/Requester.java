package io.sp4j.bench.soak;

import io.sp4j.Message;
import io.sp4j.Socket;
import io.sp4j.SpTimeoutException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A REQ, or a PAIR whose peer echoes: one message out at a time, paced, and the answer must be that
 * message, within {@link SoakSockets#ANSWER_WAIT}. A REQ's answer is matched by the protocol, so
 * anything else is an error. A PAIR has no such matching: after churn its server may still echo a
 * message of this session's predecessor, which is intact but not ours; that is counted as stale and
 * the wait goes on (a few times at most). Nor does a PAIR resend, so this one sends again after
 * each {@link SoakSockets#PAIR_RESEND} without an answer.
 */
final class Requester {
  private static final int STALE_AT_MOST = 8;
  private static final int PAIR_SENDS =
      (int) (SoakSockets.ANSWER_WAIT.toMillis() / SoakSockets.PAIR_RESEND.toMillis());

  private final Socket socket;
  private final Tally tally;
  private final String where;
  private final boolean matchedByProtocol;
  private final long session;
  private final SplittableRandom random;
  private final AtomicReference<byte[]> outstanding = new AtomicReference<>();
  private final long openedAt = System.nanoTime();
  private long sequence;

  private Requester(
      Socket socket, Tally tally, String where, boolean matchedByProtocol, long session) {
    this.socket = socket;
    this.tally = tally;
    this.where = where;
    this.matchedByProtocol = matchedByProtocol;
    this.session = session;
    this.random = new SplittableRandom(session);
  }

  /** Starts asking {@code perSecond} times a second (less while an answer is awaited). */
  static ScheduledFuture<?> start(
      Socket socket, Load load, String where, boolean matchedByProtocol, long session) {
    Requester requester = new Requester(socket, load.tally(), where, matchedByProtocol, session);
    return load.pacer().atRate(load.settings().rate, requester::ask);
  }

  /** A pacing step (pacer thread only). */
  private void ask() {
    if (outstanding.get() != null) {
      return;
    }
    byte[] body = Payload.make(SizeMix.next(random), session, sequence++);
    outstanding.set(body);
    send(body);
    await(body, 0, 1);
  }

  private void send(byte[] body) {
    socket
        .sendAsync(Message.of(body))
        .handle(
            (sent, failure) -> {
              if (failure == null) {
                tally.sent(body.length);
              } else {
                Failures.report(socket, tally, where + " send", ReceiveLoop.unwrap(failure));
              }
              return null;
            })
        .exceptionally(this::stepThrew);
  }

  private void await(byte[] body, int staleSoFar, int sends) {
    socket
        .receiveAsync()
        .handle(
            (answer, failure) -> {
              answered(body, staleSoFar, sends, answer, failure);
              return null;
            })
        .exceptionally(this::stepThrew);
  }

  /** The outcome of a receive for {@code body}: counted, and sent again or awaited on if due. */
  private void answered(byte[] body, int staleSoFar, int sends, Message answer, Throwable failure) {
    if (failure != null) {
      Throwable cause = ReceiveLoop.unwrap(failure);
      if (cause instanceof SpTimeoutException
          && !matchedByProtocol
          && sends < PAIR_SENDS
          && !socket.isClosed()) {
        tally.increment(Tally.Count.RESENT);
        tally.note(
            where
                + " session "
                + Long.toHexString(session)
                + ": no echo of a "
                + body.length
                + " B message in "
                + SoakSockets.PAIR_RESEND
                + ", sending it again (the session opened "
                + (System.nanoTime() - openedAt) / 1_000_000
                + " ms ago)");
        send(body);
        await(body, staleSoFar, sends + 1);
        return;
      }
      if (cause instanceof SpTimeoutException && !socket.isClosed()) {
        tally.error(
            where
                + " session "
                + Long.toHexString(session)
                + ": no answer to a message ("
                + body.length
                + " B, sent "
                + sends
                + " times) in "
                + SoakSockets.ANSWER_WAIT);
      } else {
        Failures.report(socket, tally, where, cause);
      }
      outstanding.set(null);
      return;
    }
    byte[] got = answer.body();
    if (Arrays.equals(got, body)) {
      tally.received(got.length);
      outstanding.set(null);
    } else if (!matchedByProtocol && staleSoFar < STALE_AT_MOST && Payload.isIntact(got)) {
      tally.increment(Tally.Count.STALE);
      await(body, staleSoFar + 1, sends);
    } else {
      tally.received(got.length);
      tally.error(
          where
              + " session "
              + Long.toHexString(session)
              + ": sent "
              + body.length
              + " B, got another "
              + got.length
              + " B"
              + (Payload.isIntact(got) ? " (intact)" : " (damaged)"));
      outstanding.set(null);
    }
  }

  /** A step threw in a completion: counted as an error rather than lost with the future. */
  private Void stepThrew(Throwable thrown) {
    Failures.report(socket, tally, where, ReceiveLoop.unwrap(thrown));
    return null;
  }
}
