package io.sp4j.core;

import io.sp4j.spi.IoDriver;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@link IoDriver} of one socket's connections: the first endpoint whose transport has one sets
 * it, the later ones get the same, so that all of a socket's connections are run by one driver and
 * its blocking calls drive that one. Empty (calls park) while no transport gave one.
 */
final class SocketDriver implements Supplier<IoDriver> {
  private final AtomicReference<IoDriver> driver = new AtomicReference<>();

  /** The socket's driver: the one set already, else {@code proposed}'s (may be null), now set. */
  IoDriver claim(Supplier<IoDriver> proposed) {
    IoDriver now = driver.get();
    if (now != null) {
      return now;
    }
    IoDriver offered = proposed.get();
    if (offered == null) {
      return null;
    }
    IoDriver before = driver.compareAndExchange(null, offered);
    return before == null ? offered : before;
  }

  /** The driver, or {@code null}. */
  @Override
  public IoDriver get() {
    return driver.get();
  }
}
