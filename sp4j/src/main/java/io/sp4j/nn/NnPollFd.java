package io.sp4j.nn;

/**
 * One entry of {@link Nn#nn_poll}: the socket to watch, the events wanted ({@link Nn#NN_POLLIN},
 * {@link Nn#NN_POLLOUT}) and, after the call, the events that are ready.
 */
public final class NnPollFd {
  private int fd;
  private int events;
  private int revents;

  /** An entry watching socket {@code fd} for {@code events}. */
  public NnPollFd(int fd, int events) {
    this.fd = fd;
    this.events = events;
  }

  /** The socket watched. */
  public int fd() {
    return fd;
  }

  public void setFd(int fd) {
    this.fd = fd;
  }

  /** The events wanted. */
  public int events() {
    return events;
  }

  public void setEvents(int events) {
    this.events = events;
  }

  /** The events ready when {@link Nn#nn_poll} returned. */
  public int revents() {
    return revents;
  }

  /** Set by {@link Nn#nn_poll}. */
  public void setRevents(int revents) {
    this.revents = revents;
  }

  @Override
  public String toString() {
    return "NnPollFd[fd=" + fd + ", events=" + events + ", revents=" + revents + "]";
  }
}
