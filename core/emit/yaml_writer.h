// A YAML writer that produces byte-for-byte what PyYAML's `yaml.dump` /
// `yaml.dump_all(docs, stream, sort_keys=True)` writes for the same data with
// the default Dumper (width 80, indent 2, allow_unicode False, block style).
// KFP writes its IR with exactly that call, so IR we emit through this writer
// can be compared with KFP's files byte for byte.
//
// What it reproduces (ported from PyYAML 6's emitter.py / resolver.py /
// representer.py, not approximated):
//  - scalar style choice: plain when the text would read back as the same
//    string and has no indicators; else 'single' quotes; else "double" quotes
//    (line breaks after spaces, control or non-ASCII characters);
//  - `''` escaping, double-quoted escapes (\n, \x85 -> \N, \uXXXX, ...);
//  - folding of long plain / quoted scalars at column 80 (at single spaces,
//    `\` continuations in double quotes);
//  - indentless sequences under mapping keys, `{}` / `[]` for empty
//    collections, `? ` complex keys for keys of 128+ characters;
//  - floats as Python's repr (`7.0`, `1.0e-05`, `.inf`), true/false, null.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/util/json_tree.h"
#include "core/yaml/scalar.h"  // Json

namespace kfp {

struct YamlWriteOptions {
  int width = 80;  // PyYAML best_width
  int indent = 2;  // PyYAML best_indent
  // Whole lines (empty, or ending in a line break) written before the first
  // document: a compiled pipeline's header comments, so that its text is
  // built in one string rather than copied behind them.
  std::string_view prefix;
};

// One document, as yaml.dump(doc, sort_keys=True). Object keys come out in
// nlohmann's (byte-wise sorted) order, which equals Python's sorted() on str.
// The writer runs over the arena tree (core/util/json_tree.h); a Json
// document is converted to one first (the IR emitter builds one directly).
std::string write_yaml(const jt::Value& doc, const YamlWriteOptions& opts = {});
std::string write_yaml(const Json& doc, const YamlWriteOptions& opts = {});

// Several documents, as yaml.dump_all(docs, sort_keys=True): `---` between them.
std::string write_yaml_all(const std::vector<jt::Value>& docs, const YamlWriteOptions& opts = {});
std::string write_yaml_all(const std::vector<Json>& docs, const YamlWriteOptions& opts = {});

// True when PyYAML's implicit resolvers would read `s` as plain text as
// something other than a string (bool, int, float, null, timestamp, merge,
// value). Such strings must be quoted.
bool yaml_plain_resolves_to_non_string(std::string_view s);

}  // namespace kfp
