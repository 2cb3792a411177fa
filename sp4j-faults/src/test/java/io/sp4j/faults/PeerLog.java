package io.sp4j.faults;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one peer printed, as {@link Deliveries} reads it: a snapshot of a running {@link Peer}'s
 * lines, or lines a test makes up to check the checks.
 *
 * @param id the peer's id
 * @param lines its lines in the order printed
 */
record PeerLog(String id, List<Line> lines) {
  /** One line, stamped when the peer printed it (see {@link PeerOutput}). */
  record Line(long nanos, PeerLine kind, String rest) {
    /** The first field, for the lines that start with a sequence number. */
    long seq() {
      int space = rest.indexOf(' ');
      return Long.parseLong(space < 0 ? rest : rest.substring(0, space));
    }

    /** What follows the sequence number. */
    String afterSeq() {
      int space = rest.indexOf(' ');
      return space < 0 ? "" : rest.substring(space + 1);
    }
  }

  PeerLog {
    lines = List.copyOf(lines);
  }

  /** The lines of one kind. */
  List<Line> lines(PeerLine kind) {
    return lines.stream().filter(line -> line.kind() == kind).toList();
  }

  /** The first line that matches, if any. */
  Optional<Line> first(Predicate<Line> match) {
    return lines.stream().filter(match).findFirst();
  }

  /** The last few lines, shortened, for failure messages. */
  String tail() {
    StringBuilder sb = new StringBuilder("last lines of ").append(id).append(':');
    for (Line line : lines.subList(Math.max(0, lines.size() - 8), lines.size())) {
      String text = line.kind().word() + " " + line.rest();
      sb.append("\n  ").append(text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }
    return sb.toString();
  }
}
