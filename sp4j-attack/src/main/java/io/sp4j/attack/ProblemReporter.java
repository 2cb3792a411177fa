package io.sp4j.attack;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.io.PrintStream;

/**
 * Makes a target's troubles visible on its stderr with fixed markers a test can look for: every
 * buffer Netty's leak detector reports ({@value #LEAK}) and every throwable no thread caught
 * ({@value #UNCAUGHT}). Must be installed before Netty's buffer classes load, so that every
 * detector is one of these.
 */
public final class ProblemReporter {
  /** Starts the line of a leak report. */
  public static final String LEAK = "LEAK ";

  /** Starts the line of an uncaught throwable. */
  public static final String UNCAUGHT = "UNCAUGHT ";

  private ProblemReporter() {}

  /** Installs both reporters, writing to {@code err}. */
  public static void install(PrintStream err) {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            return new PrintingDetector<>(resource, samplingInterval, err);
          }
        });
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          synchronized (err) {
            err.println(UNCAUGHT + "in thread " + thread.getName() + ": " + error);
            error.printStackTrace(err);
            err.flush();
          }
        });
  }

  private static final class PrintingDetector<T> extends ResourceLeakDetector<T> {
    private final PrintStream err;

    PrintingDetector(Class<T> resource, int samplingInterval, PrintStream err) {
      super(resource, samplingInterval);
      this.err = err;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      print(resourceType + " was not released:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      print(resourceType + " was not released (no records)");
    }

    private void print(String report) {
      synchronized (err) {
        err.println(LEAK + report);
        err.flush();
      }
    }
  }
}
