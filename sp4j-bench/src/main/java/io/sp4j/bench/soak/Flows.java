package io.sp4j.bench.soak;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import io.sp4j.Message;
import io.sp4j.Socket;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;

/** The simple flows: echo what arrives, check what arrives, send at a rate. */
final class Flows {
  private Flows() {}

  /** Checks each message and sends it back (REP, PAIR and RESPONDENT), one at a time. */
  static void echo(Socket socket, Tally tally, String where) {
    ReceiveLoop.start(
        socket,
        message -> {
          byte[] body = message.body();
          check(body, tally, where);
          return socket.sendAsync(Message.of(body)).thenRun(() -> tally.sent(body.length));
        },
        Failures.unlessClosed(socket, tally, where));
  }

  /** Checks each message (PULL, SUB, a BUS member). */
  static void sink(Socket socket, Tally tally, String where) {
    ReceiveLoop.forEach(
        socket,
        message -> check(message.body(), tally, where),
        Failures.unlessClosed(socket, tally, where));
  }

  /**
   * Sends a fresh body of the size mix {@code perSecond} times a second (PUSH, PUB, a BUS member)
   * without waiting: a send that finds no room is counted and skipped. The future cancels it.
   */
  @CanIgnoreReturnValue
  static ScheduledFuture<?> source(Socket socket, Load load, double perSecond, long session) {
    SplittableRandom random = new SplittableRandom(session);
    long[] sequence = {0};
    return load.pacer()
        .atRate(
            perSecond,
            () -> {
              byte[] body = Payload.make(SizeMix.next(random), session, sequence[0]++);
              if (socket.trySend(Message.of(body))) {
                load.tally().sent(body.length);
              } else {
                load.tally().increment(Tally.Count.FULL);
              }
            });
  }

  static void check(byte[] body, Tally tally, String where) {
    tally.received(body.length);
    if (!Payload.isIntact(body)) {
      tally.error(where + ": a damaged message of " + body.length + " B");
    }
  }
}
