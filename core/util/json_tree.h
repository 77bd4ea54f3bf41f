// A JSON tree that is built once and written once, for outputs of megabytes
// (the graph JSON: 2.2 MB for 1,000 tasks). As an nlohmann::json tree the same
// output cost more to free than to build (a std::map node and often a heap
// string per key): here every container and string lives in one arena that is
// released at once, objects are small vectors, and write() puts each
// object's keys in order as it goes (an object built in key order is written
// as it stands), so the text is byte for byte what nlohmann's
// compact dump (std::map order, error_handler_t::replace) gives for the same
// tree. Values the model holds as nlohmann::json are converted on assignment.
//
// Every Value must be created and dropped inside one JsonTree::Arena scope
// (a thread-local arena), and the tree must not outlive it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/yaml/scalar.h"  // kfp::Json

namespace kfp::jt {

class Value;
class TextOut;  // json_tree.cpp: appends to a std::string through a pointer
using Member = std::pair<std::string_view, Value>;

// A block of memory an Arena bumps allocations out of.
struct ArenaChunk {
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

// The arena every Value of this thread allocates from while it is alive
// (Emscripten 3.1.6's libc++ has no std::pmr, hence this one): memory is
// bumped out of growing chunks and only given back when the Arena ends, to a
// per-thread cache that the next Arena takes its chunks from (see
// json_tree.cpp).
class Arena {
 public:
  Arena();
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  void* allocate(size_t bytes, size_t align);
  // Bytes of ended arenas' chunks this thread keeps for the next (bounded).
  static size_t cached_bytes();
#ifdef __EMSCRIPTEN__
  // wasm memory is never given back to the browser, so there are no page
  // faults to save, only mallocs: keep little, leaving the rest to malloc.
  static constexpr size_t kKeptBytes = 4 << 20;
#else
  // A 10,000-task graph's tree is ~110 MB; kept, its faults a call went
  // 37,500 -> 9,400 and the validate 10-25 % faster. The price: a process
  // holds up to this much per thread after its largest call.
  static constexpr size_t kKeptBytes = 128 << 20;
#endif

 private:
  std::vector<ArenaChunk> chunks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t next_ = 64 * 1024;
  Arena* outer_;
};

// A growable array in the current arena. Elements are never destroyed (the
// types kept here own nothing outside the arena).
template <class T>
struct Seq {
  T* data = nullptr;
  size_t size = 0, cap = 0;
  // Objects: every key so far came after the one before (bytewise, as
  // nlohmann's std::map orders them), so the members are written and looked
  // up without sorting; most builders add keys in that order.
  bool sorted = true;
  void reserve(size_t n);
  template <class... A>
  T& emplace_back(A&&... a) {
    // Arena memory is only given back at the end: growing 4 -> 8 left 4
    // dead slots in every object of 5-8 members (a span has 7), a third of
    // the graph JSON's memory at 10,000 tasks. Start at 8.
    if (size == cap) reserve(cap ? cap * 2 : 8);
    return *new (data + size++) T(std::forward<A>(a)...);
  }
  T* begin() const { return data; }
  T* end() const { return data + size; }
};

class Value {
 public:
  enum class Type : uint8_t { Null, Bool, Int, Uint, Double, String, Array, Object, Raw };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : t_(Type::Bool) { n_.b = b; }
  Value(int v) : t_(Type::Int) { n_.i = v; }
  Value(long v) : t_(Type::Int) { n_.i = v; }
  Value(long long v) : t_(Type::Int) { n_.i = v; }
  Value(unsigned v) : t_(Type::Uint) { n_.u = v; }
  Value(unsigned long v) : t_(Type::Uint) { n_.u = v; }
  Value(unsigned long long v) : t_(Type::Uint) { n_.u = v; }
  Value(double v) : t_(Type::Double) { n_.d = v; }
  Value(std::string_view s);
  Value(const char* s) : Value(std::string_view(s)) {}
  Value(const std::string& s) : Value(std::string_view(s)) {}
  Value(const std::vector<std::string>& strings);  // an array of strings
  explicit Value(const Json& j);                  // a deep conversion
  Value(const Value& o);                          // deep copy
  Value(Value&& o) noexcept : t_(o.t_), n_(o.n_), s_(o.s_) { o.t_ = Type::Null; }
  Value& operator=(const Value& o);
  Value& operator=(Value&& o) noexcept;
  ~Value() = default;  // the arena owns the memory

  static Value array();
  static Value object();
  // An object with room for `capacity` members before it first grows (an
  // object starts with room for 8: right for the graph JSON, where most have
  // 5-8; the IR's have 1-3, and 10,000 tasks' worth of empty slots was 60 MB).
  static Value object(size_t capacity);
  static Value object(std::initializer_list<std::pair<std::string_view, Value>> members);
  // Text that already is compact JSON as write() writes it (members in key
  // order), kept in the arena and written as it stands; copies share it. For
  // parts a builder repeats (the graph JSON writes a component's ports and
  // command once for all its tasks). write() and to_json() read it; nothing
  // else looks inside (the YAML writer never gets one).
  static Value raw(std::string_view json_text);

  Type type() const { return t_; }
  bool is_null() const { return t_ == Type::Null; }
  bool is_object() const { return t_ == Type::Object; }
  bool is_array() const { return t_ == Type::Array; }
  bool is_string() const { return t_ == Type::String; }
  // Scalars (callers check type() first).
  bool as_bool() const { return n_.b; }
  int64_t as_int() const { return n_.i; }
  uint64_t as_uint() const { return n_.u; }
  double as_double() const { return n_.d; }
  size_t size() const;
  bool empty() const { return size() == 0; }
  // Strings: the text (valid while the arena lives).
  std::string_view str() const { return t_ == Type::String ? s_ : std::string_view(); }

  // Objects: the member `key`, added (null) when missing; any other Value becomes an (empty) object first.
  Value& operator[](std::string_view key);
  // Objects: the member `key`, or a null Value when there is none.
  const Value& operator[](std::string_view key) const;
  bool contains(std::string_view key) const;
  // Objects: a new member `key`, appended without looking for one already
  // there (a scan per member made objects of 1,000 tasks quadratic). Should
  // the key be there already, the later member is the one that counts: it is
  // what lookups find and what is written, as `v[key] = x` would have it.
  Value& add(std::string_view key);
  // Objects: drops the member `key` (and any duplicate of it).
  void erase(std::string_view key);
  // Objects: the members sorted by key as nlohmann's std::map keeps them
  // (bytewise), one per key (the last added), into `out` (cleared first).
  void sorted_members(std::vector<const Member*>& out) const;
  // A deep conversion back, for callers that want the model's Json.
  Json to_json() const;
  // Arrays: element i (i < size()); push_back turns any other Value into an (empty) array first.
  Value& at(size_t i);
  const Value& at(size_t i) const;
  void push_back(Value v);
  // Arrays: the elements (an empty range for anything else).
  Value* begin() { return t_ == Type::Array ? arr().begin() : nullptr; }
  Value* end() { return t_ == Type::Array ? arr().end() : nullptr; }
  const Value* begin() const { return t_ == Type::Array ? arr().begin() : nullptr; }
  const Value* end() const { return t_ == Type::Array ? arr().end() : nullptr; }
  Value& back();
  void pop_back();

  // Appends the compact JSON text.
  void write(std::string& out) const;

 private:
  using Array = Seq<Value>;
  using Object = Seq<Member>;
  Array& arr() const { return *n_.arr; }
  Object& obj() const { return *n_.obj; }
  // Objects: the member `key` (the later of two), or null.
  Value* find(std::string_view key) const;
  void write(TextOut& out) const;

  Type t_ = Type::Null;
  union Num {
    bool b;
    int64_t i;
    uint64_t u;
    double d;
    Array* arr;
    Object* obj;
  } n_{};
  std::string_view s_;
};

// Appends `s` as a JSON string, exactly as nlohmann's compact dump
// (error_handler_t::replace) writes it; for outputs spliced as text.
void write_string(std::string_view s, std::string& out);

}  // namespace kfp::jt
