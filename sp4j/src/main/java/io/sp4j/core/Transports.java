package io.sp4j.core;

import io.sp4j.Errno;
import io.sp4j.Message;
import io.sp4j.Option;
import io.sp4j.SpException;
import io.sp4j.spi.Settings;
import io.sp4j.spi.Transport;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The transports found as services when sp4j is first used, by scheme, and the options they
 * declare. Looked up through sp4j's own class loader and then the thread's context loader, so that
 * an application's transport is found whether or not it shares sp4j's loader.
 */
final class Transports {
  private static final System.Logger LOG = System.getLogger("io.sp4j");

  /** Bounds the lookup, whatever a class path holds. */
  private static final int MAX_PROVIDERS = 1_000;

  private static final Map<String, Transport> BY_SCHEME = load();
  private static final Set<Option<?>> OPTIONS = declaredOptions(BY_SCHEME.values());

  /**
   * The transports with a send check of their own: asked on every send, so the ones that keep
   * {@link Transport#checkSend}'s empty default are left out, and an array avoids an iterator.
   */
  private static final Transport[] SEND_CHECKERS =
      BY_SCHEME.values().stream().filter(Transports::checksSend).toArray(Transport[]::new);

  private Transports() {}

  static Transport forScheme(String scheme) {
    Transport transport = BY_SCHEME.get(scheme);
    if (transport == null) {
      throw new SpException(Errno.EPROTONOSUPPORT, "no transport for scheme '" + scheme + "'");
    }
    return transport;
  }

  /** Whether some transport reads this option. */
  static boolean declares(Option<?> option) {
    return OPTIONS.contains(option);
  }

  /** Lets every transport refuse a message it could never send. */
  static void checkSend(Message message, Settings settings) {
    for (Transport transport : SEND_CHECKERS) {
      transport.checkSend(message, settings);
    }
  }

  private static boolean checksSend(Transport transport) {
    try {
      return transport
              .getClass()
              .getMethod("checkSend", Message.class, Settings.class)
              .getDeclaringClass()
          != Transport.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("Transport.checkSend is public", e);
    }
  }

  private static Map<String, Transport> load() {
    Map<String, Transport> found = new LinkedHashMap<>();
    addAll(found, ServiceLoader.load(Transport.class, Transports.class.getClassLoader()));
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != Transports.class.getClassLoader()) {
      addAll(found, ServiceLoader.load(Transport.class, context));
    }
    return Map.copyOf(found);
  }

  /**
   * Adds each transport found. One that cannot be loaded (a missing class, a constructor that
   * throws) is logged and skipped, so that it cannot take the others down with it.
   */
  private static void addAll(Map<String, Transport> found, ServiceLoader<Transport> loader) {
    Iterator<Transport> transports = loader.iterator();
    for (int tries = 0; tries < MAX_PROVIDERS; tries++) {
      try {
        if (!transports.hasNext()) {
          return;
        }
        Transport transport = transports.next();
        found.putIfAbsent(transport.scheme(), transport);
      } catch (ServiceConfigurationError e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "a transport could not be loaded, skipped: {0}",
            e.getMessage());
      }
    }
  }

  private static Set<Option<?>> declaredOptions(Collection<Transport> transports) {
    Set<Option<?>> options = new HashSet<>();
    for (Transport transport : transports) {
      options.addAll(transport.options());
    }
    return Set.copyOf(options);
  }
}
