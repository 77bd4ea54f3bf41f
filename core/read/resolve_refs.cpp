// Links v1 graph tasks whose componentRef names a component by digest, url or
// name to a component read from another open file.
//
// KFP v1 itself fetches `url` (or searches a component store by name/digest)
// and never verifies the digest. Here the "store" is the set of open files:
//  1. digest: a file whose KFP digest (sha256 of its text, CRLF -> LF, as
//     kfp/components/_components.py computes it) equals componentRef.digest;
//  2. url: the open file whose path shares the longest trailing path with the
//     URL (the corpus flattens a/b/component.yaml into a__b__component.yaml,
//     so "__" in a file name also separates segments);
//  3. name: a component whose `name` equals componentRef.name.
// A url/name match whose digest differs from componentRef.digest is an error:
// the open file is not the version the pipeline pins. Refs that match nothing
// are warnings; their task keeps a null component (connections unchecked).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/read/readers.h"
#include "core/read/v1_graph.h"
#include "core/util/sha256.h"

namespace kfp {
namespace {

// One way to read an open file's path as a URL path: its segments, and how
// many trailing segments a URL must share for the file to count as a match.
struct PathForm {
  std::vector<std::string> segs;
  size_t min_match = 1;
};

struct Candidate {
  FileId file;
  const std::string* path;
  std::shared_ptr<Component> comp;
  std::vector<PathForm> forms;
  // A v1 graph's text while its digest is not computed yet (see digest()).
  mutable const std::string* undigested = nullptr;
};

// Component::digest of a candidate. A v1 component's digest goes into every
// Argo template made from it, so it is computed up front; a v1 graph's only
// when a reference needs it: hashing the pipeline file was 3-4 % of
// analysing a large pipeline that no digest refers to.
const std::string& digest(const Candidate& c) {
  if (c.undigested) {
    c.comp->digest = kfp_component_digest(*c.undigested);
    c.undigested = nullptr;
  }
  return c.comp->digest;
}

std::vector<std::string> split(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (seps.find(ch) != std::string_view::npos) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<std::string> url_segments(std::string_view url) {
  if (auto q = url.find_first_of("?#"); q != std::string_view::npos) url = url.substr(0, q);
  if (auto s = url.find("://"); s != std::string_view::npos) {
    url = url.substr(s + 3);
    auto slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  return split(url, "/");
}

bool generic_name(const std::string& base) { return base == "component.yaml" || base == "component.yml"; }

// A file name alone says little when it is the generic "component.yaml", so
// such a match needs its folder too. A flattened name (a__b__component.yaml)
// spells a repository path, and all of it must match: otherwise
// x__from_CSV__component.yaml would match any .../from_CSV/component.yaml.
std::vector<PathForm> path_forms(std::string_view path) {
  std::vector<std::string> segs = split(path, "/\\");
  std::vector<PathForm> forms;
  if (segs.empty()) return forms;
  forms.push_back(PathForm{segs, generic_name(segs.back()) ? size_t{2} : size_t{1}});
  const std::string last = segs.back();
  if (last.find("__") != std::string::npos) {
    std::vector<std::string> expanded(segs.begin(), segs.end() - 1);
    size_t parts = 0, from = 0;
    for (size_t at; (at = last.find("__", from)) != std::string::npos; from = at + 2) {
      if (at > from) {
        expanded.push_back(last.substr(from, at - from));
        ++parts;
      }
    }
    expanded.push_back(last.substr(from));
    ++parts;
    forms.push_back(PathForm{std::move(expanded), std::max<size_t>(parts, 2)});
  }
  return forms;
}

size_t common_suffix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t k = 0;
  while (k < a.size() && k < b.size() && a[a.size() - 1 - k] == b[b.size() - 1 - k]) ++k;
  return k;
}

// How well an open file's path matches a URL: the number of trailing path
// segments they share, or 0 when that is not evidence enough.
size_t url_score(const std::vector<std::string>& url, const Candidate& c) {
  size_t best = 0;
  for (const auto& f : c.forms) {
    size_t k = common_suffix(url, f.segs);
    if (k >= f.min_match) best = std::max(best, k);
  }
  return best;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

class Resolver {
 public:
  Resolver(Workspace& ws, Sink& sink) : sink_(sink) {
    for (size_t i = 0; i < ws.size(); ++i) {
      SourceFile& f = ws.file(static_cast<FileId>(i));
      if (!f.component) continue;
      cands_.push_back(Candidate{static_cast<FileId>(i), &f.path, f.component, path_forms(f.path)});
      if (f.kind == FileKind::V1Component) f.component->digest = kfp_component_digest(f.text);
      if (f.kind == FileKind::V1Graph) cands_.back().undigested = &f.text;
    }
  }

  void run() {
    for (auto& c : cands_) walk(*c.comp, c.file);
  }

 private:
  void walk(Component& comp, FileId root) {
    if (!comp.dag) return;
    for (auto& t : comp.dag->tasks) {
      if (t.ref.inline_spec) {
        if (t.component) walk(*t.component, root);
        continue;
      }
      if (!t.component) resolve(t, root);
    }
  }

  std::string describe(const ComponentRef& r, const Task& t) const {
    if (!r.url.value.empty()) return "'" + r.url.value + "'";
    if (!r.name.value.empty()) return "named '" + r.name.value + "'";
    if (!r.digest.value.empty()) return "with digest " + r.digest.value;
    if (t.extra.contains("componentRef")) return "with tag '" + t.extra["componentRef"].value("tag", "") + "'";
    return "of task '" + t.name.value + "'";
  }

  Span where(const ComponentRef& r) const {
    for (const auto* l : {&r.url, &r.name, &r.digest})
      if (!l->value.empty() && l->span.valid()) return l->span;
    return r.span;
  }

  // Several best matches are fine when they are the same text.
  const Candidate* pick(const std::vector<const Candidate*>& best, const Task& t) {
    if (best.empty()) return nullptr;
    bool same = std::all_of(best.begin(), best.end(), [&](const Candidate* c) {
      return !digest(*c).empty() && digest(*c) == digest(*best[0]);
    });
    if (same || best.size() == 1) return best[0];
    std::string names;
    for (size_t i = 0; i < best.size() && i < 3; ++i) names += (i ? ", '" : "'") + *best[i]->path + "'";
    if (best.size() > 3) names += ", ...";
    sink_.report(DiagId::warn_v1_ref_ambiguous, where(t.ref), {describe(t.ref, t), names});
    ambiguous_ = true;
    return nullptr;
  }

  // Links never form a cycle (a component containing itself would send the
  // checks and emitters round forever). Inline specs live in their file, so
  // "uses" between files is the whole story: a link from file `from` to
  // file `to` is refused when `to` already reaches `from`. Decided once per
  // pair of files, so thousands of tasks cost one search.
  bool link_allowed(FileId from, FileId to) {
    auto key = std::make_pair(from, to);
    if (auto it = decided_.find(key); it != decided_.end()) return it->second;
    bool cycle = from == to;
    std::set<FileId> seen{to};
    std::vector<FileId> stack{to};
    while (!cycle && !stack.empty()) {
      FileId f = stack.back();
      stack.pop_back();
      for (FileId n : edges_[f]) {
        if (n == from) cycle = true;
        if (seen.insert(n).second) stack.push_back(n);
      }
    }
    if (!cycle) edges_[from].insert(to);
    decided_[key] = !cycle;
    return !cycle;
  }

  void resolve(Task& t, FileId root) {
    const ComponentRef& r = t.ref;
    const Candidate* hit = nullptr;
    std::string how;
    ambiguous_ = false;
    std::string want = lower(r.digest.value);
    if (!want.empty()) {
      for (const auto& c : cands_)
        if (digest(c) == want) {
          hit = &c;
          how = "digest";
          break;
        }
    }
    if (!hit && !r.url.value.empty()) {
      auto url = url_segments(r.url.value);
      size_t top = 0;
      std::vector<const Candidate*> best;
      for (const auto& c : cands_) {
        size_t s = url_score(url, c);
        if (s == 0 || s < top) continue;
        if (s > top) best.clear();
        top = s;
        best.push_back(&c);
      }
      hit = pick(best, t);
      how = "url";
    }
    if (!hit && !ambiguous_ && !r.name.value.empty()) {
      std::vector<const Candidate*> best;
      for (const auto& c : cands_)
        if (c.comp->name.value == r.name.value) best.push_back(&c);
      hit = pick(best, t);
      how = "name";
    }
    if (ambiguous_) return;
    if (!hit) {
      sink_.report(DiagId::warn_v1_ref_unresolved, where(r), {describe(r, t)});
      return;
    }
    if (!link_allowed(root, hit->file)) {
      sink_.report(DiagId::warn_v1_ref_cycle, where(r), {describe(r, t), *hit->path});
      return;
    }
    if (!want.empty() && how != "digest" && digest(*hit) != want) {
      Span target = Span{hit->file, Pos{1, 1, 0}, Pos{1, 1, 0}};
      sink_.report(DiagId::err_v1_ref_digest_mismatch, r.digest.span,
                   {r.digest.value, *hit->path, how, digest(*hit)})
          .note(DiagId::note_v1_ref_target, target, {how});
    }
    t.component = hit->comp;
    auto [it, fresh] = kinds_.try_emplace(hit->comp.get());
    if (fresh) it->second = input_kinds(*hit->comp);
    classify_v1_arguments(t, it->second);
  }

  Sink& sink_;
  std::vector<Candidate> cands_;
  bool ambiguous_ = false;
  std::map<const Component*, InputKinds> kinds_;  // many tasks may share one component
  std::map<FileId, std::set<FileId>> edges_;      // accepted links between files
  std::map<std::pair<FileId, FileId>, bool> decided_;
};

}  // namespace

void resolve_refs(Workspace& ws, Sink& sink) { Resolver(ws, sink).run(); }

}  // namespace kfp
