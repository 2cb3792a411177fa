/* sp4j interop peer on libnanomsg 1.1.x; arguments and output in peer_common.h. */
#include "peer_common.h"

#include <nanomsg/nn.h>
#include <nanomsg/pair.h>
#include <nanomsg/pipeline.h>
#include <nanomsg/ws.h>

static void check(int rc, const char *what) {
  if (rc < 0) {
    peer_fail(what, nn_strerror(nn_errno()));
  }
}

static int lost_connections(int s) {
  return (int) (nn_get_statistic(s, NN_STAT_DROPPED_CONNECTIONS) + nn_get_statistic(s, NN_STAT_BROKEN_CONNECTIONS));
}

/* Connections this socket dialed or accepted so far: these counts only grow. */
static int connections_made(int s) {
  return (int) (nn_get_statistic(s, NN_STAT_ESTABLISHED_CONNECTIONS) + nn_get_statistic(s, NN_STAT_ACCEPTED_CONNECTIONS));
}

int main(int argc, char **argv) {
  struct peer_args a;
  peer_parse(argc, argv, &a);

  int proto;
  if (strcmp(a.proto, "pair") == 0) {
    proto = NN_PAIR;
  } else if (strcmp(a.proto, "push") == 0) {
    proto = NN_PUSH;
  } else if (strcmp(a.proto, "pull") == 0) {
    proto = NN_PULL;
  } else {
    peer_fail("unknown protocol", a.proto);
  }
  int s = nn_socket(AF_SP, proto);
  check(s, "nn_socket");
  check(nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVTIMEO, &a.timeout_ms, sizeof(int)), "NN_RCVTIMEO");
  check(nn_setsockopt(s, NN_SOL_SOCKET, NN_SNDTIMEO, &a.timeout_ms, sizeof(int)), "NN_SNDTIMEO");
  int unlimited = -1;
  check(nn_setsockopt(s, NN_SOL_SOCKET, NN_RCVMAXSIZE, &unlimited, sizeof(int)), "NN_RCVMAXSIZE");
  if (a.ipv6) {
    int zero = 0;
    check(nn_setsockopt(s, NN_SOL_SOCKET, NN_IPV4ONLY, &zero, sizeof(int)), "NN_IPV4ONLY");
  }
  if (a.text) {
    int text = NN_WS_MSG_TYPE_TEXT;
    check(nn_setsockopt(s, NN_WS, NN_WS_MSG_TYPE, &text, sizeof(int)), "NN_WS_MSG_TYPE");
  }
  check(a.bind ? nn_bind(s, a.url) : nn_connect(s, a.url), a.bind ? "nn_bind" : "nn_connect");
  peer_say("ready");

  if (a.send_file != NULL) {
    size_t len;
    char *data = peer_read_file(a.send_file, &len);
    check(nn_send(s, data, len, 0), "nn_send");
    free(data);
    printf("sent %zu\n", len);
    fflush(stdout);
  }

  for (int i = 0; i < a.recv_count; i++) {
    void *body = NULL;
    void *control = NULL;
    struct nn_iovec iov = {&body, NN_MSG};
    struct nn_msghdr hdr;
    memset(&hdr, 0, sizeof(hdr));
    hdr.msg_iov = &iov;
    hdr.msg_iovlen = 1;
    hdr.msg_control = &control;
    hdr.msg_controllen = NN_MSG;
    int n = nn_recvmsg(s, &hdr, 0);
    check(n, "nn_recvmsg");
    int type = 0;
    for (struct nn_cmsghdr *c = NN_CMSG_FIRSTHDR(&hdr); c != NULL; c = NN_CMSG_NXTHDR(&hdr, c)) {
      if (c->cmsg_level == NN_WS && c->cmsg_type == NN_WS_MSG_TYPE) {
        type = *(unsigned char *) NN_CMSG_DATA(c);
      }
    }
    peer_report_recv(body, (size_t) n, type);
    nn_freemsg(body);
    if (control != NULL) {
      nn_freemsg(control);
    }
  }

  if (a.watch_drop) {
    /* nanomsg has no pipe events: watch the statistics, which only say what they say when
       read, so nothing here may depend on reading them in time. Not every way a connection
       ends is counted as dropped or broken (a Close handshake is not), so a connection count
       at 0 counts too once one was up: a message sent (pair, push) means one was, however soon
       it went. A second connection made means the first ended (one peer at a time here), even
       if the peer dialed again before a look at the count. */
    int waited = 0;
    int seen_connected = a.send_file != NULL;
    for (;;) {
      int current = (int) nn_get_statistic(s, NN_STAT_CURRENT_CONNECTIONS);
      seen_connected |= current > 0;
      if (lost_connections(s) > 0 || (seen_connected && current == 0) || connections_made(s) > 1) {
        break;
      }
      if (waited >= a.timeout_ms) {
        peer_fail("watch-drop", "no connection was lost in time");
      }
      peer_sleep_ms(5);
      waited += 5;
    }
    peer_say("dropped");
  }
  nn_close(s);
  return 0;
}
