package io.sp4j.bench.soak;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this JVM holds, read as one row: heap used right after a full collection (what is really
 * kept), heap committed, the part of the heap Netty's pooled allocator keeps in its heap arenas
 * (chunks it holds on to, in use or not), direct memory as the JDK counts it (the "direct" buffer
 * pool) and as Netty's pooled allocator counts it (the allocator sp4j uses), open file descriptors,
 * live threads and resident memory. Reading it runs {@code System.gc()}.
 */
final class ProcessGauges {
  static final List<String> COLUMNS =
      List.of(
          "heap_after_gc",
          "heap_committed",
          "heap_netty",
          "direct_jdk",
          "direct_netty",
          "fds",
          "threads",
          "rss");

  private ProcessGauges() {}

  static long[] read() {
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new long[] {
      heap.getUsed(),
      heap.getCommitted(),
      PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory(),
      directPool(),
      PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(),
      openFds(),
      ManagementFactory.getThreadMXBean().getThreadCount(),
      rss()
    };
  }

  private static long directPool() {
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        return pool.getMemoryUsed();
      }
    }
    return -1;
  }

  private static long openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count() - 1; // less the one this listing opened
    } catch (IOException e) {
      return -1;
    }
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
