package io.sp4j.protocol;

import io.sp4j.spi.Pipe;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks one writable pipe: the highest send priority first, round robin among pipes of the same
 * priority, skipping pipes that cannot take a message now.
 */
final class LoadBalancer {
  private final List<List<Pipe>> byPriority = new ArrayList<>();
  private final int[] nextIndex = new int[16];

  LoadBalancer() {
    for (int i = 0; i < 16; i++) {
      byPriority.add(new ArrayList<>(2));
    }
  }

  void add(Pipe pipe) {
    byPriority.get(pipe.sendPriority() - 1).add(pipe);
  }

  void remove(Pipe pipe) {
    byPriority.get(pipe.sendPriority() - 1).remove(pipe);
  }

  /** Whether some pipe can take a message now; unlike {@link #next()} it moves nothing. */
  boolean hasWritable() {
    for (List<Pipe> pipes : byPriority) {
      for (Pipe pipe : pipes) {
        if (pipe.isWritable()) {
          return true;
        }
      }
    }
    return false;
  }

  /** A writable pipe, or {@code null} if none can take a message now. */
  Pipe next() {
    for (int priority = 0; priority < 16; priority++) {
      List<Pipe> pipes = byPriority.get(priority);
      int count = pipes.size();
      for (int tried = 0; tried < count; tried++) {
        int index = (nextIndex[priority] + tried) % count;
        Pipe pipe = pipes.get(index);
        if (pipe.isWritable()) {
          nextIndex[priority] = index + 1;
          return pipe;
        }
      }
    }
    return null;
  }
}
