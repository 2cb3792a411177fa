package io.sp4j.transport.inproc;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.sp4j.Errno;
import io.sp4j.SpException;
import io.sp4j.spi.EndpointContext;
import io.sp4j.spi.SpAddress;
import io.sp4j.spi.Transport;
import io.sp4j.spi.TransportEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inproc://name}: sockets in one process, messages passed by reference. A name is bound once
 * (EADDRINUSE otherwise); a connect made before the bind links up when the bind comes.
 */
public final class InprocTransport implements Transport {
  private final Object lock = new Object();

  @GuardedBy("lock")
  private final Map<String, InprocListener> listeners = new HashMap<>();

  @GuardedBy("lock")
  private final Map<String, Set<InprocDialer>> waiting = new HashMap<>();

  /** Made by the service loader (or a test); names are bound per instance. */
  public InprocTransport() {}

  @Override
  public String scheme() {
    return "inproc";
  }

  @Override
  public TransportEndpoint bind(SpAddress address, EndpointContext context) {
    String name = nameOf(address);
    InprocListener listener = new InprocListener(this, name, context);
    List<InprocDialer> early;
    synchronized (lock) {
      if (listeners.containsKey(name)) {
        throw new SpException(Errno.EADDRINUSE, "address '" + address.url() + "' is already bound");
      }
      listeners.put(name, listener);
      Set<InprocDialer> found = waiting.remove(name);
      early = found == null ? List.of() : new ArrayList<>(found);
    }
    early.forEach(InprocDialer::connect);
    return listener;
  }

  @Override
  public TransportEndpoint connect(SpAddress address, EndpointContext context) {
    InprocDialer dialer = new InprocDialer(this, nameOf(address), context);
    dialer.connect();
    return dialer;
  }

  /** The listener bound to {@code name}; if none, the dialer waits for the bind. */
  InprocListener listenerOrWait(String name, InprocDialer dialer) {
    synchronized (lock) {
      InprocListener listener = listeners.get(name);
      if (listener == null) {
        waiting.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(dialer);
      }
      return listener;
    }
  }

  void unbind(InprocListener listener) {
    synchronized (lock) {
      listeners.remove(listener.name(), listener);
    }
  }

  void stopWaiting(InprocDialer dialer) {
    synchronized (lock) {
      Set<InprocDialer> dialers = waiting.get(dialer.name());
      if (dialers != null && dialers.remove(dialer) && dialers.isEmpty()) {
        waiting.remove(dialer.name());
      }
    }
  }

  private static String nameOf(SpAddress address) {
    if (address.rest().isEmpty()) {
      throw new IllegalArgumentException("address '" + address.url() + "': empty inproc name");
    }
    return address.rest();
  }
}
