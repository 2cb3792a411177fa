package io.sp4j.core;

import io.sp4j.Socket;

/** A socket that a poller can wait on: what {@link SocketFactory} opens. */
public interface PollableSocket extends Socket, Readiness {}
