package io.sp4j.bench.soak;

import io.sp4j.Message;
import io.sp4j.Options;
import io.sp4j.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLContext;

/** One client socket of a pattern, connected to one server endpoint, with its flows running. */
final class Session {
  private final Pattern pattern;
  private final Socket socket;
  private final Tally tally;
  private final List<ScheduledFuture<?>> steps;

  private Session(Pattern pattern, Socket socket, Tally tally, List<ScheduledFuture<?>> steps) {
    this.pattern = pattern;
    this.socket = socket;
    this.tally = tally;
    this.steps = steps;
  }

  static Session open(
      Pattern pattern, Transport transport, String url, Load load, SSLContext trusting) {
    long id = load.nextSession();
    Tally tally = load.tally();
    Socket socket = SoakSockets.client(pattern, transport, trusting);
    String where = pattern.slug() + " client over " + transport.scheme;
    List<ScheduledFuture<?>> steps = new ArrayList<>(1);
    socket.connect(url);
    switch (pattern) {
      case REQ_REP -> steps.add(Requester.start(socket, load, where, true, id));
      case PAIR -> steps.add(Requester.start(socket, load, where, false, id));
      case PUSH_TO_SERVER -> steps.add(Flows.source(socket, load, load.settings().rate, id));
      case PUSH_TO_CLIENTS, PUB_SUB -> Flows.sink(socket, tally, where);
      case SURVEY -> Flows.echo(socket, tally, where);
      case BUS -> {
        Flows.sink(socket, tally, where);
        steps.add(Flows.source(socket, load, load.settings().rate, id));
      }
    }
    tally.increment(Tally.Count.OPENED);
    return new Session(pattern, socket, tally, steps);
  }

  /**
   * Closes the socket: with its linger, or abruptly, with LINGER 0 right after queuing a largest
   * message where the pattern lets the client send on its own, so that the connection is most
   * likely cut in the middle of it.
   */
  void close(boolean abrupt) {
    steps.forEach(step -> step.cancel(false));
    if (abrupt) {
      socket.set(Options.LINGER, Duration.ZERO);
      if (pattern == Pattern.PUSH_TO_SERVER || pattern == Pattern.BUS || pattern == Pattern.PAIR) {
        socket.trySend(Message.of(Payload.make(SizeMix.LARGEST, 0, 0)));
      }
    }
    socket.close();
    tally.increment(abrupt ? Tally.Count.CUT : Tally.Count.CLOSED);
  }
}
