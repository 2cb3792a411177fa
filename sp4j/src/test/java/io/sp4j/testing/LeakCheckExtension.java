package io.sp4j.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reported a buffer that was never released while it
 * ran. Registered for every test class through the service loader; it replaces Netty's leak
 * detectors before the first buffer class loads, so each report is caught rather than only logged.
 * Surefire runs the detector at {@code paranoid}.
 */
public final class LeakCheckExtension implements AfterAllCallback {
  private static final List<String> LEAKS = new ArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
          }
        });
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> found = collectLeaks();
    if (!found.isEmpty()) {
      throw new AssertionError(
          "Netty reported "
              + found.size()
              + " leaked buffer(s) in "
              + context.getDisplayName()
              + ":\n"
              + String.join("\n", found));
    }
  }

  /**
   * Leaks reported so far, after giving the collector a chance: Netty reports a leak when a tracked
   * buffer was collected unreleased and the next buffer is tracked.
   */
  static List<String> collectLeaks() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(1);
      probe.release();
    }
    synchronized (LEAKS) {
      List<String> found = new ArrayList<>(LEAKS);
      LEAKS.clear();
      return found;
    }
  }

  private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
    RecordingDetector(Class<T> resource, int samplingInterval) {
      super(resource, samplingInterval);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
      record(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
      record(resourceType + " leaked (no records)");
    }

    private static void record(String leak) {
      synchronized (LEAKS) {
        LEAKS.add(leak);
      }
    }
  }
}
