package io.sp4j.spi;

import java.util.function.BooleanSupplier;

/**
 * Lets a thread that blocks in a socket call run the I/O of the socket's connections itself while
 * it waits, so that what arrives is read and delivered on the thread that waits for it and no other
 * thread has to wake it. A transport that can hands one to its socket ({@link
 * EndpointContext#ioDriver}); the socket's blocking calls then {@link #drive} it, with the socket's
 * lock released, instead of parking. The socket core never learns what it drives.
 */
public interface IoDriver {
  /**
   * Runs I/O on the calling thread until {@code done} is true, the thread is interrupted or the
   * driver shuts down. Returns {@code false} at once if this thread may not drive now (another
   * thread does, and delivers to this one; or a virtual thread, which must not block in I/O): the
   * caller then parks as it would without a driver, and calls {@link #stopWaiting} when its call
   * ends.
   */
  boolean drive(BooleanSupplier done);

  /** A caller that {@link #drive} turned away no longer waits. */
  void stopWaiting();

  /**
   * Makes a {@link #drive} on another thread look at its {@code done} again: the call it drives for
   * ended for a reason its I/O did not give (a timeout, a close, a message from elsewhere).
   */
  void wakeup();
}
