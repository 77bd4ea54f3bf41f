// Small scans over raw text that yaml-cpp does not give us: encoding checks,
// where a scalar ends, and whether an error line is indented with a tab.
#pragma once
#include <optional>
#include <string_view>

#include "core/diag/span.h"

namespace kfp::yaml {

struct EncodingError {
  Pos pos;
  bool nul = false;
};
std::optional<EncodingError> find_encoding_error(std::string_view text);

// End (exclusive) of the scalar token starting at `begin`.
Pos scalar_end(std::string_view text, Pos begin);

bool line_indented_with_tab(std::string_view text, Pos p);
Pos tab_position(std::string_view text, Pos p);

// Position of byte `offset` (1-based line/col).
Pos pos_at(std::string_view text, size_t offset);

}  // namespace kfp::yaml
