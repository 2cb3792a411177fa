package io.sp4j.transport.netty;

import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * A group of {@link DrivenLoop}s: each is run by the threads blocked in calls of the sockets whose
 * connections it has, else by its fallback thread, made by the group's thread factory.
 */
final class DrivenGroup extends MultiThreadIoEventLoopGroup {
  DrivenGroup(int loops, ThreadFactory fallbacks, IoHandlerFactory handlers) {
    super(loops, fallbacks, handlers);
  }

  @Override
  protected IoEventLoop newChild(Executor fallbacks, IoHandlerFactory handlers, Object... args) {
    DrivenLoop loop = new DrivenLoop(this, handlers);
    loop.driver().startFallback(fallbacks);
    return loop;
  }

  /** The driver of the next loop, in turn. */
  LoopDriver nextDriver() {
    return ((DrivenLoop) next()).driver();
  }
}
