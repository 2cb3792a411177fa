package io.sp4j.nn.internal;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.SocketClosedException;
import io.sp4j.spi.PollableSocket;
import java.util.HashMap;
import java.util.Map;

/** One entry of the socket table: the sp4j socket and what C keeps beside it. */
final class NnSocket {
  final int number;
  final int domain;
  final PollableSocket socket;
  final NnOptions options;
  private final NnErrors errors;

  /** Set before nn_term closes the socket, so calls it wakes report ETERM, not EBADF. */
  volatile boolean terminatedByTerm;

  private final Map<Integer, Endpoint> endpoints = new HashMap<>();
  private int nextEndpointId = 1;

  NnSocket(int number, int domain, PollableSocket socket, NnErrors errors) {
    this.number = number;
    this.domain = domain;
    this.socket = socket;
    this.errors = errors;
    this.options = new NnOptions(this, errors);
  }

  /**
   * Sets errno for an exception from this socket and returns -1: ETERM if nn_term closed it
   * meanwhile.
   */
  int fail(RuntimeException e) {
    return errors.fail(errnoOf(e));
  }

  /** The errno for an exception from this socket: ETERM if nn_term closed it meanwhile. */
  Errno errnoOf(RuntimeException e) {
    if (e instanceof SocketClosedException && terminatedByTerm) {
      return Errno.ETERM;
    }
    return errors.of(e);
  }

  /** The errno of a call that found this socket closed. */
  Errno closedErrno() {
    return terminatedByTerm ? Errno.ETERM : Errno.EBADF;
  }

  synchronized int addEndpoint(Endpoint endpoint) {
    int id = nextEndpointId++;
    endpoints.put(id, endpoint);
    return id;
  }

  synchronized Endpoint removeEndpoint(int id) {
    return endpoints.remove(id);
  }
}
