package io.sp4j.transport.ipc;

import io.sp4j.Endpoint;
import io.sp4j.transport.TransportContractTest;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class IpcContractTest extends TransportContractTest {
  private static final AtomicInteger NEXT = new AtomicInteger();

  @TempDir static Path dir;

  @Override
  protected String bindUrl() {
    return unusedUrl();
  }

  @Override
  protected String dialUrl(Endpoint listener) {
    return listener.url();
  }

  @Override
  protected String unusedUrl() {
    return "ipc://" + dir.resolve("s" + NEXT.incrementAndGet() + ".sock");
  }
}
