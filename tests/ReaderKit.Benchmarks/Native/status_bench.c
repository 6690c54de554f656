/*
 * status_bench.c — the C side of the `native` benchmark: connects through libreaderkit, then for every line "N" on
 * stdin makes N readerkit_get_status calls back to back and prints "p50_ns p99_ns mean_ns". Ends at EOF.
 *   status_bench SOCKET_PATH
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "readerkit.h"

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    readerkit_context *context = NULL;
    readerkit_client *client = NULL;
    if (readerkit_context_new("native-bench", &context) != RK_OK ||
        readerkit_connect_unix(context, argv[1], NULL, &client) != RK_OK) {
        char message[256];
        readerkit_last_error(message, sizeof message);
        fprintf(stderr, "connect: %s\n", message);
        return 3;
    }
    printf("ready\n");
    fflush(stdout);
    int n;
    while (scanf("%d", &n) == 1 && n > 0) {
        long long *samples = malloc(sizeof(long long) * (size_t)n);
        long long total = 0;
        for (int i = 0; i < n; i++) {
            readerkit_status status = {.struct_size = sizeof status};
            long long start = now_ns();
            int rc = readerkit_get_status(client, &status);
            samples[i] = now_ns() - start;
            total += samples[i];
            if (rc != RK_OK) {
                fprintf(stderr, "status: %s\n", readerkit_strerror(rc));
                return 3;
            }
        }
        qsort(samples, (size_t)n, sizeof samples[0], compare);
        printf("%lld %lld %lld\n", samples[n / 2], samples[(n * 99) / 100], total / n);
        fflush(stdout);
        free(samples);
    }
    readerkit_disconnect(client);
    readerkit_context_free(context);
    return 0;
}
