package io.sp4j.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of connections a listener could not queue ({@code TcpExt: ListenOverflows},
 * {@code ListenDrops} in {@code /proc/net/netstat}): when the accept queue (the listen backlog) is
 * full, a new SYN, or the last ACK of a handshake, is dropped and the client has to retry a second
 * later. The counters are the network namespace's, so another process overflowing its own backlog
 * at the same time shows here too.
 */
public record ListenCounters(long overflows, long drops) {
  /** The counters now; -1 each where the file or the field is missing. */
  public static ListenCounters read() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
          String[] names = lines.get(i).trim().split("\\s+");
          String[] values = lines.get(i + 1).trim().split("\\s+");
          return new ListenCounters(
              field(names, values, "ListenOverflows"), field(names, values, "ListenDrops"));
        }
      }
    } catch (IOException e) {
      return new ListenCounters(-1, -1);
    }
    return new ListenCounters(-1, -1);
  }

  /** What was counted since {@code earlier}. */
  public ListenCounters since(ListenCounters earlier) {
    return new ListenCounters(overflows - earlier.overflows, drops - earlier.drops);
  }

  private static long field(String[] names, String[] values, String name) {
    for (int i = 0; i < names.length && i < values.length; i++) {
      if (names[i].equals(name)) {
        return Long.parseLong(values[i]);
      }
    }
    return -1;
  }
}
