package io.sp4j.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * RFC 6455 masking alone (XOR with a 4-byte key), the per-byte cost a client pays on every frame it
 * sends and a server on every frame it receives: byte at a time, as a naive codec does, and a long
 * at a time, as Netty's encoder and decoder do. Allocates nothing ({@code -prof gc}).
 */
public class MaskBenchmark extends JmhDefaults {
  @Param({"64", "1024", "65536"})
  public int size;

  private byte[] data;
  private ByteBuffer view;
  private int key;

  @Setup
  public void setUp() {
    data = new byte[size];
    ThreadLocalRandom.current().nextBytes(data);
    view = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
    key = ThreadLocalRandom.current().nextInt();
  }

  @Benchmark
  public byte[] bytewise() {
    byte[] d = data;
    int k = key;
    for (int i = 0; i < d.length; i++) {
      d[i] ^= (byte) (k >>> (24 - 8 * (i & 3)));
    }
    return d;
  }

  @Benchmark
  public byte[] longwise() {
    ByteBuffer v = view;
    byte[] d = data;
    long k8 = (key & 0xffffffffL) | ((long) key << 32);
    int i = 0;
    int end = d.length & ~7;
    for (; i < end; i += 8) {
      v.putLong(i, v.getLong(i) ^ k8);
    }
    int k = key;
    for (; i < d.length; i++) {
      d[i] ^= (byte) (k >>> (24 - 8 * (i & 3)));
    }
    return d;
  }
}
