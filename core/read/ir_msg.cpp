#include "core/read/ir_msg.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace kfp::ir {

namespace {

std::string lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Edit distance where swapping two neighbours counts as one edit ("nmae").
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  // No typo hunting in pathological input (the cost is names x length^2).
  if (word.size() > 200 || candidates.size() > 2000) return "";
  std::string w = lower(word);
  std::string best;
  size_t best_d = SIZE_MAX;
  for (const auto& c : candidates) {
    std::string lc = lower(c);
    size_t d = edit_distance(w, lc);
    // Also a prefix/suffix typo such as "components_1" or "xcomponents".
    if (w.size() > lc.size() && (w.compare(0, lc.size(), lc) == 0 || w.compare(w.size() - lc.size(), lc.size(), lc) == 0))
      d = std::min(d, size_t{1});
    if (d < best_d) best_d = d, best = c;
  }
  size_t limit = std::max<size_t>(1, std::min(w.size(), best.size()) / 3);
  return best_d <= limit ? best : std::string();
}

std::string snake_case(std::string_view camel) {
  std::string o;
  for (char c : camel) {
    if (std::isupper(static_cast<unsigned char>(c))) {
      o += '_';
      o += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      o += c;
    }
  }
  return o;
}

Span join(const Span& a, const Span& b) {
  Span s = a;
  if (b.valid() && b.end.offset >= a.end.offset) s.end = b.end;
  return s;
}

// PyYAML keeps the last value of a repeated key, at the first key.
std::vector<Entry> entries(const yaml::Node& map) { return map.last_wins(false); }

std::vector<Entry> map_entries(const yaml::Node* n, std::string_view what, Sink& sink) {
  if (!n || n->is_null()) return {};
  if (!n->is_map()) {
    sink.report(DiagId::err_ir_wrong_kind, n->span, {std::string(what), "a mapping", describe(*n)});
    return {};
  }
  return entries(*n);
}

Msg::Msg(const yaml::Node* n, std::string what, std::initializer_list<std::string_view> fields, Sink& sink)
    : node_(n), what_(std::move(what)), sink_(sink) {
  for (auto f : fields) fields_.emplace_back(f);
  if (!n || n->is_null()) return;
  if (!n->is_map()) {
    sink_.report(DiagId::err_ir_wrong_kind, n->span, {what_, "a mapping", describe(*n)});
    return;
  }
  entries_ = entries(*n);
  taken_.assign(entries_.size(), false);
  check_unknown();
}

int Msg::find(std::string_view field) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const yaml::Node* k = entries_[i].first;
    if (k->is_scalar() && (k->value == field || k->value == snake_case(field))) return static_cast<int>(i);
  }
  for (const auto& [f, i] : renamed_)
    if (f == field) return i;
  return -1;
}

void Msg::check_unknown() {
  for (size_t i = 0; i < entries_.size(); ++i) {
    const yaml::Node* k = entries_[i].first;
    std::string name = k->is_scalar() ? k->value : describe(*k);
    bool known = false;
    for (const auto& f : fields_)
      if (k->is_scalar() && (k->value == f || k->value == snake_case(f))) known = true;
    if (known) continue;
    Diagnostic& d = sink_.report(DiagId::err_ir_unknown_key, k->span, {name, what_});
    std::string guess = k->is_scalar() ? closest(k->value, fields_) : std::string();
    if (!guess.empty()) {
      d.note(DiagId::note_ir_did_you_mean, k->span, {guess});
      d.fixits.push_back(FixIt{k->span, guess});
      if (find(guess) < 0) renamed_.emplace_back(guess, static_cast<int>(i));
    } else {
      std::string list;
      for (const auto& f : fields_) list += (list.empty() ? "" : ", ") + f;
      d.note(DiagId::note_ir_valid_keys, k->span, {what_, list});
    }
  }
}

const yaml::Node* Msg::take(std::string_view field) {
  int i = find(field);
  if (i < 0) return nullptr;
  taken_[static_cast<size_t>(i)] = true;
  return entries_[static_cast<size_t>(i)].second;
}

const yaml::Node* Msg::key(std::string_view field) const {
  int i = find(field);
  return i < 0 ? nullptr : entries_[static_cast<size_t>(i)].first;
}

const yaml::Node* Msg::peek(std::string_view field) const {
  int i = find(field);
  return i < 0 ? nullptr : entries_[static_cast<size_t>(i)].second;
}

std::string Msg::path(std::string_view field) const { return what_ + "." + std::string(field); }

std::optional<Located<std::string>> Msg::str(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null() || (v->is_scalar() && yaml::resolve(*v).type == yaml::ScalarType::Null)) return std::nullopt;
  if (!is_str(*v)) {
    sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "a string", describe(*v)});
    return std::nullopt;
  }
  return Located<std::string>{v->value, v->span};
}

std::optional<bool> Msg::boolean(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_scalar()) {
    auto r = yaml::resolve(*v);
    if (r.type == yaml::ScalarType::Null) return std::nullopt;
    if (r.type == yaml::ScalarType::Bool) return r.b;
  }
  sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "true or false", describe(*v)});
  return std::nullopt;
}

std::optional<int64_t> Msg::integer(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_scalar()) {
    auto r = yaml::resolve(*v);
    if (r.type == yaml::ScalarType::Null) return std::nullopt;
    if (r.type == yaml::ScalarType::Int) return r.i;
    if (r.type == yaml::ScalarType::Float && std::isfinite(r.f) && std::floor(r.f) == r.f) return static_cast<int64_t>(r.f);
    if (r.type == yaml::ScalarType::String && !v->value.empty()) {  // proto JSON allows "5" for int64
      char* end = nullptr;
      long long x = std::strtoll(v->value.c_str(), &end, 10);
      if (end && *end == '\0') return static_cast<int64_t>(x);
    }
  }
  sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "an integer", describe(*v)});
  return std::nullopt;
}

std::optional<double> Msg::number(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_scalar()) {
    auto r = yaml::resolve(*v);
    if (r.type == yaml::ScalarType::Null) return std::nullopt;
    if (r.type == yaml::ScalarType::Int) return static_cast<double>(r.i);
    if (r.type == yaml::ScalarType::Float) return r.f;
    if (r.type == yaml::ScalarType::String && !v->value.empty()) {
      if (v->value == "NaN") return std::nan("");
      if (v->value == "Infinity") return HUGE_VAL;
      if (v->value == "-Infinity") return -HUGE_VAL;
      char* end = nullptr;
      double x = std::strtod(v->value.c_str(), &end);
      if (end && *end == '\0') return x;
    }
  }
  sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "a number", describe(*v)});
  return std::nullopt;
}

const yaml::Node* Msg::map(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_map()) {
    sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "a mapping", describe(*v)});
    return nullptr;
  }
  return v;
}

const yaml::Node* Msg::seq(std::string_view field) {
  const yaml::Node* v = take(field);
  if (!v || v->is_null()) return nullptr;
  if (!v->is_seq()) {
    sink_.report(DiagId::err_ir_wrong_kind, v->span, {path(field), "a list", describe(*v)});
    return nullptr;
  }
  return v;
}

Json Msg::rest() const {
  Json out = Json::object();
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (taken_[i]) continue;  // modelled (a misspelt key read as its field included)
    const yaml::Node* k = entries_[i].first;
    std::string name = k->is_scalar() ? k->value : yaml::to_json(k).dump();
    out[name] = yaml::to_json(entries_[i].second);
  }
  return out;
}

void Msg::keep_rest(Json& extra, const std::string& key, bool keep_empty) const {
  Json r = rest();
  if (!r.empty() || (keep_empty && present())) extra[key] = std::move(r);
}

void Msg::merge_rest(Json& extra) const {
  if (!extra.is_object()) extra = Json::object();
  Json r = rest();
  for (auto& [k, v] : r.items()) extra[k] = v;
}

}  // namespace kfp::ir
