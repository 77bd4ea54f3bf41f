// IR container command/args strings <-> the model's Arg tree.
//
// KFP v2 writes every command-line item as a string (kfp/dsl/placeholders.py):
//   {{$.inputs.parameters['x']}}                 InputValue x
//   {{$.inputs.artifacts['x'].path|uri|metadata}} InputPath / InputUri / InputMetadata x
//   {{$.inputs.artifacts['x'].metadata['k']}}    InputMetadata x, key k
//   {{$.outputs.parameters['y'].output_file}}    OutputPath y, output_parameter
//   {{$.outputs.artifacts['y'].path|uri|metadata}} OutputPath / OutputUri / OutputMetadata y
//   {{$}}                                        ExecutorInput
//   {"Concat": [...]}                            Concat (json.dumps of the items)
//   {"IfPresent": {"InputName": "x", "Then": [...], "Else": [...]}}   IfPresent
//   text with embedded placeholders (f-strings)  Template, parts in `items`
// Anything else, including other `{{$...}}` forms (`{{$.pipeline_job_name}}`,
// the list-of-artifacts `{{$.inputs.artifacts['x']}}`), stays Literal text.
//
// Printing is the inverse: ir_placeholder_string(parse(s)) == s for every
// string. Where KFP's canonical spelling (Python json.dumps with its default
// separators and ensure_ascii) would differ from what was read, the reader
// keeps the original in Arg::ir_text and printing returns that.
#pragma once
#include <string>
#include <string_view>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"

namespace kfp {

// One command/args string. `owner` (optional) lets the parser record whether
// an OutputPath names an output parameter; `sink` (optional) gets a warning
// when a string looks like a Concat/IfPresent JSON placeholder but is not
// valid JSON of that shape. Never fails: unknown forms are Literal.
Arg parse_ir_arg(const std::string& s, Span span, const Component* owner = nullptr, Sink* sink = nullptr);

// The string KFP would write for `a` (ir_text when set). `owner` decides
// `.output_file` vs `.path` for an OutputPath whose output_parameter flag is
// not set (e.g. an Arg lowered from a v1 outputPath).
std::string ir_placeholder_string(const Arg& a, const Component* owner = nullptr);

// As ir_placeholder_string but ignoring ir_text: KFP's canonical spelling.
std::string ir_placeholder_canonical(const Arg& a, const Component* owner = nullptr);

}  // namespace kfp
