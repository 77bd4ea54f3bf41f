// `kfpc compile --to ir|argo FILE... [-o OUT]`: the compiled file to stdout
// (or OUT), diagnostics to stderr in the validate text format. Exit 0 when
// compiled (warnings allowed), 1 when refused (or errors were found), 2 on usage errors or
// unreadable files. Several files: the pipeline among them (IR or v1 graph)
// is compiled with the others as component sources; a lone component
// compiles as a one-step pipeline (core/emit/ir.h).
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "core/api.h"
#include "core/api_json.h"
#include "core/diag/render.h"

namespace kfpc {
namespace {

struct CompileArgs {
  std::vector<std::string> files;
  std::string to = "ir";
  std::string out;
  std::string function;
  std::string kfp_version;  // the kfp==<version> pin of lightweight Python components
};

bool parse(const std::vector<std::string>& a, CompileArgs* c, std::ostream& err) {
  for (size_t i = 1; i < a.size(); ++i) {
    std::string s = a[i], val;
    bool has_val = false;
    if (s.rfind("--", 0) == 0 && s.find('=') != std::string::npos) {
      val = s.substr(s.find('=') + 1);
      s = s.substr(0, s.find('='));
      has_val = true;
    }
    if (s == "--to" || s == "-o" || s == "--output" || s == "--function" || s == "--kfp-version") {
      if (!has_val) {
        if (i + 1 >= a.size()) {
          err << "kfpc: " << s << " needs a value\n";
          return false;
        }
        val = a[++i];
      }
      (s == "--to" ? c->to : s == "--function" ? c->function : s == "--kfp-version" ? c->kfp_version : c->out) = val;
    } else if (s.size() > 1 && s[0] == '-') {
      err << "kfpc: unknown option " << s << "\n";
      return false;
    } else {
      c->files.push_back(a[i]);
    }
  }
  if (c->files.empty()) {
    err << "kfpc compile: no input files\n";
    return false;
  }
  if (c->to != "ir" && c->to != "argo") {
    err << "kfpc compile: --to must be ir or argo\n";
    return false;
  }
  return true;
}

}  // namespace

int cmd_compile(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CompileArgs c;
  if (!parse(args, &c, err)) return 2;
  std::vector<kfp::InputFile> files;
  for (const auto& p : c.files) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      err << "kfpc: cannot read " << p << "\n";
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back({p, ss.str()});
  }
  kfp::AnalyzeOptions opts;
  opts.python_function = c.function;
  if (!c.kfp_version.empty()) opts.kfp_version = c.kfp_version;
  kfp::Analysis a = kfp::analyze(files, opts);

  // The same call the page's compile makes (core/api_json.h).
  kfp::Compiled compiled = kfp::compile_analysis(a, c.to);
  std::string text = std::move(compiled.text);
  std::vector<kfp::Diagnostic> diags = std::move(compiled.diagnostics);
  err << kfp::render_text(diags, a.ws);
  if (text.empty()) {
    bool any_error = false;
    for (const auto& d : diags) any_error = any_error || d.severity == kfp::Severity::Error;
    if (!any_error) err << "kfpc compile: nothing was compiled\n";
    return 1;
  }
  bool any_error = false;
  for (const auto& d : diags) any_error = any_error || d.severity == kfp::Severity::Error;
  if (c.out.empty()) {
    out << text;
  } else {
    std::ofstream o(c.out, std::ios::binary);
    if (!o || !(o << text)) {
      err << "kfpc: cannot write " << c.out << "\n";
      return 2;
    }
  }
  return any_error ? 1 : 0;  // an IR file is written back even with check findings
}

}  // namespace kfpc
