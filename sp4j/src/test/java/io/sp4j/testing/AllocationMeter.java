package io.sp4j.testing;

import io.netty.util.ResourceLeakDetector;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Bytes the current thread allocates on the heap while running some code, from the JDK's {@code
 * com.sun.management.ThreadMXBean#getThreadAllocatedBytes}. Netty's leak detector is off meanwhile:
 * at {@code paranoid} it records a stack trace at every buffer access, which would be counted
 * against the code under test.
 *
 * <p>The bean is reached by reflection because the tests compile inside the {@code io.sp4j} module,
 * which does not read {@code java.management}; they run on the class path, where it is there.
 */
public final class AllocationMeter {
  private static final MethodHandle ALLOCATED_BYTES = allocatedBytesOfThread();

  private AllocationMeter() {}

  /** Heap bytes the current thread allocated while {@code code} ran. */
  public static long allocatedBy(Runnable code) {
    ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    long thread = Thread.currentThread().getId();
    try {
      long before = allocatedBytes(thread);
      code.run();
      return allocatedBytes(thread) - before;
    } finally {
      ResourceLeakDetector.setLevel(level);
    }
  }

  private static long allocatedBytes(long thread) {
    try {
      return (long) ALLOCATED_BYTES.invokeExact(thread);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read the thread's allocated bytes", t);
    }
  }

  private static MethodHandle allocatedBytesOfThread() {
    try {
      Object bean =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getThreadMXBean")
              .invoke(null);
      Class<?> beanType = Class.forName("com.sun.management.ThreadMXBean");
      if (!(boolean) beanType.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
        throw new IllegalStateException("this JVM does not count allocated bytes per thread");
      }
      return MethodHandles.publicLookup()
          .findVirtual(
              beanType, "getThreadAllocatedBytes", MethodType.methodType(long.class, long.class))
          .bindTo(bean);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JVM has no com.sun.management.ThreadMXBean", e);
    }
  }
}
