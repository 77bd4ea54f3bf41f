// Byte-exact texts of the lightweight component container (see the header).
// Where KFP builds a string with textwrap.dedent over an indented literal,
// the result is written out here already dedented.
#include "core/python/kfp_executor.h"

#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

// make_pip_install_command: each part as Python's repr().
std::string pip_install(const std::vector<std::string>& parts, const std::string& index_options) {
  std::string out = "python3 -m pip install --quiet --no-warn-script-location " + index_options;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " " : "") + python_repr(Json(parts[i]));
  return out;
}

// make_index_url_options: "--index-url a --extra-index-url b --trusted-host h " or "".
std::string index_url_options(const ExecutorOptions& o) {
  if (o.pip_index_urls.empty()) return "";
  std::string out = "--index-url " + o.pip_index_urls[0];
  for (size_t i = 1; i < o.pip_index_urls.size(); ++i) out += " --extra-index-url " + o.pip_index_urls[i];
  if (!o.pip_trusted_hosts)
    for (const auto& u : o.pip_index_urls) out += " --trusted-host " + u;
  else
    for (const auto& h : *o.pip_trusted_hosts) out += " --trusted-host " + h;
  return out + " ";
}

const char kInstallScriptHead[] =
    "\nif ! [ -x \"$(command -v pip)\" ]; then\n"
    "    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip\n"
    "fi\n\nPIP_DISABLE_PIP_VERSION_CHECK=1 ";
const char kInstallScriptTail[] = " && \"$0\" \"$@\"\n";

const char kVenvScript[] =
    "\nexport PIP_DISABLE_PIP_VERSION_CHECK=1\n"
    "tmp=$(mktemp -d)\n"
    "python3 -m venv \"$tmp/venv\" --system-site-packages\n"
    ". \"$tmp/venv/bin/activate\"\n";

}  // namespace

std::vector<std::string> packages_install_command(const ExecutorOptions& o) {
  bool kfp_in_user = false;
  for (const auto& p : o.packages_to_install) kfp_in_user = kfp_in_user || p.rfind("kfp", 0) == 0;
  bool inject_kfp = o.install_kfp_package && !o.target_image && !kfp_in_user;
  if (!inject_kfp && o.packages_to_install.empty()) return {};
  std::vector<std::string> parts;
  std::string idx = index_url_options(o);
  if (!o.packages_to_install.empty()) {
    parts.push_back(pip_install(o.packages_to_install, idx));
    if (inject_kfp) parts.push_back(" && ");
  }
  if (inject_kfp) {
    if (o.use_venv) parts.push_back(kVenvScript);
    if (o.kfp_package_path) {
      // KFP adds --no-deps when the path exists on the compiling machine;
      // statically we only know the pull-request form.
      std::vector<std::string> p{*o.kfp_package_path};
      if (o.kfp_package_path->find("@refs/pull/") != std::string::npos) p.push_back("--no-deps");
      parts.push_back(pip_install(p, idx));
    } else {
      parts.push_back(pip_install(
          {"kfp==" + o.kfp_version, "--no-deps", "typing-extensions>=3.7.4,<5; python_version<\"3.9\""}, idx));
    }
  }
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) joined += (i ? " " : "") + parts[i];
  return {"sh", "-c", std::string(kInstallScriptHead) + joined + kInstallScriptTail};
}

std::string py_dedent(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (true) {
    size_t nl = text.find('\n', pos);
    lines.push_back(text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  // Whitespace-only lines become empty; the common leading whitespace of the
  // other lines is removed.
  std::optional<std::string> margin;
  for (auto& l : lines) {
    size_t b = l.find_first_not_of(" \t");
    if (b == std::string::npos) {
      l.clear();
      continue;
    }
    std::string ind = l.substr(0, b);
    if (!margin) {
      margin = ind;
    } else {
      size_t k = 0;
      while (k < margin->size() && k < ind.size() && (*margin)[k] == ind[k]) ++k;
      margin = margin->substr(0, k);
    }
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += margin && !lines[i].empty() ? lines[i].substr(margin->size()) : lines[i];
  }
  return out;
}

std::string function_source(const std::string& text, size_t begin, size_t end, int body_col) {
  // inspect.getsource: whole lines, up to and including the last line's newline.
  size_t e = text.find('\n', std::min(end, text.size()));
  e = e == std::string::npos ? text.size() : e + 1;
  // Trailing comment lines indented like the body extend it; blank lines and
  // less indented comments are skipped; the next code line ends the search.
  for (size_t p = e; body_col >= 0 && p < text.size();) {
    size_t nl = text.find('\n', p);
    size_t le = nl == std::string::npos ? text.size() : nl;
    size_t b = text.find_first_not_of(" \t\r\f", p);
    if (b != std::string::npos && b < le) {
      if (text[b] != '#') break;
      if (b - p >= static_cast<size_t>(body_col)) e = nl == std::string::npos ? text.size() : nl + 1;
    }
    if (nl == std::string::npos) break;
    p = nl + 1;
  }
  std::string code = text.substr(begin, e - begin);
  if (code.empty() || code.back() != '\n') code += '\n';
  std::vector<std::string> lines;
  std::string ded = py_dedent(code);
  size_t pos = 0;
  while (true) {
    size_t nl = ded.find('\n', pos);
    lines.push_back(ded.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  // Drop the decorator lines: everything before the first line starting with `def`.
  size_t first = 0;
  while (first < lines.size() && lines[first].rfind("def", 0) != 0) ++first;
  std::string out;
  for (size_t i = first; i < lines.size(); ++i) out += (i > first ? "\n" : "") + lines[i];
  return out;
}

std::vector<std::string> lightweight_command(const std::string& func_source,
                                             const std::vector<std::string>& additional_sources,
                                             const std::vector<std::string>& extra_imports) {
  std::string imports = "import kfp\nfrom kfp import dsl\nfrom kfp.dsl import *\nfrom typing import *";
  for (const auto& i : extra_imports) imports += "\n" + i;
  std::string additional;
  if (!additional_sources.empty()) {
    additional = "\n\n";
    for (size_t i = 0; i < additional_sources.size(); ++i) additional += (i ? "\n\n" : "") + additional_sources[i];
  }
  std::string program = "\n" + imports + additional + "\n\n" + func_source + "\n";
  // The launcher: a dedented f-string whose backslash-newlines joined the
  // last four lines (each continuation kept its 24 spaces, after a space).
  std::string gap(25, ' ');
  std::string launcher =
      "program_path=$(mktemp -d)\n\n"
      "printf \"%s\" \"$0\" > \"$program_path/ephemeral_component.py\"\n"
      "_KFP_RUNTIME=true python3 -m kfp.dsl.executor_main" +
      gap + "--component_module_path" + gap + "\"$program_path/ephemeral_component.py\"" + gap + "\"$@\"\n";
  return {"sh", "-ec", launcher, program};
}

std::vector<std::string> executor_args(const std::string& function_name) {
  return {"--executor_input", "{{$}}", "--function_to_execute", function_name};
}

}  // namespace kfp::py
