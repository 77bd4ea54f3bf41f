#include "cli/http_curl.h"

#include <curl/curl.h>

namespace kfpc {
namespace {

size_t collect(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

}  // namespace

HttpResponse http_send(const kfp::submit::HttpRequest& r, long timeout_seconds) {
  static const bool inited = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)inited;
  HttpResponse out;
  CURL* c = curl_easy_init();
  if (!c) {
    out.transport = kfp::submit::Transport::Unreachable;
    return out;
  }
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : r.headers) headers = curl_slist_append(headers, (k + ": " + v).c_str());
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for uploads
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  if (r.method != "GET") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
  }
  // Never follow redirects: a redirect to another host would carry the token there.
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout_seconds < 10 ? timeout_seconds : 10L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "kfpc/" KFP_VERSION);
  CURLcode rc = curl_easy_perform(c);
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
  } else if (rc == CURLE_OPERATION_TIMEDOUT) {
    out.transport = kfp::submit::Transport::Timeout;
  } else if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION) {
    out.transport = kfp::submit::Transport::Tls;
  } else {
    out.transport = kfp::submit::Transport::Unreachable;
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
  return out;
}

}  // namespace kfpc
