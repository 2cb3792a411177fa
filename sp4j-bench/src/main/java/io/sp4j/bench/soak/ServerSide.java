package io.sp4j.bench.soak;

import io.sp4j.Device;
import io.sp4j.Endpoint;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The server's sockets: one per pattern and transport, each bound and running its side of the
 * pattern (echo, check, send at a rate, survey, or a BUS hub in a loopback {@link Device}).
 */
final class ServerSide implements AutoCloseable {
  private final List<Socket> sockets = new ArrayList<>();
  private final List<Device> devices = new ArrayList<>();
  private final Endpoints endpoints = new Endpoints();

  private ServerSide() {}

  static ServerSide start(Load load, Path ipcDir, SSLContext serving) {
    ServerSide server = new ServerSide();
    for (Transport transport : Transport.values()) {
      for (Pattern pattern : Pattern.values()) {
        server.bind(load, pattern, transport, ipcDir, serving);
      }
    }
    return server;
  }

  private void bind(
      Load load, Pattern pattern, Transport transport, Path ipcDir, SSLContext serving) {
    Socket socket = SoakSockets.server(pattern, transport, serving, load.settings());
    sockets.add(socket);
    Endpoint endpoint = socket.bind(transport.bindUrl(pattern, ipcDir));
    endpoints.put(pattern, transport, transport.connectUrl(pattern, ipcDir, endpoint.port()));
    String where = pattern.slug() + " server over " + transport.scheme;
    Tally tally = load.tally();
    switch (pattern) {
      case REQ_REP, PAIR -> Flows.echo(socket, tally, where);
      case PUSH_TO_SERVER -> Flows.sink(socket, tally, where);
      case PUSH_TO_CLIENTS, PUB_SUB ->
          Flows.source(socket, load, load.settings().serverRate, load.nextSession());
      case SURVEY -> Surveyor.start(socket, load, where, load.nextSession());
      case BUS -> devices.add(Device.start(socket));
    }
  }

  Endpoints endpoints() {
    return endpoints;
  }

  /** What every server socket refused so far, by reason. */
  Map<Refusal, Long> refusals() {
    Map<Refusal, Long> sum = new EnumMap<>(Refusal.class);
    for (Socket socket : sockets) {
      socket.refusals().forEach((reason, n) -> sum.merge(reason, n, Long::sum));
    }
    return sum;
  }

  @Override
  public void close() {
    devices.forEach(Device::close);
    sockets.forEach(Socket::close);
  }
}
