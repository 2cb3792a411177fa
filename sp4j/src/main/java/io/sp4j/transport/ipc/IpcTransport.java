package io.sp4j.transport.ipc;

import io.sp4j.Errno;
import io.sp4j.Option;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.ConnectionOptions;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.stream.StreamDialer;
import io.sp4j.transport.stream.StreamListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * {@code ipc:///path} (or a relative {@code ipc://path}): SP over a Unix domain stream socket,
 * wire-compatible with nanomsg and NNG: the TCP greeting, then each message behind a type byte
 * {@code 0x01} and an 8-byte length (IPC-1).
 *
 * <p>Bind handles socket files as nanomsg does (IPC-3): a socket file left by a process that is
 * gone (a connect to it is refused) is removed first; one something still listens on is EADDRINUSE;
 * the file is unlinked when the listener closes.
 */
public final class IpcTransport implements Transport {
  private static final Set<Option<?>> OPTIONS = ConnectionOptions.with();

  /** Made by the service loader (or a test). */
  public IpcTransport() {}

  @Override
  public String scheme() {
    return "ipc";
  }

  @Override
  public Set<Option<?>> options() {
    return OPTIONS;
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    Path path = path(address);
    synchronized (this) {
      removeStale(path, address.url());
      return StreamListener.start(
          EventLoops.domainAddress(path),
          EventLoops.domainServerChannel(),
          true,
          context,
          address.url(),
          () -> unlink(path));
    }
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    Path path = path(address);
    SocketAddress remote = EventLoops.domainAddress(path);
    StreamDialer dialer =
        new StreamDialer(
            address.url(), () -> remote, null, EventLoops.domainChannel(), true, -1, context);
    dialer.connect();
    return dialer;
  }

  /** The socket file's path; relative paths are taken from the working directory. */
  static Path path(SpAddress address) {
    String rest = address.rest();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("address '" + address.url() + "': the path is missing");
    }
    if (rest.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "address '" + address.url() + "': the path contains a NUL byte");
    }
    try {
      Path path = Path.of(rest).toAbsolutePath();
      // sun_path holds 108 bytes with the terminating NUL.
      if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
        throw new SpException(
            Errno.ENAMETOOLONG,
            "address '" + address.url() + "': the path is longer than 107 bytes");
      }
      return path;
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "address '" + address.url() + "': bad path: " + e.getMessage(), e);
    }
  }

  /** Removes a socket file nobody listens on; a live one, or any other file, is EADDRINUSE. */
  private static void removeStale(Path path, String url) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException absent) {
      return;
    }
    if (!attributes.isOther()) {
      throw new SpException(
          Errno.EADDRINUSE, "address '" + url + "': " + path + " exists and is not a socket");
    }
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
    } catch (ConnectException refused) {
      unlink(path); // left by a process that is gone
      return;
    } catch (IOException other) {
      throw new SpException(
          Errno.EADDRINUSE,
          "address '" + url + "': " + path + " cannot be probed: " + other,
          other);
    }
    throw new SpException(Errno.EADDRINUSE, "address '" + url + "': something listens on " + path);
  }

  private static void unlink(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // the directory went away or is read-only: nothing more to do
    }
  }
}
