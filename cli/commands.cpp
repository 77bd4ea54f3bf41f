#include "cli/commands.h"

#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/diag/render.h"

namespace kfpc {
namespace {

constexpr const char* kUsage =
    "usage: kfpc <command> [options] FILE...\n"
    "\n"
    "commands:\n"
    "  validate FILE...            check components and pipelines (v1 YAML, v2 IR, Argo)\n"
    "      --format text|json|sarif\n"
    "  compile --to ir|argo FILE... [-o OUT]  compile to KFP v2 IR YAML or an Argo Workflow\n"
    "  submit --to kfp|argo FILE...  upload / run on a KFP API endpoint or an Argo Server\n"
    "  version                     print the version\n"
    "\n"
    "exit status: 0 clean, 1 findings, 2 usage error or unreadable input\n";

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

struct Common {
  std::vector<std::string> files;
  std::string format = "text";
  std::string out_path;
  std::string to;
  std::string function;
};

// Parses the options every command shares; returns false on a usage error.
bool parse_common(const std::vector<std::string>& a, size_t start, Common* c, std::ostream& err) {
  for (size_t i = start; i < a.size(); ++i) {
    const std::string& s = a[i];
    auto value = [&](std::string* dst) {
      size_t eq = s.find('=');
      if (eq != std::string::npos) {
        *dst = s.substr(eq + 1);
        return true;
      }
      if (i + 1 >= a.size()) {
        err << "kfpc: " << s << " needs a value\n";
        return false;
      }
      *dst = a[++i];
      return true;
    };
    if (s.rfind("--format", 0) == 0) {
      if (!value(&c->format)) return false;
    } else if (s == "-o" || s.rfind("--output", 0) == 0) {
      if (!value(&c->out_path)) return false;
    } else if (s.rfind("--to", 0) == 0) {
      if (!value(&c->to)) return false;
    } else if (s.rfind("--function", 0) == 0) {
      if (!value(&c->function)) return false;
    } else if (s.size() > 1 && s[0] == '-') {
      err << "kfpc: unknown option " << s << "\n";
      return false;
    } else {
      c->files.push_back(s);
    }
  }
  return true;
}

bool load_inputs(const Common& c, std::vector<kfp::InputFile>* files, std::ostream& err) {
  for (const auto& p : c.files) {
    kfp::InputFile f;
    f.path = p;
    if (!read_file(p, &f.text)) {
      err << "kfpc: cannot read " << p << "\n";
      return false;
    }
    files->push_back(std::move(f));
  }
  return true;
}

int cmd_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Common c;
  if (!parse_common(args, 1, &c, err)) return 2;
  if (c.files.empty()) {
    err << "kfpc validate: no input files\n" << kUsage;
    return 2;
  }
  if (c.format != "text" && c.format != "json" && c.format != "sarif") {
    err << "kfpc: --format must be text, json or sarif\n";
    return 2;
  }
  std::vector<kfp::InputFile> files;
  if (!load_inputs(c, &files, err)) return 2;
  kfp::AnalyzeOptions opts;
  opts.python_function = c.function;
  kfp::Analysis a = kfp::analyze(files, opts);
  if (c.format == "json") {
    out << kfp::diagnostics_json(a.diagnostics, a.ws).dump(2) << "\n";
  } else if (c.format == "sarif") {
    out << kfp::diagnostics_sarif(a.diagnostics, a.ws).dump(2) << "\n";
  } else {
    out << kfp::render_text(a.diagnostics, a.ws);
    size_t e = 0, w = 0;
    for (const auto& d : a.diagnostics) {
      if (d.severity == kfp::Severity::Error) ++e;
      if (d.severity == kfp::Severity::Warning) ++w;
    }
    if (e || w) out << e << " error(s), " << w << " warning(s)\n";
  }
  return a.has_errors() ? 1 : 0;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    (args.empty() ? err : out) << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string& cmd = args[0];
  if (cmd == "validate") return cmd_validate(args, out, err);
  if (cmd == "compile") return cmd_compile(args, out, err);
  if (cmd == "submit") return cmd_submit(args, out, err);
  if (cmd == "graph") return cmd_graph(args, out, err);
  if (cmd == "analyze") return cmd_analyze(args, out, err);
  if (cmd == "version" || cmd == "--version") {
    out << "kfpc " << KFP_VERSION << "\n";
    return 0;
  }
  err << "kfpc: unknown command '" << cmd << "'\n" << kUsage;
  return 2;
}

}  // namespace kfpc
