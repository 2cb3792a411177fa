package io.sp4j.modules;

import io.sp4j.Protocol;
import io.sp4j.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link ModulePathTest} with sp4j as the named module {@code io.sp4j}: opens sockets and
 * carries a message over each built-in scheme that needs no file, so that the module's {@code uses}
 * and {@code provides} are what finds the socket provider and the transports.
 */
public final class ModulePathMain {
  private ModulePathMain() {}

  public static void main(String[] args) {
    if (!Socket.class.getModule().isNamed()) {
      throw new IllegalStateException("sp4j is not a named module here");
    }
    for (String url :
        new String[] {"inproc://module-path", "tcp://127.0.0.1:", "ws://127.0.0.1:"}) {
      try (Socket pull = Socket.open(Protocol.PULL);
          Socket push = Socket.open(Protocol.PUSH)) {
        boolean network = url.endsWith(":");
        int port = network ? pull.bind(url + "0").port() : -1;
        if (!network) {
          pull.bind(url);
        }
        push.connect(network ? url + port : url);
        push.send(url.getBytes(StandardCharsets.UTF_8));
        System.out.println("received " + new String(pull.receive(), StandardCharsets.UTF_8));
      }
    }
  }
}
