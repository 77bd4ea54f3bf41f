// The CLI's HTTP transport (libcurl). The page uses fetch; both send the
// requests the core builds (core/submit).
#pragma once
#include <string>

#include "core/submit/errors.h"
#include "core/submit/requests.h"

namespace kfpc {

struct HttpResponse {
  kfp::submit::Transport transport = kfp::submit::Transport::Ok;
  int status = 0;
  std::string body;
};

HttpResponse http_send(const kfp::submit::HttpRequest& r, long timeout_seconds);

}  // namespace kfpc
