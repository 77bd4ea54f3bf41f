// Source positions. Every model element carries a Span so that any diagnostic,
// however late in the pipeline, can point back at the text the user wrote.
#pragma once
#include <cstdint>
#include <string>

namespace kfp {

// 1-based line and column (column counts bytes), 0-based byte offset.
struct Pos {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t offset = 0;
  bool valid() const { return line != 0; }
};

// Index into the Workspace's file list (see core/read/workspace.h); -1 = none.
using FileId = int32_t;
constexpr FileId kNoFile = -1;

// [begin, end) in one file. end may equal begin when only a point is known.
struct Span {
  FileId file = kNoFile;
  Pos begin;
  Pos end;
  bool valid() const { return file != kNoFile && begin.valid(); }
};

template <class T>
struct Located {
  T value{};
  Span span;
};

}  // namespace kfp
