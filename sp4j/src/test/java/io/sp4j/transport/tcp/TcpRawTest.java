package io.sp4j.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sp4j.Endpoint;
import io.sp4j.Protocol;
import io.sp4j.transport.stream.RawPeer;
import io.sp4j.transport.stream.StreamRawTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import org.junit.jupiter.api.Test;

/** The tcp:// wire, byte by byte. */
class TcpRawTest extends StreamRawTest {
  @Override
  protected String bindUrl() {
    return "tcp://127.0.0.1:0";
  }

  @Override
  protected SocketAddress socketAddress(Endpoint listener) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port());
  }

  @Override
  protected ServerSocketChannel openServer() throws IOException {
    return ServerSocketChannel.open()
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @Override
  protected String dialUrl(ServerSocketChannel server) throws IOException {
    return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  @Override
  protected boolean typed() {
    return false;
  }

  /**
   * TCP-5: {@code tcp://local;host:port} dials from {@code local}, as the accepting side sees it.
   */
  @Test
  void localAddressBeforeTheSemicolonIsTheSourceOfTheConnection() throws IOException {
    try (ServerSocketChannel server = openServer()) {
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      open(Protocol.PAIR).connect("tcp://127.0.0.2;127.0.0.1:" + port);
      RawPeer accepted = accept(server);
      assertThat(((InetSocketAddress) accepted.remoteAddress()).getAddress().getHostAddress())
          .as("the source the kernel saw (127.0.0.1 would be the default)")
          .isEqualTo("127.0.0.2");
      assertThat(accepted.read(8, WAIT)).as("sp4j's PAIR dialer greets").isEqualTo(greeting(16));
    }
  }
}
