// The container KFP writes for a lightweight Python component
// (component_factory.py: _get_packages_to_install_command,
// _get_command_and_args_for_lightweight_component,
// _get_function_source_definition): an `sh -c` prelude that pip-installs
// the packages (and kfp itself, pinned), then `sh -ec` writing the
// function's source to a file and running kfp.dsl.executor_main on it.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kfp::py {

struct ExecutorOptions {
  std::vector<std::string> packages_to_install;
  std::vector<std::string> pip_index_urls;
  // None (not given): KFP 2.15.2 trusts every index URL (--trusted-host
  // <url>); KFP fixed that after the 2.15 releases (#13780), we match 2.15.2.
  std::optional<std::vector<std::string>> pip_trusted_hosts;
  bool install_kfp_package = true;
  std::optional<std::string> kfp_package_path;
  std::optional<std::string> target_image;
  bool use_venv = false;
  std::string kfp_version;  // the `kfp==<version>` pin
};

// The `sh -c <script>` prelude; empty when nothing is installed.
std::vector<std::string> packages_install_command(const ExecutorOptions& o);

// textwrap.dedent.
std::string py_dedent(const std::string& text);

// The function's source as inspect.getsource + textwrap.dedent give it, with
// the decorator lines dropped (everything before the first line that starts
// with `def`). `begin`/`end`: offsets of the first line of the definition
// (its first decorator) and of the end of its last token. `body_col`: the
// 0-based column of the body's first line (-1 when the body is on the `def`
// line): comments after the body indented at least that much belong to it
// (inspect.BlockFinder since Python 3.13, which wrote KFP's goldens).
std::string function_source(const std::string& file_text, size_t begin, size_t end, int body_col = -1);

// The command after the prelude: `sh -ec <launcher> <program>`, where the
// program is KFP's import header, the extra functions' sources, then the
// function's own.
std::vector<std::string> lightweight_command(const std::string& func_source,
                                             const std::vector<std::string>& additional_sources,
                                             const std::vector<std::string>& extra_imports);

// `--executor_input {{$}} --function_to_execute <name>`.
std::vector<std::string> executor_args(const std::string& function_name);

}  // namespace kfp::py
