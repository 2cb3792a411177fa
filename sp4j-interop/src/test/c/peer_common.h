/*
 * Shared bits of sp4j's C interop peers (nn_peer.c, nng_peer.c): argument parsing, reading the
 * payload file, and the report lines the Java tests read. Written for sp4j's tests.
 *
 * Usage: PEER PROTO bind|connect URL [--send FILE] [--recv N] [--text] [--ipv6]
 *             [--watch-drop] [--timeout MS]
 *   PROTO        pair, push, pull
 *   --send FILE  send FILE's bytes as one message (after "ready")
 *   --recv N     receive N messages, one report line each
 *   --text       send WebSocket text frames (nanomsg only: NN_WS_MSG_TYPE)
 *   --ipv6       allow IPv6 addresses (nanomsg only: NN_IPV4ONLY = 0)
 *   --watch-drop finally wait until a connection is lost, then print "dropped"
 *   --timeout MS send/receive/watch timeout, default 20000
 *
 * Output lines (stdout, flushed): "ready", "sent LEN",
 * "recv len=LEN type=TYPE fnv=HASH" (TYPE: WebSocket opcode 1 text, 2 binary, 0 unknown;
 * HASH: 32-bit FNV-1a of the body in 8 hex digits), "dropped". Errors go to stderr, exit 1.
 */
#ifndef SP4J_PEER_COMMON_H
#define SP4J_PEER_COMMON_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct peer_args {
  const char *proto;
  int bind;
  const char *url;
  const char *send_file;
  int recv_count;
  int text;
  int ipv6;
  int watch_drop;
  int timeout_ms;
};

static void peer_fail(const char *what, const char *detail) {
  fprintf(stderr, "peer: %s: %s\n", what, detail);
  exit(1);
}

static void peer_parse(int argc, char **argv, struct peer_args *a) {
  memset(a, 0, sizeof(*a));
  a->timeout_ms = 20000;
  if (argc < 4) {
    peer_fail("usage", "PROTO bind|connect URL [--send FILE] [--recv N] [--text] [--ipv6] [--watch-drop] [--timeout MS]");
  }
  a->proto = argv[1];
  if (strcmp(argv[2], "bind") == 0) {
    a->bind = 1;
  } else if (strcmp(argv[2], "connect") != 0) {
    peer_fail("mode must be bind or connect", argv[2]);
  }
  a->url = argv[3];
  for (int i = 4; i < argc; i++) {
    if (strcmp(argv[i], "--send") == 0 && i + 1 < argc) {
      a->send_file = argv[++i];
    } else if (strcmp(argv[i], "--recv") == 0 && i + 1 < argc) {
      a->recv_count = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
      a->timeout_ms = atoi(argv[++i]);
    } else if (strcmp(argv[i], "--text") == 0) {
      a->text = 1;
    } else if (strcmp(argv[i], "--ipv6") == 0) {
      a->ipv6 = 1;
    } else if (strcmp(argv[i], "--watch-drop") == 0) {
      a->watch_drop = 1;
    } else {
      peer_fail("unknown argument", argv[i]);
    }
  }
}

/* The whole file in a malloc'd buffer (at least 1 byte allocated); its size in *len. */
static char *peer_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    peer_fail(path, strerror(errno));
  }
  size_t cap = 4096;
  size_t n = 0;
  char *buf = malloc(cap);
  size_t got;
  while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  if (buf == NULL) {
    peer_fail(path, "out of memory");
  }
  fclose(f);
  *len = n;
  return buf;
}

static unsigned int peer_fnv1a(const unsigned char *data, size_t len) {
  unsigned int h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h ^= data[i];
    h *= 16777619u;
  }
  return h;
}

static void peer_report_recv(const void *data, size_t len, int type) {
  printf("recv len=%zu type=%d fnv=%08x\n", len, type, peer_fnv1a(data, len));
  fflush(stdout);
}

static void peer_say(const char *line) {
  printf("%s\n", line);
  fflush(stdout);
}

static void peer_sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long) (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

#endif
