/* The reference of `scripts/bench mail`: a plain libcurl loop sending one
 * message file N times (one SMTP transaction each, over one reused
 * connection, STARTTLS and AUTH as `twinning letter send` does), timed.
 * Usage: mail_send_reference URL USER PASSWORD CA_FILE MESSAGE_FILE N
 * Prints "messages N wall SECONDS". */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct upload { const char *data; size_t size, at; };

static size_t read_cb(char *buf, size_t size, size_t n, void *userp) {
  struct upload *u = userp;
  size_t len = size * n;
  if (len > u->size - u->at) len = u->size - u->at;
  memcpy(buf, u->data + u->at, len);
  u->at += len;
  return len;
}

int main(int argc, char **argv) {
  if (argc != 7) { fprintf(stderr, "usage: %s URL USER PASSWORD CA MESSAGE N\n", argv[0]); return 2; }
  FILE *f = fopen(argv[5], "rb");
  if (!f) { perror(argv[5]); return 1; }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc(size);
  if (fread(data, 1, size, f) != (size_t)size) return 1;
  fclose(f);
  int n = atoi(argv[6]);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *c = curl_easy_init();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < n; i++) {
    char rcpt[64];
    snprintf(rcpt, sizeof rcpt, "<ref%d@bench.test>", i);
    struct curl_slist *list = curl_slist_append(NULL, rcpt);
    struct upload u = { data, (size_t)size, 0 };
    curl_easy_setopt(c, CURLOPT_URL, argv[1]);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(c, CURLOPT_CAINFO, argv[4]);
    curl_easy_setopt(c, CURLOPT_USERNAME, argv[2]);
    curl_easy_setopt(c, CURLOPT_PASSWORD, argv[3]);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, "<bench@bench.test>");
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, list);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(list);
    if (rc != CURLE_OK) { fprintf(stderr, "send %d: %s\n", i, curl_easy_strerror(rc)); return 1; }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  curl_easy_cleanup(c);
  printf("messages %d wall %.3f\n", n, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
  return 0;
}
