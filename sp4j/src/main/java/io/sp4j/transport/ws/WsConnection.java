package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.sp4j.Message;
import io.sp4j.MessageType;
import io.sp4j.spi.Timeout;
import io.sp4j.transport.netty.ChannelConnection;
import io.sp4j.transport.netty.InboundLimits;
import java.time.Duration;

/**
 * One upgraded WebSocket connection: the {@link io.sp4j.spi.Connection} the socket core writes to,
 * and the last inbound handler of its channel.
 *
 * <p>Receiving: {@link FrameDecoder} joins data frames into one SP message (WS-FR-1, WS-FR-6),
 * checking the running size against the receive limit before a frame is kept (1009, WS-FR-15); here
 * pings are answered at once, pongs dropped (WS-FR-18 … 21); a Close is echoed per WS-CL-1 … 3.
 *
 * <p>Sending: queued and flushed by {@link ChannelConnection}, framed by {@link WsFrameEncoder}.
 */
final class WsConnection extends ChannelConnection {
  /** How long a client waits for the echo of its Close once it is written (WS-CL-5). */
  private static final Duration ECHO_WAIT = Duration.ofSeconds(1);

  /**
   * The settings a connection takes from its socket when made.
   *
   * @param maxMessageSize receive limit in bytes, -1 for none
   * @param sendBuffer bytes that may wait to be sent before the connection reports unwritable
   * @param messageType type of sent messages that carry none
   * @param serverCloseFrame whether a server's local close sends Close 1000 (WS-CL-6)
   * @param fragmentSize largest frame payload sent (WS-FR-4)
   * @param limits what the receiving side is held to (budget, stall timeout, refusals)
   */
  record Settings(
      int maxMessageSize,
      int sendBuffer,
      MessageType messageType,
      boolean serverCloseFrame,
      int fragmentSize,
      InboundLimits limits) {
    /** The same with another default message type (a dialer keeps the one it was made with). */
    Settings withMessageType(MessageType type) {
      return new Settings(maxMessageSize, sendBuffer, type, serverCloseFrame, fragmentSize, limits);
    }
  }

  private final boolean client;
  private final Settings settings;

  // Event-loop state.
  private boolean failed;
  private boolean closeSent;
  private ByteBuf pongOwed; // the latest Ping's payload, answered once the peer reads again
  private boolean pongUnflushed;

  WsConnection(Channel channel, boolean client, Settings settings, Runnable onClosed) {
    super(
        channel,
        new WsFrameEncoder(client, settings),
        settings.sendBuffer(),
        settings.limits(),
        onClosed);
    this.client = client;
    this.settings = settings;
  }

  boolean isClient() {
    return client;
  }

  int maxMessageSize() {
    return settings.maxMessageSize();
  }

  /**
   * The end of a local close, after what is queued has been written. A client says goodbye with
   * Close 1000 and waits up to a second after it is written for the echo (WS-CL-5); a server just
   * closes TCP (WS-CL-6), since a nanomsg client never reconnects after a Close frame, unless
   * {@link io.sp4j.Options#WS_SERVER_CLOSE_FRAME} asks it to say goodbye as a client does.
   */
  @Override
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  protected void closeAfterDrain() {
    Channel channel = channel();
    assert channel.eventLoop().inEventLoop();
    if ((client || settings.serverCloseFrame()) && !closeSent && channel.isActive()) {
      closeSent = true;
      // The second for the echo starts once the Close (after every queued message) is written.
      channel
          .writeAndFlush(ControlFrames.close(channel.alloc(), client, 1000, ""))
          .addListener(
              f -> {
                Timeout echoWait =
                    settings
                        .limits()
                        .time()
                        .schedule(
                            channel,
                            ECHO_WAIT,
                            () -> {
                              channel.close();
                            });
                channel.closeFuture().addListener(closed -> echoWait.cancel());
              });
    } else {
      super.closeAfterDrain();
    }
  }

  @Override
  protected boolean sendingStopped() {
    assert channel().eventLoop().inEventLoop();
    return closeSent;
  }

  // ---- receiving (event loop) -----------------------------------------------------------

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Message message) {
      if (!failed && !closeSent) {
        deliver(message); // whole, checked and typed by the FrameDecoder
      }
      return;
    }
    if (!(msg instanceof WebSocketFrame frame)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (failed || (closeSent && !(frame instanceof CloseWebSocketFrame))) {
      frame.release();
      return;
    }
    if (frame instanceof PingWebSocketFrame) {
      answerPing(ctx, frame.content());
    } else if (frame instanceof CloseWebSocketFrame close) {
      try {
        closeReceived(ctx, close);
      } finally {
        close.release();
      }
    } else {
      frame.release();
    }
  }

  /**
   * WS-FR-18: a Pong for a Ping, but only as fast as the peer reads. While the channel is not
   * writable the connection stops reading and keeps only the latest Ping's payload (RFC 6455 5.5.3
   * allows answering only the most recent), so a peer that pings and never reads holds one payload
   * of at most 125 bytes, not a queue of answers. Pongs written in one read go out with one flush
   * when the read completes.
   */
  private void answerPing(ChannelHandlerContext ctx, ByteBuf payload) {
    assert ctx.executor().inEventLoop();
    if (controlMayBeWritten()) {
      ctx.write(ControlFrames.pong(ctx.alloc(), client, payload))
          .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      pongUnflushed = true;
      return;
    }
    if (pongOwed != null) {
      pongOwed.release();
    }
    pongOwed = payload;
    holdReadingForControl(true);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (pongUnflushed) {
      pongUnflushed = false;
      ctx.flush();
    }
    super.channelReadComplete(ctx);
  }

  /** The peer reads again: the Pong it is owed goes out, and reading resumes. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (pongOwed != null && ctx.channel().isWritable()) {
      ByteBuf payload = pongOwed;
      pongOwed = null;
      if (!closeSent) {
        ctx.writeAndFlush(ControlFrames.pong(ctx.alloc(), client, payload))
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      } else {
        payload.release();
      }
      holdReadingForControl(false);
    }
    super.channelWritabilityChanged(ctx);
  }

  /** WS-CL-1 … 3: echo a valid code without its reason, else 1002; then close TCP. */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // a close is followed through closeFuture, not this future
  private void closeReceived(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    if (closeSent) {
      ctx.close(); // the echo of our own Close
      return;
    }
    closeSent = true;
    ByteBuf content = close.content();
    ByteBuf answer;
    if (!content.isReadable()) {
      answer = ControlFrames.close(ctx.alloc(), client, 1000, "");
    } else {
      int code = content.getUnsignedShort(content.readerIndex());
      boolean validCode =
          (code >= 1000 && code <= 1003)
              || (code >= 1007 && code <= 1011)
              || (code >= 3000 && code <= 4999);
      if (validCode
          && Utf8.isValid(
              content.slice(content.readerIndex() + 2, content.readableBytes() - 2).nioBuffer())) {
        answer = ControlFrames.close(ctx.alloc(), client, code, "");
      } else {
        answer =
            ControlFrames.close(
                ctx.alloc(),
                client,
                1002,
                validCode ? "Invalid UTF-8 in the close reason." : "Invalid close code.");
      }
    }
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
  }

  /** Ends the connection for a protocol error: a Close with the code, then TCP close (WS-CL-4). */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException) {
      failed = true; // the decoder or validator already sent the Close and is closing
      if (!closeSent) {
        closeSent = true;
      }
      return;
    }
    super.exceptionCaught(ctx, cause);
  }

  @Override
  protected void onInactive() {
    failed = true;
    if (pongOwed != null) {
      pongOwed.release();
      pongOwed = null;
    }
  }
}
