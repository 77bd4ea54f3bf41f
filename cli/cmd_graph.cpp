// `kfpc graph --format json|dot|mermaid FILE...` and `kfpc analyze FILE...`
// (the wasm analyze() result, byte for byte: both call core/api_json.h).
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "core/api.h"
#include "core/api_json.h"
#include "core/diag/render.h"
#include "core/emit/graph_json.h"
#include "core/layout/layout_json.h"

namespace kfpc {
namespace {

struct GraphArgs {
  std::vector<std::string> files;
  std::string format = "json";
  std::string function;
  bool layout = false;  // --layout: add each pipeline's coordinates (json only)
};

// Splits "--flag=value" / "--flag value"; returns false on a usage error.
bool parse(const std::vector<std::string>& a, GraphArgs* g, std::ostream& err) {
  for (size_t i = 1; i < a.size(); ++i) {
    std::string s = a[i];
    std::string val;
    bool has_val = false;
    if (s.rfind("--", 0) == 0 && s.find('=') != std::string::npos) {
      val = s.substr(s.find('=') + 1);
      s = s.substr(0, s.find('='));
      has_val = true;
    }
    if (s == "--layout" && !has_val) {
      g->layout = true;
    } else if (s == "--format" || s == "--function") {
      if (!has_val) {
        if (i + 1 >= a.size()) {
          err << "kfpc: " << s << " needs a value\n";
          return false;
        }
        val = a[++i];
      }
      (s == "--format" ? g->format : g->function) = val;
    } else if (s.size() > 1 && s[0] == '-') {
      err << "kfpc: unknown option " << s << "\n";
      return false;
    } else {
      g->files.push_back(a[i]);
    }
  }
  if (g->files.empty()) {
    err << "kfpc " << a[0] << ": no input files\n";
    return false;
  }
  return true;
}

bool load(const std::vector<std::string>& paths, std::vector<kfp::InputFile>* files, std::ostream& err) {
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      err << "kfpc: cannot read " << p << "\n";
      return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files->push_back({p, ss.str()});
  }
  return true;
}

}  // namespace

int cmd_graph(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  GraphArgs g;
  if (!parse(args, &g, err)) return 2;
  if (g.format != "json" && g.format != "dot" && g.format != "mermaid") {
    err << "kfpc graph: --format must be json, dot or mermaid\n";
    return 2;
  }
  std::vector<kfp::InputFile> files;
  if (!load(g.files, &files, err)) return 2;
  kfp::AnalyzeOptions opts;
  opts.python_function = g.function;
  kfp::Analysis a = kfp::analyze(files, opts);
  kfp::Json graph = kfp::graph_json(a.ws, a.diagnostics);
  if (g.format == "dot") {
    out << kfp::graph_dot(graph);
  } else if (g.format == "mermaid") {
    out << kfp::graph_mermaid(graph);
  } else {
    // Coordinates from the core's layout (core/layout/), node sizes estimated
    // from text lengths since no page measures them here.
    if (g.layout && graph.contains("pipelines"))
      for (auto& p : graph["pipelines"]) p["layout"] = kfp::layout::layout_pipeline(p);
    out << graph.dump(2, ' ', false, kfp::Json::error_handler_t::replace) << "\n";
  }
  // The graph goes to stdout whatever the findings; the findings to stderr.
  if (!a.diagnostics.empty()) err << kfp::render_text(a.diagnostics, a.ws);
  return a.has_errors() ? 1 : 0;
}

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  GraphArgs g;
  if (!parse(args, &g, err)) return 2;
  if (g.format != "json") {
    err << "kfpc analyze: --format must be json\n";
    return 2;
  }
  std::vector<kfp::InputFile> files;
  if (!load(g.files, &files, err)) return 2;
  kfp::AnalyzeOptions opts;
  opts.python_function = g.function;
  // Exactly the wasm analyze() string (core/api_json.cpp), then a newline.
  bool errors = false;
  out << kfp::analyze_json(files, opts, &errors) << "\n";
  return errors ? 1 : 0;
}

}  // namespace kfpc
