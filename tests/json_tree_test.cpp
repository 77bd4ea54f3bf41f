// core/util/json_tree: the same trees written by jt::Value::write and by
// nlohmann::json's compact dump (error_handler_t::replace) are the same text,
// whatever the key order of building, the strings (escapes, UTF-8, invalid
// bytes) or the numbers; copies are deep; the arena outlives every value.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/emit/graph_json.h"
#include "core/util/json_tree.h"

namespace kfp {
namespace {

std::string nl(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string jt_text(const jt::Value& v) {
  std::string out;
  v.write(out);
  return out;
}

TEST(JsonTree, ScalarsAndStringsMatchNlohmann) {
  jt::Arena arena;
  const std::string strings[] = {"",
                                 "plain",
                                 "with \"quotes\" and \\backslash",
                                 "tab\tnewline\ncr\r bell\a nul" + std::string(1, '\0') + " del\x7f",
                                 "unicode: é ✓ 𝄞",
                                 "invalid \xff\xfe utf-8 \xc3",
                                 "<img src=x onerror=alert(1)> </script>"};
  for (const auto& s : strings) EXPECT_EQ(jt_text(jt::Value(s)), nl(Json(s))) << s;
  for (double d : {0.0, -0.0, 1.5, 0.1, 1e300, -2.5e-7, 3.0, 123456789.125})
    EXPECT_EQ(jt_text(jt::Value(d)), nl(Json(d))) << d;
  EXPECT_EQ(jt_text(jt::Value(-42)), "-42");
  EXPECT_EQ(jt_text(jt::Value(static_cast<unsigned long>(18446744073709551615UL))), "18446744073709551615");
  EXPECT_EQ(jt_text(jt::Value(true)), "true");
  EXPECT_EQ(jt_text(jt::Value()), "null");
}

// write_string escapes ASCII itself (not through nlohmann): every byte
// below 0x80, alone and amid text, must come out as nlohmann writes it.
TEST(JsonTree, EveryAsciiByteIsEscapedAsNlohmannDoes) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) {
    std::string one(1, static_cast<char>(c));
    std::string out;
    jt::write_string(one, out);
    EXPECT_EQ(out, nl(Json(one))) << "byte " << c;
    all += one;
    all += "ab";
  }
  std::string out = "prefix:";
  jt::write_string(all, out);
  EXPECT_EQ(out, "prefix:" + nl(Json(all)));
}

// write_string skips sixteen plain bytes at a time (SSE2), then eight: each
// byte that needs a look (every value 0-255) at every offset of a 40-byte
// text (two blocks of sixteen, one of eight), and a plain text of every length
// around those sizes, must still come out as nlohmann writes it.
TEST(JsonTree, ByteNeedingEscapeIsFoundAtEveryOffset) {
  for (int c = 0; c < 0x100; ++c) {
    for (size_t at = 0; at < 40; ++at) {
      std::string s(40, 'x');
      s[at] = static_cast<char>(c);
      std::string out;
      jt::write_string(s, out);
      ASSERT_EQ(out, nl(Json(s))) << "byte " << c << " at " << at;
    }
  }
  for (size_t n = 0; n < 56; ++n) {  // either side of the short-string path (24 bytes) and the blocks
    std::string s(n, 'a'), out;
    jt::write_string(s, out);
    EXPECT_EQ(out, '"' + s + '"');
  }
  // Texts that escape to far more than the room made up front (every byte to
  // six, or to two), after something already in the output.
  for (char c : {'\x01', '\n', '"'}) {
    for (size_t n : {1u, 7u, 100u, 5000u}) {
      std::string s(n, c), out = "[1,";
      jt::write_string(s, out);
      ASSERT_EQ(out, "[1," + nl(Json(s))) << int(c) << " x " << n;
    }
  }
}

// Value::write makes room by doubling the string and sets its length once at
// the end: what the string held stays, the text ends exactly where it should
// (no room left over), whether the string started empty, with text, or with
// a large reservation, and a non-ASCII string (rewritten through nlohmann
// from where it began) anywhere in a large tree.
TEST(JsonTree, WritingIntoAStringKeepsItsTextAndLeavesNoRoomBehind) {
  jt::Arena arena;
  jt::Value tree = jt::Value::array();
  Json expected = Json::array();
  for (int i = 0; i < 3000; ++i) {
    const std::string s = i % 7 == 0 ? "caf\xc3\xa9 \xff " + std::to_string(i) : "line\n\"" + std::string(i % 40, 'x');
    jt::Value o = jt::Value::object();
    o["s"] = s;
    o["n"] = i;
    tree.push_back(std::move(o));
    expected.push_back({{"s", s}, {"n", i}});
  }
  for (size_t reserved : {0u, 16u, 1u << 20}) {
    std::string out = "prefix:";
    out.reserve(reserved);
    tree.write(out);
    ASSERT_EQ(out, "prefix:" + nl(expected)) << reserved;
    EXPECT_EQ(out.size(), std::string("prefix:").size() + nl(expected).size());
    EXPECT_EQ(std::strlen(out.c_str()), out.size());
  }
}

// add() appends without a look-up; a key added twice counts once, the later
// value winning, as `v[key] = x` twice would have it with nlohmann.
TEST(JsonTree, AddedDuplicateKeysKeepTheLaterValue) {
  jt::Arena arena;
  jt::Value v = jt::Value::object();
  v.add("b") = 1;
  v.add("a") = 2;
  v.add("b") = 3;
  EXPECT_EQ(jt_text(v), R"({"a":2,"b":3})");
  EXPECT_EQ(v["b"].as_int(), 3);
  EXPECT_EQ(v.to_json(), Json::parse(R"({"a":2,"b":3})"));
  std::vector<const jt::Member*> sorted;
  v.sorted_members(sorted);
  ASSERT_EQ(sorted.size(), 2u);
  EXPECT_EQ(sorted[0]->first, "a");
  EXPECT_EQ(sorted[1]->second.as_int(), 3);
  v.erase("b");
  EXPECT_FALSE(v.contains("b"));
  EXPECT_EQ(jt_text(v), R"({"a":2})");
}

// A raw value is text already written: it goes out as it stands wherever it
// sits, copies share it, and to_json() reads it back.
TEST(JsonTree, RawTextIsWrittenAsItStands) {
  jt::Arena arena;
  jt::Value part = jt::Value::raw(R"({"b":[1,"x"],"c":null})");
  jt::Value v = jt::Value::object();
  v.add("a") = part;
  v.add("z") = part;
  v.add("m") = jt::Value::raw("\"text\"");
  EXPECT_EQ(jt_text(v), R"({"a":{"b":[1,"x"],"c":null},"m":"text","z":{"b":[1,"x"],"c":null}})");
  EXPECT_EQ(v["a"].type(), jt::Value::Type::Raw);
  EXPECT_EQ(v.to_json(), Json::parse(jt_text(v)));
  jt::Value arr = jt::Value::array();
  arr.push_back(jt::Value::raw("[]"));
  arr.push_back(jt::Value::raw("7"));
  EXPECT_EQ(jt_text(arr), "[[],7]");
}

TEST(JsonTree, ToJsonIsTheTreeItWasBuiltFrom) {
  jt::Arena arena;
  Json j = Json::parse(R"({"s":"x","n":null,"i":-3,"u":18446744073709551615,"d":1.5,"b":false,
                           "a":[1,[2],{"k":"v"}],"o":{"z":{},"y":[]}})");
  EXPECT_EQ(jt::Value(j).to_json(), j);
}

TEST(JsonTree, ObjectKeysAreWrittenSortedAsStdMapWould) {
  jt::Arena arena;
  jt::Value v = jt::Value::object();
  Json j = Json::object();
  for (const char* k : {"zeta", "alpha", "Beta", "_x", "é", "a b", "a", "ab", "endLine", "end"}) {
    v[k] = k;
    j[k] = k;
  }
  v["nested"]["b"] = 1;
  v["nested"]["a"] = jt::Value::array();
  j["nested"]["b"] = 1;
  j["nested"]["a"] = Json::array();
  v["empty"] = jt::Value::object();
  j["empty"] = Json::object();
  v["alpha"] = "again";  // an existing key is replaced, not repeated
  j["alpha"] = "again";
  EXPECT_EQ(jt_text(v), nl(j));
  EXPECT_EQ(v.size(), j.size());
}

// Objects whose keys arrive in order are written and searched without a
// sort (a flag on the object, a binary search past 8 members); keys out of
// order or twice fall back. Whatever the order, sizes either side of both
// thresholds (8 members, 32 sorted on the stack), text and look-ups are
// nlohmann's, and the later of two members with one key wins.
TEST(JsonTree, KeysInAnyOrderWriteAndLookUpAsNlohmann) {
  jt::Arena arena;
  uint32_t seed = 12345;
  auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  for (int round = 0; round < 400; ++round) {
    const size_t n = next() % 48;
    const int mode = round % 4;  // 0: in order, 1: in order with a duplicate, 2: reversed, 3: random
    std::vector<std::string> keys;
    for (size_t i = 0; i < n; ++i) keys.push_back("k" + std::to_string(1000 + i));
    if (mode == 1 && n > 1) keys.insert(keys.begin() + next() % n, keys[next() % n]);
    if (mode == 2) std::reverse(keys.begin(), keys.end());
    if (mode == 3)
      for (size_t i = 0; i < keys.size(); ++i) std::swap(keys[i], keys[next() % keys.size()]);
    jt::Value v = jt::Value::object();
    Json j = Json::object();
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i % 2) {
        v.add(keys[i]) = static_cast<int>(i);
      } else {
        v[keys[i]] = static_cast<int>(i);
      }
      j[keys[i]] = static_cast<int>(i);
    }
    const jt::Value copy = v;
    ASSERT_EQ(jt_text(v), nl(j)) << "round " << round;
    ASSERT_EQ(jt_text(copy), nl(j)) << "round " << round;
    for (const auto& [k, val] : j.items()) {
      ASSERT_TRUE(v.contains(k)) << k;
      ASSERT_EQ(copy[k].as_int(), val.get<int>()) << k;
    }
    EXPECT_FALSE(v.contains("k0999"));
    EXPECT_FALSE(v.contains("k9999"));
    EXPECT_FALSE(v.contains("j"));
    std::vector<const jt::Member*> sorted;
    v.sorted_members(sorted);
    ASSERT_EQ(sorted.size(), j.size());
    if (!keys.empty()) {  // erase keeps the rest as they were
      v.erase(keys[0]);
      j.erase(keys[0]);
      ASSERT_EQ(jt_text(v), nl(j)) << "round " << round;
    }
  }
}

TEST(JsonTree, NlohmannValuesConvertDeeply) {
  jt::Arena arena;
  Json j = Json::parse(R"({"list":[1,-2,3.5,"x",null,true,{"k":"v"}],"u":18446744073709551615,"s":"t"})");
  EXPECT_EQ(jt_text(jt::Value(j)), nl(j));
}

TEST(JsonTree, CopiesAreDeepAndMovesLeaveNull) {
  jt::Arena arena;
  jt::Value a = jt::Value::object();
  a["list"].push_back(1);
  jt::Value b = a;
  b["list"].push_back(2);
  b["extra"] = "only in b";
  EXPECT_EQ(jt_text(a), R"({"list":[1]})");
  EXPECT_EQ(jt_text(b), R"({"extra":"only in b","list":[1,2]})");
  jt::Value c = std::move(b);
  EXPECT_TRUE(b.is_null());
  EXPECT_EQ(c["list"].size(), 2u);
  EXPECT_TRUE(c["missing"].is_null());
  const jt::Value& cc = c;
  EXPECT_TRUE(cc["missing too"].is_null());
  EXPECT_EQ(cc.size(), 3u);  // the non-const lookup above added "missing"
}

TEST(JsonTree, IndexingAScalarMakesItAContainerInsteadOfCorruptingIt) {
  jt::Arena arena;
  jt::Value s = "text";
  s["k"] = 1;
  EXPECT_EQ(jt_text(s), R"({"k":1})");
  jt::Value n = 7;
  n.push_back("x");
  EXPECT_EQ(jt_text(n), R"(["x"])");
}

// An ended arena's chunks are kept (up to a bound) for the thread's next
// one, which builds from them: trees built one after another in fresh arenas
// are whole and independent.
TEST(JsonTree, EndedArenasLendTheirChunksToTheNext) {
  std::string first_text;
  for (int round = 0; round < 3; ++round) {
    jt::Arena arena;
    jt::Value v = jt::Value::array();
    for (int i = 0; i < 20000; ++i) {  // a few MB: several chunks
      jt::Value o = jt::Value::object();
      o.add("i") = i;
      o.add("s") = "round " + std::to_string(round) + " item " + std::to_string(i);
      v.push_back(std::move(o));
    }
    std::string text = jt_text(v);
    EXPECT_NE(text.find("\"round " + std::to_string(round) + " item 19999\""), std::string::npos);
    if (round > 0) {  // nothing of the tree built before in the memory it lent
      EXPECT_EQ(text.find("\"round " + std::to_string(round - 1) + " item"), std::string::npos);
    }
    if (round == 0) first_text = text;
    if (round == 1) {
      EXPECT_EQ(text.size(), first_text.size());
    }
  }
  EXPECT_GT(jt::Arena::cached_bytes(), 0u);
  EXPECT_LE(jt::Arena::cached_bytes(), jt::Arena::kKeptBytes);
  {
    jt::Arena huge;  // more than the bound: the cache keeps at most kKeptBytes
    jt::Value v = jt::Value::array();
    const std::string big(16 << 20, 'x');
    const size_t n = jt::Arena::kKeptBytes / big.size() + 2;
    for (size_t i = 0; i < n; ++i) v.push_back(big);
    EXPECT_EQ(v.size(), n);
    EXPECT_EQ(v.at(n - 1).str().size(), big.size());
  }
  EXPECT_LE(jt::Arena::cached_bytes(), jt::Arena::kKeptBytes);
}

TEST(JsonTree, ArenasNest) {
  jt::Arena outer;
  jt::Value kept = jt::Value("outer");
  {
    jt::Arena inner;
    jt::Value v = jt::Value::array();
    v.push_back("inner");
    EXPECT_EQ(jt_text(v), R"(["inner"])");
  }
  jt::Value after = jt::Value::array();  // allocates from the outer arena again
  after.push_back(kept);
  EXPECT_EQ(jt_text(after), R"(["outer"])");
}

}  // namespace
}  // namespace kfp
