package io.sp4j.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sp4j.Message;
import io.sp4j.bench.jmh.JmhDefaults;
import io.sp4j.transport.netty.InboundGuard;
import io.sp4j.transport.netty.InboundLimits;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * sp4j's own ws frame codec, as the transport runs it (this class sits in the transport's package
 * to reach it): {@link WireFrames} writing one binary frame in place into a pooled direct buffer
 * (header, then the payload masked 8 bytes at a time when {@code masked}, as a client sends), and
 * {@link FrameDecoder} turning that frame back into an SP {@link Message} (unmasking straight into
 * the message's array, as a server receives). Run with {@code -prof gc}: {@code gc.alloc.rate.norm}
 * is bytes allocated per message; encoding allocates nothing, decoding only the message (its array
 * and the {@code Message}).
 */
public class FrameCodecBenchmark extends JmhDefaults {
  @Param({"64", "1024", "65536"})
  public int size;

  @Param({"true", "false"})
  public boolean masked;

  private byte[] body;
  private ByteBuf out;
  private ByteBuf wire;
  private EmbeddedChannel decoder;
  private int mask;

  @Setup(Level.Trial)
  public void setUp() {
    body = new byte[size];
    ThreadLocalRandom.current().nextBytes(body);
    mask = ThreadLocalRandom.current().nextInt();
    out = PooledByteBufAllocator.DEFAULT.directBuffer(size + 14);
    wire = PooledByteBufAllocator.DEFAULT.directBuffer(size + 14);
    writeFrame(wire);
    decoder = new EmbeddedChannel();
    decoder
        .pipeline()
        .addLast(new FrameDecoder(masked, -1, new InboundGuard(decoder, InboundLimits.none())));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    out.release();
    wire.release();
    decoder.finishAndReleaseAll();
  }

  private void writeFrame(ByteBuf to) {
    WireFrames.writeHeader(to, 0x82, size, masked, mask);
    if (masked) {
      WireFrames.writeMasked(to, body, 0, size, mask, 0);
    } else {
      to.writeBytes(body);
    }
  }

  /** One SP message out as one frame, in place (what a drain or a direct write does). */
  @Benchmark
  public int encode() {
    out.clear();
    writeFrame(out);
    return out.readableBytes();
  }

  /** One frame in, one whole SP message out (what a channel read does). */
  @Benchmark
  public Message decode() {
    wire.readerIndex(0); // the same frame again; the decoder releases what it is given
    decoder.writeInbound(wire.retain());
    return decoder.readInbound();
  }
}
