// Diagnostic values: what every check and reader reports, and every renderer
// (text, JSON, SARIF, the web page) displays. Messages come only from
// diagnostics.def so that no renderer invents its own wording.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/diag/span.h"

namespace kfp {

enum class Severity { Error, Warning, Note };

enum class DiagId {
#define DIAG(id, sev, code, msg) id,
#include "core/diag/diagnostics.def"
#undef DIAG
  kCount
};

struct FixIt {
  Span span;
  std::string replacement;
};

struct Diagnostic {
  DiagId id{};
  Severity severity = Severity::Error;
  Span span;
  std::vector<std::string> args;
  std::vector<Diagnostic> notes;  // children, each with its own span
  std::vector<FixIt> fixits;

  std::string message() const;    // template with args substituted
  std::string_view code() const;  // stable kebab-case check code
  std::string_view id_name() const;  // e.g. "err_type_mismatch"

  Diagnostic& note(DiagId nid, Span s, std::vector<std::string> a = {});
};

Diagnostic make_diag(DiagId id, Span span, std::vector<std::string> args = {});
Severity default_severity(DiagId id);
std::string_view severity_name(Severity s);

// Where readers and checks report. Never throws.
class Sink {
 public:
  Diagnostic& report(DiagId id, Span span, std::vector<std::string> args = {});
  void add(Diagnostic d) { diags_.push_back(std::move(d)); }
  const std::vector<Diagnostic>& all() const { return diags_; }
  std::vector<Diagnostic>& all() { return diags_; }
  bool has_errors() const;
  size_t error_count() const;

 private:
  std::vector<Diagnostic> diags_;
};

// Deterministic order: file, line, column, id.
void sort_diagnostics(std::vector<Diagnostic>& d);

}  // namespace kfp
