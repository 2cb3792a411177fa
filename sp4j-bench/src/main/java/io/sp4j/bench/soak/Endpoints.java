package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the server's sockets listen, by pattern and transport: the server writes it once all are
 * bound, the client process reads it. Written to a temporary file first and moved, so a reader
 * never sees half of it.
 */
final class Endpoints {
  static final String FILE = "endpoints.properties";

  private final Properties urls = new Properties();

  void put(Pattern pattern, Transport transport, String url) {
    urls.setProperty(key(pattern, transport), url);
  }

  /** The URL clients dial, or null when the server did not bind that transport. */
  String url(Pattern pattern, Transport transport) {
    return urls.getProperty(key(pattern, transport));
  }

  /** The server's TCP ports (tcp, ws, wss), to count its connections. */
  Set<Integer> ports() {
    Set<Integer> ports = new TreeSet<>();
    for (String key : urls.stringPropertyNames()) {
      int port = URI.create(urls.getProperty(key)).getPort(); // -1 for ipc:// and inproc://
      if (port > 0) {
        ports.add(port);
      }
    }
    return ports;
  }

  void save(Path dir) throws IOException {
    Path temporary = dir.resolve(FILE + ".new");
    try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      urls.store(out, "the soak server's endpoints");
    }
    Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  static Endpoints load(Path dir) throws IOException {
    Endpoints endpoints = new Endpoints();
    try (Reader in = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      endpoints.urls.load(in);
    }
    return endpoints;
  }

  private static String key(Pattern pattern, Transport transport) {
    return pattern.slug() + "." + transport.scheme;
  }
}
