// Google-style docstrings the way docstring_parser (>=0.7,<1) reads them,
// reduced to what KFP keeps. The rules that matter for byte-exact output:
//  - section titles are whole lines `Args:` (also Arguments, Parameters,
//    Params, Raises, Exceptions, Except, Attributes, Example(s), Returns,
//    Yields) at column 0 of the cleaned text; the description is what comes
//    before the first one;
//  - a section's entries start at lines indented exactly like its first line;
//    `name (type): text` gives `name`, the text's continuation lines are
//    cleandoc'ed; a repeated title replaces the earlier section;
//  - a section the parser cannot read (empty, unindented) makes the Google
//    parser fail; docstring_parser then falls back to the reST parser, whose
//    description is the whole text and which finds no `Args`.
#include "core/python/kfp_docstring.h"

#include <algorithm>
#include <climits>
#include <vector>

namespace kfp::py {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t nl = s.find('\n', pos);
    out.push_back(s.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos));
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "\n" : "") + v[i];
  return out;
}

std::string strip_chars(const std::string& s, const char* chars) {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

std::string strip_ws(const std::string& s) { return strip_chars(s, " \t\n\r\f\v"); }

const char* const kTitles[] = {"Arguments", "Args",  "Parameters", "Params",   "Raises",  "Exceptions",
                               "Except",    "Attributes", "Example", "Examples", "Returns", "Yields"};

bool is_param_title(const std::string& t) {
  return t == "Arguments" || t == "Args" || t == "Parameters" || t == "Params";
}
bool is_multiple_title(const std::string& t) {
  return is_param_title(t) || t == "Raises" || t == "Exceptions" || t == "Except" || t == "Attributes";
}

// The title a line is (`Args:` followed only by blanks other than newline), or "".
std::string title_of(const std::string& line) {
  for (const char* t : kTitles) {
    std::string tt = t;
    if (line.compare(0, tt.size() + 1, tt + ":") != 0) continue;
    bool rest_blank = true;
    for (size_t i = tt.size() + 1; i < line.size(); ++i)
      if (!(line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\f' || line[i] == '\v'))
        rest_blank = false;
    if (rest_blank) return tt;
  }
  return "";
}

// Python's str.expandtabs(8) on one line.
std::string expand_tabs(const std::string& line) {
  std::string out;
  for (char c : line) {
    if (c == '\t') {
      out.append(8 - out.size() % 8, ' ');
    } else {
      out += c;
    }
  }
  return out;
}

void fill_description(ParsedDocstring& d, const std::string& desc_chunk) {
  size_t nl = desc_chunk.find('\n');
  std::string first = desc_chunk.substr(0, nl);
  if (!first.empty()) d.short_description = first;
  if (nl != std::string::npos) {
    std::string rest = strip_ws(desc_chunk.substr(nl + 1));
    if (!rest.empty()) d.long_description = rest;
  }
}

}  // namespace

std::string clean_doc(const std::string& raw) {
  std::vector<std::string> lines = split_lines(raw);
  for (auto& l : lines) l = expand_tabs(l);
  size_t margin = SIZE_MAX;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    size_t b = l.find_first_not_of(" \t\n\r\f\v");
    if (b != std::string::npos) margin = std::min(margin, b);
  }
  if (!lines.empty()) {
    size_t b = lines[0].find_first_not_of(" \t\n\r\f\v");
    lines[0] = b == std::string::npos ? "" : lines[0].substr(b);
  }
  if (margin != SIZE_MAX)
    for (size_t i = 1; i < lines.size(); ++i) lines[i] = lines[i].size() > margin ? lines[i].substr(margin) : "";
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  while (!lines.empty() && lines.front().empty()) lines.erase(lines.begin());
  return join_lines(lines);
}

ParsedDocstring parse_docstring(const std::string& raw) {
  ParsedDocstring d;
  if (raw.empty()) return d;
  std::string text = clean_doc(raw);
  // Section titles: (title, offset of the line, offset after the title line).
  struct Title {
    std::string name;
    size_t begin, end;
  };
  std::vector<Title> titles;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t le = nl == std::string::npos ? text.size() : nl;
    std::string t = title_of(text.substr(pos, le - pos));
    // The regex's `$` matches before the newline: the title match ends at `le`.
    if (!t.empty()) titles.push_back({t, pos, le});
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  std::string desc_chunk = titles.empty() ? text : text.substr(0, titles[0].begin);
  // Sections, in first-seen order, later ones with the same title replacing earlier ones.
  std::vector<std::pair<std::string, std::string>> chunks;
  for (size_t j = 0; j < titles.size(); ++j) {
    size_t end = j + 1 < titles.size() ? titles[j + 1].begin : text.size();
    std::string chunk = strip_chars(text.substr(titles[j].end, end - titles[j].end), "\n");
    auto it = std::find_if(chunks.begin(), chunks.end(), [&](const auto& c) { return c.first == titles[j].name; });
    if (it != chunks.end()) it->second = chunk;
    else chunks.emplace_back(titles[j].name, chunk);
  }
  std::map<std::string, std::string> params;
  bool failed = false;
  for (const auto& [title, chunk] : chunks) {
    size_t ind = 0;
    while (ind < chunk.size() && is_space(chunk[ind])) ++ind;
    if (ind == 0) {  // "Can't infer indent"
      failed = true;
      break;
    }
    if (!is_multiple_title(title)) continue;  // Returns/Yields/Examples: one entry, not a parameter
    std::string indent = chunk.substr(0, ind);
    // Entry starts: lines that begin with exactly `indent` then a non-space.
    std::vector<size_t> starts;  // offsets just after the indent
    size_t p = 0;
    while (p <= chunk.size()) {
      if (chunk.compare(p, indent.size(), indent) == 0 && p + indent.size() < chunk.size() &&
          !is_space(chunk[p + indent.size()]))
        starts.push_back(p + indent.size());
      size_t nl = chunk.find('\n', p);
      if (nl == std::string::npos) break;
      p = nl + 1;
    }
    if (starts.empty()) {  // "No specification for ..."
      failed = true;
      break;
    }
    for (size_t k = 0; k < starts.size(); ++k) {
      size_t e = k + 1 < starts.size() ? starts[k + 1] - indent.size() : chunk.size();
      std::string part = strip_chars(chunk.substr(starts[k], e - starts[k]), "\n");
      size_t colon = part.find(':');
      if (colon == std::string::npos) {  // docstring_parser raises; KFP would fail outright
        failed = true;
        break;
      }
      std::string before = part.substr(0, colon), desc = part.substr(colon + 1);
      if (!desc.empty()) {
        if (desc[0] == ' ') desc = desc.substr(1);
        size_t nl = desc.find('\n');
        if (nl != std::string::npos) desc = desc.substr(0, nl) + "\n" + clean_doc(desc.substr(nl + 1));
        desc = strip_chars(desc, "\n");
      }
      if (!is_param_title(title)) continue;
      // GOOGLE_TYPED_ARG_REGEX: `name (type)` -> name (leading blanks dropped, trailing before '(' too).
      std::string name = before;
      size_t open = before.find('(');
      size_t close = before.rfind(')');
      if (open != std::string::npos && close != std::string::npos && close > open) {
        std::string inner = strip_ws(before.substr(open + 1, close - open - 1));
        std::string head = strip_ws(before.substr(0, open));
        if (!inner.empty() && !head.empty()) name = head;
      }
      params[name] = desc;
    }
    if (failed) break;
  }
  if (failed) {
    // The reST parser's reading: the whole text is the description.
    fill_description(d, text);
    d.parse_error = true;
    return d;
  }
  fill_description(d, desc_chunk);
  d.params = std::move(params);
  return d;
}

std::optional<std::string> docstring_description(const ParsedDocstring& d) {
  std::string s;
  if (d.short_description && d.long_description) s = *d.short_description + "\n" + *d.long_description;
  else if (d.short_description) s = *d.short_description;
  else return std::nullopt;
  s = strip_ws(s);
  if (s.empty()) return std::nullopt;
  return s;
}

std::map<std::string, std::string> docstring_return_params(const std::string& text) {
  static const char* const kKeys[] = {"Returns:\n", "Returns\n", "Return:\n", "Return\n"};
  for (const char* k : kKeys) {
    std::string key = k;
    if (text.find(key) == std::string::npos) continue;
    std::string word = key.substr(0, key.size() - 1);
    std::string modified;
    size_t pos = 0;
    while (true) {
      size_t f = text.find(word, pos);
      if (f == std::string::npos) {
        modified += text.substr(pos);
        break;
      }
      modified += text.substr(pos, f - pos) + "Args:";
      pos = f + word.size();
    }
    return parse_docstring(modified).params;
  }
  return {};
}

}  // namespace kfp::py
