package io.sp4j;

/**
 * What {@link Socket#open} and {@link Socket#openRaw} call: the socket implementation, found as a
 * service so that this API package depends on no implementation. sp4j provides one; applications
 * open sockets through {@link Socket}, not through this.
 */
public interface SocketProvider {
  /**
   * Opens a socket.
   *
   * @param raw whether the socket is raw (no protocol state: devices, hand-built headers)
   */
  Socket open(Protocol protocol, boolean raw);
}
