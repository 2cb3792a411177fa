package io.sp4j.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.sp4j.Errno;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.IoDriver;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The process's one Netty event-loop group for sp4j's network transports: native epoll where it
 * loads, NIO otherwise. Its threads ({@code sp4j-io-*}) are daemons, so it never keeps the JVM
 * alive; it is made on first use and lives as long as the process. It also names the channel
 * classes that fit the group: TCP, and Unix domain stream sockets (epoll's own, or NIO's on the
 * JDK's {@link UnixDomainSocketAddress}).
 */
public final class EventLoops {
  private static final Kind KIND = Kind.detect();

  /**
   * Whether threads blocked in socket calls run their sockets' I/O themselves ({@link
   * DrivenGroup}); opt-in while it is new, and with native epoll only: an interrupt of a thread in
   * an NIO channel operation closes the channel, and a calling thread can be interrupted at any
   * time. The {@code sp4j-io-*} threads are then each loop's fallback, which runs it while no
   * calling thread does.
   */
  private static final boolean CALLER_IO = Boolean.getBoolean("io.sp4j.callerIo") && KIND.nativeIo;

  private static final EventLoopGroup GROUP = newGroup(CALLER_IO);

  /**
   * The buffer allocator of every sp4j channel: Netty's pooled (arena) allocator. Netty 4.2's
   * default adaptive allocator hands out unpooled, zero-filled, Cleaner-freed buffers for anything
   * above its largest pooled size (a 1 MiB message; a 64 KiB one when the heap is at most 512 MiB,
   * where it also falls back under contention): measured, tcp 1 MiB went from 1.4-1.5k to 1.9k
   * msg/s and 64 KiB from 23k to 26-30k msg/s with this one.
   */
  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  /** Endpoints to tell when an I/O thread ends (see {@link #watchIoThreads}). */
  private static final Set<Consumer<SpException>> WATCHERS = ConcurrentHashMap.newKeySet();

  private static volatile SpException ended;

  /** Set by {@link #endBeforeExit}: the threads end on purpose, which is no failure to log. */
  private static volatile boolean exiting;

  static {
    for (EventExecutor loop : GROUP) {
      loop.terminationFuture().addListener(f -> ioThreadEnded(f.cause()));
    }
  }

  private EventLoops() {}

  private static EventLoopGroup newGroup(boolean callerIo) {
    int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
    DefaultThreadFactory threads = new DefaultThreadFactory("sp4j-io", true);
    return callerIo
        ? new DrivenGroup(loops, threads, KIND.handlers)
        : new MultiThreadIoEventLoopGroup(loops, threads, KIND.handlers);
  }

  /**
   * The event loop group for an endpoint of {@code context}'s socket. With caller-driven I/O, the
   * one loop that has all of that socket's connections: the loop of the driver the socket's first
   * network endpoint took, which the socket's blocking calls then run while they wait. Otherwise
   * the whole group.
   */
  public static EventLoopGroup groupFor(EndpointContext context) {
    if (!(GROUP instanceof DrivenGroup driven)) {
      return GROUP;
    }
    IoDriver driver = context.ioDriver(driven::nextDriver);
    return driver instanceof LoopDriver loopDriver && loopDriver.loop().parent() == GROUP
        ? loopDriver.loop()
        : GROUP; // another transport's driver: its calls drive that, these run on the fallbacks
  }

  /**
   * Tells {@code onEnd} if one of the I/O threads ever ends (at once if one has): the group lives
   * for the process, so an ended thread means every connection, listener and dialer on it is gone
   * for good, and a socket that waited for them would wait for ever. No peer's input can end one
   * (connections contain their failures, {@link ChannelConnection#exceptionCaught}); this is the
   * last line. Returns what stops the watching (an endpoint's close).
   */
  public static Runnable watchIoThreads(Consumer<SpException> onEnd) {
    WATCHERS.add(onEnd);
    SpException already = ended;
    if (already != null) {
      onEnd.accept(already);
    }
    return () -> WATCHERS.remove(onEnd);
  }

  /**
   * Checks that no I/O thread has ended.
   *
   * @throws SpException ETERM once one has: no new endpoint can work
   */
  public static void ensureRunning() {
    SpException already = ended;
    if (already != null) {
      throw new SpException(already.errno(), already.getMessage(), already);
    }
  }

  // The failure is recorded, not made in advance: it is the event every later endpoint is told of.
  @SuppressWarnings("StaticAssignmentOfThrowable")
  private static void ioThreadEnded(Throwable cause) {
    SpException failure =
        new SpException(
            Errno.ETERM,
            "an sp4j I/O thread ended"
                + (cause == null ? "" : " (" + cause + ")")
                + ": network endpoints cannot work any more",
            cause);
    ended = failure;
    if (!exiting) {
      LOG.log(System.Logger.Level.ERROR, failure.getMessage(), cause);
    }
    for (Consumer<SpException> watcher : WATCHERS) {
      watcher.accept(failure);
    }
  }

  private static final System.Logger LOG = System.getLogger("io.sp4j");

  /**
   * Ends the I/O threads now, for a process about to exit, waiting at most {@code max} for them.
   * The JVM's exit waits up to 300 ms for threads in a native call, which a selector's wait is: a
   * one-shot command line would spend longer exiting than talking. Endpoints still open are told
   * ETERM as when a thread ends anyway, but nothing is logged; no endpoint can start after this.
   */
  public static void endBeforeExit(java.time.Duration max) {
    exiting = true;
    GROUP
        .shutdownGracefully(0, max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(max.toMillis());
  }

  /** A dialing bootstrap on the group for channels of {@code type}, with sp4j's allocator. */
  public static Bootstrap clientBootstrap(Class<? extends Channel> type) {
    return clientBootstrap(type, GROUP);
  }

  /** A dialing bootstrap for an endpoint of {@code context} (see {@link #groupFor}). */
  public static Bootstrap clientBootstrap(Class<? extends Channel> type, EndpointContext context) {
    return clientBootstrap(type, groupFor(context));
  }

  private static Bootstrap clientBootstrap(Class<? extends Channel> type, EventLoopGroup group) {
    ensureRunning();
    return new Bootstrap().group(group).channel(type).option(ChannelOption.ALLOCATOR, ALLOCATOR);
  }

  /**
   * A listening bootstrap on the group for {@code address} (see {@link #serverChannelFactory}),
   * with the given listen backlog and sp4j's allocator for the listener and its accepted channels.
   */
  public static ServerBootstrap serverBootstrap(
      Class<? extends ServerChannel> type, SocketAddress address, int backlog) {
    return serverBootstrap(type, address, backlog, GROUP);
  }

  /**
   * A listening bootstrap for an endpoint of {@code context} (see {@link #groupFor}): the listener
   * and what it accepts go on that group.
   */
  public static ServerBootstrap serverBootstrap(
      Class<? extends ServerChannel> type,
      SocketAddress address,
      int backlog,
      EndpointContext context) {
    return serverBootstrap(type, address, backlog, groupFor(context));
  }

  private static ServerBootstrap serverBootstrap(
      Class<? extends ServerChannel> type,
      SocketAddress address,
      int backlog,
      EventLoopGroup group) {
    ensureRunning();
    return new ServerBootstrap()
        .group(group)
        .channelFactory(serverChannelFactory(type, address))
        .option(ChannelOption.SO_BACKLOG, backlog)
        .option(ChannelOption.ALLOCATOR, ALLOCATOR)
        .childOption(ChannelOption.ALLOCATOR, ALLOCATOR);
  }

  public static EventLoopGroup group() {
    return GROUP;
  }

  public static Class<? extends SocketChannel> socketChannel() {
    return KIND.socket;
  }

  public static Class<? extends ServerChannel> serverChannel() {
    return KIND.server;
  }

  /** The Unix-domain stream channel class for this group. */
  public static Class<? extends Channel> domainChannel() {
    return KIND.domain;
  }

  /** The Unix-domain listening channel class for this group. */
  public static Class<? extends ServerChannel> domainServerChannel() {
    return KIND.domainServer;
  }

  /** The address that {@link #domainChannel()} takes for a socket file. */
  public static SocketAddress domainAddress(Path path) {
    return KIND.domainAddress.apply(path);
  }

  /**
   * Binds a listening channel and waits for it.
   *
   * @throws SpException EADDRINUSE when the address is taken, EADDRNOTAVAIL otherwise
   */
  public static Channel bind(ServerBootstrap bootstrap, SocketAddress address, String url) {
    ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
    if (bound.isSuccess()) {
      return bound.channel();
    }
    Throwable cause = bound.cause();
    // NIO throws a BindException, epoll a NativeIoException: both say "Address already in use".
    if (String.valueOf(cause.getMessage()).contains("in use")) {
      throw new SpException(
          Errno.EADDRINUSE, "address '" + url + "': " + cause.getMessage(), cause);
    }
    throw new SpException(
        Errno.EADDRNOTAVAIL, "address '" + url + "': cannot listen: " + cause, cause);
  }

  /**
   * Closes a listening channel and, off its event loop, waits (at most {@code max}) until its
   * address can be bound again. With NIO the JDK closes a listening socket only when its selector
   * next runs after the key was cancelled, which is after the close future completes; a task
   * scheduled after the close runs only after that selector pass.
   */
  public static void closeAndRelease(Channel channel, java.time.Duration max) {
    io.netty.channel.ChannelFuture closing = channel.close();
    if (channel.eventLoop().inEventLoop()) {
      return;
    }
    long deadline = System.nanoTime() + max.toNanos();
    if (closing.awaitUninterruptibly(max.toMillis())) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      channel
          .eventLoop()
          .schedule(() -> {}, 0, java.util.concurrent.TimeUnit.NANOSECONDS)
          .awaitUninterruptibly(left);
    }
  }

  /**
   * Makes listening channels of {@code type} for {@code address}. An NIO listener on one IPv4
   * address gets a plain IPv4 socket rather than the JDK's dual-stack one: on Linux the IPv4-mapped
   * TIME_WAIT connections a dual-stack listener leaves can make binding the same port again fail
   * (EADDRINUSE) for a while, which a plain IPv4 socket does not.
   */
  public static ChannelFactory<? extends ServerChannel> serverChannelFactory(
      Class<? extends ServerChannel> type, SocketAddress address) {
    if (type == NioServerSocketChannel.class
        && address instanceof InetSocketAddress inet
        && inet.getAddress() instanceof Inet4Address ip4
        && !ip4.isAnyLocalAddress()) {
      return () ->
          new NioServerSocketChannel(SelectorProvider.provider(), SocketProtocolFamily.INET);
    }
    return new ReflectiveChannelFactory<>(type);
  }

  /** Whether threads blocked in socket calls run their sockets' I/O (see {@link #groupFor}). */
  public static boolean callerDriven() {
    return CALLER_IO;
  }

  /** Whether native epoll is in use (else NIO). */
  public static boolean isNative() {
    return KIND.nativeIo;
  }

  private record Kind(
      IoHandlerFactory handlers,
      Class<? extends SocketChannel> socket,
      Class<? extends ServerChannel> server,
      Class<? extends Channel> domain,
      Class<? extends ServerChannel> domainServer,
      Function<Path, SocketAddress> domainAddress,
      boolean nativeIo) {

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
      return new Kind(
          NioIoHandler.newFactory(),
          NioSocketChannel.class,
          NioServerSocketChannel.class,
          NioDomainSocketChannel.class,
          NioServerDomainSocketChannel.class,
          UnixDomainSocketAddress::of,
          false);
    }
  }

  /** Touches the epoll classes only when called, so NIO works without them. */
  private static final class EpollKind {
    static Kind kindIfAvailable() {
      if (!io.netty.channel.epoll.Epoll.isAvailable()) {
        return Kind.nio();
      }
      return new Kind(
          io.netty.channel.epoll.EpollIoHandler.newFactory(),
          io.netty.channel.epoll.EpollSocketChannel.class,
          io.netty.channel.epoll.EpollServerSocketChannel.class,
          io.netty.channel.epoll.EpollDomainSocketChannel.class,
          io.netty.channel.epoll.EpollServerDomainSocketChannel.class,
          path -> new io.netty.channel.unix.DomainSocketAddress(path.toString()),
          true);
    }
  }
}
