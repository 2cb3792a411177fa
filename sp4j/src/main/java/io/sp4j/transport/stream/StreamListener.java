package io.sp4j.transport.stream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.sp4j.SpException;
import io.sp4j.core.EndpointContext;
import io.sp4j.core.PipeEvents;
import io.sp4j.core.TransportEndpoint;
import io.sp4j.transport.netty.EventLoops;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bound {@code tcp://} or {@code ipc://} address: every accepted connection exchanges
 * greetings and is offered to the socket. Closing stops listening, waits for the address to be
 * released (off the event loop), closes the connections and then runs the transport's clean-up.
 */
public final class StreamListener implements TransportEndpoint {
  private final EndpointContext context;
  private final boolean typed;
  private final Runnable afterClose;
  private final Set<Channel> children = ConcurrentHashMap.newKeySet();
  private volatile Channel serverChannel;
  private volatile boolean closed;

  private StreamListener(EndpointContext context, boolean typed, Runnable afterClose) {
    this.context = context;
    this.typed = typed;
    this.afterClose = afterClose;
  }

  /**
   * Starts listening.
   *
   * @param typed whether messages carry the {@code ipc://} type byte
   * @param afterClose run once when the listener has closed (e.g. unlinks a socket file)
   * @throws SpException EADDRINUSE if the address is taken, EADDRNOTAVAIL if it cannot be bound
   */
  public static StreamListener start(SocketAddress address, Class<? extends ServerChannel> channelClass,
      boolean typed, EndpointContext context, String url, Runnable afterClose) {
    StreamListener listener = new StreamListener(context, typed, afterClose);
    ServerBootstrap bootstrap = EventLoops.serverBootstrap(channelClass, address)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel child) {
            listener.children.add(child);
            child.closeFuture().addListener(f -> listener.children.remove(child));
            if (listener.closed) {
              child.close();
              return;
            }
            child.pipeline().addLast("sp-handshake", new StreamHandshake(context.protocol(), listener::accepted));
          }
        });
    if (address instanceof InetSocketAddress) {
      bootstrap.option(ChannelOption.SO_REUSEADDR, true);
    }
    listener.serverChannel = EventLoops.bind(bootstrap, address, url);
    return listener;
  }

  private StreamConnection accepted(Channel channel, io.sp4j.Protocol peer) {
    if (closed) {
      return null;
    }
    StreamConnection connection = StreamOptions.connection(context, channel, typed, () -> { });
    PipeEvents events = context.attach(connection, peer);
    if (events == null) {
      return null;
    }
    connection.start(events);
    return connection;
  }

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
    EventLoops.closeAndRelease(serverChannel, StreamHandshake.TIMEOUT);
    for (Channel child : new ArrayList<>(children)) {
      StreamConnection connection = child.pipeline().get(StreamConnection.class);
      if (connection != null) {
        connection.close();
      } else {
        child.close();
      }
    }
    afterClose.run();
  }

  @Override
  public String toString() {
    return "listener on " + serverChannel.localAddress();
  }
}
