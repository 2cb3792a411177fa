package io.sp4j.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Endpoint;
import io.sp4j.Options;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import io.sp4j.transport.stream.RawPeer;
import io.sp4j.transport.stream.StreamRawTest;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ipc:// wire, byte by byte: the tcp:// cases plus the type byte. */
class IpcRawTest extends StreamRawTest {
  private static final AtomicInteger NEXT = new AtomicInteger();

  @TempDir static Path dir;

  @Override
  protected String bindUrl() {
    return "ipc://" + dir.resolve("raw" + NEXT.incrementAndGet() + ".sock");
  }

  @Override
  protected SocketAddress socketAddress(Endpoint listener) {
    return UnixDomainSocketAddress.of(listener.url().substring("ipc://".length()));
  }

  @Override
  protected ServerSocketChannel openServer() throws IOException {
    return ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        .bind(UnixDomainSocketAddress.of(dir.resolve("server" + NEXT.incrementAndGet() + ".sock")));
  }

  @Override
  protected String dialUrl(ServerSocketChannel server) throws IOException {
    return "ipc://" + ((UnixDomainSocketAddress) server.getLocalAddress()).getPath();
  }

  @Override
  protected boolean typed() {
    return true;
  }

  @ParameterizedTest(name = "type byte {0}")
  @ValueSource(ints = {0, 2, 0x81, 0xff})
  void typeOtherThanOneIsClosed(int type) throws IOException {
    Socket pull = open(Protocol.PULL);
    RawPeer peer = connect(pull);
    byte[] message = frame(bytes("x"));
    message[0] = (byte) type;
    peer.write(concat(greeting(80), message));
    assertThat(peer.closedWithin(WAIT)).isTrue();
  }

  @Test
  void messageWithTypeOneIsDelivered() throws IOException {
    Socket pull = open(Protocol.PULL);
    pull.set(Options.RECEIVE_TIMEOUT, WAIT);
    RawPeer peer = connect(pull);
    peer.write(concat(greeting(80), new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 2, 'o', 'k'}));
    assertThat(pull.receive()).isEqualTo(bytes("ok"));
  }
}
