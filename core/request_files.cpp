#include "core/request_files.h"

#include <string>

#include "core/util/hex.h"
#include "core/util/utf8.h"

namespace kfp {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  bool files(std::vector<InputFile>* out) {
    ws();
    if (!eat('[')) return false;
    ws();
    if (eat(']')) return end();
    do {
      ws();
      InputFile f;
      if (!file(f, out->size())) return false;
      out->push_back(std::move(f));
      ws();
    } while (eat(','));
    return eat(']') && end();
  }

 private:
  // {"path": "...", "text": "..."}, the keys in either order, path optional.
  bool file(InputFile& f, size_t index) {
    if (!eat('{')) return false;
    bool has_path = false, has_text = false;
    std::string key;
    do {
      ws();
      if (!string(key)) return false;
      ws();
      if (!eat(':')) return false;
      ws();
      if (key == "path" && !has_path) {
        if (!string(f.path)) return false;
        has_path = true;
      } else if (key == "text" && !has_text) {
        if (!string(f.text)) return false;
        has_text = true;
      } else {
        return false;
      }
      ws();
    } while (eat(','));
    if (!eat('}') || !has_text) return false;
    if (!has_path) f.path = unnamed_input_path(index);
    return true;
  }

  // A JSON string into `out`: the bytes between escapes copied in runs.
  bool string(std::string& out) {
    out.clear();
    if (!eat('"')) return false;
    bool non_ascii = false;
    for (;;) {
      size_t run = i_;
      while (i_ < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        non_ascii |= c >= 0x80;
        ++i_;
      }
      out.append(s_.data() + run, i_ - run);
      if (i_ >= s_.size() || static_cast<unsigned char>(s_[i_]) < 0x20) return false;  // unterminated, control byte
      if (s_[i_++] == '"') break;
      if (!escape(out)) return false;
    }
    // Escapes write well-formed UTF-8; the raw bytes must be too.
    if (non_ascii) {
      char32_t cp;
      for (size_t k = 0; k < out.size();) {
        size_t n = utf8_decode(out, k, &cp);
        if (!n) return false;
        k += n;
      }
    }
    return true;
  }

  bool escape(std::string& out) {
    if (i_ >= s_.size()) return false;
    switch (s_[i_++]) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': {
        char32_t cp;
        if (!hex4(&cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t lo;
          if (!(eat('\\') && eat('u') && hex4(&lo) && lo >= 0xDC00 && lo <= 0xDFFF)) return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        append_utf8(out, cp);
        return true;
      }
      default: return false;
    }
  }

  bool hex4(char32_t* cp) {
    if (i_ + 4 > s_.size()) return false;
    char32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const int d = hex_digit(s_[i_++]);
      if (d < 0) return false;
      v = v * 16 + static_cast<char32_t>(d);
    }
    *cp = v;
    return true;
  }

  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool end() {
    ws();
    return i_ == s_.size();
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

std::string unnamed_input_path(size_t index) { return "input-" + std::to_string(index) + ".yaml"; }

bool read_files_json_fast(std::string_view text, std::vector<InputFile>* files) {
  std::vector<InputFile> got;
  if (!Reader(text).files(&got)) return false;
  for (auto& f : got) files->push_back(std::move(f));
  return true;
}

}  // namespace kfp
