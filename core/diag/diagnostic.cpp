#include "core/diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace kfp {
namespace {

struct Info {
  const char* name;
  Severity sev;
  const char* code;
  const char* msg;
};

constexpr Info kInfo[] = {
#define DIAG(id, sev, code, msg) {#id, Severity::sev, code, msg},
#include "core/diag/diagnostics.def"
#undef DIAG
};

std::string format(std::string_view tmpl, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{' && i + 2 < tmpl.size() && tmpl[i + 2] == '}' && tmpl[i + 1] >= '0' &&
        tmpl[i + 1] <= '9') {
      size_t k = static_cast<size_t>(tmpl[i + 1] - '0');
      if (k < args.size()) out += args[k];
      i += 2;
    } else {
      out += tmpl[i];
    }
  }
  return out;
}

}  // namespace

std::string Diagnostic::message() const { return format(kInfo[static_cast<int>(id)].msg, args); }
std::string_view Diagnostic::code() const { return kInfo[static_cast<int>(id)].code; }
std::string_view Diagnostic::id_name() const { return kInfo[static_cast<int>(id)].name; }

Diagnostic& Diagnostic::note(DiagId nid, Span s, std::vector<std::string> a) {
  notes.push_back(make_diag(nid, s, std::move(a)));
  return *this;
}

Severity default_severity(DiagId id) { return kInfo[static_cast<int>(id)].sev; }

Diagnostic make_diag(DiagId id, Span span, std::vector<std::string> args) {
  Diagnostic d;
  d.id = id;
  d.severity = default_severity(id);
  d.span = span;
  d.args = std::move(args);
  return d;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

Diagnostic& Sink::report(DiagId id, Span span, std::vector<std::string> args) {
  diags_.push_back(make_diag(id, span, std::move(args)));
  return diags_.back();
}

bool Sink::has_errors() const { return error_count() > 0; }

size_t Sink::error_count() const {
  size_t n = 0;
  for (const auto& d : diags_)
    if (d.severity == Severity::Error) ++n;
  return n;
}

void sort_diagnostics(std::vector<Diagnostic>& d) {
  std::stable_sort(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::make_tuple(a.span.file, a.span.begin.line, a.span.begin.col, static_cast<int>(a.id)) <
           std::make_tuple(b.span.file, b.span.begin.line, b.span.begin.col, static_cast<int>(b.id));
  });
}

}  // namespace kfp
