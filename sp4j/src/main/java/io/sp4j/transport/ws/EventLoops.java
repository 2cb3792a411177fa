package io.sp4j.transport.ws;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The process's one Netty event-loop group for sp4j's network transports: native epoll where it
 * loads, NIO otherwise. Its threads ({@code sp4j-io-*}) are daemons, so it never keeps the JVM
 * alive; it is made on first use and lives as long as the process.
 */
final class EventLoops {
  private static final Kind KIND = Kind.detect();
  private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
      Math.max(2, Runtime.getRuntime().availableProcessors()),
      new DefaultThreadFactory("sp4j-io", true), KIND.handlers);

  private EventLoops() {}

  static EventLoopGroup group() {
    return GROUP;
  }

  static Class<? extends SocketChannel> socketChannel() {
    return KIND.socket;
  }

  static Class<? extends ServerChannel> serverChannel() {
    return KIND.server;
  }

  /** Whether native epoll is in use (else NIO). */
  static boolean isNative() {
    return KIND.nativeIo;
  }

  private record Kind(IoHandlerFactory handlers, Class<? extends SocketChannel> socket,
      Class<? extends ServerChannel> server, boolean nativeIo) {

    static Kind detect() {
      try {
        if (Boolean.getBoolean("io.sp4j.noNative")) {
          return nio();
        }
        return EpollKind.kindIfAvailable();
      } catch (LinkageError | RuntimeException notThere) {
        return nio(); // netty-transport-classes-epoll or its native library is absent
      }
    }

    static Kind nio() {
      return new Kind(NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class, false);
    }
  }

  /** Touches the epoll classes only when called, so NIO works without them. */
  private static final class EpollKind {
    static Kind kindIfAvailable() {
      if (!io.netty.channel.epoll.Epoll.isAvailable()) {
        return Kind.nio();
      }
      return new Kind(io.netty.channel.epoll.EpollIoHandler.newFactory(),
          io.netty.channel.epoll.EpollSocketChannel.class,
          io.netty.channel.epoll.EpollServerSocketChannel.class, true);
    }
  }
}
