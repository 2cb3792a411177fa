package io.sp4j.attack;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The bench's markdown: one table per attack and scheme, a row per number, a column per target
 * (sp4j | nanomsg | NNG). Memory in MiB; before → peak → after.
 */
final class BenchReport {
  /** One target's outcome in one case: a run's result or why there is none. */
  record Cell(String target, AttackRun.Result result, String failure, boolean died) {
    static Cell of(String target, AttackRun.Result result) {
      return new Cell(target, result, null, !result.survived());
    }

    static Cell failed(String target, String failure, boolean died) {
      return new Cell(target, null, failure, died);
    }
  }

  private final String heap;
  private final StringBuilder body = new StringBuilder();

  BenchReport(String heap) {
    this.heap = heap;
  }

  void add(String title, List<Cell> cells) {
    body.append("\n## ").append(title).append("\n\n| |");
    cells.forEach(c -> body.append(' ').append(label(c.target())).append(" |"));
    body.append("\n|---|");
    cells.forEach(c -> body.append("---|"));
    body.append('\n');
    row(cells, "survived", c -> c.died() ? "**no, it died**" : "yes");
    row(cells, "RSS MiB", c -> triple(c, "rss", true));
    row(cells, "fds", c -> triple(c, "fds", false));
    row(
        cells,
        "threads (OS)",
        c ->
            triple(
                c,
                c.result() != null && c.result().before().containsKey("osThreads")
                    ? "osThreads"
                    : "threads",
                false));
    row(cells, "heap after GC MiB", c -> triple(c, "heap", true));
    row(cells, "direct MiB", c -> triple(c, "direct", true));
    row(
        cells,
        "client during: answered / failed",
        c ->
            c.result() == null
                ? "–"
                : c.result().during().answered() + " / " + c.result().during().failed());
    row(
        cells,
        "client during: p99 ms",
        c -> c.result() == null ? "–" : num(c.result().during().p99Millis()));
    row(
        cells,
        "client after: answered / failed",
        c ->
            c.result() == null
                ? "–"
                : c.result().afterwards().answered() + " / " + c.result().afterwards().failed());
    row(
        cells,
        "new client answered (of 3)",
        c -> c.result() == null ? "–" : Integer.toString(c.result().newClientAnswers()));
    row(
        cells,
        "the attack",
        c ->
            c.result() == null
                ? "failed: " + escape(c.failure())
                : attack(c.result().attackResults()));
    row(
        cells,
        "leaks / uncaught on stderr",
        c -> c.result() == null ? "–" : Integer.toString(c.result().problems().size()));
    row(
        cells,
        "seconds",
        c -> c.result() == null ? "–" : c.result().timing().replace("seconds: ", ""));
  }

  String markdown() {
    return "# Attacks: sp4j beside nanomsg 1.1.5 and NNG 1.5.2 ("
        + LocalDate.now(ZoneId.systemDefault())
        + ")\n\n"
        + "Written by `bench/attacks.sh` (`io.sp4j.attack.AttackBench`). Each target is a REP on a free loopback"
        + " port in its own process: sp4j's `AttackTarget` (-Xmx"
        + heap
        + ", MaxDirectMemorySize "
        + heap
        + ", serial GC, Netty leak detection `simple`, sp4j's default options unless the case names one),"
        + " `nanocat --rep --bind URL --data pong --ascii`, `nngcat --rep --listen URL --data pong`, each at its"
        + " defaults. A well-behaved sp4j REQ asks every 20 ms (2 s timeout) from before the attack to after it."
        + " Numbers are before → peak (largest of samples taken every second during the attack) → after"
        + " (once descriptors and threads were back, or after 30 s). RSS, fds and threads are the kernel's"
        + " (/proc); heap (after a full GC) and direct memory only exist for sp4j. Connections the attack"
        + " holds are closed by the bench after "
        + BenchCase.HOLD.toSeconds()
        + " s unless the server closed"
        + " them first (`closedByServer`).\n"
        + body;
  }

  private void row(List<Cell> cells, String name, Function<Cell, String> value) {
    body.append("| ").append(name).append(" |");
    for (Cell c : cells) {
      body.append(' ').append(value.apply(c)).append(" |");
    }
    body.append('\n');
  }

  private static String triple(Cell c, String key, boolean mib) {
    if (c.result() == null || !c.result().before().containsKey(key)) {
      return "–";
    }
    AttackRun.Result r = c.result();
    return value(r.before(), key, mib)
        + " → "
        + value(r.peak(), key, mib)
        + " → "
        + value(r.after(), key, mib);
  }

  private static String value(Map<String, Long> m, String key, boolean mib) {
    Long v = m.get(key);
    if (v == null) {
      return "?";
    }
    return mib ? String.format(Locale.ROOT, "%.1f", v / 1048576.0) : Long.toString(v);
  }

  private static String attack(Map<String, Object> results) {
    List<String> parts = new ArrayList<>();
    results.forEach((k, v) -> parts.add(k + "=" + v));
    return escape(String.join(", ", parts));
  }

  private static String num(double d) {
    return d < 0 ? "–" : String.format(Locale.ROOT, "%.1f", d);
  }

  private static String escape(String s) {
    return String.valueOf(s).replace("|", "\\|").replace("\n", " ");
  }

  private static String label(String target) {
    return switch (target) {
      case "nanomsg" -> "nanomsg (nanocat)";
      case "nng" -> "NNG (nngcat)";
      default -> target;
    };
  }
}
