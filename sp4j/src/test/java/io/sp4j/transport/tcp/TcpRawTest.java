package io.sp4j.transport.tcp;

import io.sp4j.Endpoint;
import io.sp4j.transport.stream.StreamRawTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

/** The tcp:// wire, byte by byte. */
class TcpRawTest extends StreamRawTest {
  @Override
  protected String bindUrl() {
    return "tcp://127.0.0.1:0";
  }

  @Override
  protected SocketAddress socketAddress(Endpoint listener) {
    return new InetSocketAddress("127.0.0.1", listener.port());
  }

  @Override
  protected ServerSocketChannel openServer() throws IOException {
    return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
  }

  @Override
  protected String dialUrl(ServerSocketChannel server) throws IOException {
    return "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  @Override
  protected boolean typed() {
    return false;
  }
}
