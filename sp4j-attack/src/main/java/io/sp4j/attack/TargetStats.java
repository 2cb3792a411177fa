package io.sp4j.attack;

import io.netty.buffer.PooledByteBufAllocator;
import io.sp4j.Refusal;
import io.sp4j.Socket;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code stats} line of the {@link AttackTarget}'s own JVM: what it holds once garbage is
 * collected, so that growth means memory the server keeps, not garbage it has yet to collect.
 *
 * <pre>
 * stats heap=… direct=… fds=… threads=… rss=… [extra counters: pool chunks, refusals by reason]
 * </pre>
 *
 * <ul>
 *   <li>{@code heap}: heap in use just after {@link System#gc()} (run twice: the first may only
 *       promote), as the collector saw it; see {@link #heapAfterCollection()};
 *   <li>{@code direct}: the JDK's "direct" buffer pool plus the chunks of Netty's buffer pool that
 *       are not in it (see {@link #directBytes()});
 *   <li>{@code fds}: open file descriptors ({@code /proc/self/fd});
 *   <li>{@code threads}: live Java threads;
 *   <li>{@code rss}: resident memory ({@code /proc/self/status} VmRSS).
 * </ul>
 */
public final class TargetStats {
  private TargetStats() {}

  /** The whole line, {@code stats key=value ...}. */
  public static String line(Socket socket) {
    StringBuilder line = new StringBuilder("stats");
    for (Map.Entry<String, Long> e : measure(socket).entrySet()) {
      line.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    return line.toString();
  }

  /** The numbers of the line, in its order. */
  public static Map<String, Long> measure(Socket socket) {
    System.gc();
    System.gc();
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("heap", heapAfterCollection());
    stats.put("direct", directBytes());
    ProcessMeter.Usage self = ProcessMeter.read(ProcessHandle.current().pid());
    stats.put("fds", self.fds());
    stats.put("threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
    stats.put("rss", self.rssBytes());
    addExtraCounters(stats, socket);
    return stats;
  }

  /**
   * The one place for counters beyond the five standard ones (each a {@code key=value} on the
   * line): the server's own counts of what it refused or closed belong here.
   */
  private static void addExtraCounters(Map<String, Long> stats, Socket socket) {
    // Chunks sp4j's buffer pool holds (used or cached), which is what a burst leaves behind.
    stats.put("pooledDirect", PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory());
    stats.put("pooledHeap", PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory());
    // What the socket refused, by reason (refused.RECEIVE_STALLED=…).
    for (Map.Entry<Refusal, Long> refused : socket.refusals().entrySet()) {
      stats.put("refused." + refused.getKey(), refused.getValue());
    }
  }

  /**
   * What the heap held at the end of the last collection, summed over its pools. The heap's usage
   * now would also count what the event loops allocated since the collection, and on a loaded
   * machine this thread may wait milliseconds for its next slice while they allocate megabytes.
   */
  private static long heapAfterCollection() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterCollection = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterCollection != null) {
        used += afterCollection.getUsed();
      }
    }
    return used;
  }

  /**
   * Direct memory: the JDK's "direct" buffer pool, and Netty's pooled chunks when they are not part
   * of it. Netty takes its chunks from {@code ByteBuffer.allocateDirect} where it may (JDK 17: they
   * are in the JDK's pool, and adding them again would count them twice) or allocates them around
   * the JDK (JDK 24 and later: the JDK's pool does not see them). A JDK pool smaller than Netty's
   * chunks cannot hold them, which tells the two apart.
   */
  private static long directBytes() {
    long jdk = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        jdk = pool.getMemoryUsed();
      }
    }
    long nettyChunks = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
    return jdk >= nettyChunks ? jdk : jdk + nettyChunks;
  }
}
