package io.sp4j.spi;

import io.sp4j.Option;
import io.sp4j.Protocol;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import java.util.function.Supplier;

/** What an endpoint of a transport knows of its socket. */
public interface EndpointContext {
  /** The socket's own protocol. */
  Protocol protocol();

  /** A socket option's current value. */
  <T> T option(Option<T> option);

  /**
   * The socket's timers (a shared timer thread, or what the socket was given, e.g. a test's manual
   * clock), run without the socket's lock: reconnect waits, handshake deadlines, stall checks and
   * close waits go through them.
   */
  Scheduler timers();

  /** The clock the socket's timers count on. */
  Clock clock();

  /**
   * Offers an established connection to the socket.
   *
   * @param peer the protocol the peer announced
   * @return the socket side of the new pipe, or {@code null} if the socket refuses it (wrong peer
   *     protocol, a second PAIR peer, socket closed); the caller then closes the connection
   */
  PipeEvents attach(Connection connection, Protocol peer);

  /** What the socket's connections may hold of unfinished and unread input. */
  ReceiveBudget receiveBudget();

  /**
   * Counts and logs a refused connection or message; {@code detail} says which peer and what it
   * did. The transport closes what it refused itself.
   */
  void refused(Refusal reason, String detail);

  /**
   * The transport can no longer work (an I/O thread ended): every call on the socket fails with
   * {@code cause} from now on, instead of waiting for what cannot come.
   */
  void failed(SpException cause);

  /**
   * The {@link IoDriver} of the socket's connections: the one an earlier endpoint of the socket
   * set, else {@code proposed}'s, which is set (none if it gives {@code null}). A transport that
   * can let waiting threads run its I/O puts this endpoint's connections where the driver returned
   * runs them, so that a socket's blocking calls drive what they wait for.
   */
  default IoDriver ioDriver(Supplier<IoDriver> proposed) {
    return proposed.get();
  }
}
