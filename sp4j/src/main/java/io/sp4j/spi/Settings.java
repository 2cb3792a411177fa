package io.sp4j.spi;

import io.sp4j.Option;

/** A socket's current option values, as protocols and transports read them. */
public interface Settings {
  /** The value set on the socket, or the option's default. */
  <T> T get(Option<T> option);
}
