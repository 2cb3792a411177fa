package io.sp4j.attack;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The long attacks against sp4j, nanocat (nanomsg) and nngcat (NNG) side by side, on free loopback
 * ports (bench/attacks.sh runs it):
 *
 * <pre>
 *   AttackBench [--out FILE] [--only WORD] [--schemes tcp,ws] [--targets sp4j,nanomsg,nng]
 *               [--heap 512m] [--seed N]
 * </pre>
 *
 * <p>Each case of {@link BenchCase#all} runs once per scheme and target, each target a fresh
 * process: {@link AttackRun} with a sample a second, 30 s to settle. Writes a markdown report (a
 * table per case, targets side by side); progress goes to stderr. A benchmark, not a test: nothing
 * fails on a bad number, and a target that dies is reported as such.
 */
public final class AttackBench {
  private AttackBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    Path out =
        Path.of(
            o.getOrDefault(
                "out", "bench/reports/" + LocalDate.now(ZoneId.systemDefault()) + "-attacks.md"));
    String only = o.getOrDefault("only", "");
    List<Scheme> schemes = new ArrayList<>();
    for (String s : o.getOrDefault("schemes", "tcp,ws").split(",", -1)) {
      schemes.add(Scheme.valueOf(s.trim().toUpperCase(Locale.ROOT)));
    }
    List<String> targets = List.of(o.getOrDefault("targets", "sp4j,nanomsg,nng").split(","));
    String heap = o.getOrDefault("heap", "512m");
    long seed = Long.parseLong(o.getOrDefault("seed", "20261202"));
    TargetProcess.Jvm jvm = new TargetProcess.Jvm(heap, heap, "simple");
    AttackRun.Settings settings =
        new AttackRun.Settings(
            Duration.ofSeconds(1),
            Duration.ZERO,
            Duration.ofSeconds(30),
            6,
            3,
            Duration.ofSeconds(2));

    BenchReport report = new BenchReport(heap);
    for (BenchCase c : BenchCase.all(seed)) {
      if (!c.title().contains(only)) {
        continue;
      }
      for (Scheme scheme : c.schemes()) {
        if (!schemes.contains(scheme)) {
          continue;
        }
        List<BenchReport.Cell> cells = new ArrayList<>();
        for (String kind : targets) {
          cells.add(runOne(c, scheme, kind.trim(), jvm, withEnd(settings, c.endMax()), System.err));
        }
        report.add(c.title() + " — " + scheme.prefix() + "://", cells);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(
            out,
            report.markdown(),
            StandardCharsets.UTF_8); // after each case: a partial run has a report
      }
    }
    System.err.println("AttackBench: wrote " + out);
  }

  private static BenchReport.Cell runOne(
      BenchCase c,
      Scheme scheme,
      String kind,
      TargetProcess.Jvm jvm,
      AttackRun.Settings settings,
      PrintStream log) {
    log.printf(
        Locale.ROOT, "AttackBench: %s over %s against %s%n", c.title(), scheme.prefix(), kind);
    TargetProcess target = null;
    try {
      target =
          switch (kind) {
            case "sp4j" -> TargetProcess.sp4j(scheme, c.sp4jOptions(), jvm);
            case "nanomsg" -> TargetProcess.nanocat(scheme, LoopbackPorts.free());
            case "nng" -> TargetProcess.nngcat(scheme, LoopbackPorts.free());
            default ->
                throw new IllegalArgumentException("no target " + kind + " (sp4j, nanomsg, nng)");
          };
      AttackRun.Result result = AttackRun.run(target, c.attack().apply(target.address()), settings);
      log.println("AttackBench:   " + result);
      return BenchReport.Cell.of(kind, result);
    } catch (Exception | AssertionError e) {
      String why = e.getClass().getSimpleName() + ": " + e.getMessage();
      log.println("AttackBench:   failed: " + why);
      return BenchReport.Cell.failed(kind, why, target != null && !target.isAlive());
    } finally {
      if (target != null) {
        target.close();
      }
    }
  }

  private static AttackRun.Settings withEnd(AttackRun.Settings s, Duration endMax) {
    return new AttackRun.Settings(
        s.sampleEvery(), endMax, s.settleMax(), s.fdSlack(), s.threadSlack(), s.clientTimeout());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: AttackBench [--out FILE] [--only WORD] [--schemes tcp,ws]"
                + " [--targets sp4j,nanomsg,nng] [--heap 512m] [--seed N]; not understood: "
                + args[i]);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }
}
