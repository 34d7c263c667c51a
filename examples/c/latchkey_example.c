/* latchkey_example.c: the signed-in user's session, an access token and entitlements from the
 * Latchkey agent through liblatchkey, printed as `key=value` lines (one per line, stdout).
 *
 *   latchkey_example [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]
 *
 * PRODUCT        also checks whether the user may use PRODUCT (`entitled=PRODUCT yes|no`)
 * --audience     asks for a token for URL instead of the Latchkey server's own
 * --print-token  prints the access token itself (`access_token=`); without it only its expiry
 * --threads N    N threads share the one client and each asks for a token 50 times
 * --watch S      subscribes to the session's changes for S seconds and prints each state
 *
 * Exit status: 0 done; 1 nobody signed in (or the terms wait to be accepted) or PRODUCT not
 * entitled; 3 no agent runs for this user; 6 the user (or IT) did not allow this program; 2 any
 * other failure. Every failure prints `error=FUNCTION RESULT`, `error_code=` (the agent's stable
 * code, `none` when the failure was local) and `error_message=`. Offline (`state=offline`) the
 * token's LK_ERR_BACKEND_UNREACHABLE is printed so and the rest goes on: the entitlements still
 * answer from the agent's signed cache (`entitlements_source=cache`).
 *
 * Build: see README.md beside this file. Compiling with -DLATCHKEY_EXAMPLE_VARIANT=\"b\" changes
 * the `variant=` line, which makes a second executable with another SHA-256 (Latchkey asks the
 * user about each executable separately).
 */
#define _POSIX_C_SOURCE 200809L

#include <latchkey.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

#ifndef LATCHKEY_EXAMPLE_VARIANT
#define LATCHKEY_EXAMPLE_VARIANT "a"
#endif

#define APP_NAME "c-example"
#define CALLS_PER_THREAD 50
#define MAX_THREADS 256

enum exit_status {
  EXIT_DONE = 0,
  EXIT_NOT_ENTITLED = 1, /* also: signed out, terms of service not accepted */
  EXIT_OTHER = 2,
  EXIT_NO_AGENT = 3,
  EXIT_APP_NOT_ALLOWED = 6,
};

static int exit_status_of(lk_result result) {
  switch (result) {
  case LK_OK:
    return EXIT_DONE;
  case LK_ERR_NOT_SIGNED_IN:
  case LK_ERR_TOS_REQUIRED:
    return EXIT_NOT_ENTITLED;
  case LK_ERR_NO_AGENT:
    return EXIT_NO_AGENT;
  case LK_ERR_APP_NOT_ALLOWED:
    return EXIT_APP_NOT_ALLOWED;
  default:
    return EXIT_OTHER;
  }
}

static const char *state_name(lk_state state) {
  switch (state) {
  case LK_STATE_SIGNED_OUT:
    return "signed_out";
  case LK_STATE_SIGNING_IN:
    return "signing_in";
  case LK_STATE_TOS_REQUIRED:
    return "tos_required";
  case LK_STATE_SIGNED_IN:
    return "signed_in";
  case LK_STATE_OFFLINE:
    return "offline";
  case LK_STATE_EXPIRED:
    return "expired";
  case LK_STATE_UNKNOWN:
  default: /* a value a newer library may add */
    return "unknown";
  }
}

/* Prints `key=value` on one line: line breaks in the value become spaces, NULL becomes `none`. */
static void print_line(const char *key, const char *value) {
  fputs(key, stdout);
  putchar('=');
  for (const char *c = value ? value : "none"; *c; c++) {
    putchar(*c == '\n' || *c == '\r' ? ' ' : *c);
  }
  putchar('\n');
}

static void copy_text(char *to, size_t size, const char *from) {
  snprintf(to, size, "%s", from ? from : "none");
}

/* What failed, copied at once: lk_last_error_message() and lk_last_error_code() belong to the
 * calling thread and hold only until its next lk_ call. */
struct failure {
  lk_result result;
  char code[64];
  char message[512];
};

static void capture_failure(struct failure *failure, lk_result result) {
  failure->result = result;
  copy_text(failure->message, sizeof failure->message, lk_last_error_message());
  copy_text(failure->code, sizeof failure->code, lk_last_error_code());
}

static int print_failure(const char *function, const struct failure *failure) {
  printf("error=%s %s\n", function, lk_result_name(failure->result));
  print_line("error_code", failure->code);
  print_line("error_message", failure->message);
  return exit_status_of(failure->result);
}

/* Captures this thread's error and prints it; returns the exit status it maps to. */
static int report(const char *function, lk_result result) {
  struct failure failure;
  capture_failure(&failure, result);
  return print_failure(function, &failure);
}

static void sleep_ms(unsigned long ms) {
#ifdef _WIN32
  Sleep((DWORD)ms);
#else
  struct timespec left = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
#endif
}

/* ---- the session ---------------------------------------------------------------------------- */

static int print_status(lk_client *client, lk_state *state) {
  lk_status *status = NULL;
  lk_result result = lk_status_get(client, &status);
  if (result != LK_OK) {
    return report("lk_status_get", result);
  }
  *state = status->state;
  print_line("state", state_name(status->state));
  if (status->email) {
    print_line("email", status->email);
  }
  if (status->first_name || status->last_name) {
    printf("name=%s%s%s\n", status->first_name ? status->first_name : "",
           status->first_name && status->last_name ? " " : "", status->last_name ? status->last_name : "");
  }
  if (status->org_name) {
    print_line("organization", status->org_name);
  }
  if (status->offline_until) {
    print_line("offline_until", status->offline_until);
  }
  lk_status_free(status);
  return EXIT_DONE;
}

static int print_token(lk_client *client, const char *audience, int print_secret, lk_state state) {
  lk_token *token = NULL;
  lk_result result = lk_token_get(client, audience, 0 /* the agent's default: 60 s */, &token);
  if (result == LK_ERR_BACKEND_UNREACHABLE && state == LK_STATE_OFFLINE) {
    /* Offline: no new token, but the entitlements still answer from the signed cache. */
    report("lk_token_get", result);
    return EXIT_DONE;
  }
  if (result != LK_OK) {
    return report("lk_token_get", result);
  }
  print_line("token_expires_at", token->expires_at);
  printf("token_expires_at_unix=%lld\n", (long long)token->expires_at_unix);
  printf("token_length=%zu\n", token->access_token_len);
  if (print_secret) {
    print_line("access_token", token->access_token);
  }
  lk_token_free(token); /* overwrites the token before freeing it */
  return EXIT_DONE;
}

static int print_entitlements(lk_client *client) {
  lk_entitlements *entitlements = NULL;
  lk_result result = lk_entitlements_get(client, &entitlements);
  if (result != LK_OK) {
    return report("lk_entitlements_get", result);
  }
  printf("entitlements=%zu\n", entitlements->count);
  printf("entitlements_source=%s\n", entitlements->from_cache ? "cache" : "server");
  print_line("entitlements_offline_until", entitlements->offline_until);
  for (size_t i = 0; i < entitlements->count; i++) {
    const lk_entitlement *item = &entitlements->items[i];
    printf("entitlement=%s features=", item->product);
    if (item->feature_count == 0) {
      fputs("none", stdout);
    }
    for (size_t f = 0; f < item->feature_count; f++) {
      printf("%s%s", f ? "," : "", item->features[f]);
    }
    printf(" expires_at=%s", item->expires_at ? item->expires_at : "never");
    if (item->name) {
      printf(" name=%s", item->name);
    }
    putchar('\n');
  }
  lk_entitlements_free(entitlements);
  return EXIT_DONE;
}

static int print_product_check(lk_client *client, const char *product) {
  bool entitled = false;
  char *reason = NULL;
  lk_result result = lk_product_check(client, product, &entitled, &reason);
  if (result != LK_OK) {
    return report("lk_product_check", result);
  }
  printf("entitled=%s %s\n", product, entitled ? "yes" : "no");
  if (reason) {
    print_line("entitled_reason", reason);
    lk_string_free(reason);
  }
  return entitled ? EXIT_DONE : EXIT_NOT_ENTITLED;
}

/* ---- one client, many threads --------------------------------------------------------------- */

struct worker {
  pthread_t thread;
  lk_client *client; /* the same client for every worker */
  const char *audience;
  int failures;
  struct failure first; /* valid when failures > 0 */
};

static void *worker_main(void *argument) {
  struct worker *worker = argument;
  for (int call = 0; call < CALLS_PER_THREAD; call++) {
    lk_token *token = NULL;
    lk_result result = lk_token_get(worker->client, worker->audience, 0, &token);
    if (result == LK_OK && (!token->access_token || !token->access_token[0] || !token->expires_at)) {
      result = LK_ERR_PROTOCOL; /* not the library's promise: count it */
    }
    if (result != LK_OK && worker->failures++ == 0) {
      capture_failure(&worker->first, result); /* on this thread: the error is thread-local */
    }
    lk_token_free(token);
  }
  return NULL;
}

static int run_threads(lk_client *client, const char *audience, int count) {
  static struct worker workers[MAX_THREADS];
  int started = 0;
  int status = EXIT_DONE;
  for (; started < count; started++) {
    workers[started] = (struct worker){.client = client, .audience = audience};
    int error = pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]);
    if (error != 0) {
      printf("error=pthread_create %s\n", strerror(error));
      status = EXIT_OTHER;
      break;
    }
  }
  int failures = 0;
  const struct worker *first_failed = NULL;
  for (int i = 0; i < started; i++) {
    pthread_join(workers[i].thread, NULL);
    failures += workers[i].failures;
    if (workers[i].failures && !first_failed) {
      first_failed = &workers[i];
    }
  }
  printf("threads=%d\n", started);
  printf("thread_calls=%d\n", started * CALLS_PER_THREAD);
  printf("thread_failures=%d\n", failures);
  if (first_failed) {
    return print_failure("lk_token_get", &first_failed->first);
  }
  return status;
}

/* ---- watching the session ------------------------------------------------------------------- */

struct watch {
  atomic_int calls;
};

/* Runs on a library thread, once now and at each change; `status` lives only during the call. */
static void on_status(const lk_status *status, void *user_data) {
  struct watch *watch = user_data;
  atomic_fetch_add(&watch->calls, 1);
  printf("watch_state=%s\n", state_name(status->state)); /* one printf: one uninterrupted line */
}

static int watch_session(lk_client *client, unsigned long seconds) {
  struct watch watch;
  atomic_init(&watch.calls, 0);
  lk_subscription *subscription = NULL;
  lk_result result = lk_subscribe(client, on_status, &watch, &subscription);
  if (result != LK_OK) {
    return report("lk_subscribe", result);
  }
  sleep_ms(seconds * 1000);
  lk_subscription_free(subscription); /* once it returns, on_status is never called again */
  int calls = atomic_load(&watch.calls);
  printf("watch_calls=%d\n", calls);
  sleep_ms(200);
  if (atomic_load(&watch.calls) != calls) {
    puts("error=lk_subscription_free the callback ran after lk_subscription_free returned");
    return EXIT_OTHER;
  }
  return EXIT_DONE;
}

/* ---- main ----------------------------------------------------------------------------------- */

static int usage(const char *program) {
  fprintf(stderr, "usage: %s [PRODUCT] [--audience URL] [--print-token] [--threads N] [--watch SECONDS]\n",
          program);
  return EXIT_OTHER;
}

static int parse_count(const char *text, long max, long *out) {
  char *end = NULL;
  errno = 0;
  long value = text ? strtol(text, &end, 10) : -1;
  if (!text || errno || *end || value < 0 || value > max) {
    return 0;
  }
  *out = value;
  return 1;
}

int main(int argc, char **argv) {
  const char *product = NULL;
  const char *audience = NULL; /* NULL: the Latchkey server's own */
  int print_secret = 0;
  long threads = 0;
  long watch_seconds = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--print-token") == 0) {
      print_secret = 1;
    } else if (strcmp(argv[i], "--audience") == 0 && i + 1 < argc) {
      audience = argv[++i];
    } else if (strcmp(argv[i], "--threads") == 0) {
      if (!parse_count(i + 1 < argc ? argv[++i] : NULL, MAX_THREADS, &threads)) {
        return usage(argv[0]);
      }
    } else if (strcmp(argv[i], "--watch") == 0) {
      if (!parse_count(i + 1 < argc ? argv[++i] : NULL, 24L * 3600, &watch_seconds)) {
        return usage(argv[0]);
      }
    } else if (argv[i][0] == '-' || product) {
      return usage(argv[0]);
    } else {
      product = argv[i];
    }
  }
  setvbuf(stdout, NULL, _IOLBF, 0); /* each line as soon as it is printed, also into a pipe */

  print_line("variant", LATCHKEY_EXAMPLE_VARIANT);
  print_line("library_version", lk_version());

  lk_client *client = NULL;
  lk_result result = lk_connect(NULL, APP_NAME, &client);
  if (result != LK_OK) {
    return report("lk_connect", result);
  }

  lk_state state = LK_STATE_UNKNOWN;
  int status = print_status(client, &state);
  if (status == EXIT_DONE && state != LK_STATE_SIGNED_IN && state != LK_STATE_OFFLINE) {
    status = EXIT_NOT_ENTITLED; /* nobody signed in: no token, no entitlements */
  } else if (status == EXIT_DONE) {
    status = print_token(client, audience, print_secret, state);
    if (status == EXIT_DONE) {
      status = print_entitlements(client);
    }
    if (status == EXIT_DONE && product) {
      status = print_product_check(client, product);
    }
    if (status == EXIT_DONE && threads > 0) {
      status = run_threads(client, audience, (int)threads);
    }
  }
  if (watch_seconds > 0) {
    int watched = watch_session(client, (unsigned long)watch_seconds);
    if (status == EXIT_DONE) {
      status = watched;
    }
  }
  lk_client_free(client);
  return status;
}
