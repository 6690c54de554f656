/*
 * tap.c — a full tap through libreaderkit: connect, subscribe, start a tap with 照合番号B, print progress and
 * face prompts as they arrive, then the verdict and the fields asked for.
 *
 *   gcc -std=c11 -Wall -Wextra -I native/include -o tap native/samples/c/tap.c \
 *       -L native/build/linux-x64 -lreaderkit -Wl,-rpath,'$ORIGIN'
 *   ./tap unix:/run/readerkit/rpc.sock 19800217 2031 < code.txt          (security code read from stdin)
 *   ./tap tls:HOST:PORT:FINGERPRINT:TOKEN 19800217 2031 < code.txt
 *
 * Exit 0 accepted, 1 not accepted (the verdict and error are printed), 2 usage, 3 connection or call error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readerkit.h"

static int fail(const char *what, int code)
{
    char message[256];
    readerkit_last_error(message, sizeof message);
    fprintf(stderr, "%s: %s (%d) %s\n", what, readerkit_strerror(code), code, message);
    return 3;
}

static void print_field(const readerkit_result *result, const char *key)
{
    char *value = NULL;
    if (readerkit_result_get_string(result, key, &value) == RK_OK && value != NULL) {
        printf("  %s: %s\n", key, value);
        readerkit_string_free(value);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4 || strlen(argv[2]) != 8 || strlen(argv[3]) != 4) {
        fprintf(stderr, "usage: %s unix:PATH|tls:HOST:PORT:FINGERPRINT:TOKEN BIRTH_YYYYMMDD EXPIRY_YYYY < security-code\n", argv[0]);
        return 2;
    }
    if (readerkit_abi_version() != READERKIT_ABI_VERSION) {
        fprintf(stderr, "libreaderkit ABI %d, header %d\n", readerkit_abi_version(), READERKIT_ABI_VERSION);
        return 2;
    }

    /* 照合番号B as 16 digits: birth date, expiry year, security code. The library zeroes this buffer. */
    uint8_t number_b[17] = {0};
    memcpy(number_b, argv[2], 8);
    memcpy(number_b + 8, argv[3], 4);
    if (fgets((char *)number_b + 12, 5, stdin) == NULL || strlen((char *)number_b) != 16) {
        fprintf(stderr, "the 4-digit security code is read from stdin\n");
        return 2;
    }

    readerkit_context *context = NULL;
    readerkit_client *client = NULL;
    int rc = readerkit_context_new("tap-sample", &context);
    if (rc != RK_OK)
        return fail("context", rc);

    char endpoint[512];
    snprintf(endpoint, sizeof endpoint, "%s", argv[1]);
    if (strncmp(endpoint, "unix:", 5) == 0) {
        rc = readerkit_connect_unix(context, endpoint + 5, NULL, &client);
    } else if (strncmp(endpoint, "tls:", 4) == 0) {
        char *host = endpoint + 4, *port = strchr(host, ':');
        char *fingerprint = port ? strchr(port + 1, ':') : NULL;
        char *token = fingerprint ? strchr(fingerprint + 1, ':') : NULL;
        if (token == NULL) {
            fprintf(stderr, "tls:HOST:PORT:FINGERPRINT:TOKEN\n");
            readerkit_context_free(context);
            return 2;
        }
        *port++ = 0;
        *fingerprint++ = 0;
        *token++ = 0;
        rc = readerkit_connect_tls(context, host, atoi(port), fingerprint, token, &client);
    } else {
        rc = RK_E_INVALID_INPUT;
    }
    if (rc != RK_OK) {
        int exit_code = fail("connect", rc);
        readerkit_context_free(context);
        return exit_code;
    }
    printf("connected to ReaderKit (libreaderkit %s)\n", readerkit_version());

    rc = readerkit_subscribe(client, "tap.*,face.prompt");
    readerkit_tap_options options;
    readerkit_tap_options_init(&options);
    options.fields = RK_FIELD_NAME | RK_FIELD_BIRTH_DATE | RK_FIELD_PHOTO;
    options.face = 1;
    readerkit_tap *tap = NULL;
    if (rc == RK_OK)
        rc = readerkit_tap_start(client, number_b, 16, &options, &tap);
    if (rc != RK_OK) {
        int exit_code = fail("tap", rc);
        readerkit_context_free(context);
        return exit_code;
    }
    printf("tap %s started\n", readerkit_tap_id(tap));

    readerkit_result *result = NULL;
    while (result == NULL) {
        readerkit_event *event = NULL;
        rc = readerkit_wait_event(client, 30000, &event);
        if (rc != RK_OK)
            break;
        char *detail = NULL;
        switch (readerkit_event_type(event)) {
        case RK_EVENT_TAP_PROGRESS:
            readerkit_event_get_string(event, "step", &detail);
            printf("  step %s\n", detail ? detail : "?");
            break;
        case RK_EVENT_FACE_PROMPT:
            readerkit_event_get_string(event, "kind", &detail);
            printf("  prompt %s\n", detail ? detail : "?");
            break;
        case RK_EVENT_TAP_RESULT:
            readerkit_event_result(event, &result);
            break;
        case RK_EVENT_GAP: /* events may be lost: ask for the result directly */
            readerkit_tap_wait(tap, 30000, &result);
            break;
        default:
            break;
        }
        readerkit_string_free(detail);
        readerkit_event_free(event);
    }
    if (result == NULL) {
        int exit_code = fail("wait", rc);
        readerkit_tap_free(tap);
        readerkit_context_free(context);
        return exit_code;
    }

    int verdict = readerkit_result_verdict(result);
    print_field(result, "verdict");
    if (verdict == RK_VERDICT_ACCEPTED) {
        print_field(result, "name");
        print_field(result, "birthDate");
        print_field(result, "face.decision");
        uint8_t *photo = NULL;
        size_t photo_length = 0;
        if (readerkit_result_get_image(result, "photo", &photo, &photo_length) == RK_OK && photo != NULL)
            printf("  photo: %zu bytes (JPEG 2000)\n", photo_length);
        readerkit_buffer_free(photo, photo_length);
    } else {
        printf("  error: %s\n", readerkit_strerror(readerkit_result_error_code(result)));
    }

    readerkit_result_free(result);
    readerkit_tap_free(tap);
    readerkit_disconnect(client);
    readerkit_context_free(context);
    return verdict == RK_VERDICT_ACCEPTED ? 0 : 1;
}
