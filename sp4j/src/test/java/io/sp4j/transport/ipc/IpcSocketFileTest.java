package io.sp4j.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sp4j.Endpoint;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.SpException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IPC-3: what bind and close do with the socket file. */
class IpcSocketFileTest {
  @TempDir Path dir;

  private static void assertInUse(Socket socket, String url) {
    assertThatThrownBy(() -> socket.bind(url))
        .isInstanceOfSatisfying(
            SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EADDRINUSE));
  }

  @Test
  void staleSocketFileOfAGoneListenerDoesNotBlockBind() throws IOException {
    Path path = dir.resolve("stale.sock");
    // The JDK leaves the file behind when a listener closes: just what a crashed process leaves.
    ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        .bind(UnixDomainSocketAddress.of(path))
        .close();
    assertThat(path).exists();
    try (Socket pull = Socket.open(Protocol.PULL);
        Socket push = Socket.open(Protocol.PUSH)) {
      pull.set(Options.RECEIVE_TIMEOUT, Duration.ofSeconds(5));
      pull.bind("ipc://" + path);
      push.connect("ipc://" + path);
      push.send(new byte[] {7});
      assertThat(pull.receive()).containsExactly(7);
    }
  }

  @Test
  void liveListenerIsAddressInUse() throws IOException {
    Path path = dir.resolve("live.sock");
    try (ServerSocketChannel live =
            ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path));
        Socket socket = Socket.open(Protocol.PAIR)) {
      assertInUse(socket, "ipc://" + path);
      assertThat(path).exists();
    }
  }

  @Test
  void secondBindInTheSameProcessIsAddressInUse() {
    String url = "ipc://" + dir.resolve("twice.sock");
    try (Socket first = Socket.open(Protocol.PAIR);
        Socket second = Socket.open(Protocol.PAIR)) {
      first.bind(url);
      assertInUse(second, url);
    }
  }

  @Test
  void fileThatIsNoSocketIsLeftAlone() throws IOException {
    Path path = dir.resolve("plain.txt");
    Files.writeString(path, "not mine to delete");
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      assertInUse(socket, "ipc://" + path);
    }
    assertThat(path).hasContent("not mine to delete");
  }

  @Test
  void closingTheListenerUnlinksTheFile() {
    Path path = dir.resolve("gone.sock");
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      Endpoint endpoint = socket.bind("ipc://" + path);
      assertThat(path).exists();
      assertThat(endpoint.port()).isEqualTo(-1);
      endpoint.close();
      assertThat(path).doesNotExist();
      socket.bind("ipc://" + path);
      assertThat(path).exists();
    }
    assertThat(path).doesNotExist();
  }

  @Test
  void relativePathIsTakenFromTheWorkingDirectory() {
    assertThat(IpcTransport.path(io.sp4j.spi.SpAddress.parse("ipc://some/rel.sock")))
        .isEqualTo(Path.of("some/rel.sock").toAbsolutePath());
  }

  @Test
  void badPathsAreRefused() {
    try (Socket socket = Socket.open(Protocol.PAIR)) {
      assertThatThrownBy(() -> socket.bind("ipc://"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("path is missing");
      assertThatThrownBy(() -> socket.bind("ipc:///" + "x".repeat(200)))
          .isInstanceOfSatisfying(
              SpException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ENAMETOOLONG));
    }
  }
}
