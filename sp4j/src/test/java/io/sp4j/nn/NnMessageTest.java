package io.sp4j.nn;

import static io.sp4j.nn.Nn.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sending and receiving (nanomsg tests/block.c, iovec.c, msg.c, zerocopy.c, cmsg.c, reqrep.c,
 * pubsub.c, poll.c, device.c).
 */
class NnMessageTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final List<Integer> open = new ArrayList<>();

  @AfterEach
  void closeAll() {
    open.forEach(Nn::nn_close);
  }

  private int socket(int domain, int protocol) {
    int s = nn_socket(domain, protocol);
    assertThat(s).as("nn_socket: %s", nn_strerror(nn_errno())).isGreaterThanOrEqualTo(0);
    open.add(s);
    assertThat(nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVTIMEO, 5000)).isZero();
    return s;
  }

  private static String address() {
    return "inproc://nn-msg-" + COUNTER.incrementAndGet();
  }

  /**
   * Binds {@code a}, connects {@code b}; nn_poll waits until {@code b} can send (the pipe is up).
   */
  private static void marry(int a, int b, String addr) {
    assertThat(nn_bind(a, addr)).isPositive();
    assertThat(nn_connect(b, addr)).isPositive();
  }

  private static void assertFails(int rc, int errno) {
    assertThat(rc).isEqualTo(-1);
    assertThat(nn_errno()).as(nn_strerror(nn_errno())).isEqualTo(errno);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(int s, String text) {
    assertThat(nn_send(s, bytes(text), 0)).as(nn_strerror(nn_errno())).isEqualTo(text.length());
  }

  private static void recv(int s, String text) {
    byte[] buf = new byte[text.length() + 16];
    int n = nn_recv(s, buf, 0);
    assertThat(n).as(nn_strerror(nn_errno())).isEqualTo(text.length());
    assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo(text);
  }

  private int[] pair() {
    int a = socket(AF_SP, NN_PAIR);
    int b = socket(AF_SP, NN_PAIR);
    marry(a, b, address());
    return new int[] {a, b};
  }

  @Test
  void blockingSendsFromAnotherThread() throws Exception {
    int[] p = pair();
    CompletableFuture<Void> worker =
        CompletableFuture.runAsync(
            () -> {
              send(p[1], "ABC");
              send(p[1], "ABC");
            });
    recv(p[0], "ABC");
    recv(p[0], "ABC");
    worker.get(5, TimeUnit.SECONDS);
  }

  @Test
  void recvTruncatesAndReturnsFullLength() {
    int[] p = pair();
    send(p[1], "ABCDEF");
    byte[] small = new byte[3];
    assertThat(nn_recv(p[0], small, 0)).isEqualTo(6);
    assertThat(new String(small, StandardCharsets.UTF_8)).isEqualTo("ABC");
  }

  @Test
  void sendsAPrefixOfTheBuffer() {
    int[] p = pair();
    assertThat(nn_send(p[1], bytes("ABCDEF"), 2, 0)).isEqualTo(2);
    recv(p[0], "AB");
    assertFails(nn_send(p[1], bytes("AB"), 3, 0), EINVAL);
    assertFails(nn_send(p[1], null, 0), EFAULT);
    assertFails(nn_recv(p[0], null, 0), EFAULT);
  }

  @Test
  void zeroCopyAllocSendAndReceive() {
    int[] p = pair();
    byte[] chunk = nn_allocmsg(12, 0);
    assertThat(chunk).hasSize(12);
    System.arraycopy(bytes("0123456789AB"), 0, chunk, 0, 12);
    assertThat(nn_send(p[1], chunk, NN_MSG, 0)).isEqualTo(12);
    byte[] received = nn_recv(p[0], 0);
    assertThat(new String(received, StandardCharsets.UTF_8)).isEqualTo("0123456789AB");
    assertThat(nn_freemsg(received)).isZero();
    assertThat(nn_reallocmsg(chunk, 20)).hasSize(20).startsWith(chunk);
    assertThat(nn_allocmsg(1, 42)).isNull();
    assertThat(nn_errno()).isEqualTo(EINVAL);
    assertFails(nn_freemsg(null), EFAULT);
  }

  @Test
  void iovecGathersAndScatters() {
    int[] p = pair();
    NnMsgHdr out = new NnMsgHdr(new byte[][] {bytes("AB"), bytes("CDEF")}, null);
    assertThat(nn_sendmsg(p[1], out, 0)).isEqualTo(6);
    byte[] first = new byte[4];
    byte[] second = new byte[4];
    NnMsgHdr in = new NnMsgHdr(new byte[][] {first, second}, null);
    assertThat(nn_recvmsg(p[0], in, 0)).isEqualTo(6);
    assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("ABCD");
    assertThat(new String(second, 0, 2, StandardCharsets.UTF_8)).isEqualTo("EF");

    NnMsgHdr zeroCopy = NnMsgHdr.ofMessage(bytes("XYZ"), null);
    assertThat(nn_sendmsg(p[1], zeroCopy, 0)).isEqualTo(3);
    NnMsgHdr whole = NnMsgHdr.ofMessage(null, null);
    assertThat(nn_recvmsg(p[0], whole, 0)).isEqualTo(3);
    assertThat(whole.iov()[0]).isEqualTo(bytes("XYZ"));
    assertFails(nn_sendmsg(p[1], null, 0), EINVAL);
    assertFails(nn_recvmsg(p[0], null, 0), EINVAL);
  }

  @Test
  void cmsgCarriesTheRawHeader() {
    int rep = socket(AF_SP, NN_REP);
    int req = socket(AF_SP, NN_REQ);
    marry(rep, req, address());
    int device = socket(AF_SP_RAW, NN_REP);
    // cooked REQ -> raw REP: receive the header, reply with it through SP_HDR
    String addr = address();
    assertThat(nn_bind(device, addr)).isPositive();
    int client = socket(AF_SP, NN_REQ);
    assertThat(nn_connect(client, addr)).isPositive();
    send(client, "ABC");
    byte[] body = new byte[3];
    byte[] control = new byte[256];
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {body}, control);
    assertThat(nn_recvmsg(device, hdr, 0)).isEqualTo(3);
    int first = NN_CMSG_FIRSTHDR(hdr);
    assertThat(first).isZero();
    NnCmsgHdr cmsg = NnCmsgHdr.at(control, first);
    assertThat(cmsg.level()).isEqualTo(PROTO_SP);
    assertThat(cmsg.type()).isEqualTo(SP_HDR);
    long headerLength =
        ByteBuffer.wrap(control).order(ByteOrder.LITTLE_ENDIAN).getLong(NN_CMSG_DATA(first));
    assertThat(headerLength).isEqualTo(8); // pipe id + request id
    assertThat(cmsg.length()).isEqualTo(NN_CMSG_LEN(8 + 8));
    assertThat(hdr.controlLength()).isEqualTo(NN_CMSG_SPACE(16));
    assertThat(NN_CMSG_NXTHDR(hdr, first)).isEqualTo(-1); // inproc messages carry no ws type

    NnMsgHdr reply =
        new NnMsgHdr(
            new byte[][] {bytes("DEF")}, java.util.Arrays.copyOf(control, hdr.controlLength()));
    assertThat(nn_sendmsg(device, reply, 0)).isEqualTo(3);
    recv(client, "DEF");
  }

  @Test
  void cmsgHelpersMatchNanomsgLayout() {
    assertThat(NN_CMSG_SPACE(1)).isEqualTo(24);
    assertThat(NN_CMSG_SPACE(8)).isEqualTo(24);
    assertThat(NN_CMSG_SPACE(9)).isEqualTo(32);
    assertThat(NN_CMSG_LEN(1)).isEqualTo(17);
    byte[] control = new byte[48];
    int next = NnCmsgHdr.write(control, 0, NN_WS, NN_WS_MSG_TYPE, new byte[] {NN_WS_MSG_TYPE_TEXT});
    assertThat(next).isEqualTo(24);
    NnCmsgHdr.write(control, next, 7, 9, new byte[] {1, 2});
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {}, control);
    assertThat(NN_CMSG_NXTHDR(hdr, 0)).isEqualTo(24);
    assertThat(NnCmsgHdr.at(control, 24).data(control)).containsExactly(1, 2);
    assertThat(NN_CMSG_NXTHDR(hdr, 24)).isEqualTo(-1);
    assertThat(NN_CMSG_FIRSTHDR(new NnMsgHdr(new byte[][] {}, null))).isEqualTo(-1);
  }

  @Test
  void wsMessageTypeTravelsInCmsg() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    int server = socket(AF_SP, NN_PAIR);
    int client = socket(AF_SP, NN_PAIR);
    String addr = "ws://127.0.0.1:" + port + "/nn";
    assertThat(nn_bind(server, addr)).as(nn_strerror(nn_errno())).isPositive();
    assertThat(nn_connect(client, addr)).isPositive();
    assertThat(nn_setsockopt(client, NN_SOL_SOCKET, NN_SNDTIMEO, 5000)).isZero();

    byte[] control = new byte[NN_CMSG_SPACE(1)];
    NnCmsgHdr.write(control, 0, NN_WS, NN_WS_MSG_TYPE, new byte[] {NN_WS_MSG_TYPE_TEXT});
    assertThat(nn_sendmsg(client, new NnMsgHdr(new byte[][] {bytes("hello")}, control), 0))
        .isEqualTo(5);

    byte[] body = new byte[16];
    byte[] in = new byte[64];
    NnMsgHdr hdr = new NnMsgHdr(new byte[][] {body}, in);
    assertThat(nn_recvmsg(server, hdr, 0)).as(nn_strerror(nn_errno())).isEqualTo(5);
    int first = NN_CMSG_FIRSTHDR(hdr);
    assertThat(NnCmsgHdr.at(in, first).level()).isEqualTo(PROTO_SP);
    int second = NN_CMSG_NXTHDR(hdr, first);
    assertThat(second).isEqualTo(NN_CMSG_SPACE(8));
    NnCmsgHdr type = NnCmsgHdr.at(in, second);
    assertThat(type.level()).isEqualTo(NN_WS);
    assertThat(type.type()).isEqualTo(NN_WS_MSG_TYPE);
    assertThat(in[NN_CMSG_DATA(second)]).isEqualTo((byte) NN_WS_MSG_TYPE_TEXT);
    assertThat(hdr.controlLength()).isEqualTo(NN_CMSG_SPACE(8) + NN_CMSG_SPACE(1));

    byte[] bad = new byte[NN_CMSG_SPACE(1)];
    NnCmsgHdr.write(bad, 0, NN_WS, NN_WS_MSG_TYPE, new byte[] {9});
    assertFails(nn_sendmsg(client, new NnMsgHdr(new byte[][] {bytes("x")}, bad), 0), EINVAL);
  }

  @Test
  void dontwaitIsEagainWhenNothingIsThereAndTakesWhatIs() {
    int[] p = pair();
    send(p[1], "first");
    recv(
        p[0],
        "first"); // the pipe is up and delivers: EAGAIN below means an empty queue, not no peer yet
    assertFails(nn_recv(p[0], new byte[1], NN_DONTWAIT), EAGAIN);
    assertThat(nn_recv(p[0], NN_DONTWAIT)).isNull();
    assertThat(nn_errno()).isEqualTo(EAGAIN);
    send(p[1], "later");
    send(p[1], "last");
    byte[] buf = new byte[8];
    await().atMost(5, TimeUnit.SECONDS).until(() -> nn_recv(p[0], buf, NN_DONTWAIT) == 5);
    assertThat(new String(buf, 0, 5, StandardCharsets.UTF_8)).isEqualTo("later");
    assertThat(
            await()
                .atMost(5, TimeUnit.SECONDS)
                .until(() -> nn_recv(p[0], NN_DONTWAIT), Objects::nonNull))
        .isEqualTo(bytes("last"));

    int push = socket(AF_SP, NN_PUSH);
    assertFails(nn_send(push, bytes("x"), NN_DONTWAIT), EAGAIN); // no peer
    int pull = socket(AF_SP, NN_PULL);
    marry(push, pull, address());
    await().atMost(5, TimeUnit.SECONDS).until(() -> nn_send(push, bytes("y"), NN_DONTWAIT) == 1);
    recv(pull, "y");
  }

  @ParameterizedTest(
      name = "timeout {0}: send on a lonely PUSH and receive on a silent PULL fail with ETIMEDOUT")
  @ValueSource(ints = {0, 20})
  void timeoutsAreEtimedout(int ms) {
    int push = socket(AF_SP, NN_PUSH);
    int pull = socket(AF_SP, NN_PULL);
    assertThat(nn_setsockopt(push, NN_SOL_SOCKET, NN_SNDTIMEO, ms)).isZero();
    assertThat(nn_setsockopt(pull, NN_SOL_SOCKET, NN_RCVTIMEO, ms)).isZero();
    assertFails(nn_send(push, bytes("x"), 0), ETIMEDOUT);
    assertFails(nn_recv(pull, new byte[1], 0), ETIMEDOUT);
  }

  @ParameterizedTest(name = "{0}: send is ENOTSUP")
  @ValueSource(ints = {NN_SUB, NN_PULL})
  void receiveOnlySocketsCannotSend(int protocol) {
    assertFails(nn_send(socket(AF_SP, protocol), bytes("x"), 0), ENOTSUP);
  }

  @ParameterizedTest(name = "{0}: recv is ENOTSUP")
  @ValueSource(ints = {NN_PUB, NN_PUSH})
  void sendOnlySocketsCannotReceive(int protocol) {
    assertFails(nn_recv(socket(AF_SP, protocol), new byte[1], 0), ENOTSUP);
  }

  @Test
  void reqRepStateErrorsAreEfsm() {
    int rep = socket(AF_SP, NN_REP);
    int req = socket(AF_SP, NN_REQ);
    marry(rep, req, address());
    assertFails(nn_send(rep, bytes("x"), 0), EFSM);
    assertFails(nn_recv(req, new byte[1], 0), EFSM);
    send(req, "ABC");
    recv(rep, "ABC");
    send(rep, "DEF");
    recv(req, "DEF");
    int surveyor = socket(AF_SP, NN_SURVEYOR);
    assertFails(nn_recv(surveyor, new byte[1], 0), EFSM);
  }

  @Test
  void surveyDeadlineIsEtimedoutOnce() {
    int surveyor = socket(AF_SP, NN_SURVEYOR);
    int respondent = socket(AF_SP, NN_RESPONDENT);
    marry(surveyor, respondent, address());
    assertThat(nn_setsockopt(surveyor, NN_SURVEYOR, NN_SURVEYOR_DEADLINE, 20)).isZero();
    send(surveyor, "ping");
    recv(respondent, "ping");
    assertFails(nn_recv(surveyor, new byte[4], 0), ETIMEDOUT);
    assertFails(nn_recv(surveyor, new byte[4], 0), EFSM);
  }

  @Test
  void pubSubFiltersBySubscription() {
    int pub = socket(AF_SP, NN_PUB);
    int sub = socket(AF_SP, NN_SUB);
    marry(pub, sub, address());
    assertThat(nn_setsockopt(sub, NN_SUB, NN_SUB_SUBSCRIBE, bytes("a"))).isZero();
    NnPollFd[] writable = {new NnPollFd(pub, NN_POLLOUT)};
    assertThat(nn_poll(writable, 1000)).isEqualTo(1);
    send(pub, "bxx");
    send(pub, "axx");
    recv(sub, "axx");
    assertThat(nn_setsockopt(sub, NN_SUB, NN_SUB_UNSUBSCRIBE, bytes("a"))).isZero();
    assertFails(nn_setsockopt(sub, NN_SUB, NN_SUB_UNSUBSCRIBE, bytes("a")), EINVAL);
  }

  @Test
  void pollReportsInAndOut() throws Exception {
    int[] p = pair();
    NnPollFd[] fds = {
      new NnPollFd(p[0], NN_POLLIN | NN_POLLOUT), new NnPollFd(p[1], NN_POLLIN | NN_POLLOUT)
    };
    assertThat(nn_poll(fds, 1000)).isEqualTo(2);
    assertThat(fds[0].revents()).isEqualTo(NN_POLLOUT);
    NnPollFd[] in = {new NnPollFd(p[0], NN_POLLIN)};
    assertThat(nn_poll(in, 10)).isZero();
    assertThat(in[0].revents()).isZero();
    send(p[1], "ABC");
    assertThat(nn_poll(in, 1000)).isEqualTo(1);
    assertThat(nn_poll(fds, 1000)).isEqualTo(2);
    assertThat(fds[0].revents()).isEqualTo(NN_POLLIN | NN_POLLOUT);
    assertThat(fds[1].revents()).isEqualTo(NN_POLLOUT);
    recv(p[0], "ABC");
    assertThat(nn_poll(in, 10)).isZero();

    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () -> nn_poll(new NnPollFd[] {new NnPollFd(p[0], NN_POLLIN)}, -1));
    send(p[1], "DEF");
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    recv(p[0], "DEF");
    assertFails(nn_poll(new NnPollFd[] {new NnPollFd(12345, NN_POLLIN)}, 0), EBADF);
  }

  @Test
  void pollWokenByCloseIsEbadf() throws Exception {
    int s = nn_socket(AF_SP, NN_PAIR);
    CompletableFuture<int[]> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              int rc = nn_poll(new NnPollFd[] {new NnPollFd(s, NN_POLLIN)}, 10_000);
              return new int[] {rc, nn_errno()};
            });
    org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> !waiting.isDone());
    assertThat(nn_close(s)).isZero();
    assertThat(waiting.get(5, TimeUnit.SECONDS)[0]).isIn(-1, 0);
  }

  @Test
  void deviceForwardsRequestsAndEndsWithEbadf() throws Exception {
    int front = socket(AF_SP_RAW, NN_REP);
    int back = socket(AF_SP_RAW, NN_REQ);
    String frontAddr = address();
    String backAddr = address();
    assertThat(nn_bind(front, frontAddr)).isPositive();
    assertThat(nn_bind(back, backAddr)).isPositive();
    CompletableFuture<int[]> device =
        CompletableFuture.supplyAsync(
            () -> {
              int rc = nn_device(front, back);
              return new int[] {rc, nn_errno()};
            });
    int client = socket(AF_SP, NN_REQ);
    int server = socket(AF_SP, NN_REP);
    assertThat(nn_connect(client, frontAddr)).isPositive();
    assertThat(nn_connect(server, backAddr)).isPositive();
    send(client, "ABC");
    recv(server, "ABC");
    send(server, "DEF");
    recv(client, "DEF");
    nn_close(back);
    open.remove((Integer) back);
    assertThat(device.get(5, TimeUnit.SECONDS)).containsExactly(-1, EBADF);
  }

  @ParameterizedTest(name = "nn_device of {0}/{1} and {2}/{3} is EINVAL")
  @CsvSource({"1, 49, 2, 48", "2, 49, 2, 16", "2, 32, 2, 81"})
  void deviceRejectsCookedOrMismatched(int d1, int p1, int d2, int p2) {
    assertFails(nn_device(socket(d1, p1), socket(d2, p2)), EINVAL);
  }

  @Test
  void loopbackDeviceEchoesOnBus() throws Exception {
    int hub = socket(AF_SP_RAW, NN_BUS);
    String addr = address();
    assertThat(nn_bind(hub, addr)).isPositive();
    CompletableFuture<Integer> device = CompletableFuture.supplyAsync(() -> nn_device(hub, -1));
    int a = socket(AF_SP, NN_BUS);
    int b = socket(AF_SP, NN_BUS);
    assertThat(nn_connect(a, addr)).isPositive();
    assertThat(nn_connect(b, addr)).isPositive();
    NnPollFd[] writable = {new NnPollFd(a, NN_POLLOUT)};
    assertThat(nn_poll(writable, 1000)).isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(
            () -> {
              nn_send(a, bytes("hi"), 0);
              return nn_recv(b, new byte[2], NN_DONTWAIT) == 2;
            });
    nn_close(hub);
    open.remove((Integer) hub);
    assertThat(device.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
  }
}
