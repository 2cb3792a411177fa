package io.sp4j.bench.soak;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the report of a finished run again, from its work directory (after changing the report,
 * say).
 */
@Command(name = "report", description = "Writes the report of a run from its work directory.")
final class SoakReportCommand implements Callable<Integer> {
  @Option(names = "--work", required = true, description = "The run's work directory.")
  Path work;

  @Option(names = "--report", required = true, description = "The report's path without .md.")
  Path report;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    spec.commandLine()
        .getOut()
        .println("soak: " + SoakReport.write(work, report) + "; report " + report + ".md");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
