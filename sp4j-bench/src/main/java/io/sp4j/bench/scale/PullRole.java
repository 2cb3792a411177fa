package io.sp4j.bench.scale;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** PULL: bind, hold connections; "measure" prints its memory after a full GC. */
final class PullRole {
  private PullRole() {}

  static void run(String url) throws Exception {
    try (Socket s = Socket.open(Protocol.PULL)) {
      s.bind(url);
      RoleLines.say("bound");
      RoleLines.untilQuit(
          line -> {
            if (line.startsWith("measure")) {
              RoleLines.say(memory());
            }
          });
    }
  }

  private static String memory() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long alloc =
        ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
            ? p.metric().usedDirectMemory()
            : -1;
    long netty = PlatformDependent.usedDirectMemory();
    long pool = -1;
    for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (b.getName().equals("direct")) {
        pool = b.getMemoryUsed();
      }
    }
    return "mem heap="
        + heap
        + " direct_alloc="
        + alloc
        + " direct_netty="
        + netty
        + " direct_pool="
        + pool;
  }
}
