/*
 * readerkit_test.c — exercises every function of readerkit.h against a ReaderKit RPC host, including the error
 * paths (bad handles, wrong token, wrong certificate, host gone, timeouts, cancel during a tap). Run under valgrind
 * by tests/ReaderKit.Native.Tests; prints "ok CASE" or "FAIL CASE: file:line: what" per case and exits 0 when all
 * passed. Connection details come from the environment:
 *   RK_TEST_SOCKET, RK_TEST_TLS_PORT, RK_TEST_FINGERPRINT, RK_TEST_TOKEN   the host that stays up
 *   RK_TEST_VICTIM_SOCKET, RK_TEST_VICTIM_PID                             a host this program kills (host gone)
 * The host's scripted reader accepts security code 1234 and takes RK_TEST_STEP_MS per tap step.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "readerkit.h"

static int failures;
static const char *current;

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            char last_[256];                                                                                           \
            readerkit_last_error(last_, sizeof last_);                                                                 \
            printf("FAIL %s: %s:%d: %s (last error %d: %s)\n", current, __FILE__, __LINE__, #cond,                     \
                   readerkit_last_error_code(), last_);                                                                \
            fflush(stdout);                                                                                            \
            failures++;                                                                                                \
            return;                                                                                                    \
        }                                                                                                              \
    } while (0)

#define CHECK_RC(expected, call) CHECK((call) == (expected))

static const char *socket_path, *fingerprint, *token, *victim_socket;
static int tls_port;
static pid_t victim_pid;

static void *forged(uintptr_t value) { return (void *)value; }

static int all_zero(const uint8_t *buffer, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (buffer[i] != 0)
            return 0;
    return 1;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static readerkit_context *new_context(const char *name)
{
    readerkit_context *context = NULL;
    if (readerkit_context_new(name, &context) != RK_OK)
        return NULL;
    /* Valgrind slows the first TLS handshake (library loading) far beyond the 10 s default. */
    readerkit_context_set_option(context, RK_OPT_CONNECT_TIMEOUT_MS, 120000);
    return context;
}

static readerkit_client *connect_main(readerkit_context *context)
{
    readerkit_client *client = NULL;
    return readerkit_connect_unix(context, socket_path, NULL, &client) == RK_OK ? client : NULL;
}

/* Declares CONTEXT (a fresh context called NAME) and CLIENT (connected to the host that stays up); fails the case when
 * either cannot be had. */
#define OPEN_MAIN(context, client, name)                                                                               \
    readerkit_context *context = new_context(name);                                                                    \
    CHECK(context != NULL);                                                                                            \
    readerkit_client *client = connect_main(context);                                                                  \
    CHECK(client != NULL)

/* Copies "YYYYMMDD" "YYYY" "NNNN" into a fresh 16-byte buffer. */
static void number_b_parts(uint8_t out[16], const char *code)
{
    memcpy(out, "19800217", 8);
    memcpy(out + 8, "2031", 4);
    memcpy(out + 12, code, 4);
}

/* Starts a tap with the 照合番号B the scripted card accepts (security code 1234); the library zeroes the buffer (the cases
 * that check the zeroing keep their own buffer). */
static int start_tap(readerkit_client *client, const readerkit_tap_options *options, readerkit_tap **tap)
{
    uint8_t number_b[16];
    number_b_parts(number_b, "1234");
    return readerkit_tap_start(client, number_b, sizeof number_b, options, tap);
}

/* 1 when the result's KEY reads and equals EXPECTED (the library's copy is freed), else 0. */
static int result_string_is(const readerkit_result *result, const char *key, const char *expected)
{
    char *value = NULL;
    int same = readerkit_result_get_string(result, key, &value) == RK_OK && value != NULL && strcmp(value, expected) == 0;
    readerkit_string_free(value);
    return same;
}

/* Waits for the next event of a type, freeing the others; returns it or NULL. */
static readerkit_event *wait_for(readerkit_client *client, int type, int timeout_ms)
{
    double deadline = now_ms() + timeout_ms;
    while (now_ms() < deadline) {
        readerkit_event *event = NULL;
        if (readerkit_wait_event(client, (int)(deadline - now_ms()) + 1, &event) != RK_OK)
            return NULL;
        if (readerkit_event_type(event) == type)
            return event;
        readerkit_event_free(event);
    }
    return NULL;
}

/* ---- cases ------------------------------------------------------------------------------------------------------ */

static void case_version(void)
{
    const char *version = readerkit_version();
    CHECK(version != NULL && strlen(version) > 0);
    CHECK(readerkit_version() == version);
    CHECK(readerkit_abi_version() == READERKIT_ABI_VERSION);
}

static void case_strerror(void)
{
    CHECK(strncmp(readerkit_strerror(RK_E_CARD_REMOVED), "CardRemoved: ", 13) == 0);
    CHECK(strncmp(readerkit_strerror(RK_E_CANCELLED), "Cancelled: ", 11) == 0);
    CHECK(strncmp(readerkit_strerror(RK_E_INVALID_HANDLE), "InvalidHandle: ", 15) == 0);
    CHECK(strncmp(readerkit_strerror(RK_E_HELLO_REQUIRED), "HelloRequired: ", 15) == 0);
    CHECK(strncmp(readerkit_strerror(RK_OK), "Ok: ", 4) == 0);
    CHECK(strncmp(readerkit_strerror(-9999), "E", 1) == 0);
    CHECK(readerkit_strerror(RK_E_CARD_REMOVED) == readerkit_strerror(RK_E_CARD_REMOVED)); /* cached, library-owned */
    /* Arbitrary numbers get a name too, and cannot make the library allocate without end (bounded cache). */
    const char *last = NULL;
    for (int code = -100000; code > -100400; code--) {
        last = readerkit_strerror(code);
        CHECK(last != NULL && last[0] == 'E');
    }
    CHECK(readerkit_strerror(-100398) == last); /* past the bound: one shared text */
    CHECK(strncmp(readerkit_strerror(RK_E_LEASE_HELD), "LeaseHeld: ", 11) == 0); /* table codes still resolve */
}

static void *other_thread_last_error(void *arg)
{
    *(int *)arg = readerkit_last_error_code();
    return NULL;
}

static void case_last_error(void)
{
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_disconnect(NULL));
    CHECK(readerkit_last_error_code() == RK_E_INVALID_HANDLE);
    size_t length = readerkit_last_error(NULL, 0);
    CHECK(length > 10);
    char small[8];
    CHECK(readerkit_last_error(small, sizeof small) == length);
    CHECK(strlen(small) == sizeof small - 1);
    char full[256];
    readerkit_last_error(full, sizeof full);
    CHECK(strstr(full, "client") != NULL);

    /* Thread-local: another thread has its own (empty) last error. */
    int seen = 12345;
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, other_thread_last_error, &seen) == 0);
    pthread_join(thread, NULL);
    CHECK(seen == RK_OK);
    CHECK(readerkit_last_error_code() == RK_E_INVALID_HANDLE);

    /* A success clears it. */
    CHECK(readerkit_abi_version() == READERKIT_ABI_VERSION); /* not a clearing call */
    readerkit_context *context = new_context("last-error");
    CHECK(context != NULL);
    CHECK(readerkit_last_error_code() == RK_OK);
    CHECK(readerkit_last_error(full, sizeof full) == 0 && full[0] == 0);
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_bad_handles(void)
{
    void *fake = forged(0x1234560);
    readerkit_result *result = NULL;
    readerkit_event *event = NULL;
    readerkit_client *client = NULL;
    readerkit_status status = {.struct_size = sizeof status};
    char *text = NULL;
    uint8_t *data = NULL;
    size_t length = 0;

    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_context_set_option(NULL, RK_OPT_CALL_TIMEOUT_MS, 1000));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_context_free(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_connect_unix(fake, socket_path, NULL, &client));
    CHECK(client == NULL);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_connect_tls(NULL, "127.0.0.1", tls_port, fingerprint, token, &client));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_disconnect(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_is_connected(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_get_status(fake, &status));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_subscribe(NULL, "*"));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_wait_event(fake, 0, &event));
    CHECK(event == NULL);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_set_event_callback(fake, NULL, NULL));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_event_type(fake));
    CHECK(readerkit_event_seq(NULL) == RK_E_INVALID_HANDLE);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_event_get_string(fake, "name", &text));
    CHECK(text == NULL);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_event_result(fake, &result));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_event_free(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_tap_cancel(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_tap_wait(fake, 10, &result));
    CHECK(result == NULL);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_tap_free(NULL));
    CHECK(readerkit_tap_id(fake) == NULL);
    CHECK(readerkit_last_error_code() == RK_E_INVALID_HANDLE);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_verdict(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_error_code(fake));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_get_string(fake, "verdict", &text));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_get_image(fake, "photo", &data, &length));
    CHECK(data == NULL && length == 0);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_free(fake));

    /* The right pointer of the wrong kind, and a freed handle. */
    readerkit_context *context = new_context("bad-handles");
    CHECK(context != NULL);
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_get_status((readerkit_client *)context, &status));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_free((readerkit_result *)context));
    CHECK_RC(RK_OK, readerkit_context_free(context));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_context_free(context)); /* double free is an error, not a crash */
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_connect_unix(context, socket_path, NULL, &client));

    /* Freeing NULL strings and buffers is allowed. */
    readerkit_string_free(NULL);
    readerkit_buffer_free(NULL, 0);
}

static void case_arguments(void)
{
    readerkit_context *context = NULL;
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_context_new("", &context));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_context_new("x", NULL));
    CHECK_RC(RK_OK, readerkit_context_new(NULL, &context)); /* default name */
    CHECK_RC(RK_OK, readerkit_context_set_option(context, RK_OPT_CONNECT_TIMEOUT_MS, 5000));
    CHECK_RC(RK_OK, readerkit_context_set_option(context, RK_OPT_AUTO_RECONNECT, 1));
    CHECK_RC(RK_OK, readerkit_context_set_option(context, RK_OPT_RECONNECT_WAIT_MS, 2000));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_context_set_option(context, RK_OPT_AUTO_RECONNECT, 2));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_context_set_option(context, RK_OPT_CALL_TIMEOUT_MS, 0));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_context_set_option(context, 99, 1));

    readerkit_client *client = NULL;
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_connect_unix(context, NULL, NULL, &client));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_connect_unix(context, socket_path, NULL, NULL));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_connect_tls(context, "127.0.0.1", tls_port, "abcd", token, &client));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_connect_tls(context, "127.0.0.1", 0, fingerprint, token, &client));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_connect_tls(context, "127.0.0.1", tls_port, fingerprint, NULL, &client));
    CHECK(client == NULL);
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_host_unreachable(void)
{
    readerkit_context *context = new_context("unreachable");
    CHECK(context != NULL);
    readerkit_client *client = NULL;
    CHECK_RC(RK_E_HOST_UNREACHABLE, readerkit_connect_unix(context, "/nonexistent/readerkit.sock", NULL, &client));
    CHECK(client == NULL);
    CHECK_RC(RK_OK, readerkit_context_set_option(context, RK_OPT_CONNECT_TIMEOUT_MS, 3000));
    CHECK_RC(RK_E_HOST_UNREACHABLE, readerkit_connect_tls(context, "127.0.0.1", 1, fingerprint, token, &client));
    CHECK(client == NULL);
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_status(void)
{
    OPEN_MAIN(context, client, "status");
    CHECK(readerkit_is_connected(client) == 1);
    readerkit_status status;
    memset(&status, 0x7f, sizeof status);
    status.struct_size = sizeof status;
    CHECK_RC(RK_OK, readerkit_get_status(client, &status));
    CHECK(strcmp(status.state, "idle") == 0);
    CHECK(strcmp(status.mode, "online") == 0);
    CHECK(status.reader_ok == 1 && status.card_present == 0 && status.camera_ok == 1);
    CHECK(status.current_tap_id[0] == 0 && status.lease_holder[0] == 0);
    status.struct_size = 8;
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_get_status(client, &status));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_get_status(client, NULL));
    CHECK_RC(RK_OK, readerkit_disconnect(client));
    status.struct_size = sizeof status;
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_get_status(client, &status));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_full_tap(void)
{
    OPEN_MAIN(context, client, "full-tap");
    CHECK_RC(RK_OK, readerkit_subscribe(client, "tap.*, face.prompt"));

    readerkit_tap_options options;
    memset(&options, 0x55, sizeof options);
    readerkit_tap_options_init(&options);
    CHECK(options.struct_size == sizeof options && options.fields == 0 && options.face == RK_DEFAULT);
    options.fields = RK_FIELD_NAME | RK_FIELD_BIRTH_DATE | RK_FIELD_PHOTO;
    options.face = 1;
    uint8_t number_b[16];
    number_b_parts(number_b, "1234");
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, readerkit_tap_start(client, number_b, sizeof number_b, &options, &tap));
    CHECK(all_zero(number_b, sizeof number_b)); /* the library cleared 照合番号B */
    const char *id = readerkit_tap_id(tap);
    CHECK(id != NULL && strncmp(id, "tap-", 4) == 0);

    int steps = 0, prompts = 0;
    int64_t last_seq = 0;
    readerkit_result *result = NULL;
    while (result == NULL) {
        readerkit_event *event = NULL;
        CHECK_RC(RK_OK, readerkit_wait_event(client, 20000, &event));
        int64_t seq = readerkit_event_seq(event);
        CHECK(seq > last_seq);
        last_seq = seq;
        char *name = NULL, *tap_id = NULL, *detail = NULL;
        CHECK_RC(RK_OK, readerkit_event_get_string(event, "name", &name));
        CHECK_RC(RK_OK, readerkit_event_get_string(event, "tapId", &tap_id));
        CHECK(tap_id != NULL && strcmp(tap_id, id) == 0);
        switch (readerkit_event_type(event)) {
        case RK_EVENT_TAP_PROGRESS:
            CHECK(strcmp(name, "tap.progress") == 0);
            CHECK_RC(RK_OK, readerkit_event_get_string(event, "step", &detail));
            CHECK(detail != NULL);
            if (steps == 0)
                CHECK(strcmp(detail, "cardPresent") == 0);
            steps++;
            break;
        case RK_EVENT_FACE_PROMPT:
            CHECK_RC(RK_OK, readerkit_event_get_string(event, "kind", &detail));
            CHECK(detail != NULL && (strcmp(detail, "blink") == 0 || strcmp(detail, "turnLeft") == 0));
            prompts++;
            break;
        case RK_EVENT_TAP_RESULT:
            CHECK(strcmp(name, "tap.result") == 0);
            CHECK_RC(RK_OK, readerkit_event_get_string(event, "verdict", &detail));
            CHECK(detail != NULL && strcmp(detail, "Accepted") == 0);
            CHECK_RC(RK_OK, readerkit_event_result(event, &result));
            break;
        default:
            CHECK(!"unexpected event type");
        }
        /* A key this event does not carry is NULL; a key no event has is an error. */
        char *absent = NULL;
        CHECK_RC(RK_OK, readerkit_event_get_string(event, "mode", &absent));
        CHECK(absent == NULL);
        CHECK_RC(RK_E_INVALID_INPUT, readerkit_event_get_string(event, "nonsense", &absent));
        if (readerkit_event_type(event) != RK_EVENT_TAP_RESULT) {
            readerkit_result *none = NULL;
            CHECK_RC(RK_E_INVALID_INPUT, readerkit_event_result(event, &none));
            CHECK(none == NULL);
        }
        readerkit_string_free(name);
        readerkit_string_free(tap_id);
        readerkit_string_free(detail);
        CHECK_RC(RK_OK, readerkit_event_free(event));
        CHECK_RC(RK_E_INVALID_HANDLE, readerkit_event_free(event));
    }
    CHECK(steps == 7 && prompts == 2);
    CHECK(readerkit_result_verdict(result) == RK_VERDICT_ACCEPTED);
    CHECK(readerkit_result_error_code(result) == 0);

    char *value = NULL;
    CHECK(result_string_is(result, "name", "山田 太郎"));
    CHECK(result_string_is(result, "birthDate", "1980-02-17"));
    CHECK_RC(RK_OK, readerkit_result_get_string(result, "address", &value)); /* not asked for: absent */
    CHECK(value == NULL);
    CHECK(result_string_is(result, "face.decision", "matched"));
    CHECK_RC(RK_OK, readerkit_result_get_string(result, "checks", &value));
    CHECK(value != NULL && strstr(value, "PASS surface.cvc") != NULL);
    readerkit_string_free(value);
    CHECK_RC(RK_OK, readerkit_result_get_string(result, "error.name", &value));
    CHECK(value == NULL);
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_result_get_string(result, "nonsense", &value));
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_result_get_string(result, "name", NULL));

    uint8_t *photo = NULL;
    size_t photo_length = 0;
    CHECK_RC(RK_OK, readerkit_result_get_image(result, "photo", &photo, &photo_length));
    CHECK(photo != NULL && photo_length == 12 && photo[4] == 0x6A && photo[5] == 0x50); /* JPEG 2000 signature box */
    readerkit_buffer_free(photo, photo_length);
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_result_get_image(result, "name", &photo, &photo_length));

    /* The same result through tap.getResult. */
    readerkit_result *polled = NULL;
    CHECK_RC(RK_OK, readerkit_tap_wait(tap, 10000, &polled));
    CHECK(readerkit_result_verdict(polled) == RK_VERDICT_ACCEPTED);
    CHECK(result_string_is(polled, "tapId", id));
    CHECK_RC(0, readerkit_tap_cancel(tap)); /* already finished */

    CHECK_RC(RK_OK, readerkit_result_free(polled));
    CHECK_RC(RK_OK, readerkit_result_free(result));
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_result_free(result));
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK(readerkit_tap_id(tap) == NULL);
    CHECK_RC(RK_OK, readerkit_disconnect(client));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_refused_and_built_form(void)
{
    OPEN_MAIN(context, client, "refused");
    /* The 14-digit built form, no options: refused (the scripted card wants ...1234). */
    uint8_t number_b[14];
    memcpy(number_b, "55021720319999", 14);
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, readerkit_tap_start(client, number_b, sizeof number_b, NULL, &tap));
    CHECK(all_zero(number_b, sizeof number_b));
    readerkit_result *result = NULL;
    CHECK_RC(RK_OK, readerkit_tap_wait(tap, -1, &result));
    CHECK(readerkit_result_verdict(result) == RK_VERDICT_CREDENTIAL_REFUSED);
    CHECK(readerkit_result_error_code(result) == RK_E_CREDENTIAL_REJECTED);
    CHECK(result_string_is(result, "error.name", "CredentialRejected"));
    char *value = NULL;
    CHECK_RC(RK_OK, readerkit_result_get_string(result, "name", &value));
    CHECK(value == NULL); /* no field asked for */
    uint8_t *photo = forged(1);
    size_t length = 99;
    CHECK_RC(RK_OK, readerkit_result_get_image(result, "photo", &photo, &length));
    CHECK(photo == NULL && length == 0);
    CHECK_RC(RK_OK, readerkit_result_free(result));
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK_RC(RK_OK, readerkit_context_free(context)); /* also disconnects the client */
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_disconnect(client));
}

static void case_number_b_cleared_on_errors(void)
{
    OPEN_MAIN(context, client, "number-b");
    readerkit_tap *tap = NULL;
    uint8_t number_b[16];

    number_b_parts(number_b, "1234");
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_tap_start(client, number_b, 15, NULL, &tap)); /* wrong length */
    CHECK(all_zero(number_b, 15));
    number_b_parts(number_b, "12a4");
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_tap_start(client, number_b, 16, NULL, &tap)); /* not a digit */
    CHECK(all_zero(number_b, 16));
    char message[256];
    readerkit_last_error(message, sizeof message);
    CHECK(strstr(message, "12a4") == NULL && strstr(message, "1980") == NULL); /* never echoed */
    number_b_parts(number_b, "1234");
    CHECK_RC(RK_E_INVALID_HANDLE, readerkit_tap_start(NULL, number_b, 16, NULL, &tap)); /* bad handle */
    CHECK(all_zero(number_b, 16));
    number_b_parts(number_b, "1234");
    readerkit_tap_options options;
    readerkit_tap_options_init(&options);
    options.fields = 0x100;
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_tap_start(client, number_b, 16, &options, &tap)); /* unknown field bit */
    CHECK(all_zero(number_b, 16));
    number_b_parts(number_b, "1234");
    readerkit_tap_options_init(&options);
    options.struct_size = 4;
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_tap_start(client, number_b, 16, &options, &tap));
    CHECK(all_zero(number_b, 16));
    number_b_parts(number_b, "1234");
    CHECK_RC(RK_E_INVALID_INPUT, readerkit_tap_start(client, number_b, 16, NULL, NULL)); /* no output */
    CHECK(all_zero(number_b, 16));
    CHECK(tap == NULL);
    readerkit_tap_options_init(NULL); /* ignored */
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_tls(void)
{
    readerkit_context *context = new_context("tls");
    CHECK(context != NULL);
    readerkit_client *client = NULL;
    CHECK_RC(RK_OK, readerkit_connect_tls(context, "127.0.0.1", tls_port, fingerprint, token, &client));
    readerkit_status status = {.struct_size = sizeof status};
    CHECK_RC(RK_OK, readerkit_get_status(client, &status));
    CHECK(strcmp(status.mode, "online") == 0);
    CHECK_RC(RK_OK, readerkit_disconnect(client));

    /* Upper case with colons is the same fingerprint. */
    char spelled[200] = {0};
    size_t n = 0;
    for (size_t i = 0; fingerprint[i] && n + 4 < sizeof spelled; i++) {
        if (i > 0 && i % 2 == 0)
            spelled[n++] = ':';
        char c = fingerprint[i];
        spelled[n++] = (c >= 'a' && c <= 'f') ? (char)(c - 32) : c;
    }
    client = NULL;
    CHECK_RC(RK_OK, readerkit_connect_tls(context, "127.0.0.1", tls_port, spelled, token, &client));
    CHECK_RC(RK_OK, readerkit_disconnect(client));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_wrong_token(void)
{
    readerkit_context *context = new_context("wrong-token");
    CHECK(context != NULL);
    readerkit_client *client = NULL;
    CHECK_RC(RK_E_UNAUTHORIZED, readerkit_connect_tls(context, "127.0.0.1", tls_port, fingerprint,
                                                       "rk1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &client));
    CHECK(client == NULL);
    char message[256];
    readerkit_last_error(message, sizeof message);
    CHECK(strstr(message, "Unauthorized") != NULL && strstr(message, "rk1.") == NULL); /* token never echoed */
    /* A token on the Unix socket decides the identity too: a wrong one is refused there as well. */
    CHECK_RC(RK_E_UNAUTHORIZED, readerkit_connect_unix(context, socket_path, "rk1.wrong", &client));
    CHECK(client == NULL);
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_wrong_certificate(void)
{
    readerkit_context *context = new_context("wrong-certificate");
    CHECK(context != NULL);
    char other[65];
    memcpy(other, fingerprint, 65);
    other[0] = other[0] == '0' ? '1' : '0';
    readerkit_client *client = NULL;
    CHECK_RC(RK_E_CERTIFICATE_PIN_MISMATCH, readerkit_connect_tls(context, "127.0.0.1", tls_port, other, token, &client));
    CHECK(client == NULL);
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_timeouts(void)
{
    OPEN_MAIN(context, client, "timeouts");
    readerkit_event *event = NULL;
    double start = now_ms();
    CHECK_RC(RK_E_WAIT_TIMED_OUT, readerkit_wait_event(client, 200, &event)); /* nothing subscribed */
    CHECK(event == NULL);
    CHECK(now_ms() - start >= 190);
    CHECK_RC(RK_E_WAIT_TIMED_OUT, readerkit_wait_event(client, 0, &event)); /* poll */

    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, start_tap(client, NULL, &tap));
    readerkit_result *result = NULL;
    CHECK_RC(RK_E_WAIT_TIMED_OUT, readerkit_tap_wait(tap, 1, &result)); /* still running */
    CHECK(result == NULL);

    /* One tap at a time. */
    readerkit_tap *second = NULL;
    uint8_t number_b[16];
    number_b_parts(number_b, "1234");
    CHECK_RC(RK_E_READER_BUSY, readerkit_tap_start(client, number_b, 16, NULL, &second));
    CHECK(second == NULL && all_zero(number_b, 16));

    CHECK_RC(RK_OK, readerkit_tap_wait(tap, 20000, &result));
    CHECK(readerkit_result_verdict(result) == RK_VERDICT_ACCEPTED);
    CHECK_RC(RK_OK, readerkit_result_free(result));
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

struct waiter {
    readerkit_tap *tap;
    int rc;
    int verdict;
    int error;
};

static void *wait_in_thread(void *arg)
{
    struct waiter *w = arg;
    readerkit_result *result = NULL;
    w->rc = readerkit_tap_wait(w->tap, 20000, &result);
    if (w->rc == RK_OK) {
        w->verdict = readerkit_result_verdict(result);
        w->error = readerkit_result_error_code(result);
        readerkit_result_free(result);
    }
    return NULL;
}

static void case_cancel_during_tap(void)
{
    OPEN_MAIN(context, client, "cancel");
    CHECK_RC(RK_OK, readerkit_subscribe(client, "tap.progress"));
    readerkit_tap *tap = NULL;
    readerkit_tap_options options;
    readerkit_tap_options_init(&options);
    options.face = 1;
    CHECK_RC(RK_OK, start_tap(client, &options, &tap));

    /* Another thread blocks in readerkit_tap_wait while this one cancels after the first step. */
    struct waiter w = {.tap = tap, .rc = 1};
    pthread_t thread;
    CHECK(pthread_create(&thread, NULL, wait_in_thread, &w) == 0);
    readerkit_event *first = wait_for(client, RK_EVENT_TAP_PROGRESS, 20000);
    if (first == NULL)
        pthread_join(thread, NULL);
    CHECK(first != NULL);
    readerkit_event_free(first);

    /* Another principal may not cancel it. */
    readerkit_context *stranger = new_context("someone-else");
    readerkit_client *other = connect_main(stranger);
    readerkit_status status = {.struct_size = sizeof status};
    int status_rc = other ? readerkit_get_status(other, &status) : -1;
    int busy = status_rc == RK_OK && strcmp(status.current_tap_id, readerkit_tap_id(tap)) == 0;
    readerkit_context_free(stranger);

    int cancelled = readerkit_tap_cancel(tap);
    pthread_join(thread, NULL);
    CHECK(busy);
    CHECK(cancelled == 1);
    CHECK(w.rc == RK_OK);
    CHECK(w.verdict == RK_VERDICT_CANCELLED);
    CHECK(w.error == RK_E_CANCELLED);
    CHECK_RC(0, readerkit_tap_cancel(tap)); /* no longer running */
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_other_clients_see_no_fields(void)
{
    readerkit_context *owner_context = new_context("tap-owner");
    readerkit_context *stranger_context = new_context("tap-stranger");
    CHECK(owner_context != NULL && stranger_context != NULL);
    readerkit_client *owner = connect_main(owner_context);
    readerkit_client *stranger = connect_main(stranger_context);
    CHECK(owner != NULL && stranger != NULL);
    CHECK_RC(RK_OK, readerkit_subscribe(stranger, "tap.*"));
    readerkit_tap *tap = NULL;
    readerkit_tap_options options;
    readerkit_tap_options_init(&options);
    options.fields = RK_FIELD_NAME;
    CHECK_RC(RK_OK, start_tap(owner, &options, &tap));
    /* Another principal watching the events sees the result without personal fields. */
    readerkit_event *result_event = wait_for(stranger, RK_EVENT_TAP_RESULT, 20000);
    CHECK(result_event != NULL);
    readerkit_result *seen = NULL;
    CHECK_RC(RK_OK, readerkit_event_result(result_event, &seen));
    char *name = NULL;
    CHECK_RC(RK_OK, readerkit_result_get_string(seen, "name", &name));
    CHECK(name == NULL);
    readerkit_result_free(seen);
    readerkit_event_free(result_event);
    readerkit_result *result = NULL;
    CHECK_RC(RK_OK, readerkit_tap_wait(tap, 20000, &result));
    CHECK_RC(RK_OK, readerkit_result_get_string(result, "name", &name)); /* the owner asked for it */
    CHECK(name != NULL);
    readerkit_string_free(name);
    readerkit_result_free(result);
    readerkit_tap_free(tap);
    CHECK_RC(RK_OK, readerkit_context_free(stranger_context));
    CHECK_RC(RK_OK, readerkit_context_free(owner_context));
}

struct collected {
    pthread_mutex_t lock;
    int progress;
    int results;
    int verdict;
    int free_rc;
    int disconnect_rc;
    readerkit_client *client;
    int same_client;
};

static void on_event(readerkit_client *client, const readerkit_event *event, void *user_data)
{
    struct collected *c = user_data;
    pthread_mutex_lock(&c->lock);
    c->same_client = c->same_client && client == c->client;
    switch (readerkit_event_type(event)) {
    case RK_EVENT_TAP_PROGRESS:
        c->progress++;
        break;
    case RK_EVENT_TAP_RESULT: {
        readerkit_result *result = NULL;
        if (readerkit_event_result(event, &result) == RK_OK) {
            c->verdict = readerkit_result_verdict(result);
            readerkit_result_free(result);
        }
        c->free_rc = readerkit_event_free((readerkit_event *)event); /* not ours to free */
        c->disconnect_rc = readerkit_disconnect(client);            /* would wait for this very callback */
        c->results++;
        break;
    }
    default:
        break;
    }
    pthread_mutex_unlock(&c->lock);
}

static void case_callback(void)
{
    OPEN_MAIN(context, client, "callback");
    struct collected c = {.lock = PTHREAD_MUTEX_INITIALIZER, .verdict = -1, .client = client, .same_client = 1};
    CHECK_RC(RK_OK, readerkit_set_event_callback(client, on_event, &c));
    CHECK_RC(RK_OK, readerkit_subscribe(client, "*"));
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, start_tap(client, NULL, &tap));
    readerkit_result *result = NULL;
    CHECK_RC(RK_OK, readerkit_tap_wait(tap, 20000, &result));
    readerkit_result_free(result);
    double deadline = now_ms() + 10000;
    int done = 0;
    while (!done && now_ms() < deadline) {
        pthread_mutex_lock(&c.lock);
        done = c.results == 1;
        pthread_mutex_unlock(&c.lock);
        if (!done) {
            struct timespec pause = {0, 10 * 1000 * 1000};
            nanosleep(&pause, NULL);
        }
    }
    CHECK_RC(RK_OK, readerkit_set_event_callback(client, NULL, NULL));
    CHECK(done);
    CHECK(c.same_client);
    CHECK(c.progress == 5);
    CHECK(c.verdict == RK_VERDICT_ACCEPTED);
    CHECK(c.free_rc == RK_E_INVALID_INPUT);
    CHECK(c.disconnect_rc == RK_E_INVALID_INPUT);
    CHECK(readerkit_is_connected(client) == 1); /* refused, so still there */
    /* With the callback gone, the events went to the callback, not the queue. */
    readerkit_event *event = NULL;
    CHECK_RC(RK_E_WAIT_TIMED_OUT, readerkit_wait_event(client, 100, &event));
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

static void case_host_gone(void)
{
    readerkit_context *strict = new_context("host-gone");
    readerkit_context *patient = new_context("host-gone-reconnect");
    CHECK(strict != NULL && patient != NULL);
    CHECK_RC(RK_OK, readerkit_context_set_option(strict, RK_OPT_AUTO_RECONNECT, 0));
    CHECK_RC(RK_OK, readerkit_context_set_option(patient, RK_OPT_RECONNECT_WAIT_MS, 300));
    readerkit_client *a = NULL, *b = NULL;
    CHECK_RC(RK_OK, readerkit_connect_unix(strict, victim_socket, NULL, &a));
    CHECK_RC(RK_OK, readerkit_connect_unix(patient, victim_socket, NULL, &b));
    CHECK_RC(RK_OK, readerkit_subscribe(a, "*"));
    readerkit_status status = {.struct_size = sizeof status};
    CHECK_RC(RK_OK, readerkit_get_status(a, &status));

    /* A thread blocked in readerkit_wait_event ends when the host goes away. */
    CHECK(kill(victim_pid, SIGKILL) == 0);
    readerkit_event *event = NULL;
    double start = now_ms();
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_wait_event(a, 20000, &event));
    CHECK(now_ms() - start < 10000);
    CHECK(readerkit_is_connected(a) == 0);
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_get_status(a, &status));
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_subscribe(a, "*"));
    uint8_t number_b[16];
    number_b_parts(number_b, "1234");
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_tap_start(a, number_b, 16, NULL, &tap));
    CHECK(all_zero(number_b, 16));

    /* With auto-reconnect, a call waits RK_OPT_RECONNECT_WAIT_MS for the host, then gives up. */
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_get_status(b, &status));
    CHECK_RC(RK_OK, readerkit_disconnect(a));
    CHECK_RC(RK_OK, readerkit_disconnect(b));
    CHECK_RC(RK_OK, readerkit_context_free(strict));
    CHECK_RC(RK_OK, readerkit_context_free(patient));
}

static void case_disconnect_keeps_results(void)
{
    OPEN_MAIN(context, client, "after-disconnect");
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, start_tap(client, NULL, &tap));
    readerkit_result *result = NULL;
    CHECK_RC(RK_OK, readerkit_tap_wait(tap, 20000, &result));
    CHECK_RC(RK_OK, readerkit_disconnect(client));
    CHECK(readerkit_result_verdict(result) == RK_VERDICT_ACCEPTED); /* still readable */
    CHECK(readerkit_tap_id(tap) != NULL);
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_tap_cancel(tap));
    readerkit_result *again = NULL;
    CHECK_RC(RK_E_CONNECTION_LOST, readerkit_tap_wait(tap, 100, &again));
    CHECK_RC(RK_OK, readerkit_result_free(result));
    CHECK_RC(RK_OK, readerkit_tap_free(tap));
    CHECK_RC(RK_OK, readerkit_context_free(context));
}

#ifdef RK_TEST_LEAK_CONTROL
/* Control for the harness: leaks one library string on purpose, so valgrind must fail this build. */
static void case_leak_control(void)
{
    OPEN_MAIN(context, client, "leak-control");
    CHECK_RC(RK_OK, readerkit_subscribe(client, "tap.*"));
    readerkit_tap *tap = NULL;
    CHECK_RC(RK_OK, start_tap(client, NULL, &tap));
    readerkit_event *event = wait_for(client, RK_EVENT_TAP_RESULT, 20000);
    CHECK(event != NULL);
    char *name = NULL;
    CHECK_RC(RK_OK, readerkit_event_get_string(event, "name", &name));
    name = NULL; /* lost */
    readerkit_event_free(event);
    readerkit_tap_free(tap);
    readerkit_context_free(context);
}
#endif

struct test_case {
    const char *name;
    void (*run)(void);
};

static const struct test_case cases[] = {
    {"version", case_version},
    {"strerror", case_strerror},
    {"last_error", case_last_error},
    {"bad_handles", case_bad_handles},
    {"arguments", case_arguments},
    {"host_unreachable", case_host_unreachable},
    {"status", case_status},
    {"full_tap", case_full_tap},
    {"refused_and_built_form", case_refused_and_built_form},
    {"number_b_cleared_on_errors", case_number_b_cleared_on_errors},
    {"tls", case_tls},
    {"wrong_token", case_wrong_token},
    {"wrong_certificate", case_wrong_certificate},
    {"timeouts", case_timeouts},
    {"cancel_during_tap", case_cancel_during_tap},
    {"other_clients_see_no_fields", case_other_clients_see_no_fields},
    {"callback", case_callback},
    {"host_gone", case_host_gone},
    {"disconnect_keeps_results", case_disconnect_keeps_results},
#ifdef RK_TEST_LEAK_CONTROL
    {"leak_control", case_leak_control},
#endif
};

int main(int argc, char **argv)
{
    socket_path = getenv("RK_TEST_SOCKET");
    fingerprint = getenv("RK_TEST_FINGERPRINT");
    token = getenv("RK_TEST_TOKEN");
    victim_socket = getenv("RK_TEST_VICTIM_SOCKET");
    const char *port = getenv("RK_TEST_TLS_PORT"), *pid = getenv("RK_TEST_VICTIM_PID");
    if (!socket_path || !fingerprint || !token || !victim_socket || !port || !pid) {
        fprintf(stderr, "set RK_TEST_SOCKET, RK_TEST_TLS_PORT, RK_TEST_FINGERPRINT, RK_TEST_TOKEN, "
                        "RK_TEST_VICTIM_SOCKET and RK_TEST_VICTIM_PID\n");
        return 2;
    }
    tls_port = atoi(port);
    victim_pid = (pid_t)atoi(pid);

    int ran = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (argc > 1) { /* run only the cases named on the command line */
            int wanted = 0;
            for (int a = 1; a < argc; a++)
                wanted |= strcmp(argv[a], cases[i].name) == 0;
            if (!wanted)
                continue;
        }
        current = cases[i].name;
        int before = failures;
        double start = now_ms();
        cases[i].run();
        if (failures == before)
            printf("ok %s (%.0f ms)\n", cases[i].name, now_ms() - start);
        fflush(stdout);
        ran++;
    }
    printf("%d cases, %d failed\n", ran, failures);
    return failures == 0 && ran > 0 ? 0 : 1;
}
