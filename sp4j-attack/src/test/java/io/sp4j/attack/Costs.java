package io.sp4j.attack;

/**
 * What a server may spend on connections it holds, from first principles, so each bound in the
 * tests is a sum of named parts rather than a number that happened to pass.
 */
final class Costs {
  private Costs() {}

  /**
   * Heap of one open connection the server holds: its Netty channel and pipeline, sp4j's connection
   * object and a few small arrays. An idle ws connection measured about 2 KB in the scale bench; 8
   * KiB leaves room for a handshake decoder's state and per-connection bookkeeping.
   */
  static final long PER_CONNECTION = 8 * 1024;

  /**
   * Heap that comes and goes with no attack at all: classes loaded on first use, the JIT's and the
   * collector's own data, the well-behaved client's traffic. 2 MiB.
   */
  static final long NOISE = 2L << 20;

  /**
   * Direct memory the buffer pool may add under load: a 4 MiB chunk for each of the target's (at
   * most 2, with 64 MiB of direct memory) arenas, twice over for reads and writes in flight. 16
   * MiB, a quarter of the target's direct memory: more means the server keeps buffers.
   */
  static final long POOL_GROWTH = 16L << 20;

  /** Heap bound for {@code n} held connections that each sent {@code sentBytes}. */
  static long heldConnections(int n, long sentBytes) {
    return n * (PER_CONNECTION + sentBytes) + NOISE;
  }
}
