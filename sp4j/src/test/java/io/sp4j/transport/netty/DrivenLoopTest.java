package io.sp4j.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrivenLoopTest {
  private final DrivenLoop loop = new DrivenLoop(null, NioIoHandler.newFactory());
  private final AtomicBoolean stop = new AtomicBoolean();

  @AfterEach
  void shutDown() throws InterruptedException {
    stop.set(true);
    var unused = loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    if (!loop.isTerminated() && loop.tryAcquire(TimeUnit.SECONDS.toNanos(5))) {
      try {
        loop.runOnce(0);
      } finally {
        loop.release();
      }
    }
    assertThat(loop.isTerminated()).isTrue();
  }

  @Test
  void theThreadHoldingTheTokenIsTheLoopsThreadAndTheTokenPasses() throws Exception {
    assertThat(loop.inEventLoop()).isFalse();
    assertThat(loop.tryAcquire()).isTrue();
    assertThat(loop.inEventLoop()).isTrue();
    Thread other = startedThread(() -> {});
    other.join(5000);
    assertThat(loop.inEventLoop(other)).isFalse();

    AtomicReference<Boolean> otherGot = new AtomicReference<>();
    AtomicReference<Boolean> otherOwned = new AtomicReference<>();
    CountDownLatch tried = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    Thread second =
        startedThread(
            () -> {
              otherGot.set(loop.tryAcquire());
              tried.countDown();
              await(released);
              try {
                if (loop.tryAcquire(TimeUnit.SECONDS.toNanos(5))) {
                  otherOwned.set(loop.inEventLoop());
                  loop.release();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(tried.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(otherGot.get()).isFalse();
    loop.release();
    assertThat(loop.inEventLoop()).isFalse();
    assertThat(loop.owned()).isFalse();
    released.countDown();
    second.join(5000);
    assertThat(otherOwned.get()).isTrue();
    assertThat(loop.inEventLoop()).isFalse();
  }

  @Test
  void tasksRunInTheOrderQueuedAndTimersWhenDueOnTheOwner() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    var later =
        loop.schedule(
            () -> ran.add("timer 40 ms:" + loop.inEventLoop()), 40, TimeUnit.MILLISECONDS);
    var sooner =
        loop.schedule(
            () -> ran.add("timer 20 ms:" + loop.inEventLoop()), 20, TimeUnit.MILLISECONDS);
    for (int i = 1; i <= 3; i++) {
      String name = "task " + i;
      loop.execute(() -> ran.add(name + ":" + loop.inEventLoop()));
    }
    Thread runner = runner();
    awaitSize(ran, 5);
    assertThat(sooner.isDone() && later.isDone()).isTrue();
    stop.set(true);
    runner.join(5000);
    assertThat(ran)
        .containsExactly(
            "task 1:true", "task 2:true", "task 3:true", "timer 20 ms:true", "timer 40 ms:true");
  }

  @Test
  void aTaskFromAnotherThreadWakesTheOwnerBlockedInTheHandler() throws Exception {
    CountDownLatch blocking = new CountDownLatch(1);
    AtomicReference<Long> stepMillis = new AtomicReference<>();
    AtomicReference<Boolean> taskOnOwner = new AtomicReference<>();
    Thread owner =
        startedThread(
            () -> {
              if (!loop.tryAcquire()) {
                return;
              }
              try {
                loop.runOnce(0); // initializes the handler
                blocking.countDown();
                long start = System.nanoTime();
                while (taskOnOwner.get() == null
                    && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                  loop.runOnce(TimeUnit.SECONDS.toNanos(30));
                }
                stepMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
              } finally {
                loop.release();
              }
            });
    assertThat(blocking.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(loop.owned()).isTrue();
    assertThat(loop.inEventLoop()).isFalse();
    loop.execute(() -> taskOnOwner.set(loop.inEventLoop()));
    owner.join(25_000);
    assertThat(taskOnOwner.get()).isTrue();
    assertThat(stepMillis.get()).isLessThan(10_000); // woken, not at the end of its 30 s step
  }

  @Test
  void channelsWorkOnTheLoopAndShuttingDownClosesThemAndEndsTheLoop() throws Exception {
    Thread runner = runner();
    CountDownLatch accepted = new CountDownLatch(1);
    Channel server =
        new ServerBootstrap()
            .group(loop)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void handlerAdded(io.netty.channel.ChannelHandlerContext ctx) {
                    accepted.countDown();
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sync()
            .channel();
    Channel client =
        new Bootstrap()
            .group(loop)
            .channel(NioSocketChannel.class)
            .handler(new ChannelInboundHandlerAdapter())
            .connect(server.localAddress())
            .sync()
            .channel();
    assertThat(accepted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(client.eventLoop()).isSameAs(loop);

    assertThat(loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS)).isTrue();
    runner.join(5000);
    assertThat(loop.isTerminated()).isTrue();
    assertThat(server.isOpen()).isFalse();
    assertThat(client.isOpen()).isFalse();
    assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  /**
   * A thread that owns the loop and runs it in 1 ms steps until stopped or ended (at most 20 s).
   */
  private Thread runner() {
    return startedThread(
        () -> {
          if (!loop.tryAcquire()) {
            return;
          }
          try {
            long start = System.nanoTime();
            while (!stop.get()
                && !loop.isTerminated()
                && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
              loop.runOnce(TimeUnit.MILLISECONDS.toNanos(1));
            }
          } finally {
            loop.release();
          }
        });
  }

  private static Thread startedThread(Runnable body) {
    Thread thread = new Thread(body, "driven-loop-test");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitSize(List<String> list, int size) {
    org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> list.size() >= size);
  }
}
