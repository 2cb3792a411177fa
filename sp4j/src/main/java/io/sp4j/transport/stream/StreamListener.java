package io.sp4j.transport.stream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.sp4j.Errno;
import io.sp4j.Options;
import io.sp4j.Refusal;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.PipeEvents;
import io.sp4j.spi.TransportEndpoint;
import io.sp4j.transport.netty.Admission;
import io.sp4j.transport.netty.ChannelConnection;
import io.sp4j.transport.netty.ChannelTime;
import io.sp4j.transport.netty.EventLoops;
import io.sp4j.transport.netty.OpenChannels;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A bound {@code tcp://} or {@code ipc://} address: every accepted connection exchanges greetings
 * and is offered to the socket. A connection beyond {@link Options#MAX_CONNECTIONS}, or beyond
 * {@link Options#MAX_HANDSHAKES} still greeting, is closed as soon as it is accepted; a greeting
 * late or malformed closes its connection. Each is a counted refusal. Closing stops listening,
 * waits for the address to be released (off the event loop), closes the connections and then runs
 * the transport's clean-up.
 */
public final class StreamListener implements TransportEndpoint {
  private final EndpointContext context;
  private final boolean typed;
  private final Runnable afterClose;
  private final OpenChannels children = new OpenChannels();
  private final Admission admission;
  private final Duration handshakeTimeout;
  private final Runnable unwatch;
  private volatile Channel serverChannel;
  private volatile boolean closed;

  private StreamListener(EndpointContext context, boolean typed, Runnable afterClose) {
    this.context = context;
    this.typed = typed;
    this.afterClose = afterClose;
    this.admission =
        new Admission(
            context.option(Options.MAX_CONNECTIONS), context.option(Options.MAX_HANDSHAKES));
    this.handshakeTimeout = context.option(Options.HANDSHAKE_TIMEOUT);
    this.unwatch = EventLoops.watchIoThreads(context::failed);
  }

  /**
   * Starts listening.
   *
   * @param typed whether messages carry the {@code ipc://} type byte
   * @param afterClose run once when the listener has closed (e.g. unlinks a socket file)
   * @throws SpException EADDRINUSE if the address is taken, EADDRNOTAVAIL if it cannot be bound
   */
  public static StreamListener start(
      SocketAddress address,
      Class<? extends ServerChannel> channelClass,
      boolean typed,
      EndpointContext context,
      String url,
      Runnable afterClose) {
    StreamListener listener = new StreamListener(context, typed, afterClose);
    try {
      ServerBootstrap bootstrap =
          EventLoops.serverBootstrap(
                  channelClass, address, context.option(Options.LISTEN_BACKLOG), context)
              .childHandler(
                  new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel child) {
                      listener.admit(child);
                    }
                  });
      if (address instanceof InetSocketAddress) {
        bootstrap.option(ChannelOption.SO_REUSEADDR, true);
      }
      listener.serverChannel = EventLoops.bind(bootstrap, address, url);
    } catch (RuntimeException e) {
      listener.unwatch.run();
      throw e;
    }
    return listener;
  }

  /** A new connection (event loop): within the limits it greets, else it is closed at once. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void admit(Channel child) {
    assert child.eventLoop().inEventLoop();
    if (closed) {
      child.close();
      return;
    }
    Refusal refusal = admission.admitConnection(child);
    if (refusal == null) {
      refusal = admission.admitHandshake(child);
    }
    if (refusal != null) {
      context.refused(
          refusal,
          child.remoteAddress()
              + ": "
              + admission.open()
              + " connections open, "
              + admission.handshaking()
              + " greeting");
      child.close();
      return;
    }
    children.add(child);
    StreamHandshake handshake =
        new StreamHandshake(
            context.protocol(),
            handshakeTimeout,
            this::accepted,
            failure ->
                context.refused(
                    failure.errno() == Errno.ETIMEDOUT
                        ? Refusal.HANDSHAKE_TIMEOUT
                        : Refusal.HANDSHAKE_INVALID,
                    child.remoteAddress() + ": " + failure.getMessage()),
            ChannelTime.of(context));
    handshake.whenFinished(() -> admission.handshakeDone(child));
    child.pipeline().addLast("sp-handshake", handshake);
  }

  /** The greetings were exchanged (event loop): offers the connection to the socket. */
  private StreamConnection accepted(Channel channel, io.sp4j.Protocol peer) {
    assert channel.eventLoop().inEventLoop();
    if (closed) {
      return null;
    }
    StreamConnection connection = StreamOptions.connection(context, channel, typed, () -> {});
    PipeEvents events = context.attach(connection, peer);
    if (events == null) {
      return null;
    }
    connection.start(events);
    return connection;
  }

  /** Longest a close waits for the address to be free to bind again. */
  private static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

  @Override
  public int port() {
    return serverChannel.localAddress() instanceof InetSocketAddress inet ? inet.getPort() : -1;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    unwatch.run();
    EventLoops.closeAndRelease(serverChannel, RELEASE_WAIT);
    ChannelConnection.closeAll(children.list());
    afterClose.run();
  }

  @Override
  public String toString() {
    return "listener on " + serverChannel.localAddress();
  }
}
