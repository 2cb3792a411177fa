package io.sp4j.attack;

import io.sp4j.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where an attack goes: a loopback port, the scheme spoken there and the protocol of the server
 * socket (a REP by default, which the attacks greet as its REQ peer).
 */
public record AttackAddress(Scheme scheme, int port, Protocol server) {
  public AttackAddress(Scheme scheme, int port) {
    this(scheme, port, Protocol.REP);
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The URL an sp4j client dials. */
  public String url() {
    return scheme.url(port);
  }

  /** What a client of this server sends first. */
  public byte[] opening() {
    return scheme.opening(server, port);
  }

  @Override
  public String toString() {
    return url();
  }
}
