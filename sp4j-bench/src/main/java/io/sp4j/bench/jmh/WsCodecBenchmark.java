package io.sp4j.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ws transport's frame codec: Netty's {@link WebSocket08FrameEncoder} and
 * {@link WebSocket08FrameDecoder} with the settings the transport installs (io.sp4j.transport.ws
 * Framing), one binary SP message per frame. {@code masked=true} is the client side (encode masks
 * every frame, RFC 6455 5.3; the server decodes and unmasks), {@code masked=false} the server
 * side. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WsCodecBenchmark {
  @Param({"64", "1024", "65536"})
  public int size;

  @Param({"true", "false"})
  public boolean masked;

  private EmbeddedChannel encoder;
  private EmbeddedChannel decoder;
  private byte[] body;
  private ByteBuf wire;

  @Setup(Level.Trial)
  public void setUp() {
    body = new byte[size];
    Arrays.fill(body, (byte) 111);
    encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(masked));
    WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
        .expectMaskedFrames(masked)
        .allowMaskMismatch(false)
        .allowExtensions(false)
        .closeOnProtocolViolation(true)
        .withUTF8Validator(true)
        .maxFramePayloadLength(Integer.MAX_VALUE)
        .build();
    decoder = new EmbeddedChannel(new WebSocket08FrameDecoder(config));
    // One encoded frame, kept in a direct buffer as it would come from a socket.
    encoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(body)));
    ByteBuf encoded = Unpooled.buffer();
    ByteBuf part;
    while ((part = encoder.readOutbound()) != null) {
      encoded.writeBytes(part);
      part.release();
    }
    wire = ByteBufAllocator.DEFAULT.directBuffer(encoded.readableBytes());
    wire.writeBytes(encoded);
    encoded.release();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    wire.release();
    encoder.finishAndReleaseAll();
    decoder.finishAndReleaseAll();
  }

  /** One SP message out: wrap the body (as WsConnection does) and encode one frame. */
  @Benchmark
  public int encode() {
    encoder.writeOutbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(body)));
    int bytes = 0;
    ByteBuf part;
    while ((part = encoder.readOutbound()) != null) {
      bytes += part.readableBytes();
      part.release();
    }
    return bytes;
  }

  /** One frame in: decode (unmask when masked) and copy the payload out as the SP body. */
  @Benchmark
  public byte[] decode() {
    decoder.writeInbound(wire.retainedDuplicate());
    WebSocketFrame frame = decoder.readInbound();
    try {
      ByteBuf content = frame.content();
      byte[] out = new byte[content.readableBytes()];
      content.getBytes(content.readerIndex(), out);
      return out;
    } finally {
      frame.release();
    }
  }
}
