#include "core/emit/pyfmt.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#include "core/util/py_json_quote.h"

namespace kfp {

std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    size_t len = utf8_decode(s, i, &cp);
    out.push_back(len ? cp : 0xFFFD);
    i += len ? len : 1;
  }
  return out;
}

// Shortest scientific form that reads back as the same double. libc++ in
// Debian's emscripten (clang 14) has no floating-point std::to_chars, so
// search the precision with snprintf/strtod, which every libc has.
static std::string shortest_scientific(double d) {
  char buf[64];
  for (int prec = 0; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

std::string python_float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  // Shortest round-trip digits, as CPython's repr (David Gay's mode 0).
  std::string sci = shortest_scientific(d);
  std::string sign;
  size_t p = 0;
  if (sci[0] == '-') {
    sign = "-";
    p = 1;
  }
  size_t e = sci.find('e');
  std::string digits;
  for (size_t i = p; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  int exp10 = std::stoi(sci.substr(e + 1));
  // Drop trailing zeros (to_chars already gives the shortest, but be safe).
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  int decpt = exp10 + 1;  // value = 0.DIGITS * 10^decpt
  int n = static_cast<int>(digits.size());
  if (digits == "0") decpt = 1;
  std::string out = sign;
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (n > 1) out += "." + digits.substr(1);
    int x = decpt - 1;
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
    out += eb;
  } else if (decpt <= 0) {
    out += "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
  } else if (decpt < n) {
    out += digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
  } else {
    out += digits + std::string(static_cast<size_t>(decpt - n), '0') + ".0";
  }
  return out;
}

namespace {

// str.isprintable() for the characters KFP files hold: everything but
// controls, separators other than the space, format characters and
// surrogates/private use (an approximation of Unicode categories).
bool py_printable(char32_t c) {
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  if (c <= 0xA0) return false;  // C1 controls and NBSP (Zs)
  if (c == 0xAD) return false;  // soft hyphen (Cf)
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
      (c >= 0x205F && c <= 0x2064) || c == 0x3000 || c == 0xFEFF)
    return false;
  if (c >= 0xD800 && c <= 0xF8FF) return false;  // surrogates, private use
  if (c >= 0xFFF0 && c <= 0xFFFB) return false;
  if (c >= 0xF0000) return false;
  return true;
}

void hex_escape(std::string& out, const char* prefix, unsigned v, int width, bool upper = false) {
  char b[16];
  std::snprintf(b, sizeof b, upper ? "%0*X" : "%0*x", width, v);
  out += prefix;
  out += b;
}

}  // namespace

std::string python_str_repr(const std::string& s) {
  std::u32string u = utf8_to_u32(s);
  char quote = '\'';
  bool has_sq = s.find('\'') != std::string::npos, has_dq = s.find('"') != std::string::npos;
  if (has_sq && !has_dq) quote = '"';
  std::string out(1, quote);
  for (char32_t c : u) {
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (py_printable(c)) {
      append_utf8(out, c);
    } else if (c <= 0xFF) {
      hex_escape(out, "\\x", c, 2);
    } else if (c <= 0xFFFF) {
      hex_escape(out, "\\u", c, 4);
    } else {
      hex_escape(out, "\\U", c, 8);
    }
  }
  out += quote;
  return out;
}

namespace {

// "[a, b]" or "{k: a}" with Python's default separators: repr() and
// json.dumps() differ only in how they write the keys and the values.
template <class Value, class Key>
std::string container_text(const Json& v, Value value, Key key) {
  std::string out = v.is_object() ? "{" : "[";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    if (v.is_object()) out += key(it.key()) + ": ";
    out += value(it.value());
  }
  return out + (v.is_object() ? "}" : "]");
}

}  // namespace

std::string python_repr(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "None";
    case Json::value_t::boolean: return v.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case Json::value_t::number_float: return python_float_repr(v.get<double>());
    case Json::value_t::string: return python_str_repr(v.get<std::string>());
    case Json::value_t::array:
    case Json::value_t::object: return container_text(v, python_repr, python_str_repr);
    default: return "None";
  }
}

std::string python_str(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  return python_repr(v);
}

std::string json_dumps(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case Json::value_t::number_float: {
      double d = v.get<double>();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d < 0 ? "-Infinity" : "Infinity";
      return python_float_repr(d);
    }
    case Json::value_t::string: return py_json_quote(v.get<std::string>());
    case Json::value_t::array:
    case Json::value_t::object:
      return container_text(v, json_dumps, [](const std::string& k) { return py_json_quote(k); });
    default: return "null";
  }
}

}  // namespace kfp
