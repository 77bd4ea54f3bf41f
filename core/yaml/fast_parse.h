// A fast path for the YAML that pipelines are made of. yaml-cpp's scanner
// reads about 10 MB/s (17 ms for a 164 KB, 1,000-task pipeline: more than
// everything else in an analysis together). This parser handles the common
// subset — block mappings and sequences, plain (also multi-line) / quoted /
// block scalars, simple flow collections, comments, UTF-8 text — and sends
// yaml-cpp's own events, with yaml-cpp's marks, to the same handler. Anything
// outside the subset (anchors, aliases, tags, document markers, directives,
// tabs, CR, byte-order marks, NEL and other C1 controls, line and paragraph
// separators, errors of any kind, ...) makes it give up, and
// load() runs yaml-cpp instead: yaml-cpp stays the authority on what is
// valid and on every syntax error's text and position.
//
// Its events are checked equal to yaml-cpp's, mark for mark, on every YAML
// file of the project and ../shared/corpus (tests/yaml_fast_parse_test.cpp)
// and by a fuzz target (fuzz/fuzz_yaml_fast.cpp).
#pragma once
#include <string_view>

namespace YAML {
class EventHandler;
}

namespace kfp::yaml {

// True when all of `text` was read and its events sent to `handler`. False
// when `text` needs yaml-cpp: `handler` may then have had some events,
// which the caller discards. Exceptions thrown by the handler pass through.
bool fast_parse(std::string_view text, YAML::EventHandler& handler);

}  // namespace kfp::yaml
