/* The IMAP reference of `scripts/bench mail`: a plain libcurl loop fetching
 * the messages of UIDs FIRST .. FIRST+N-1 of one mailbox (UID FETCH
 * BODY[] each, over one reused connection, TLS and LOGIN as `twinning mail
 * fetch` does), timed: the server's own FETCH rate.
 * Usage: mail_fetch_reference URL USER PASSWORD CA_FILE FIRST_UID N
 * (URL: imaps://host:port/MAILBOX). Prints "messages N wall SECONDS bytes B". */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static size_t count_cb(char *buf, size_t size, size_t n, void *userp) {
  (void)buf;
  *(size_t *)userp += size * n;
  return size * n;
}

int main(int argc, char **argv) {
  if (argc != 7) { fprintf(stderr, "usage: %s URL USER PASSWORD CA FIRST_UID N\n", argv[0]); return 2; }
  long first = atol(argv[5]);
  int n = atoi(argv[6]);
  size_t bytes = 0;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *c = curl_easy_init();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int i = 0; i < n; i++) {
    char url[1024];
    snprintf(url, sizeof url, "%s/;UID=%ld", argv[1], first + i);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(c, CURLOPT_CAINFO, argv[4]);
    curl_easy_setopt(c, CURLOPT_USERNAME, argv[2]);
    curl_easy_setopt(c, CURLOPT_PASSWORD, argv[3]);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, count_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &bytes);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) { fprintf(stderr, "fetch UID %ld: %s\n", first + i, curl_easy_strerror(rc)); return 1; }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  curl_easy_cleanup(c);
  printf("messages %d wall %.3f bytes %zu\n", n,
         (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, bytes);
  return 0;
}
