/*
 * readerkit.h — C API of libreaderkit, the ReaderKit client library (ABI version 1).
 *
 * libreaderkit drives a ReaderKit reader (offline My Number Card verification on a Raspberry Pi) from C, C++,
 * Delphi, Python ctypes or anything else that can call a C function. It is the .NET SDK (sdk/ReaderKit.Sdk) compiled
 * with NativeAOT: the same protocol (sdk/PROTOCOL.md), the same reconnect rules, no .NET installation needed.
 * Link with -lreaderkit; the library needs libc, libm and, for TLS connections, libssl 3 at run time.
 *
 * ----------------------------------------------------------------------------------------------------------------
 * RETURN VALUES
 *   Functions returning int return RK_OK (0) on success or a negative RK_E_* code. Some return a non-negative value
 *   (a count, a flag, an enum) on success; their comment says so. Every RK_E_* code is a row of the shared ErrorCode
 *   table (sdk/ReaderKit.Contracts): the table number negated (RK_E_CARD_REMOVED = -1002), except the protocol codes,
 *   which are negative in the table already and keep their number (RK_E_CANCELLED = -32800). A newer host may send a
 *   code this header does not name: treat any negative value as an error and show readerkit_strerror(code).
 *   After every call, readerkit_last_error() holds a one-line English message for the calling thread (empty after a
 *   success). Messages never contain 照合番号B, a token or a personal field.
 *
 * OWNERSHIP
 *   - Handles (readerkit_context, readerkit_client, readerkit_tap, readerkit_event, readerkit_result) are created by
 *     the library and released by their own function: readerkit_context_free, readerkit_disconnect,
 *     readerkit_tap_free, readerkit_event_free, readerkit_result_free. Release each exactly once.
 *   - A handle is an opaque token, not a pointer into memory: a NULL, freed or forged handle, or one of another kind,
 *     makes the call fail with RK_E_INVALID_HANDLE; it never crashes the process.
 *   - `char **` and `uint8_t **` outputs are new allocations the caller owns: release them with
 *     readerkit_string_free / readerkit_buffer_free (both zero the memory first, since they may hold personal data).
 *     An absent field yields RK_OK and NULL.
 *   - `const char *` return values (readerkit_version, readerkit_strerror, readerkit_tap_id) belong to the library:
 *     never free them. The first two live as long as the process, readerkit_tap_id's until readerkit_tap_free.
 *   - 照合番号B (number_b) is passed in a writable buffer that the library zeroes before readerkit_tap_start returns,
 *     on success and on every error alike. Zero your other copies yourself.
 *
 * LIFETIME
 *   context -> clients (readerkit_context_free disconnects any client still open) -> taps, events, results. Taps,
 *   events and results stay valid after their client is disconnected (reading them works; calls that need the host
 *   fail with RK_E_CONNECTION_LOST).
 *
 * THREADS
 *   Every function may be called from any thread, concurrently, including on the same handle; blocking calls
 *   (connect, status, tap start/cancel/wait, wait_event) block only the calling thread. Do not release a handle while
 *   another thread is still using it (the other call then fails with RK_E_INVALID_HANDLE or RK_E_CONNECTION_LOST).
 *   Event callbacks run on a library thread, one at a time per client (see readerkit_set_event_callback).
 *   The library starts its runtime on the first call (a few milliseconds) and keeps a few threads of its own.
 * ----------------------------------------------------------------------------------------------------------------
 */
#ifndef READERKIT_H
#define READERKIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised on every incompatible change of this header. Compare with readerkit_abi_version() at start-up. */
#define READERKIT_ABI_VERSION 1

/* ---- Error codes (shared ErrorCode table) ---------------------------------------------------------------------- */
#define RK_OK 0
#define RK_E_CARD_NOT_PRESENT                (-1001) /* CardNotPresent: No card came into the field within the wait. */
#define RK_E_CARD_REMOVED                    (-1002) /* CardRemoved: The card left the field during the tap. */
#define RK_E_CARD_NOT_SUPPORTED              (-1003) /* CardNotSupported: The card is not a My Number Card or lacks the application asked for. */
#define RK_E_CARD_DATA_MALFORMED             (-1004) /* CardDataMalformed: The card answered with bytes that do not parse. */
#define RK_E_CREDENTIAL_REJECTED             (-1101) /* CredentialRejected: The card rejected the credential; one try was spent. */
#define RK_E_CREDENTIAL_BLOCKED              (-1102) /* CredentialBlocked: The credential is blocked; nothing was sent. */
#define RK_E_RETRY_FLOOR_REACHED             (-1103) /* RetryFloorReached: Remaining tries at or below the floor; nothing was sent. */
#define RK_E_RETRY_COUNTER_UNKNOWN           (-1104) /* RetryCounterUnknown: The card reported no usable retry counter; nothing was sent. */
#define RK_E_CREDENTIAL_OUTCOME_UNKNOWN      (-1105) /* CredentialOutcomeUnknown: A VERIFY may or may not have reached the card; nothing was resent. Re-tap. */
#define RK_E_NOT_GENUINE                     (-1201) /* NotGenuine: The card is not genuine. */
#define RK_E_EXPIRED                         (-1202) /* Expired: The card is genuine but not valid at the verification time. */
#define RK_E_READER_UNAVAILABLE              (-2001) /* ReaderUnavailable: The reader is missing, unpowered or its bus failed. */
#define RK_E_READER_TIMEOUT                  (-2002) /* ReaderTimeout: The reader or the card did not answer in time. */
#define RK_E_READER_PROTOCOL_ERROR           (-2003) /* ReaderProtocolError: The reader or the card broke its protocol. */
#define RK_E_READER_BUSY                     (-2004) /* ReaderBusy: Another tap is running on this reader. */
#define RK_E_TAP_DEADLINE_EXCEEDED           (-2005) /* TapDeadlineExceeded: The tap ran past its deadline. */
#define RK_E_FACE_NOT_MATCHED                (-3001) /* FaceNotMatched: The live face did not match the chip photo. */
#define RK_E_PRESENTATION_ATTACK_SUSPECTED   (-3002) /* PresentationAttackSuspected: A presentation attack was detected. */
#define RK_E_FACE_CHECK_INCONCLUSIVE         (-3003) /* FaceCheckInconclusive: The face check could not decide. */
#define RK_E_FACE_NOT_CHECKED                (-3004) /* FaceNotChecked: The face was not checked although the configuration requires it. */
#define RK_E_CAMERA_UNAVAILABLE              (-3005) /* CameraUnavailable: The camera could not be opened or stopped delivering frames. */
#define RK_E_FACE_MODELS_UNAVAILABLE         (-3006) /* FaceModelsUnavailable: Face models are missing or fail their checksum. */
#define RK_E_STAFF_CONFIRMATION_REFUSED      (-3007) /* StaffConfirmationRefused: Staff did not confirm the holder against the chip photo. */
#define RK_E_UNAUTHORIZED                    (-4001) /* Unauthorized: No or wrong credentials for this session. */
#define RK_E_LEASE_HELD                      (-4002) /* LeaseHeld: Another caller holds the reader lease. */
#define RK_E_RATE_LIMITED                    (-4003) /* RateLimited: Too many requests. */
#define RK_E_HOST_UNREACHABLE                (-4010) /* HostUnreachable: The ReaderKit host could not be reached. */
#define RK_E_CONNECTION_LOST                 (-4011) /* ConnectionLost: The connection to the ReaderKit host was lost. */
#define RK_E_CERTIFICATE_PIN_MISMATCH        (-4012) /* CertificatePinMismatch: The host's certificate does not match the pinned fingerprint. */
#define RK_E_WAIT_TIMED_OUT                  (-4013) /* WaitTimedOut: Nothing arrived within the wait. */
#define RK_E_HELLO_REQUIRED                  (-32002) /* HelloRequired: The session must start with session.hello. */
#define RK_E_UNSUPPORTED_PROTOCOL            (-32010) /* UnsupportedProtocol: The protocol version is not served. */
#define RK_E_INVALID_INPUT                   (-5001) /* InvalidInput: Invalid input. */
#define RK_E_TRUST_STORE_INVALID             (-5002) /* TrustStoreInvalid: The trust store is invalid or a test anchor was not allowed. */
#define RK_E_CONFIGURATION_INVALID           (-5003) /* ConfigurationInvalid: The configuration is invalid. */
#define RK_E_INVALID_HANDLE                  (-5004) /* InvalidHandle: A handle is null, already freed or of the wrong kind. */
#define RK_E_JOURNAL_UNAVAILABLE             (-5101) /* JournalUnavailable: The journal cannot be opened or written. */
#define RK_E_RECORD_NOT_FOUND                (-5102) /* RecordNotFound: No such record. */
#define RK_E_CANCELLED                       (-32800) /* Cancelled: The request was cancelled. */
#define RK_E_PARSE_ERROR                     (-32700) /* ParseError: The message could not be parsed. */
#define RK_E_INVALID_REQUEST                 (-32600) /* InvalidRequest: The message is not a valid request. */
#define RK_E_METHOD_NOT_FOUND                (-32601) /* MethodNotFound: No such method. */
#define RK_E_INVALID_PARAMS                  (-32602) /* InvalidParams: The parameters are invalid. */
#define RK_E_INTERNAL_ERROR                  (-32603) /* InternalError: An unexpected internal error. */

/* ---- Versions and errors --------------------------------------------------------------------------------------- */

/* The library version, e.g. "1.0.0" (library-owned). */
const char *readerkit_version(void);

/* The ABI version the library implements; must equal READERKIT_ABI_VERSION. */
int readerkit_abi_version(void);

/* "Name: description" of an RK_E_* code, e.g. "CardRemoved: The card left the field during the tap." (library-owned,
 * valid for the life of the process). Unknown codes give "E<n>: Unknown error code.". */
const char *readerkit_strerror(int code);

/* The code of the calling thread's last call (RK_OK after a success). */
int readerkit_last_error_code(void);

/* Copies the calling thread's last error message into buf (truncated at a character boundary, always
 * NUL-terminated when cap > 0) and returns the message's full length in bytes without the NUL. buf may be NULL with
 * cap 0 to ask for the length. */
size_t readerkit_last_error(char *buf, size_t cap);

/* Releases a string returned through a `char **` output (zeroed first). NULL is ignored. */
void readerkit_string_free(char *value);

/* Releases a buffer returned through a `uint8_t **` output; length is the length returned with it (zeroed first).
 * NULL is ignored. */
void readerkit_buffer_free(uint8_t *buffer, size_t length);

/* ---- Handles --------------------------------------------------------------------------------------------------- */
typedef struct readerkit_context readerkit_context; /* settings shared by the clients made from it */
typedef struct readerkit_client readerkit_client;   /* one connection to a ReaderKit host */
typedef struct readerkit_tap readerkit_tap;         /* a started tap */
typedef struct readerkit_event readerkit_event;     /* a notification from the host */
typedef struct readerkit_result readerkit_result;   /* the result of a tap */

/* ---- Context --------------------------------------------------------------------------------------------------- */

/* Creates a context. client_name (1-64 characters, UTF-8; NULL = "libreaderkit") is shown on the host as the lease
 * holder and in its log. */
int readerkit_context_new(const char *client_name, readerkit_context **context);

/* Options for readerkit_context_set_option; they apply to clients connected afterwards. */
#define RK_OPT_CONNECT_TIMEOUT_MS 1 /* connect + TLS handshake + hello; default 10000 */
#define RK_OPT_CALL_TIMEOUT_MS 2    /* one call; default 30000 */
#define RK_OPT_AUTO_RECONNECT 3     /* 1 (default): reconnect with back-off, re-subscribe, signal RK_EVENT_GAP; 0: a lost
                                       connection stays lost and calls fail at once with RK_E_CONNECTION_LOST */
#define RK_OPT_RECONNECT_WAIT_MS 4  /* with auto-reconnect, how long a call waits for the connection to come back; 15000 */

/* Sets an option (values: 1-600000 ms, or 0/1 for RK_OPT_AUTO_RECONNECT). RK_E_INVALID_INPUT when out of range. */
int readerkit_context_set_option(readerkit_context *context, int option, int64_t value);

/* Disconnects every client still open from this context and releases it. */
int readerkit_context_free(readerkit_context *context);

/* ---- Connections ------------------------------------------------------------------------------------------------ */

/* Connects over the host's Unix socket (e.g. "/run/readerkit/rpc.sock") and says hello. token may be NULL (the
 * socket's file permissions decide who may connect) unless the host requires one.
 * Errors: RK_E_HOST_UNREACHABLE (no socket, refused, timed out), RK_E_UNAUTHORIZED (wrong token),
 * RK_E_UNSUPPORTED_PROTOCOL. */
int readerkit_connect_unix(readerkit_context *context, const char *socket_path, const char *token,
                           readerkit_client **client);

/* Connects over TLS 1.3 to host:port, pinning the device certificate by its SHA-256 fingerprint (64 hex digits,
 * colons and upper case accepted, as printed by `readerkit pair`), and says hello with the client token (required).
 * The fingerprint is checked before any byte of the session is sent.
 * Errors: RK_E_CERTIFICATE_PIN_MISMATCH, RK_E_UNAUTHORIZED (no or wrong token), RK_E_HOST_UNREACHABLE,
 * RK_E_INVALID_INPUT (malformed fingerprint, port out of range). */
int readerkit_connect_tls(readerkit_context *context, const char *host, int port, const char *sha256_fingerprint,
                          const char *token, readerkit_client **client);

/* Closes the connection and releases the client (its pending waits end with RK_E_CONNECTION_LOST). A tap it started
 * keeps running on the host. */
int readerkit_disconnect(readerkit_client *client);

/* 1 while connected, 0 while the connection is down (reconnecting or lost), or a negative code. */
int readerkit_is_connected(readerkit_client *client);

/* ---- Status ----------------------------------------------------------------------------------------------------- */
typedef struct readerkit_status {
    uint32_t struct_size;  /* set to sizeof(readerkit_status) before the call */
    int32_t card_present;  /* 1 or 0 */
    int32_t reader_ok;     /* 1 or 0: the PN532 answers */
    int32_t camera_ok;     /* 1, 0, or -1 when no camera is configured */
    char state[32];        /* "idle", "cardPresent", "reading", "verifying", "face", "result", ... (NUL-terminated) */
    char mode[16];         /* "online", "offline", "unknown" */
    char current_tap_id[64];   /* the running tap, or "" */
    char lease_holder[128];    /* who holds the reader lease, or "" */
} readerkit_status;

/* Reads the reader's state snapshot (one round trip). Errors: RK_E_CONNECTION_LOST, RK_E_WAIT_TIMED_OUT. */
int readerkit_get_status(readerkit_client *client, readerkit_status *status);

/* ---- Taps ------------------------------------------------------------------------------------------------------- */

/* Personal fields to return (bits of readerkit_tap_options.fields). They travel only to the client that started the
 * tap and asked for them. */
#define RK_FIELD_NAME 0x01
#define RK_FIELD_ADDRESS 0x02
#define RK_FIELD_BIRTH_DATE 0x04
#define RK_FIELD_SEX 0x08
#define RK_FIELD_EXPIRY_DATE 0x10
#define RK_FIELD_PHOTO 0x20 /* the chip photo, JPEG 2000, read with readerkit_result_get_image(result, "photo") */

#define RK_DEFAULT (-1) /* for tri-state options: use the host's configured default */

typedef struct readerkit_tap_options {
    uint32_t struct_size;     /* sizeof(readerkit_tap_options); readerkit_tap_options_init sets it */
    uint32_t fields;          /* RK_FIELD_* bits; 0 = no personal field */
    int32_t face;             /* run the face check: RK_DEFAULT, 0 or 1 */
    int32_t require_face;     /* fail closed when the face cannot be checked: RK_DEFAULT, 0 or 1 */
    int32_t text;             /* 1: also read and verify the text AP */
    int32_t jpki;             /* 1: also check the JPKI authentication certificate chain */
    int32_t staff_assisted;   /* 1: staff compare the chip photo visually */
    int32_t timeout_ms;       /* deadline of the whole tap; 0 = host default */
    int32_t western_notation; /* 1: the birth date in number_b is to be sent in Western notation (default: era) */
} readerkit_tap_options;

/* Fills *options with the defaults (no fields, host defaults for the face, no text/JPKI). */
void readerkit_tap_options_init(readerkit_tap_options *options);

/* Starts a tap and returns at once with its handle; follow it with events or readerkit_tap_wait.
 * number_b (照合番号B) is ASCII digits in one of two forms:
 *   14 digits: already built (era birth date YYMMDD + expiry year YYYY + security code NNNN, as the card expects);
 *   16 digits: the parts printed on the card, Gregorian birth date YYYYMMDD + expiry year YYYY + security code NNNN
 *              (the host builds the era form).
 * The library zeroes number_b[0 .. min(number_b_len, 64)) before returning, whatever the outcome. options may be NULL
 * (defaults). Errors: RK_E_READER_BUSY (a tap is running), RK_E_LEASE_HELD, RK_E_INVALID_INPUT (wrong length or a
 * non-digit; the message never holds a digit), RK_E_INVALID_PARAMS (rejected by the host), RK_E_CONNECTION_LOST. */
int readerkit_tap_start(readerkit_client *client, uint8_t *number_b, size_t number_b_len,
                        const readerkit_tap_options *options, readerkit_tap **tap);

/* The tap's id (library-owned, valid until readerkit_tap_free), or NULL for a bad handle. */
const char *readerkit_tap_id(const readerkit_tap *tap);

/* Asks the running tap to stop: 1 when it was running (its result will be Cancelled unless it had just finished),
 * 0 when it had already finished, or a negative code (RK_E_UNAUTHORIZED for another client's tap). */
int readerkit_tap_cancel(readerkit_tap *tap);

/* Blocks until the tap's result is there (timeout_ms < 0: no limit) and returns it in *result. Resumes across an
 * automatic reconnect. Errors: RK_E_WAIT_TIMED_OUT, RK_E_RECORD_NOT_FOUND (the host no longer keeps the result),
 * RK_E_CONNECTION_LOST. A tap that failed is not an error here: the result says why. */
int readerkit_tap_wait(readerkit_tap *tap, int timeout_ms, readerkit_result **result);

/* Releases the tap handle (it does not cancel the tap). */
int readerkit_tap_free(readerkit_tap *tap);

/* ---- Events ----------------------------------------------------------------------------------------------------- */
#define RK_EVENT_CARD_PRESENT 1 /* keys: name, reader */
#define RK_EVENT_CARD_REMOVED 2 /* keys: name, reader */
#define RK_EVENT_TAP_PROGRESS 3 /* keys: name, tapId, step (cardPresent, credentialChecked, cardFaceRead, ...) */
#define RK_EVENT_FACE_PROMPT 4  /* keys: name, tapId, kind (lookAtCamera, blink, turnLeft, ...), index, count */
#define RK_EVENT_TAP_RESULT 5   /* keys: name, tapId, verdict; readerkit_event_result gives the result */
#define RK_EVENT_READER_MODE 6  /* keys: name, mode, reason */
#define RK_EVENT_GAP 7          /* keys: name, reason (sequenceJump, reconnected, localOverflow): events may have
                                   been missed; re-read readerkit_get_status (and readerkit_tap_wait for your tap) */

/* Subscribes to comma-separated topics: notification names ("tap.progress"), families ("card.*", "tap.*",
 * "face.*", "reader.*") or "*". Renewed automatically after a reconnect. Errors: RK_E_INVALID_PARAMS (unknown topic). */
int readerkit_subscribe(readerkit_client *client, const char *topics);

/* Blocks until the next event of the subscribed topics arrives (timeout_ms < 0: no limit; 0: poll) and returns it in
 * *event (release with readerkit_event_free). Events are queued from the moment of connecting (up to 1024; on
 * overflow the oldest is dropped and an RK_EVENT_GAP is queued). Errors: RK_E_WAIT_TIMED_OUT, RK_E_CONNECTION_LOST
 * (without auto-reconnect, as soon as the connection is gone). */
int readerkit_wait_event(readerkit_client *client, int timeout_ms, readerkit_event **event);

/* Called on a library thread for each event, one call at a time per client. The event belongs to the library and is
 * valid only during the call: read it, copy what you need, do not free it (readerkit_event_free on it fails with
 * RK_E_INVALID_INPUT). Do not block for long: events queue up behind the callback. Every function may be called from
 * the callback except readerkit_disconnect of this client and readerkit_context_free of its context, which fail there
 * with RK_E_INVALID_INPUT (they would wait for the callback to return). */
typedef void (*readerkit_event_callback)(readerkit_client *client, const readerkit_event *event, void *user_data);

/* Registers callback (NULL unregisters). While one is registered, events go to it instead of the
 * readerkit_wait_event queue. When this returns, no call of the previous callback is running on another thread (it
 * may be called from inside the callback itself). */
int readerkit_set_event_callback(readerkit_client *client, readerkit_event_callback callback, void *user_data);

/* The RK_EVENT_* type of an event, or a negative code. */
int readerkit_event_type(const readerkit_event *event);

/* The event's per-connection sequence number (0 for RK_EVENT_GAP), or a negative code. */
int64_t readerkit_event_seq(const readerkit_event *event);

/* A field of the event as a new UTF-8 string (see the keys at RK_EVENT_*; NULL when the event has no such field).
 * Errors: RK_E_INVALID_INPUT for a key no event has. */
int readerkit_event_get_string(const readerkit_event *event, const char *key, char **value);

/* The result carried by an RK_EVENT_TAP_RESULT event, as a new result handle. RK_E_INVALID_INPUT for other events. */
int readerkit_event_result(const readerkit_event *event, readerkit_result **result);

/* Releases an event from readerkit_wait_event. */
int readerkit_event_free(readerkit_event *event);

/* ---- Results ---------------------------------------------------------------------------------------------------- */
#define RK_VERDICT_ACCEPTED 0
#define RK_VERDICT_NOT_GENUINE 1
#define RK_VERDICT_EXPIRED 2
#define RK_VERDICT_FACE_NOT_ACCEPTED 3
#define RK_VERDICT_CREDENTIAL_REFUSED 4
#define RK_VERDICT_READER_ERROR 5 /* also any verdict this library version does not know */
#define RK_VERDICT_CANCELLED 6

/* The RK_VERDICT_* of a result, or a negative code. Only RK_VERDICT_ACCEPTED means the card was verified. */
int readerkit_result_verdict(const readerkit_result *result);

/* Why the verdict is not Accepted, as an RK_E_* code (e.g. RK_E_CREDENTIAL_REJECTED, RK_E_CANCELLED); 0 when the
 * result carries no error. RK_E_INVALID_HANDLE for a bad handle. */
int readerkit_result_error_code(const readerkit_result *result);

/* A text field of the result as a new UTF-8 string; NULL when absent (personal fields: when not asked for).
 * Keys: tapId, verdict, mode, anchor, requestId, error.name, error.message, face.decision, face.score, startedAtMs,
 * completedAtMs, checks (one "PASS name: reason" line per check), and the personal fields name, address, birthDate
 * (YYYY-MM-DD), sex, expiryDate. Errors: RK_E_INVALID_INPUT for an unknown key. */
int readerkit_result_get_string(const readerkit_result *result, const char *key, char **value);

/* An image field (key "photo": the chip photo, JPEG 2000) as a new buffer and its length; NULL and 0 when absent.
 * Release with readerkit_buffer_free(data, length). */
int readerkit_result_get_image(const readerkit_result *result, const char *key, uint8_t **data, size_t *length);

/* Releases a result (the library's copy of the photo is zeroed). */
int readerkit_result_free(readerkit_result *result);

#ifdef __cplusplus
}
#endif

#endif /* READERKIT_H */
