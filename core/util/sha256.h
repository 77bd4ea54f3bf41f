// SHA-256 (FIPS 180-4). KFP v1 identifies a component file by the SHA-256 of
// its text (componentRef.digest), so resolving refs needs it in the core; the
// wasm build has no crypto library to borrow, hence our own.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kfp {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::array<uint8_t, 32> finish();  // call once

 private:
  void block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;  // bytes
};

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

// The digest KFP v1 gives a component file: sha256 of its bytes after
// normalizing "\r\n" to "\n" (kfp/components/_components.py).
std::string kfp_component_digest(std::string_view text);

}  // namespace kfp
