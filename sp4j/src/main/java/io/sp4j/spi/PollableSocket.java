package io.sp4j.spi;

import io.sp4j.Socket;

/** A socket that a poller can wait on: what the core opens for the nn facade. */
public interface PollableSocket extends Socket, Readiness {}
