// Our SHA-256 against the FIPS 180-4 examples, and KFP's component digest.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/util/sha256.h"

using namespace kfp;

TEST(ReadV1Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Padding edges (one block vs two), values from Python's hashlib.
  EXPECT_EQ(sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(sha256_hex(std::string(119, 'a')), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  EXPECT_EQ(sha256_hex(std::string(120, 'a')), "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST(ReadV1Sha256, IncrementalEqualsOneShot) {
  std::string data;
  for (int i = 0; i < 300; ++i) data.push_back(static_cast<char>('a' + i % 26));
  for (size_t len = 0; len <= data.size(); len += 7) {
    for (size_t cut : {size_t{1}, size_t{63}, size_t{64}, size_t{65}}) {
      Sha256 h;
      std::string_view v(data.data(), len);
      for (size_t i = 0; i < v.size(); i += cut) h.update(v.substr(i, cut));
      auto d = h.finish();
      Sha256 one;
      one.update(v);
      EXPECT_EQ(d, one.finish()) << len << "/" << cut;
    }
  }
}

TEST(ReadV1Sha256, KfpDigestNormalizesCrLf) {
  // Values from Python: hashlib.sha256(data.replace(b'\r\n', b'\n')).hexdigest()
  EXPECT_EQ(kfp_component_digest("name: CRLF\r\nimplementation:\r\n  container: {image: alpine}\r\n"),
            "df854f5c9943249bfc1ae90bbb4b1791e7f366ea0d87c96497cde00c4f52106e");
  EXPECT_EQ(kfp_component_digest("a\r\nb\rc\n"), sha256_hex("a\nb\rc\n"));
  std::ifstream in(std::string(KFP_TEST_DATA) + "/v1/refs/components__train__component.yaml", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(kfp_component_digest(ss.str()), "b65705cad0dd5481c836ecf8373d2714d22eba8ee476b20133533a31cec4e05b");
}
