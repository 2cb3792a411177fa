/**
 * sp4j: Scalability Protocols (nanomsg, NNG) for Java. {@code io.sp4j} is the API, {@code
 * io.sp4j.nn} the nanomsg-style facade, {@code io.sp4j.spi} what a transport added by an
 * application implements.
 */
module io.sp4j {
  requires io.netty.buffer;
  requires io.netty.common;
  requires io.netty.transport;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.handler;
  requires static io.netty.transport.classes.epoll;
  requires static io.netty.transport.unix.common;
  requires static com.google.errorprone.annotations;

  exports io.sp4j;
  exports io.sp4j.nn;
  exports io.sp4j.spi;

  uses io.sp4j.SocketProvider;
  uses io.sp4j.spi.Transport;

  provides io.sp4j.SocketProvider with
      io.sp4j.core.CoreSocketProvider;
  provides io.sp4j.spi.Transport with
      io.sp4j.transport.inproc.InprocTransport,
      io.sp4j.transport.ipc.IpcTransport,
      io.sp4j.transport.tcp.TcpTransport,
      io.sp4j.transport.ws.WsTransport,
      io.sp4j.transport.ws.WssTransport;
}
