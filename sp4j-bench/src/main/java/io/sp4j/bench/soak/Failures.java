package io.sp4j.bench.soak;

import io.sp4j.Socket;
import io.sp4j.SocketClosedException;
import java.util.function.Consumer;

/**
 * What a flow does when its socket fails it: a closed socket is the normal end, anything else an
 * error.
 */
final class Failures {
  private Failures() {}

  static Consumer<Throwable> unlessClosed(Socket socket, Tally tally, String where) {
    return failure -> report(socket, tally, where, failure);
  }

  static void report(Socket socket, Tally tally, String where, Throwable failure) {
    if (failure instanceof SocketClosedException || socket.isClosed()) {
      return; // churn or shutdown closed it
    }
    tally.error(where + ": " + failure);
  }
}
