// Turns a failed HTTP exchange into something a person can act on. The token
// never appears in what this returns.
#pragma once
#include <string>

#include "core/submit/requests.h"

namespace kfp::submit {

enum class Transport {
  Ok,           // an HTTP response arrived (look at the status)
  Unreachable,  // DNS / connection refused / reset
  Timeout,
  Cors,         // page only: the browser blocked the response (fetch TypeError with a reachable host)
  Tls,
};

struct Failure {
  std::string code;     // stable: unreachable, timeout, cors, tls, unauthorized, forbidden, not-found, conflict, server-error, bad-request
  std::string message;  // what happened, with the server's own message when it sent one
  std::string hint;     // what to do about it
};

// Extracts the message from a google.rpc.Status / Argo error body (or the raw text).
std::string server_message(const std::string& body);

Failure explain(Transport t, int status, const std::string& body, const Endpoint& ep, bool from_browser);

// Replaces every occurrence of the token with <redacted>.
std::string redact(std::string text, const std::string& token);

}  // namespace kfp::submit
