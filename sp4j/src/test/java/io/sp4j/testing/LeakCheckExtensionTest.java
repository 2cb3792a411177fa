package io.sp4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakCheckExtensionTest {
  @Test
  void aBufferDroppedUnreleasedIsReported() {
    leakOneBuffer();
    List<String> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              seen.addAll(LeakCheckExtension.collectLeaks());
              return !seen.isEmpty();
            });
    assertThat(seen).anySatisfy(report -> assertThat(report).contains("leaked"));
  }

  private static void leakOneBuffer() {
    ByteBufAllocator.DEFAULT.buffer(64).writeLong(42); // never released, on purpose
  }
}
