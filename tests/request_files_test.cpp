// core/request_files: the front door's fast reader of the `files` argument
// either declines or reads exactly what nlohmann's parser reads (the path and
// text of each file) — over plain requests, every escape, non-ASCII text, and
// every one-byte change of a request. And it must not decline what the page
// sends, or it would be no faster.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/request_files.h"
#include "tests/files_json_ref.h"

namespace kfp {
namespace {

// Returns whether the fast reader took `text`; when it did, nlohmann must
// have read the same files.
bool agrees(const std::string& text) {
  std::vector<InputFile> fast, slow;
  if (!read_files_json_fast(text, &fast)) {
    EXPECT_TRUE(fast.empty()) << "declined but added files: " << text;
    return false;
  }
  EXPECT_TRUE(nlohmann_files(text, &slow)) << "fast reader took what nlohmann rejects: " << text;
  EXPECT_EQ(fast.size(), slow.size()) << text;
  for (size_t i = 0; i < fast.size() && i < slow.size(); ++i) {
    EXPECT_EQ(fast[i].path, slow[i].path) << text;
    EXPECT_EQ(fast[i].text, slow[i].text) << text;
  }
  return true;
}

TEST(RequestFiles, ReadsWhatThePageSends) {
  // As JSON.stringify writes it, and as nlohmann dumps it (the bench, the CLI).
  const std::vector<std::string> taken = {
      R"([])",
      R"([{"path":"a.yaml","text":"name: x\nimplementation:\n  container: {image: 'a'}\n"}])",
      R"([{"path":"p.yaml","text":"x"},{"path":"c.yaml","text":"y: \"q\" \\ \/ \b\f\r\t"}])",
      " [ { \"text\" : \"only text\" } , {\"text\":\"\",\"path\":\"second\"} ] \n",
      R"([{"path":"u.yaml","text":"caf\u00e9 \u2014 \ud834\udd1e \u0000 é ✓ 𝄞"}])",
  };
  for (const auto& t : taken) EXPECT_TRUE(agrees(t)) << t;
}

// The fuzz target's seeds (fuzz/fuzz_files_json.cpp) are requests it takes.
TEST(RequestFiles, ReadsTheFuzzSeeds) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(KFP_TEST_DATA) + "/files_json")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(agrees(text.str())) << e.path();
    ++n;
  }
  EXPECT_GE(n, 2u);
}

TEST(RequestFiles, DeclinesWhatItDoesNotKnow) {
  const std::vector<std::string> declined = {
      "",
      "{}",
      "[{}]",
      R"([{"path":"a"}])",
      R"([{"text":1}])",
      R"([{"text":"a","text":"b"}])",          // a key twice
      R"([{"text":"a","other":"b"}])",         // another key
      R"([{"text":"a"},])",                    // trailing comma
      R"([{"text":"a"}] x)",                   // text after
      "[{\"text\":\"a\tb\"}]",                 // a raw control byte
      R"([{"text":"\ud800"}])",                // lone high surrogate
      R"([{"text":"\udc00"}])",                // lone low surrogate
      R"([{"text":"\x"}])",                    // unknown escape
      R"([{"text":"\u12G4"}])",
      "[{\"text\":\"\xff\"}]",                 // invalid UTF-8
      "[{\"text\":\"\xc0\xaf\"}]",             // overlong
      "[{\"text\":\"\xed\xa0\x80\"}]",         // encoded surrogate
      "\xef\xbb\xbf[]",                        // a byte-order mark (nlohmann skips it)
      R"([{"text":"unterminated)",
  };
  for (const auto& t : declined) EXPECT_FALSE(agrees(t)) << t;
}

// Every single-byte change (replaced by each of a few dozen bytes, or
// deleted) of a request with escapes and non-ASCII text: the fast reader
// declines or agrees with nlohmann.
TEST(RequestFiles, EveryOneByteChangeDeclinesOrAgrees) {
  const std::string base = R"([{"path":"p.yaml","text":"a: \"b\"\n\u00e9 \ud83d\ude00 ✓\\"},{"text":"z"}])";
  const char odd[] = "\x00\x1f\x7f\x80\xc3\xa9\xed\xff";  // sizeof - 1: the NUL counts
  const std::string bytes = std::string("\"\\/:,[]{} \t\n\rabfnrtuxz0789AFDdce") + std::string(odd, sizeof odd - 1);
  size_t taken = 0, total = 0;
  for (size_t i = 0; i < base.size(); ++i) {
    for (char b : bytes) {
      std::string m = base;
      m[i] = b;
      taken += agrees(m);
      ++total;
    }
    std::string d = base;
    d.erase(i, 1);
    taken += agrees(d);
    ++total;
  }
  EXPECT_GT(taken, total / 20) << "the reader declines nearly everything";
}

}  // namespace
}  // namespace kfp
