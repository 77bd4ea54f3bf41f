#include "core/submit/errors.h"

namespace kfp::submit {

std::string redact(std::string text, const std::string& token) {
  if (token.empty()) return text;
  size_t p = 0;
  while ((p = text.find(token, p)) != std::string::npos) {
    text.replace(p, token.size(), "<redacted>");
    p += 10;
  }
  return text;
}

std::string server_message(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    for (const char* k : {"message", "error", "error_message"}) {
      if (j.contains(k) && j[k].is_string() && !j[k].get<std::string>().empty()) return j[k].get<std::string>();
    }
  }
  std::string t = body.substr(0, 500);
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  return t;
}

Failure explain(Transport t, int status, const std::string& body, const Endpoint& ep, bool from_browser) {
  Failure f;
  const std::string& url = ep.base_url;
  switch (t) {
    case Transport::Unreachable:
      f = {"unreachable", "cannot reach " + url,
           "check the endpoint URL and that the server is running and reachable from this machine"};
      break;
    case Transport::Timeout:
      f = {"timeout", "no answer from " + url + " in time", "the server may be overloaded; try again"};
      break;
    case Transport::Tls:
      f = {"tls", "TLS handshake with " + url + " failed", "check the certificate or use the right scheme"};
      break;
    case Transport::Cors:
      f = {"cors",
           "the browser blocked the response from " + url + " (CORS)",
           "the server must answer with Access-Control-Allow-Origin for this page's origin, allow the "
           "Authorization and Content-Type headers (Access-Control-Allow-Headers) and, for cookies, "
           "Access-Control-Allow-Credentials: true. `kfpc submit` from a terminal has no such limit."};
      break;
    case Transport::Ok: {
      std::string msg = server_message(body);
      std::string suffix = msg.empty() ? "" : ": " + msg;
      if (status == 401)
        f = {"unauthorized", "401 Unauthorized" + suffix,
             from_browser ? "the token is missing, wrong or expired; set it in Settings (or use browser cookies behind a login gateway)"
                          : "the token is missing, wrong or expired; set KFP_TOKEN or --token-file"};
      else if (status == 403)
        f = {"forbidden", "403 Forbidden" + suffix,
             "the credentials are valid but may not do this; check the namespace and your role bindings"};
      else if (status == 404)
        f = {"not-found", "404 Not Found" + suffix, "check the endpoint URL (it should be the KFP API base, e.g. https://host/pipeline)"};
      else if (status == 409)
        f = {"conflict", "409 Conflict" + suffix, "a resource with this name exists already"};
      else if (status >= 500)
        f = {"server-error", std::to_string(status) + " server error" + suffix, "the server failed; see its logs"};
      else
        f = {"bad-request", std::to_string(status) + suffix, "the server refused the request as sent"};
      break;
    }
  }
  f.message = redact(f.message, ep.token);
  f.hint = redact(f.hint, ep.token);
  return f;
}

}  // namespace kfp::submit
