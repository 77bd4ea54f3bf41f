// core/util/utf8.h: the one strict UTF-8 decoder (the YAML encoding check,
// the YAML fast path and the writers use it) against the encoder, on every
// code point, and on the malformed forms each user relies on it to refuse.
#include <gtest/gtest.h>

#include <string>

#include "core/util/utf8.h"

using kfp::append_utf8;
using kfp::utf8_decode;

TEST(UtilUtf8, DecodesEveryScalarValueTheEncoderWrites) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string s;
    append_utf8(s, c);
    char32_t got = 0;
    ASSERT_EQ(utf8_decode(s, 0, &got), s.size()) << std::hex << static_cast<uint32_t>(c);
    ASSERT_EQ(got, c);
  }
}

TEST(UtilUtf8, RefusesMalformedSequences) {
  char32_t cp = 0;
  for (const char* bad : {"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xc3", "\xc3(", "\xe2\x82", "\xe0\x80\xaf",
                          "\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
                          "\xff", "\xf0\x9f\x98"})
    EXPECT_EQ(utf8_decode(bad, 0, &cp), 0u) << ::testing::PrintToString(std::string(bad));
  // The length counts from i; bytes after the sequence do not matter.
  EXPECT_EQ(utf8_decode("a\xc3\xa9z", 1, &cp), 2u);
  EXPECT_EQ(cp, 0xE9u);
}
