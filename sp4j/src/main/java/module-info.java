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
}
