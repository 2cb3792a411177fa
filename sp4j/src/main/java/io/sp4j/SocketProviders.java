package io.sp4j;

import java.util.ServiceLoader;

/** The first {@link SocketProvider} found, looked up once. */
final class SocketProviders {
  static final SocketProvider FIRST =
      ServiceLoader.load(SocketProvider.class, SocketProvider.class.getClassLoader())
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no "
                          + SocketProvider.class.getName()
                          + " found: is the sp4j jar complete (module io.sp4j or its META-INF/services)?"));

  private SocketProviders() {}
}
