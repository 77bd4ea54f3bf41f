#include <algorithm>

#include "core/diag/render.h"

namespace kfp {
namespace {

std::string location(const Span& s, const Workspace& ws) {
  if (s.file == kNoFile || static_cast<size_t>(s.file) >= ws.size()) return "<input>";
  std::string out = ws.file(s.file).path;
  if (s.begin.valid()) out += ":" + std::to_string(s.begin.line) + ":" + std::to_string(s.begin.col);
  return out;
}

void snippet(std::string& out, const Span& s, const Workspace& ws) {
  if (!s.valid() || static_cast<size_t>(s.file) >= ws.size()) return;
  const SourceFile& f = ws.file(s.file);
  std::string_view line = f.line(s.begin.line);
  if (line.empty() && s.begin.line > f.line_starts.size()) return;
  std::string num = std::to_string(s.begin.line);
  std::string pad(std::max<size_t>(num.size(), 4), ' ');
  std::string gutter = std::string(pad.size() - num.size(), ' ') + num;
  out += " " + gutter + " | ";
  out += line;
  out += "\n " + pad + " | ";
  // Keep tabs so the caret lines up under tab-indented text.
  size_t col = s.begin.col ? s.begin.col - 1 : 0;
  for (size_t i = 0; i < col && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  size_t width = 1;
  if (s.end.line == s.begin.line && s.end.col > s.begin.col) width = s.end.col - s.begin.col;
  for (size_t i = 1; i < width && col + i < line.size(); ++i) out += '~';
  out += '\n';
}

void render_one(std::string& out, const Diagnostic& d, const Workspace& ws, bool primary) {
  out += location(d.span, ws);
  out += ": ";
  out += severity_name(d.severity);
  if (primary) {
    out += '[';
    out += d.code();
    out += ']';
  }
  out += ": ";
  out += d.message();
  out += '\n';
  snippet(out, d.span, ws);
  for (const auto& fx : d.fixits) {
    out += "    fix: replace with '" + fx.replacement + "'\n";
  }
}

}  // namespace

std::string render_text(const std::vector<Diagnostic>& diags, const Workspace& ws, bool /*color*/) {
  std::string out;
  for (const auto& d : diags) {
    render_one(out, d, ws, true);
    for (const auto& n : d.notes) render_one(out, n, ws, false);
  }
  return out;
}

}  // namespace kfp
