// Hand-written matchers for the few fixed regular expressions the core needs
// (KFP's own validation and parsing regexes). libc++'s std::regex costs a lot
// of WebAssembly (the page has a transfer budget) and is slow natively, and
// every one of these patterns is simple enough to read left to right.
//
// Each function accepts exactly the language the std::regex it replaced
// accepted (ECMAScript grammar, "C" locale): `\w` is [A-Za-z0-9_], `\s` is
// [ \t\n\v\f\r], `.` is any char but '\n' and '\r', `$` is the end of input.
// tests/util_patterns_test.cpp checks them against those std::regex objects.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kfp::pat {

bool is_word_char(char c);   // ECMAScript \w
bool is_space_char(char c);  // ECMAScript \s
bool is_digit_char(char c);  // \d

// `\d+` (pipeline_task.py set_accelerator_limit: '^\d+$').
bool is_digits(std::string_view s);

// `([0-9]*[.])?[0-9]+m?` (pipeline_task.py _validate_cpu_string).
bool is_cpu_quantity(std::string_view s);

// `[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?` (pipeline_task.py _validate_memory_string).
bool is_memory_quantity(std::string_view s);

// `(?:0|[1-9]\d*)(?:\.\d+)?(?:Ki|Mi|Gi|Ti|Pi|Ei|K|M|G|T|P|E)?`
// (pipeline_config.py _SIZE_REGEX, the workspace size).
bool is_workspace_size(std::string_view s);

// `^[a-zA-Z_][0-9a-zA-Z_]*$` (for_loop.py LEGAL_SUBVAR_NAME_REGEX).
bool is_legal_subvar_name(std::string_view s);

// `^google.[A-Za-z]+$` (type_utils.py _GOOGLE_TYPES_PATTERN; the `.` is any char).
bool is_google_type_name(std::string_view s);

// `^[+-]?((\d(_?\d)*)?\.?(\d(_?\d)*)?)([eE][+-]?\d(_?\d)*)?$`: the shape of a
// Python float() literal with `_` digit separators (v1 default values). Also
// accepts "", "+", "." and "e5", which the caller rejects by other checks.
bool is_float_literal_shape(std::string_view s);

// `^(?:typing\.)?(\w+)(?:\[.+\])?$`, full match (type_annotations.py
// get_short_type_name): 'typing.List[int]' -> 'List'. On a match sets *name.
bool typing_short_name(std::string_view s, std::string* name);

// `^(typing\.)?(?:\w+)(?:\[(.+)\])`, a prefix match (for_loop.py
// _get_loop_item_type): on a match sets *inner to the `(.+)` group.
bool typing_item_type(std::string_view s, std::string* inner);

// `^(typing\.)?(?:\w+)(?:\[\s*(?:\w+)\s*,\s*(.+)\])`, a prefix match
// (for_loop.py _get_subvar_type): on a match sets *inner to the `(.+)` group.
bool typing_value_type(std::string_view s, std::string* inner);

// A channel placeholder
//   {{channel:task=<T>;name=<N>;type=<Y>;}}
// with T in [\w\s_-]*, N in [\w\s_-]+ and Y in the set `type_chars` names.
enum class ChannelTypeChars {
  NotSemicolon,  // [^;]*
  KfpTypeChars,  // [\w\s{}":_@.\[\],-]* (pipeline_channel.py's class, widened)
};
struct ChannelMatch {
  size_t begin = 0, end = 0;  // the whole placeholder: [begin, end)
  std::string_view task, name, type;
};
// The leftmost placeholder starting at or after `from` (regex_search).
bool find_channel_placeholder(std::string_view s, size_t from, ChannelTypeChars type_chars, ChannelMatch* out);

}  // namespace kfp::pat
