package io.sp4j.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says of another process: its CPU time and resident memory. */
final class ProcessStats {
  private ProcessStats() {}

  /** User plus system CPU time of a process so far ({@code /proc/<pid>/stat}, 100 ticks/s). */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** {@code /proc/<pid>/status} VmRSS in bytes, or -1. */
  static long rssBytes(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
