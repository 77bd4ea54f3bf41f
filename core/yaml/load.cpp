// yaml-cpp events -> located Tree. yaml-cpp throws on syntax errors; we catch
// here (the only place exceptions are caught in the YAML layer) and turn them
// into diagnostics with the position yaml-cpp gives.
#include "core/yaml/load.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <algorithm>
#include <string>
#include <unordered_map>

#include "core/yaml/fast_parse.h"
#include "core/yaml/text_scan.h"

namespace kfp::yaml {
namespace {

struct DepthExceeded {
  YAML::Mark mark;
};

// yaml-cpp 0.7 never advances past some tokens (a "," at the start of a
// block document): it emits null nodes at the same place forever. Found by
// fuzzing (tests/data/fuzz/yaml/); every real event moves forward within a
// few events, so many events in a row at one offset mean the parser is stuck.
struct NoProgress {
  YAML::Mark mark;
};
constexpr int kMaxEventsWithoutProgress = 1000;

class Builder final : public YAML::EventHandler {
 public:
  Builder(Tree& tree, std::string_view text, Sink& sink, const Limits& limits)
      : tree_(tree), text_(text), sink_(sink), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark& m) override {
    stack_.clear();
    items_.clear();
    entries_.clear();
    anchors_.clear();
    doc_begin_ = pos(m);
    root_ = nullptr;
  }
  void OnDocumentEnd() override {
    Document d;
    d.root = root_ ? root_ : null_node(doc_begin_);
    d.span = span(doc_begin_, d.root->span.end.valid() ? d.root->span.end : doc_begin_);
    tree_.docs.push_back(d);
  }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    progress(m);
    Node* n = null_node(pos(m));
    remember(a, n);
    attach(n);
  }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    progress(m);
    saw_alias_ = true;
    if (a < anchors_.size() && anchors_[a]) {
      attach(anchors_[a]);
    } else {
      sink_.report(DiagId::err_yaml_unknown_alias, span(pos(m), pos(m)), {std::to_string(a)});
      attach(null_node(pos(m)));
    }
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                const std::string& value) override {
    progress(m);
    Node* n = tree_.make();
    n->kind = Kind::Scalar;
    n->value = value;
    // yaml-cpp reports "?" for plain scalars and "!" for quoted/block ones.
    n->plain = (tag == "?" || tag.empty());
    if (tag != "?" && tag != "!") n->tag = tag;
    Pos b = pos(m);
    n->span = span(b, scalar_end(text_, b));
    remember(a, n);
    attach(n);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    open(Kind::Sequence, m, tag, a);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    open(Kind::Mapping, m, tag, a);
  }
  void OnMapEnd() override { close(); }

  Pos pos(const YAML::Mark& m) const {
    Pos p;
    p.line = static_cast<uint32_t>(m.line + 1);
    p.col = static_cast<uint32_t>(m.column + 1);
    p.offset = static_cast<uint32_t>(m.pos < 0 ? 0 : m.pos);
    return p;
  }
  Span span(Pos b, Pos e) const { return Span{tree_.file, b, e}; }
  bool saw_alias() const { return saw_alias_; }

 private:
  // The children of open collections wait in items_ / entries_ (a frame's
  // from `first` on) and move into their node once, at its end: growing each
  // node's own vector was ~10,000 reallocations for a 1,000-task pipeline.
  struct Frame {
    Node* node;
    size_t first = 0;
    const Node* pending_key = nullptr;
    // Keys seen so far, for duplicate detection; built only for mappings
    // with many entries (small ones are scanned: no allocation per mapping).
    std::unordered_map<std::string_view, const Node*> keys;
  };
  static constexpr size_t kScanKeys = 16;

  Node* null_node(Pos p) {
    Node* n = tree_.make();
    n->kind = Kind::Null;
    n->span = span(p, p);
    return n;
  }
  void progress(const YAML::Mark& m) {
    if (m.pos != last_pos_) {
      last_pos_ = m.pos;
      same_pos_ = 0;
    } else if (++same_pos_ > kMaxEventsWithoutProgress) {
      throw NoProgress{m};
    }
  }
  void remember(YAML::anchor_t a, const Node* n) {
    if (a == YAML::NullAnchor) return;
    if (anchors_.size() <= a) anchors_.resize(a + 1, nullptr);
    anchors_[a] = n;
  }
  void open(Kind k, const YAML::Mark& m, const std::string& tag, YAML::anchor_t a) {
    progress(m);
    if (stack_.size() >= limits_.max_depth) throw DepthExceeded{m};
    Node* n = tree_.make();
    n->kind = k;
    if (tag != "?" && tag != "!") n->tag = tag;
    n->span = span(pos(m), pos(m));
    remember(a, n);
    attach(n);
    stack_.push_back(Frame{n, k == Kind::Sequence ? items_.size() : entries_.size(), nullptr, {}});
  }
  void close() {
    Node* n = stack_.back().node;
    const size_t first = stack_.back().first;
    stack_.pop_back();
    if (n->kind == Kind::Sequence) {
      n->items.assign(items_.begin() + static_cast<std::ptrdiff_t>(first), items_.end());
      items_.resize(first);
    } else {
      n->entries.assign(entries_.begin() + static_cast<std::ptrdiff_t>(first), entries_.end());
      entries_.resize(first);
    }
    // A collection ends where its last child ends.
    if (n->kind == Kind::Sequence && !n->items.empty()) n->span.end = n->items.back()->span.end;
    if (n->kind == Kind::Mapping && !n->entries.empty()) n->span.end = n->entries.back().second->span.end;
    if (n->span.end.offset < n->span.begin.offset) n->span.end = n->span.begin;
  }
  void attach(const Node* n) {
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& f = stack_.back();
    if (f.node->kind == Kind::Sequence) {
      items_.push_back(n);
      return;
    }
    if (!f.pending_key) {
      f.pending_key = n;
      return;
    }
    const Node* key = f.pending_key;
    f.pending_key = nullptr;
    if (key->kind == Kind::Scalar) {
      const Node* first = nullptr;
      const auto begin = entries_.begin() + static_cast<std::ptrdiff_t>(f.first);
      if (entries_.size() - f.first < kScanKeys) {
        for (auto e = begin; e != entries_.end(); ++e)
          if (e->first->kind == Kind::Scalar && e->first->value == key->value) {
            first = e->first;
            break;
          }
      } else {
        if (f.keys.empty())  // first time past the scan limit: index what is there
          for (auto e = begin; e != entries_.end(); ++e)
            if (e->first->kind == Kind::Scalar) f.keys.emplace(e->first->value, e->first);
        auto [it, inserted] = f.keys.emplace(key->value, key);
        if (!inserted) first = it->second;
      }
      if (first) {
        f.node->repeated_key = true;  // readers take the last value (Node::last_wins)
        sink_.report(DiagId::err_yaml_duplicate_key, key->span, {key->value})
            .note(DiagId::note_first_key, first->span, {key->value});
      }
    }
    // Keep both entries so later readers can still see what the user wrote;
    // Node::get returns the first, as PyYAML's last-wins would silently hide it.
    entries_.emplace_back(key, n);
  }

  Tree& tree_;
  std::string_view text_;
  Sink& sink_;
  const Limits& limits_;
  std::vector<Frame> stack_;
  std::vector<const Node*> items_;
  std::vector<std::pair<const Node*, const Node*>> entries_;
  std::vector<const Node*> anchors_;
  const Node* root_ = nullptr;
  Pos doc_begin_;
  bool saw_alias_ = false;
  int last_pos_ = -1;
  int same_pos_ = 0;
};

Span point(FileId f, Pos p) { return Span{f, p, p}; }

// yaml-cpp starts a new document when content follows a complete node
// ("- a\nb: c" reads as two documents). YAML requires a "---" marker between
// documents, so content after a document without one is an error.
void check_document_markers(Tree& tree, std::string_view text, Sink& sink) {
  for (size_t i = 1; i < tree.docs.size(); ++i) {
    size_t from = tree.docs[i - 1].root->span.end.offset;
    size_t to = tree.docs[i].root->span.begin.offset;
    if (to > text.size() || from > to) continue;
    std::string_view between = text.substr(from, to - from);
    bool marker = between.find("---") != std::string_view::npos || between.find("...") != std::string_view::npos;
    if (!marker) {
      sink.report(DiagId::err_yaml_trailing, tree.docs[i].root->span);
      tree.docs.resize(i);
      return;
    }
  }
}

// Aliases share nodes, so the tree itself stays small; but every reader and
// to_json walks it expanded. Count the expanded size (memoized per node,
// saturating) and refuse documents past the limit: a "billion laughs" file
// is reported here instead of hanging a reader later.
void check_alias_expansion(Tree& tree, Sink& sink, const Limits& limits) {
  std::unordered_map<const Node*, size_t> memo;
  const size_t cap = limits.max_expanded_nodes + tree.arena.size() + 1;
  // Iterative post-order so deep trees cannot overflow the stack here.
  auto expanded = [&](const Node* root) {
    std::vector<std::pair<const Node*, bool>> st{{root, false}};
    while (!st.empty()) {
      auto [n, done] = st.back();
      st.pop_back();
      if (memo.count(n)) continue;
      if (!done) {
        st.push_back({n, true});
        for (const Node* c : n->items)
          if (!memo.count(c)) st.push_back({c, false});
        for (const auto& [k, v] : n->entries) {
          if (!memo.count(k)) st.push_back({k, false});
          if (!memo.count(v)) st.push_back({v, false});
        }
        continue;
      }
      size_t total = 1;
      for (const Node* c : n->items) total = std::min(cap, total + memo[c]);
      for (const auto& [k, v] : n->entries) total = std::min(cap, total + memo[k] + memo[v]);
      memo[n] = total;
    }
    return memo[root];
  };
  // Only aliases make the expanded tree larger than the text: a big document
  // without them is not a bomb, however many nodes it has.
  const size_t budget = limits.max_expanded_nodes + tree.arena.size();
  for (size_t i = 0; i < tree.docs.size(); ++i) {
    if (expanded(tree.docs[i].root) > budget) {
      sink.report(DiagId::err_yaml_alias_bomb, tree.docs[i].root->span,
                  {std::to_string(limits.max_expanded_nodes)});
      tree.docs.resize(i);
      return;
    }
  }
}

}  // namespace

Tree load(std::string_view text, FileId file, Sink& sink, const Limits& limits) {
  Tree tree;
  tree.file = file;
  if (text.size() > limits.max_bytes) {
    sink.report(DiagId::err_yaml_too_large, point(file, Pos{1, 1, 0}),
                {std::to_string(text.size()), std::to_string(limits.max_bytes)});
    return tree;
  }
  if (auto bad = find_encoding_error(text)) {
    sink.report(bad->nul ? DiagId::err_yaml_nul : DiagId::err_yaml_invalid_utf8, point(file, bad->pos));
    return tree;
  }
  // Most files take the fast path (fast_parse.h): the same events as
  // yaml-cpp's, several times faster. When it declines, or the document is
  // too deep, yaml-cpp reads the file from the start, errors and all.
  {
    const size_t reported = sink.all().size();
    Builder fast(tree, text, sink, limits);
    bool done = false;
    try {
      done = fast_parse(text, fast);
    } catch (const DepthExceeded&) {
    }
    // One document without aliases: no marker or expansion checks to make.
    if (done) return tree;
    tree = Tree{};
    tree.file = file;
    sink.all().erase(sink.all().begin() + static_cast<std::ptrdiff_t>(reported), sink.all().end());
  }
  std::string owned(text);
  std::istringstream in(owned);
  Builder builder(tree, text, sink, limits);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const DepthExceeded& e) {
    sink.report(DiagId::err_yaml_too_deep, point(file, builder.pos(e.mark)),
                {std::to_string(limits.max_depth)});
  } catch (const NoProgress& e) {
    Pos p = builder.pos(e.mark);
    bool comma = p.offset < text.size() && text[p.offset] == ',';
    sink.report(DiagId::err_yaml_syntax, point(file, p),
                {comma ? "',' is only allowed between the items of a [ ] or { } collection"
                       : "the YAML parser cannot get past this point"});
    // yaml-cpp returned each of those nulls as a document of its own: drop them.
    std::erase_if(tree.docs, [&](const Document& d) { return d.root->span.begin.offset == p.offset; });
  } catch (const YAML::DeepRecursion& e) {
    sink.report(DiagId::err_yaml_too_deep, point(file, builder.pos(e.mark)),
                {std::to_string(limits.max_depth)});
  } catch (const YAML::Exception& e) {
    Pos p = builder.pos(e.mark);
    if (e.mark.is_null()) p = Pos{1, 1, 0};
    if (line_indented_with_tab(text, p)) {
      sink.report(DiagId::err_yaml_tab_indent, point(file, tab_position(text, p)));
    } else {
      sink.report(DiagId::err_yaml_syntax, point(file, p), {e.msg});
    }
  } catch (const std::exception& e) {
    sink.report(DiagId::err_yaml_syntax, point(file, Pos{1, 1, 0}), {e.what()});
  }
  check_document_markers(tree, text, sink);
  // Without an alias every node is reached once: the expanded size is the
  // arena's, so the walk (a third of the load time of a big file) is skipped.
  if (builder.saw_alias()) check_alias_expansion(tree, sink, limits);
  return tree;
}

}  // namespace kfp::yaml
