package io.sp4j.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The server's open connections, as the kernel lists them: TCP connections in state ESTABLISHED
 * whose local port is one the server listens on (tcp, ws, wss), and connected Unix sockets that
 * carry a path in the ipc directory (an accepted Unix socket carries its listener's path; the
 * dialing end none). inproc:// has no connections to count.
 */
final class ConnectionCount {
  private static final String TCP_ESTABLISHED = "01";
  private static final String UNIX_CONNECTED = "03";

  private final Set<Integer> ports;
  private final String ipcDir;

  ConnectionCount(Set<Integer> ports, Path ipcDir) {
    this.ports = Set.copyOf(ports);
    this.ipcDir = ipcDir.toAbsolutePath().toString();
  }

  long count() {
    return tcp("/proc/net/tcp") + tcp("/proc/net/tcp6") + unix();
  }

  private long tcp(String table) {
    long n = 0;
    for (String line : lines(table)) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length > 3 && f[3].equals(TCP_ESTABLISHED)) {
        String local = f[1];
        int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
        if (ports.contains(port)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Lines of /proc/net/unix: Num RefCount Protocol Flags Type St Inode Path. */
  private long unix() {
    long n = 0;
    for (String line : lines("/proc/net/unix")) {
      String[] f = line.trim().split("\\s+", -1);
      if (f.length > 7 && f[5].equals(UNIX_CONNECTED) && f[7].startsWith(ipcDir)) {
        n++;
      }
    }
    return n;
  }

  private static List<String> lines(String table) {
    try {
      List<String> lines = Files.readAllLines(Path.of(table));
      return lines.isEmpty() ? lines : lines.subList(1, lines.size()); // less the heading
    } catch (IOException e) {
      return List.of();
    }
  }
}
