/*
 * nn-scale: the nanomsg (1.1.5) side of sp4j-bench's Scale runner (bench/scale.sh).
 * It speaks the same line protocol on stdin/stdout as Scale's own sp4j roles, so the runner
 * swaps one for the other and nothing else changes.
 *
 *   nn-scale pub  <bind-url>   PUB: prints "bound"; sends a 1-byte warm-up message every 10 ms
 *                              until a line "go <count> <size>" arrives, then sends <count>
 *                              messages of <size> bytes as fast as nn_send returns and prints
 *                              "sent <count> <microseconds>". Ends on "quit" or end of input.
 *   nn-scale pull <bind-url>   PULL: prints "bound", then holds its connections (reads nothing
 *                              off them) until "quit" or end of input. Its memory is read from
 *                              /proc/<pid>/status by the runner.
 *
 * Build: gcc -O2 -Wall -o nn-scale nn-scale.c -lnanomsg
 * Exit status: 0 done, 1 usage, 3 a failed call (on stderr).
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nanomsg/nn.h>
#include <nanomsg/pubsub.h>
#include <nanomsg/pipeline.h>

static uint64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000u + (uint64_t) ts.tv_nsec / 1000u;
}

static void fail(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, nn_strerror(nn_errno()));
    fflush(stderr);
    exit(3);
}

/* One line of stdin, waiting at most timeout_ms (-1: for ever). 1 a line, 0 none yet, -1 EOF. */
static int read_line(char *buf, size_t len, int timeout_ms)
{
    struct pollfd p = { .fd = 0, .events = POLLIN };
    int r = poll(&p, 1, timeout_ms);
    if (r == 0)
        return 0;
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (!fgets(buf, (int) len, stdin))
        return -1;
    return 1;
}

static int open_bound(int protocol, const char *url)
{
    int s = nn_socket(AF_SP, protocol);
    if (s < 0)
        fail("nn_socket");
    if (nn_bind(s, url) < 0)
        fail("nn_bind");
    printf("bound\n");
    fflush(stdout);
    return s;
}

static int run_pub(const char *url)
{
    int s = open_bound(NN_PUB, url);
    char line[256];
    int warm = 1;
    for (;;) {
        /* stdin is line-buffered by fgets: poll only when its buffer holds nothing. */
        int r = read_line(line, sizeof line, warm ? 10 : -1);
        if (r < 0 || (r > 0 && strncmp(line, "quit", 4) == 0))
            break;
        if (r == 0) {
            if (warm && nn_send(s, "w", 1, NN_DONTWAIT) < 0 && nn_errno() != EAGAIN)
                fail("nn_send (warm-up)");
            continue;
        }
        long count;
        int size;
        if (sscanf(line, "go %ld %d", &count, &size) == 2 && count >= 0 && size > 1) {
            warm = 0;
            char *buf = malloc((size_t) size);
            memset(buf, 111, (size_t) size);
            uint64_t start = now_us();
            for (long i = 0; i != count; i++) {
                /* A PUB never waits: a full peer drops the message. */
                if (nn_send(s, buf, (size_t) size, 0) < 0)
                    fail("nn_send");
            }
            uint64_t took = now_us() - start;
            free(buf);
            printf("sent %ld %llu\n", count, (unsigned long long) took);
            fflush(stdout);
        }
    }
    nn_close(s);
    return 0;
}

static int run_pull(const char *url)
{
    int s = open_bound(NN_PULL, url);
    char line[256];
    for (;;) {
        int r = read_line(line, sizeof line, -1);
        if (r < 0 || (r > 0 && strncmp(line, "quit", 4) == 0))
            break;
    }
    nn_close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "pub") == 0)
        return run_pub(argv[2]);
    if (argc == 3 && strcmp(argv[1], "pull") == 0)
        return run_pull(argv[2]);
    fprintf(stderr, "usage: nn-scale pub|pull <bind-url>\n");
    return 1;
}
