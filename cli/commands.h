#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace kfpc {

// Exit codes: 0 clean, 1 findings (errors), 2 usage or unreadable input.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// cli/cmd_graph.cpp: `kfpc graph --format json|dot|mermaid FILE...` (docs/graph-json.md)
int cmd_graph(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// cli/cmd_graph.cpp: `kfpc analyze FILE...`, the wasm analyze() JSON (docs/wasm-api.md)
int cmd_analyze(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// cli/cmd_submit.cpp: `kfpc submit --to kfp|argo FILE...` (KFP API v2beta1 / Argo Server)
int cmd_submit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// cli/cmd_compile.cpp: `kfpc compile --to ir|argo FILE... [-o OUT]` (core/emit/ir.h, argo.h)
int cmd_compile(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kfpc
