package io.sp4j.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TCP connections a peer's kernel has, read from {@code /proc/<pid>/net/tcp} and {@code tcp6}
 * (which show the namespace the process lives in). A dialer's connection is known by its local
 * port: a new port means a new connection. Reading a file costs no process start, so polling it is
 * cheap.
 */
final class TcpTable {
  private static final String ESTABLISHED = "01";

  private TcpTable() {}

  /** The local ports of {@code pid}'s established connections to {@code remotePort}. */
  static List<Integer> established(long pid, int remotePort) {
    List<Integer> ports = new ArrayList<>();
    for (String file : List.of("tcp", "tcp6")) {
      // Java's sockets are often IPv6 ones, with IPv4 peers as mapped addresses: read both.
      for (String row : rows(Path.of("/proc", String.valueOf(pid), "net", file))) {
        String[] fields = row.trim().split("\\s+", -1);
        if (fields.length > 3 && fields[3].equals(ESTABLISHED) && port(fields[2]) == remotePort) {
          ports.add(port(fields[1]));
        }
      }
    }
    return ports;
  }

  private static int port(String hexAddressAndPort) {
    return Integer.parseInt(
        hexAddressAndPort.substring(hexAddressAndPort.lastIndexOf(':') + 1), 16);
  }

  private static List<String> rows(Path table) {
    try {
      List<String> all = Files.readAllLines(table);
      return all.isEmpty() ? all : all.subList(1, all.size());
    } catch (NoSuchFileException e) {
      // The process is gone (or has no IPv6): no connections.
      return List.of();
    } catch (IOException e) {
      throw new IllegalStateException("reading " + table + ": " + e, e);
    }
  }
}
