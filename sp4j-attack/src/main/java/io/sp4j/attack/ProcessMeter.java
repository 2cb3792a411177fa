package io.sp4j.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the kernel says about any process, Java or not: its resident memory and thread count ({@code
 * /proc/<pid>/status}) and its open file descriptors ({@code /proc/<pid>/fd}). The same numbers
 * exist for sp4j, nanocat and nngcat, so they can stand side by side.
 */
public final class ProcessMeter {
  private ProcessMeter() {}

  /** One reading. */
  public record Usage(long rssBytes, long threads, long fds) {
    /** As {@code rss}, {@code threads}, {@code fds} entries. */
    public Map<String, Long> asMap() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("rss", rssBytes);
      m.put("threads", threads);
      m.put("fds", fds);
      return m;
    }
  }

  /**
   * Reads the process {@code pid} now.
   *
   * @throws IllegalStateException if there is no such process (it ended)
   */
  public static Usage read(long pid) {
    try {
      List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
      return new Usage(
          statusNumber(status, "VmRSS:") * 1024, statusNumber(status, "Threads:"), openFds(pid));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("process " + pid + " has ended", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid, e);
    }
  }

  /** Open file descriptors of {@code pid} (entries of {@code /proc/<pid>/fd}). */
  public static long openFds(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    }
  }

  /** The number on a {@code Name: value [kB]} line of a status file; -1 when absent. */
  private static long statusNumber(List<String> status, String key) {
    for (String line : status) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
