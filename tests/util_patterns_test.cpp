// The hand-written matchers of core/util/patterns.h and the YAML implicit
// resolvers (core/emit/yaml_resolver.cpp) replaced std::regex objects. Each is
// pinned twice: hand-checked edge cases of the KFP/PyYAML regex it mirrors,
// and a comparison with that very std::regex (kept here, native only) over
// many strings built from the tokens that matter to the pattern. The
// generator is seeded, so every run sees the same strings.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "core/emit/yaml_writer.h"
#include "core/util/patterns.h"

namespace kfp {
namespace {

// `count` strings of 0..max_tokens tokens, plus every single token.
std::vector<std::string> token_strings(const std::vector<std::string>& tokens, int count, int max_tokens,
                                       unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> out(tokens.begin(), tokens.end());
  out.push_back("");
  for (int i = 0; i < count; ++i) {
    int n = static_cast<int>(rng() % (max_tokens + 1));
    std::string s;
    for (int k = 0; k < n; ++k) s += tokens[rng() % tokens.size()];
    out.push_back(s);
  }
  return out;
}

// Single characters are tokens too, so the char classes are crossed at every byte.
std::vector<std::string> with_all_bytes(std::vector<std::string> tokens) {
  for (int c = 1; c < 256; ++c) tokens.push_back(std::string(1, static_cast<char>(c)));
  tokens.push_back(std::string(1, '\0'));
  return tokens;
}

void expect_same_language(const char* pattern, bool (*mine)(std::string_view), const std::vector<std::string>& tokens,
                          unsigned seed) {
  const std::regex re(pattern);
  for (const std::string& s : token_strings(tokens, 20000, 7, seed))
    ASSERT_EQ(mine(s), std::regex_match(s, re)) << pattern << " on '" << s << "'";
}

TEST(UtilPatterns, CpuQuantity) {
  using pat::is_cpu_quantity;
  for (const char* ok : {"500m", "0.5", ".5", "1", "10", "1.25m", "007", ".5m"}) EXPECT_TRUE(is_cpu_quantity(ok)) << ok;
  for (const char* no : {"5.", "m", "", ".", "5.m", "1.2.3", "-1", "1e3", "0.5 ", " 1", "500mm", "500M", "1,5", "5m\n"})
    EXPECT_FALSE(is_cpu_quantity(no)) << no;
  expect_same_language(R"(([0-9]*[.])?[0-9]+m?)", is_cpu_quantity,
                       with_all_bytes({"1", "05", ".", "m", "..", "mm", "9m"}), 1);
}

TEST(UtilPatterns, MemoryQuantity) {
  using pat::is_memory_quantity;
  for (const char* ok : {"1Gi", "1G", "512", "10Mi", "1E", "1Ei", "3Ki", "0K"}) EXPECT_TRUE(is_memory_quantity(ok)) << ok;
  for (const char* no : {"1.5G", "Gi", "", "1g", "1Gii", "1GiB", "1 Gi", "1Ki2", "1iG", "1k", "-1"})
    EXPECT_FALSE(is_memory_quantity(no)) << no;
  expect_same_language(R"([0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?)", is_memory_quantity,
                       with_all_bytes({"12", "E", "Ei", "P", "Pi", "T", "Ti", "G", "Gi", "M", "Mi", "K", "Ki", "i"}),
                       2);
}

TEST(UtilPatterns, Digits) {
  EXPECT_TRUE(pat::is_digits("0"));
  EXPECT_TRUE(pat::is_digits("0012"));
  for (const char* no : {"", "1.0", "-1", "+1", " 1", "1 ", "1_000", "x"}) EXPECT_FALSE(pat::is_digits(no)) << no;
  expect_same_language(R"(\d+)", pat::is_digits, with_all_bytes({"12", "0"}), 3);
}

TEST(UtilPatterns, WorkspaceSize) {
  using pat::is_workspace_size;
  for (const char* ok : {"10Gi", "500Mi", "1Ti", "0", "0.5Gi", "1.25", "100", "7E", "3K"})
    EXPECT_TRUE(is_workspace_size(ok)) << ok;
  for (const char* no : {"", "01Gi", "1.", ".5Gi", "1.5.5", "10Gb", "10gi", "Gi", "-1Gi", "1e3", "10 Gi", "0x10"})
    EXPECT_FALSE(is_workspace_size(no)) << no;
  expect_same_language(R"((?:(?:0|[1-9]\d*)(?:\.\d+)?)(?:Ki|Mi|Gi|Ti|Pi|Ei|K|M|G|T|P|E)?)", is_workspace_size,
                       with_all_bytes({"0", "1", "09", ".", ".5", "Ki", "Gi", "K", "E", "i"}), 4);
}

TEST(UtilPatterns, LegalSubvarName) {
  using pat::is_legal_subvar_name;
  for (const char* ok : {"a", "_", "A_1", "_9", "name"}) EXPECT_TRUE(is_legal_subvar_name(ok)) << ok;
  for (const char* no : {"", "1a", "a-b", "a b", "a.b", "\xc3\xa9"}) EXPECT_FALSE(is_legal_subvar_name(no)) << no;
  expect_same_language(R"(^[a-zA-Z_][0-9a-zA-Z_]*$)", is_legal_subvar_name, with_all_bytes({"ab", "_", "9"}), 5);
}

TEST(UtilPatterns, GoogleTypeName) {
  using pat::is_google_type_name;
  for (const char* ok : {"google.VertexModel", "googleXab", "google-A"}) EXPECT_TRUE(is_google_type_name(ok)) << ok;
  for (const char* no : {"google.", "google", "google.Vertex1", "google.a.b", "Google.A", "google\nA", "google\rA",
                         "xgoogle.A", "google.A "})
    EXPECT_FALSE(is_google_type_name(no)) << no;
  // regex_search, as the caller did: the anchors make it a full match.
  const std::regex re(R"(^google.[A-Za-z]+$)");
  for (const std::string& s : token_strings(with_all_bytes({"google", ".", "Ab", "z"}), 20000, 4, 6))
    ASSERT_EQ(is_google_type_name(s), std::regex_search(s, re)) << s;
}

TEST(UtilPatterns, FloatLiteralShape) {
  using pat::is_float_literal_shape;
  for (const char* ok : {"1.5", "-1_000.0_1", "1e5", "1E-5", ".5", "5.", "+3", "1_0e1_0", "", ".", "+", "e5"})
    EXPECT_TRUE(is_float_literal_shape(ok)) << ok;
  for (const char* no : {"1__0", "_1", "1_", "1._5", "1.5.", "1e", "1e+", "1e_5", "--1", "inf", "0x10", "1 ", "1.5e5e5"})
    EXPECT_FALSE(is_float_literal_shape(no)) << no;
  expect_same_language(R"(^[+-]?((\d(_?\d)*)?\.?(\d(_?\d)*)?)([eE][+-]?\d(_?\d)*)?$)", is_float_literal_shape,
                       with_all_bytes({"1", "23", "_", ".", "e", "E", "+", "-", "_5"}), 7);
}

TEST(UtilPatterns, TypingShortName) {
  std::string n;
  ASSERT_TRUE(pat::typing_short_name("typing.List[int]", &n));
  EXPECT_EQ(n, "List");
  ASSERT_TRUE(pat::typing_short_name("Dict[str, List[int]]", &n));
  EXPECT_EQ(n, "Dict");
  ASSERT_TRUE(pat::typing_short_name("typing", &n));
  EXPECT_EQ(n, "typing");
  ASSERT_TRUE(pat::typing_short_name("List[]]", &n));  // `.+` may be the ']'
  EXPECT_EQ(n, "List");
  for (const char* no : {"typing.List[]", "List[int]x", "List[int", "typing.", "typing.[int]", "a.b", "List[\n]", "List[\r]",
                         "List [int]", ""})
    EXPECT_FALSE(pat::typing_short_name(no, &n)) << no;
  const std::regex re(R"(^(?:typing\.)?(\w+)(?:\[.+\])?$)");
  for (const std::string& s : token_strings(with_all_bytes({"typing.", "typing", "List", "[", "]", "int", ".", "\n"}),
                                            20000, 6, 8)) {
    std::smatch m;
    bool want = std::regex_match(s, m, re);
    std::string got;
    ASSERT_EQ(pat::typing_short_name(s, &got), want) << s;
    if (want) {
      ASSERT_EQ(got, m[1].str()) << s;
    }
  }
}

TEST(UtilPatterns, TypingItemAndValueTypes) {
  std::string t;
  ASSERT_TRUE(pat::typing_item_type("typing.List[int]", &t));
  EXPECT_EQ(t, "int");
  ASSERT_TRUE(pat::typing_item_type("List[Dict[str, int]] trailing", &t));  // a prefix match; the last ']'
  EXPECT_EQ(t, "Dict[str, int]");
  ASSERT_TRUE(pat::typing_item_type("List[a]]\n]", &t));  // `.` stops at the newline
  EXPECT_EQ(t, "a]");
  for (const char* no : {"List", "List[]", "List[\n]", "[int]", "typing.[int]", " List[int]"})
    EXPECT_FALSE(pat::typing_item_type(no, &t)) << no;

  ASSERT_TRUE(pat::typing_value_type("typing.Dict[str, int]", &t));
  EXPECT_EQ(t, "int");
  ASSERT_TRUE(pat::typing_value_type("Dict[ str ,  List[int] ]", &t));
  EXPECT_EQ(t, "List[int] ");
  ASSERT_TRUE(pat::typing_value_type("Dict[str, ]", &t));  // \s* gives the space back to (.+)
  EXPECT_EQ(t, " ");
  ASSERT_TRUE(pat::typing_value_type("Dict[str,\n x]", &t));  // \s* may take the newline
  EXPECT_EQ(t, "x");
  for (const char* no : {"Dict[str]", "Dict[, int]", "Dict[str,]", "Dict[a b, int]", "Dict[str,\n]", "Dict[str, int"})
    EXPECT_FALSE(pat::typing_value_type(no, &t)) << no;

  const std::regex item(R"(^(typing\.)?(?:\w+)(?:\[(.+)\]))");
  const std::regex value(R"(^(typing\.)?(?:\w+)(?:\[\s*(?:\w+)\s*,\s*(.+)\]))");
  auto tokens = with_all_bytes({"typing.", "List", "[", "]", "int", ",", " ", "\n", "\r", ", "});
  for (const std::string& s : token_strings(tokens, 30000, 8, 9)) {
    std::smatch m;
    std::string got;
    bool want = std::regex_search(s, m, item);
    ASSERT_EQ(pat::typing_item_type(s, &got), want) << s;
    if (want) {
      ASSERT_EQ(got, m[2].str()) << s;
    }
    want = std::regex_search(s, m, value);
    ASSERT_EQ(pat::typing_value_type(s, &got), want) << s;
    if (want) {
      ASSERT_EQ(got, m[2].str()) << s;
    }
  }
}

// All placeholders in `s`, as "begin:end task|name|type" lines.
std::string all_channels(const std::string& s, pat::ChannelTypeChars chars) {
  std::string out;
  pat::ChannelMatch m;
  for (size_t from = 0; pat::find_channel_placeholder(s, from, chars, &m); from = m.end)
    out += std::to_string(m.begin) + ":" + std::to_string(m.end) + " " + std::string(m.task) + "|" +
           std::string(m.name) + "|" + std::string(m.type) + "\n";
  return out;
}
std::string all_channels(const std::string& s, const std::regex& re) {
  std::string out;
  for (std::sregex_iterator m(s.begin(), s.end(), re), end; m != end; ++m)
    out += std::to_string(m->position()) + ":" + std::to_string(m->position() + m->length()) + " " + (*m)[1].str() +
           "|" + (*m)[2].str() + "|" + (*m)[3].str() + "\n";
  return out;
}

TEST(UtilPatterns, ChannelPlaceholders) {
  using pat::ChannelTypeChars;
  EXPECT_EQ(all_channels("x{{channel:task=t-1;name=out put;type=String;}}y{{channel:task=;name=p;type=;}}",
                         ChannelTypeChars::KfpTypeChars),
            "1:47 t-1|out put|String\n48:79 |p|\n");
  // A broken start does not hide a later placeholder that begins inside it.
  EXPECT_EQ(all_channels("{{channel:task={{channel:task=a;name=b;type=c;}}", ChannelTypeChars::KfpTypeChars),
            "15:48 a|b|c\n");
  const std::string typed = R"({{channel:task=a;name=b;type={"A": {"x": 1}}@[1,2].;}})";
  EXPECT_EQ(all_channels(typed, ChannelTypeChars::KfpTypeChars), "0:" + std::to_string(typed.size()) + R"( a|b|{"A": {"x": 1}}@[1,2].)" "\n");
  EXPECT_EQ(all_channels("{{channel:task=a;name=b;type=x/y;}}", ChannelTypeChars::KfpTypeChars), "");
  EXPECT_EQ(all_channels("{{channel:task=a;name=b;type=x/y;}}", ChannelTypeChars::NotSemicolon), "0:35 a|b|x/y\n");
  for (const char* no : {"{{channel:task=a;name=;type=c;}}", "{{channel:task=a.b;name=n;type=c;}}",
                         "{{channel:task=a;name=n;type=c;}", "{channel:task=a;name=n;type=c;}}"})
    EXPECT_EQ(all_channels(no, ChannelTypeChars::NotSemicolon), "") << no;

  const std::regex kfp(R"(\{\{channel:task=([\w\s_-]*);name=([\w\s_-]+);type=([\w\s{}":_@.\[\],-]*);\}\})");
  const std::regex any(R"(\{\{channel:task=([\w\s_-]*);name=([\w\s_-]+);type=([^;]*);\}\})");
  auto tokens = with_all_bytes({"{{channel:task=", ";name=", ";type=", ";}}", "{{", "}}", ";", "a", " ", "-", "{", "\""});
  for (const std::string& s : token_strings(tokens, 30000, 9, 10)) {
    ASSERT_EQ(all_channels(s, ChannelTypeChars::KfpTypeChars), all_channels(s, kfp)) << s;
    ASSERT_EQ(all_channels(s, ChannelTypeChars::NotSemicolon), all_channels(s, any)) << s;
  }
}

// The resolvers as PyYAML's regexes, the way yaml_writer.cpp used to run them.
bool resolves_by_regex(const std::string& s) {
  struct R {
    const char* first;
    std::regex re;
  };
  static const std::vector<R> rs = {
      {"yYnNtTfFoO", std::regex("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")},
      {"-+0123456789.", std::regex("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                                   "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                                   "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                                   "|[-+]?\\.(?:inf|Inf|INF)"
                                   "|\\.(?:nan|NaN|NAN))$")},
      {"-+0123456789", std::regex("^(?:[-+]?0b[0-1_]+"
                                  "|[-+]?0[0-7_]+"
                                  "|[-+]?(?:0|[1-9][0-9_]*)"
                                  "|[-+]?0x[0-9a-fA-F_]+"
                                  "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")},
      {"<", std::regex("^(?:<<)$")},
      {"~nN", std::regex("^(?:~|null|Null|NULL|)$")},
      {"0123456789", std::regex("^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                                "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                                "(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                                ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                                "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")},
      {"=", std::regex("^(?:=)$")},
      {"!&*", std::regex("^(?:!|&|\\*)$")},
  };
  if (s.empty()) return true;
  std::string body = s;
  if (body.back() == '\n') body.pop_back();
  for (const auto& r : rs)
    if (std::string_view(r.first).find(s[0]) != std::string_view::npos && std::regex_match(body, r.re)) return true;
  return false;
}

TEST(UtilPatterns, YamlPlainScalars) {
  for (const char* typed : {"", "yes", "Off", "~", "null", "NULL", "<<", "=", "!", "&", "*", "0", "-0", "+12", "1_000",
                            "0b1_0", "0_", "017", "0x_fF", "190:20:30", "1:2", "1.5", "1.", "-1.5e+3", ".5", ".5E-1",
                            "1_0.0_", "190:20:30.15", "-.inf", ".NaN", "2001-12-14", "2001-1-2T3:04:05",
                            "2001-12-14 21:59:43.10 -5", "2001-12-14t21:59:43.10Z", "2001-12-14  21:59:43 +05:30",
                            "12\n"})
    EXPECT_TRUE(yaml_plain_resolves_to_non_string(typed)) << typed;
  // Strings PyYAML leaves as str (so KFP writes them plain).
  for (const char* text : {"y", "n", "nULL", "1e5", "1.5e5", "0x", "0b", "08", "0o7", "1:60", "1:2:", "+.5", "._5",
                           ".nan1", "-.nan", "2001-12-1", "2001-12-14T", "2001-12-14 21:59:43 ", "2001-12-14T1:2:03",
                           "2001-12-14T21:59:43+0530", "<", "==", "!!", "1 ", "\n", "yes\n\n", "0o17"})
    EXPECT_FALSE(yaml_plain_resolves_to_non_string(text)) << text;

  auto tokens = with_all_bytes({"0",  "1",  "12", "59", "60", "2001", "-",   "+",    "_",  ".",   ":",   "e",
                                "E",  "e+", "T",  "t",  " ",  "\t",   "Z",   "0b",   "0x", "fF",  "inf", "Inf",
                                "nan", "NaN", "yes", "no", "null", "~", "<<", "=", "!", "\n", "2001-12-14"});
  for (const std::string& s : token_strings(tokens, 60000, 8, 11))
    ASSERT_EQ(yaml_plain_resolves_to_non_string(s), resolves_by_regex(s)) << "'" << s << "'";
  // Timestamps need more structure than random tokens give.
  auto ts = token_strings({"2001-", "12-", "1-", "14", "4", "T", " ", "\t", "21:", "1:", "59:", "43", ".1", ".",
                           "Z", "-5", "+05:30", ":30", " "},
                          60000, 9, 12);
  for (const std::string& s : ts) ASSERT_EQ(yaml_plain_resolves_to_non_string(s), resolves_by_regex(s)) << "'" << s << "'";
}

}  // namespace
}  // namespace kfp
