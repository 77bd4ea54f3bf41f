// KFP v2 conditions (triggerPolicy.condition, a CEL expression over the group
// task's inputs) to Argo `when` expressions (govaluate over substituted text),
// written the way KFP v1 wrote them: operands that are strings in double
// quotes ("{{tasks.flip.outputs.parameters.flip-output}}" == "heads"),
// numbers bare.
#include <cctype>

#include "core/emit/argo_internal.h"

namespace kfp::argo_emit {
namespace {

struct Lexer {
  const std::string& s;
  size_t i = 0;
  void ws() {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  }
  bool eat(std::string_view t) {
    ws();
    if (s.compare(i, t.size(), t) == 0) {
      i += t.size();
      return true;
    }
    return false;
  }
  // A quoted CEL string starting at i ('...' or "..."); false if none.
  bool string(std::string* out) {
    ws();
    if (i >= s.size() || (s[i] != '\'' && s[i] != '"')) return false;
    char q = s[i++];
    out->clear();
    while (i < s.size() && s[i] != q) {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      *out += s[i++];
    }
    if (i >= s.size()) return false;
    ++i;
    return true;
  }
};

std::string quote(const std::string& v) {
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

// inputs.parameter_values['x'] or inputs.parameters['x'].<kind>_value; sets
// *numeric for int_value/double_value.
bool param_ref(Lexer& lx, std::string* name, bool* numeric) {
  size_t save = lx.i;
  *numeric = false;
  if (lx.eat("inputs.parameter_values[")) {
    if (lx.string(name) && lx.eat("]")) return true;
  } else if (lx.eat("inputs.parameters[")) {
    if (lx.string(name) && lx.eat("]")) {
      if (lx.eat(".string_value")) return true;
      if (lx.eat(".int_value") || lx.eat(".double_value") || lx.eat(".number_value")) {
        *numeric = true;
        return true;
      }
      if (lx.eat(".bool_value")) return true;
    }
  }
  lx.i = save;
  return false;
}

}  // namespace

bool translate_condition(const std::string& cel, const std::map<std::string, std::string>& input, std::string* out) {
  Lexer lx{cel};
  std::string w;
  auto value = [&](const std::string& n, std::string* v) {
    auto it = input.find(n);
    if (it == input.end()) return false;
    *v = it->second;
    return true;
  };
  while (true) {
    lx.ws();
    if (lx.i >= cel.size()) break;
    std::string name, v, lit;
    bool numeric = false;
    size_t save = lx.i;
    size_t casts = 0;  // int(...), double(...), nested as KFP writes them: double(int(x))
    while (lx.eat("int(") || lx.eat("double(")) {
      ++casts;
      lx.ws();
    }
    if (casts) {
      if (param_ref(lx, &name, &numeric)) {
        if (!value(name, &v)) return false;
        w += v;
      } else {
        size_t b = lx.i;
        while (lx.i < cel.size() && (std::isdigit(static_cast<unsigned char>(cel[lx.i])) || cel[lx.i] == '.' ||
                                     cel[lx.i] == '-' || cel[lx.i] == 'e' || cel[lx.i] == 'E'))
          ++lx.i;
        if (lx.i == b) return false;
        w += cel.substr(b, lx.i - b);
      }
      for (size_t k = 0; k < casts; ++k) {
        lx.ws();
        if (!lx.eat(")")) return false;
      }
    } else if (param_ref(lx, &name, &numeric)) {
      if (!value(name, &v)) return false;
      w += numeric ? v : quote(v);
    } else if (lx.string(&lit)) {
      w += quote(lit);
    } else if (lx.eat("true")) {
      w += quote("true");
    } else if (lx.eat("false")) {
      w += quote("false");
    } else {
      lx.i = save;
      static const char* kOps[] = {"==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")"};
      bool matched = false;
      for (const char* op : kOps) {
        if (lx.eat(op)) {
          w += (w.empty() || w.back() == '(' || std::string(op) == "(" || std::string(op) == ")" ||
                std::string(op) == "!")
                   ? std::string(op)
                   : " " + std::string(op) + " ";
          matched = true;
          break;
        }
      }
      if (matched) continue;
      char ch = cel[lx.i];
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '-' || ch == '.') {
        size_t b = lx.i;
        while (lx.i < cel.size() && (std::isdigit(static_cast<unsigned char>(cel[lx.i])) || cel[lx.i] == '.' ||
                                     cel[lx.i] == '-' || cel[lx.i] == 'e' || cel[lx.i] == 'E'))
          ++lx.i;
        w += cel.substr(b, lx.i - b);
        continue;
      }
      return false;  // identifiers, functions, `in`, ...: no govaluate equivalent here
    }
  }
  // Tidy spacing: " == " between operands was added by the operators.
  std::string tidy;
  for (size_t i = 0; i < w.size(); ++i) {
    if (w[i] == ' ' && !tidy.empty() && tidy.back() == ' ') continue;
    tidy += w[i];
  }
  while (!tidy.empty() && tidy.back() == ' ') tidy.pop_back();
  while (!tidy.empty() && tidy.front() == ' ') tidy.erase(tidy.begin());
  *out = tidy;
  return !tidy.empty();
}

}  // namespace kfp::argo_emit
