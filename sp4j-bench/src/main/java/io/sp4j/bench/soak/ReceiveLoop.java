package io.sp4j.bench.soak;

import io.sp4j.Message;
import io.sp4j.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Receives with {@link Socket#receiveAsync} for as long as the socket gives messages: each goes to
 * the handler, and the next receive starts once the stage the handler returned is done (an echo's
 * send, so that a cooked REP or RESPONDENT answers before it takes the next request). The loop ends
 * at the first failure, which goes to {@code onEnd} ({@code SocketClosedException} when the socket
 * closed).
 *
 * <p>Messages already queued complete at once; they are handled in this thread up to {@value
 * #BATCH} at a time, then the loop goes on in the common pool, so it neither recurses without bound
 * nor keeps one thread forever.
 */
final class ReceiveLoop {
  private static final int BATCH = 64;
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Socket socket;
  private final Function<Message, CompletionStage<?>> handler;
  private final Consumer<Throwable> onEnd;

  private ReceiveLoop(
      Socket socket, Function<Message, CompletionStage<?>> handler, Consumer<Throwable> onEnd) {
    this.socket = socket;
    this.handler = handler;
    this.onEnd = onEnd;
  }

  /** Starts a loop whose handler needs nothing to finish before the next receive. */
  static void forEach(Socket socket, Consumer<Message> handler, Consumer<Throwable> onEnd) {
    start(
        socket,
        (Function<Message, CompletionStage<?>>)
            m -> {
              handler.accept(m);
              return DONE;
            },
        onEnd);
  }

  static void start(
      Socket socket, Function<Message, CompletionStage<?>> handler, Consumer<Throwable> onEnd) {
    new ReceiveLoop(socket, handler, onEnd).next();
  }

  private void next() {
    for (int i = 0; i < BATCH; i++) {
      CompletableFuture<Message> received = socket.receiveAsync();
      if (!received.isDone()) {
        received
            .handle(
                (message, failure) -> {
                  if (handle(message, failure)) {
                    next();
                  }
                  return null;
                })
            .exceptionally(this::stepThrew);
        return;
      }
      Throwable failure = failure(received);
      if (!handle(failure == null ? received.getNow(null) : null, failure)) {
        return;
      }
    }
    ForkJoinPool.commonPool().execute(this::next);
  }

  /** Handles one outcome; whether the loop goes on in this thread now. */
  private boolean handle(Message message, Throwable failure) {
    if (failure != null) {
      onEnd.accept(unwrap(failure));
      return false;
    }
    CompletableFuture<?> after;
    try {
      after = handler.apply(message).toCompletableFuture();
    } catch (RuntimeException e) {
      onEnd.accept(e);
      return false;
    }
    if (after.isDone()) {
      Throwable sendFailure = failure(after);
      if (sendFailure != null) {
        onEnd.accept(sendFailure);
      }
      return sendFailure == null;
    }
    after
        .handle(
            (ignored, sendFailure) -> {
              if (sendFailure == null) {
                next();
              } else {
                onEnd.accept(unwrap(sendFailure));
              }
              return null;
            })
        .exceptionally(this::stepThrew);
    return false;
  }

  /** A step of the loop threw in a completion: the loop ends there, and {@code onEnd} hears why. */
  private Void stepThrew(Throwable thrown) {
    onEnd.accept(unwrap(thrown));
    return null;
  }

  /** Why a finished stage failed, or null. */
  private static Throwable failure(CompletableFuture<?> done) {
    if (!done.isCompletedExceptionally()) {
      return null;
    }
    try {
      done.join();
      return null;
    } catch (RuntimeException e) {
      return unwrap(e);
    }
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
