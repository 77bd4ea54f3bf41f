// Docstrings as KFP reads them for component and pipeline descriptions
// (component_factory.extract_component_interface): inspect.getdoc, then the
// `docstring_parser` package in its AUTO mode, which for the docstrings KFP
// pipelines carry means the Google style (`Args:` / `Returns:` sections).
// Input descriptions come from `Args:`; output descriptions from `Returns:`,
// which KFP re-parses as if it were an `Args:` section.
#pragma once
#include <map>
#include <optional>
#include <string>

namespace kfp::py {

// inspect.cleandoc: first line stripped, common indentation of the others
// removed, leading and trailing blank lines dropped.
std::string clean_doc(const std::string& raw);

struct ParsedDocstring {
  std::optional<std::string> short_description, long_description;
  std::map<std::string, std::string> params;  // arg name -> description (Args:)
  bool parse_error = false;                   // the Google parser refused it
};

// docstring_parser.parse(text) restricted to what KFP uses: the short and
// long description and the Args entries. `text` is already cleaned.
ParsedDocstring parse_docstring(const std::string& text);

// KFP's description of a component or pipeline from its docstring
// (get_pipeline_description): short + "\n" + long, stripped; nullopt when none.
std::optional<std::string> docstring_description(const ParsedDocstring& d);

// Output descriptions: KFP's parse_docstring_with_return_as_args.
std::map<std::string, std::string> docstring_return_params(const std::string& text);

}  // namespace kfp::py
