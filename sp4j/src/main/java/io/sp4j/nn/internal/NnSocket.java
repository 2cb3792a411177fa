package io.sp4j.nn.internal;

import io.sp4j.Endpoint;
import io.sp4j.Socket;
import java.util.HashMap;
import java.util.Map;

/** One entry of the socket table: the sp4j socket and what C keeps beside it. */
final class NnSocket {
  final int number;
  final int domain;
  final Socket socket;
  final NnOptions options;
  /** Set before nn_term closes the socket, so calls it wakes report ETERM, not EBADF. */
  volatile boolean terminatedByTerm;
  private final Map<Integer, Endpoint> endpoints = new HashMap<>();
  private int nextEndpointId = 1;

  NnSocket(int number, int domain, Socket socket) {
    this.number = number;
    this.domain = domain;
    this.socket = socket;
    this.options = new NnOptions(this);
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
