package io.sp4j.nn.internal;

/** One entry of {@code nn_poll} as the runtime reads it: the socket and the events wanted. */
public record NnPollEntry(int fd, int events) {}
