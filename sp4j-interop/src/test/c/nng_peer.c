/* sp4j interop peer on libnng 1.5.x; arguments and output in peer_common.h. */
#include "peer_common.h"

#include <nng/nng.h>
#include <nng/protocol/pair0/pair.h>
#include <nng/protocol/pipeline0/pull.h>
#include <nng/protocol/pipeline0/push.h>

static volatile int pipes_removed = 0;

static void check(int rc, const char *what) {
  if (rc != 0) {
    peer_fail(what, nng_strerror(rc));
  }
}

static void on_pipe_removed(nng_pipe p, nng_pipe_ev ev, void *arg) {
  (void) p;
  (void) ev;
  (void) arg;
  __atomic_add_fetch(&pipes_removed, 1, __ATOMIC_SEQ_CST);
}

int main(int argc, char **argv) {
  struct peer_args a;
  peer_parse(argc, argv, &a);
  if (a.text) {
    peer_fail("--text", "NNG's ws transport sends binary frames only");
  }

  nng_socket s;
  if (strcmp(a.proto, "pair") == 0) {
    check(nng_pair0_open(&s), "nng_pair0_open");
  } else if (strcmp(a.proto, "push") == 0) {
    check(nng_push0_open(&s), "nng_push0_open");
  } else if (strcmp(a.proto, "pull") == 0) {
    check(nng_pull0_open(&s), "nng_pull0_open");
  } else {
    peer_fail("unknown protocol", a.proto);
  }
  check(nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, a.timeout_ms), "NNG_OPT_RECVTIMEO");
  check(nng_socket_set_ms(s, NNG_OPT_SENDTIMEO, a.timeout_ms), "NNG_OPT_SENDTIMEO");
  check(nng_socket_set_size(s, NNG_OPT_RECVMAXSZ, 0), "NNG_OPT_RECVMAXSZ");
  check(nng_pipe_notify(s, NNG_PIPE_EV_REM_POST, on_pipe_removed, NULL), "nng_pipe_notify");
  if (a.bind) {
    check(nng_listen(s, a.url, NULL, 0), "nng_listen");
  } else {
    check(nng_dial(s, a.url, NULL, NNG_FLAG_NONBLOCK), "nng_dial");
  }
  peer_say("ready");

  if (a.send_file != NULL) {
    size_t len;
    char *data = peer_read_file(a.send_file, &len);
    check(nng_send(s, data, len, 0), "nng_send");
    free(data);
    printf("sent %zu\n", len);
    fflush(stdout);
  }

  for (int i = 0; i < a.recv_count; i++) {
    nng_msg *msg;
    check(nng_recvmsg(s, &msg, 0), "nng_recvmsg");
    /* NNG delivers only binary messages: it closes the connection on a text frame. */
    peer_report_recv(nng_msg_body(msg), nng_msg_len(msg), 2);
    nng_msg_free(msg);
  }

  if (a.watch_drop) {
    int waited = 0;
    while (__atomic_load_n(&pipes_removed, __ATOMIC_SEQ_CST) == 0) {
      if (waited >= a.timeout_ms) {
        peer_fail("watch-drop", "no connection was lost in time");
      }
      peer_sleep_ms(5);
      waited += 5;
    }
    peer_say("dropped");
  }
  nng_close(s);
  return 0;
}
