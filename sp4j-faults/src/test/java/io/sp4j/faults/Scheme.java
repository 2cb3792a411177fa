package io.sp4j.faults;

import java.util.Locale;

/** The transports under test, each with the server's address inside the namespaces. */
enum Scheme {
  /** The flagship: SP over WebSocket. */
  WS("/faults"),
  TCP("");

  /** The server's port; the namespaces are fresh, so a fixed one is always free. */
  static final int PORT = 5555;

  private final String path;

  Scheme(String path) {
    this.path = path;
  }

  /** The URL the server binds and the client dials. */
  String url() {
    return scheme() + "://" + Netns.SERVER_ADDRESS + ":" + PORT + path;
  }

  private String scheme() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return scheme() + "://";
  }
}
