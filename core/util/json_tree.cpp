#include "core/util/json_tree.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <new>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kfp::jt {

namespace {

// Per thread natively. wasm without threads has one thread, and wasm-ld
// refuses thread-local storage in a module that uses bulk memory but not
// atomics (the top CMakeLists.txt says why bulk memory), so plain statics.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define KFP_THREAD_LOCAL
#else
#define KFP_THREAD_LOCAL thread_local
#endif

KFP_THREAD_LOCAL Arena* tls_arena = nullptr;

// Objects up to this size are sorted on the stack when written.
constexpr size_t kSmallObject = 32;

// A Value made outside any Arena scope is a programming error; such memory
// comes from the heap and is never freed rather than crash.
void* allocate(size_t bytes, size_t align) {
  if (tls_arena) return tls_arena->allocate(bytes, align);
  return ::operator new(bytes, std::align_val_t(align));
}

std::string_view keep(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

// Bytewise, as std::string's operator< (memcmp: unsigned); inline, since
// most keys differ within their first bytes.
bool key_less(std::string_view x, std::string_view y) {
  const size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i)
    if (x[i] != y[i]) return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[i]);
  return x.size() < y.size();
}

const Value& null_value() {
  static const Value v;
  return v;
}

// What nlohmann's dump does with each byte: 0 write it, 1 escape it, 2 a
// non-ASCII byte (UTF-8 to check and maybe repair: left to nlohmann).
struct ByteClass {
  unsigned char of[256] = {};
  constexpr ByteClass() {
    for (int c = 0; c < 0x20; ++c) of[c] = 1;
    of[static_cast<unsigned char>('"')] = of[static_cast<unsigned char>('\\')] = 1;
    for (int c = 0x80; c < 0x100; ++c) of[c] = 2;
  }
};
constexpr ByteClass kByteClass;

// How many of the eight bytes at p come before the first one kByteClass
// marks (a control byte, '"', '\\' or a byte >= 0x80): 8 when none does. By
// word arithmetic ("Bit Twiddling Hacks": a byte is zero / below n); a
// borrow can only mark bytes above a marked one, so the lowest mark is exact.
size_t plain_prefix(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  if constexpr (std::endian::native != std::endian::little) w = __builtin_bswap64(w);
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto zero_byte = [&](uint64_t v) { return (v - ones) & ~v & highs; };
  const uint64_t control = (w - 0x20 * ones) & ~w & highs;  // bytes < 0x20
  const uint64_t marks = (w & highs) | control | zero_byte(w ^ ('"' * ones)) | zero_byte(w ^ ('\\' * ones));
  return marks ? static_cast<size_t>(__builtin_ctzll(marks)) / 8 : 8;
}

#if defined(__SSE2__)
// The same for sixteen bytes (x86-64 has SSE2 always): a signed compare
// below 0x20 marks control bytes and those >= 0x80 alike. A compiled
// pipeline's text is one such string; by words of eight its escape was 5 % of
// compiling 1,000 tasks to Argo.
size_t plain_prefix16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i marks = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(marks));
  return m ? static_cast<size_t>(__builtin_ctz(m)) : 16;
}
#endif

}  // namespace

// Appends to a std::string through a pointer. Room is made by doubling the
// string's size (std::string::resize, which zero-fills what it adds) and the
// length is set once, when the writer ends: appending piece by piece instead,
// each brace, comma and string grew the string through libc++'s out-of-line
// calls (push_back, append(n, c), __grow_by_and_replace: 9 % of a wasm
// analysis of 100 tasks).
class TextOut {
 public:
  explicit TextOut(std::string& s) : s_(s), n_(s.size()) {}
  ~TextOut() { s_.resize(n_); }
  TextOut(const TextOut&) = delete;
  TextOut& operator=(const TextOut&) = delete;

  // At least k writable bytes at the end; write them, then advance_to().
  char* room(size_t k) {
    if (s_.size() - n_ < k) s_.resize(std::max(n_ + k, s_.size() * 2 + 64));
    return s_.data() + n_;
  }
  void advance_to(const char* end) { n_ = static_cast<size_t>(end - s_.data()); }
  size_t size() const { return n_; }
  void truncate(size_t n) { n_ = n; }
  void put(char c) { *room(1) = c, ++n_; }
  void put(std::string_view v) {
    if (v.empty()) return;  // an empty view may have no data (UBSan)
    std::memcpy(room(v.size()), v.data(), v.size());
    n_ += v.size();
  }

 private:
  std::string& s_;
  size_t n_;  // bytes written; s_ beyond them is room
};

namespace {

template <class N>
void write_number(N n, TextOut& out) {
  char* d = out.room(24);
  out.advance_to(std::to_chars(d, d + 24, n).ptr);
}

void write_string(std::string_view s, TextOut& out);

}  // namespace

void write_string(std::string_view s, std::string& out) {
  TextOut o(out);
  write_string(s, o);
}

namespace {

void write_string(std::string_view s, TextOut& out) {
  // nlohmann's escapes for ASCII (dump_escaped): the short forms, \u00xx
  // (lowercase hex) for other control bytes, DEL as it is. Done here because
  // a compiled pipeline's text (a megabyte for 1,000 tasks) is one such
  // string: written through a pointer into room made up front, eight bytes
  // stored at a time whatever they hold and kept up to the first that needs
  // a look (plain_prefix), so a line costs a few word steps rather than an
  // append of its bytes and one of its escaped break.
  static const char hex[] = "0123456789abcdef";
  // Keys and short values (the graph JSON writes ~100,000 of them for 1,000
  // tasks) nearly always need no escape: one look at each byte, one copy.
  if (s.size() <= 24) {
    unsigned char kinds = 0;
    for (char ch : s) kinds |= kByteClass.of[static_cast<unsigned char>(ch)];
    if (kinds == 0) {
      char* d = out.room(s.size() + 2);
      d[0] = '"';
      if (!s.empty()) std::memcpy(d + 1, s.data(), s.size());  // an empty view may have no data (UBSan)
      d[s.size() + 1] = '"';
      out.advance_to(d + s.size() + 2);
      return;
    }
  }
  // Room for the text, its quotes, a word stored past the end, and some escapes.
  size_t want = s.size() + s.size() / 16 + 24;
  const size_t mark = out.size();
  char* d = out.room(want);
  char* room = d + want;
  *d++ = '"';
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    if (room - d < 17) {  // more escapes than foreseen: grow (rare); 17 leaves room for the closing quote
      out.advance_to(d);
      want = static_cast<size_t>(end - p) * 2 + 24;
      d = out.room(want);
      room = d + want;
    }
#if defined(__SSE2__)
    if (end - p >= 16) {
      std::memcpy(d, p, 16);
      const size_t n = plain_prefix16(p);
      d += n;
      p += n;
      if (n == 16) continue;
    } else
#endif
    if (end - p >= 8) {
      std::memcpy(d, p, 8);
      const size_t n = plain_prefix(p);
      d += n;
      p += n;
      if (n == 8) continue;
    }
    const auto u = static_cast<unsigned char>(*p);
    const unsigned char kind = kByteClass.of[u];
    ++p;
    if (kind == 0) {
      *d++ = static_cast<char>(u);
      continue;
    }
    if (kind == 2) {
      // Escapes and UTF-8 repair exactly as nlohmann does (error_handler_t::replace).
      out.truncate(mark);
      out.put(Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace));
      return;
    }
    *d++ = '\\';
    switch (u) {
      case '"': *d++ = '"'; break;
      case '\\': *d++ = '\\'; break;
      case '\b': *d++ = 'b'; break;
      case '\t': *d++ = 't'; break;
      case '\n': *d++ = 'n'; break;
      case '\f': *d++ = 'f'; break;
      case '\r': *d++ = 'r'; break;
      default:
        *d++ = 'u';
        *d++ = '0';
        *d++ = '0';
        *d++ = hex[u >> 4];
        *d++ = hex[u & 0xF];
    }
  }
  *d++ = '"';
  out.advance_to(d);
}

// The chunks of ended arenas, largest first, kept for the thread's next
// arena up to Arena::kKeptBytes. Handed back to malloc instead, the ~10 MB of
// a 1,000-task graph's tree went back to the OS after every call (glibc trims
// the heap's top) and came back as page faults: validating 1,000 tasks took
// ~4,800 a call, 1,800 with this cache (kfp_bench --memory), and a fault costs
// microseconds on a VM.
struct ChunkCache {
  std::vector<ArenaChunk> chunks;
  size_t bytes = 0;
};
KFP_THREAD_LOCAL ChunkCache tls_chunks;

// The largest cached chunk if it holds `bytes`, else a new one of `size`.
ArenaChunk take_chunk(size_t bytes, size_t size) {
  ChunkCache& c = tls_chunks;
  if (!c.chunks.empty() && c.chunks.front().size >= bytes) {
    ArenaChunk k = std::move(c.chunks.front());
    c.chunks.erase(c.chunks.begin());
    c.bytes -= k.size;
    return k;
  }
  return ArenaChunk{std::unique_ptr<char[]>(new char[size]), size};  // not zeroed: pages are touched when used
}

void keep_chunks(std::vector<ArenaChunk>& chunks) {
  ChunkCache& c = tls_chunks;
  for (auto& k : chunks) {
    c.bytes += k.size;
    c.chunks.push_back(std::move(k));
  }
  chunks.clear();
  std::sort(c.chunks.begin(), c.chunks.end(),
            [](const ArenaChunk& a, const ArenaChunk& b) { return a.size > b.size; });
  while (c.bytes > Arena::kKeptBytes) {
    c.bytes -= c.chunks.back().size;
    c.chunks.pop_back();
  }
}

}  // namespace

Arena::Arena() : outer_(tls_arena) { tls_arena = this; }

size_t Arena::cached_bytes() { return tls_chunks.bytes; }

Arena::~Arena() {
  tls_arena = outer_;
  keep_chunks(chunks_);
}

void* Arena::allocate(size_t bytes, size_t align) {
  // align is a power of two (alignof): a mask, not a division (two
  // divisions an allocation were 3 % of compiling 1,000 tasks).
  auto pad_for = [align](const char* p) { return (0 - reinterpret_cast<uintptr_t>(p)) & (align - 1); };
  size_t pad = pad_for(cur_);
  if (!cur_ || pad + bytes > left_) {
    chunks_.push_back(take_chunk(bytes + align, std::max(next_, bytes + align)));
    cur_ = chunks_.back().data.get();
    left_ = chunks_.back().size;
    next_ = std::min<size_t>(next_ * 2, 16 << 20);
    pad = pad_for(cur_);
  }
  char* p = cur_ + pad;
  cur_ = p + bytes;
  left_ -= pad + bytes;
  return p;
}

template <class T>
void Seq<T>::reserve(size_t n) {
  if (n <= cap) return;
  T* fresh = static_cast<T*>(allocate(n * sizeof(T), alignof(T)));
  for (size_t i = 0; i < size; ++i) new (fresh + i) T(std::move(data[i]));
  data = fresh;
  cap = n;
}
template struct Seq<Value>;
template struct Seq<Member>;

Value::Value(std::string_view s) : t_(Type::String), s_(keep(s)) {}

Value::Value(const std::vector<std::string>& strings) : Value(array()) {
  arr().reserve(strings.size());
  for (const auto& s : strings) arr().emplace_back(std::string_view(s));
}

Value::Value(const Json& j) {
  switch (j.type()) {
    case Json::value_t::boolean: *this = Value(j.get<bool>()); break;
    case Json::value_t::number_integer: *this = Value(j.get<int64_t>()); break;
    case Json::value_t::number_unsigned: *this = Value(j.get<uint64_t>()); break;
    case Json::value_t::number_float: *this = Value(j.get<double>()); break;
    case Json::value_t::string: *this = Value(std::string_view(j.get_ref<const std::string&>())); break;
    case Json::value_t::array:
      *this = array();
      arr().reserve(j.size());
      for (const auto& e : j) arr().emplace_back(e);
      break;
    case Json::value_t::object:
      *this = object();
      obj().reserve(j.size());
      for (auto it = j.begin(); it != j.end(); ++it) obj().emplace_back(keep(it.key()), Value(it.value()));
      break;
    default: break;  // null (binary and discarded values do not occur in the model)
  }
}

Value::Value(const Value& o) : t_(o.t_), n_(o.n_), s_(o.s_) {
  if (t_ == Type::Array) {
    *this = array();
    arr().reserve(o.arr().size);
    for (const auto& e : o.arr()) arr().emplace_back(e);
  } else if (t_ == Type::Object) {
    *this = object();
    obj().reserve(o.obj().size);
    for (const auto& m : o.obj()) obj().emplace_back(m);
    obj().sorted = o.obj().sorted;
  }
}

Value& Value::operator=(const Value& o) {
  if (this != &o) *this = Value(o);
  return *this;
}

Value& Value::operator=(Value&& o) noexcept {
  if (this != &o) {
    t_ = o.t_;
    n_ = o.n_;
    s_ = o.s_;
    o.t_ = Type::Null;
  }
  return *this;
}

Value Value::array() {
  Value v;
  v.t_ = Type::Array;
  v.n_.arr = new (allocate(sizeof(Array), alignof(Array))) Array();
  return v;
}

Value Value::object() {
  Value v;
  v.t_ = Type::Object;
  v.n_.obj = new (allocate(sizeof(Object), alignof(Object))) Object();
  return v;
}

Value Value::object(size_t capacity) {
  Value v = object();
  v.obj().reserve(capacity);
  return v;
}

Value Value::raw(std::string_view json_text) {
  Value v;
  v.t_ = Type::Raw;
  v.s_ = keep(json_text);
  return v;
}

Value Value::object(std::initializer_list<std::pair<std::string_view, Value>> members) {
  Value v = object(members.size());
  for (const auto& [k, m] : members) v.add(k) = m;  // a repeated key: the later wins, as v[k] = m
  return v;
}

size_t Value::size() const {
  if (t_ == Type::Array) return arr().size;
  if (t_ == Type::Object) return obj().size;
  return t_ == Type::Null ? 0 : 1;
}

Value& Value::operator[](std::string_view key) {
  // Null (or, by mistake, a scalar) becomes an object; made this way (the
  // IR's `j["taskInfo"]["name"] = ...`) it mostly gets one member.
  if (t_ != Type::Object) *this = object(2);
  // Keys added in order: one past the last is not there (no scan).
  const Object& o = obj();
  if (o.sorted && (o.size == 0 || key_less(o.data[o.size - 1].first, key))) return add(key);
  if (Value* v = find(key)) return *v;
  return add(key);
}

Value* Value::find(std::string_view key) const {
  if (t_ != Type::Object) return nullptr;
  const Object& o = obj();
  if (o.sorted && o.size > 8) {
    // Keys in order, each once: a binary search.
    Member* it = std::lower_bound(o.begin(), o.end(), key,
                                  [](const Member& m, std::string_view k) { return key_less(m.first, k); });
    return it != o.end() && it->first == key ? &it->second : nullptr;
  }
  // A few members, or keys out of order: a scan. From the back, so that a
  // key add()ed twice finds the later member.
  for (size_t i = o.size; i-- > 0;)
    if (o.data[i].first == key) return &o.data[i].second;
  return nullptr;
}

const Value& Value::operator[](std::string_view key) const {
  const Value* v = find(key);
  return v ? *v : null_value();
}

bool Value::contains(std::string_view key) const { return find(key) != nullptr; }

Value& Value::add(std::string_view key) {
  if (t_ != Type::Object) *this = object(2);
  Object& o = obj();
  // A key equal to the last also clears the flag: the writer's sort then
  // keeps the later one.
  if (o.sorted && o.size && !key_less(o.data[o.size - 1].first, key)) o.sorted = false;
  return o.emplace_back(keep(key), Value()).second;
}

void Value::erase(std::string_view key) {
  if (t_ != Type::Object) return;
  size_t kept = 0;
  for (size_t i = 0; i < obj().size; ++i)
    if (obj().data[i].first != key) obj().data[kept++] = std::move(obj().data[i]);
  obj().size = kept;
}

namespace {

// The members of an object whose keys came out of order, sorted into `out`
// (room for o.size), one per key (the later of two); returns how many.
size_t order_members(const Seq<Member>& o, const Member** out) {
  size_t n = 0;
  for (const Member& m : o) out[n++] = &m;
  if (n <= kSmallObject) {
    // Insertion sort: stable, so of two members with one key the later stays
    // last; most objects here have a handful of members.
    for (size_t i = 1; i < n; ++i) {
      const Member* m = out[i];
      size_t j = i;
      for (; j > 0 && key_less(m->first, out[j - 1]->first); --j) out[j] = out[j - 1];
      out[j] = m;
    }
  } else {
    // Of two members with one key, the later (higher address: they sit in
    // one array) sorts last.
    std::sort(out, out + n, [](const Member* a, const Member* b) {
      return key_less(a->first, b->first) || (a->first == b->first && a < b);
    });
  }
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i + 1 < n && out[i + 1]->first == out[i]->first) continue;
    out[kept++] = out[i];
  }
  return kept;
}

// Calls f(member) for the members of `o` in key order, one per key (the
// later of two): as they stand when they were added in order, else sorted on
// the stack (up to kSmallObject members) or in a vector.
template <class F>
void for_each_in_key_order(const Seq<Member>& o, F f) {
  if (o.sorted) {
    for (const Member& m : o) f(m);
  } else if (o.size <= kSmallObject) {
    const Member* order[kSmallObject];
    const size_t n = order_members(o, order);
    for (size_t i = 0; i < n; ++i) f(*order[i]);
  } else {
    std::vector<const Member*> order(o.size);
    order.resize(order_members(o, order.data()));
    for (const Member* m : order) f(*m);
  }
}

}  // namespace

void Value::sorted_members(std::vector<const Member*>& out) const {
  out.clear();
  if (t_ != Type::Object) return;
  out.reserve(obj().size);
  for_each_in_key_order(obj(), [&out](const Member& m) { out.push_back(&m); });
}

Json Value::to_json() const {
  switch (t_) {
    case Type::Null: return nullptr;
    case Type::Bool: return n_.b;
    case Type::Int: return n_.i;
    case Type::Uint: return n_.u;
    case Type::Double: return n_.d;
    case Type::String: return std::string(s_);
    case Type::Raw: return Json::parse(s_);
    case Type::Array: {
      Json j = Json::array();
      for (const auto& e : arr()) j.push_back(e.to_json());
      return j;
    }
    case Type::Object: {
      Json j = Json::object();
      for (const auto& m : obj()) j[std::string(m.first)] = m.second.to_json();  // a later duplicate wins
      return j;
    }
  }
  return nullptr;
}

// Arrays only, and i < size() (the callers index what they built).
Value& Value::at(size_t i) { return arr().data[i]; }
const Value& Value::at(size_t i) const { return arr().data[i]; }

void Value::push_back(Value v) {
  if (t_ != Type::Array) *this = array();  // null (or, by mistake, anything else) becomes an array
  arr().emplace_back(std::move(v));
}

Value& Value::back() { return arr().data[arr().size - 1]; }
void Value::pop_back() { --arr().size; }

void Value::write(std::string& out) const {
  TextOut o(out);
  write(o);
}

void Value::write(TextOut& out) const {
  switch (t_) {
    case Type::Null: out.put("null"); return;
    case Type::Bool: out.put(n_.b ? "true" : "false"); return;
    case Type::Int: return write_number(n_.i, out);
    case Type::Uint: return write_number(n_.u, out);
    case Type::Double: out.put(Json(n_.d).dump()); return;  // nlohmann's float format
    case Type::String: write_string(s_, out); return;
    case Type::Raw: out.put(s_); return;
    case Type::Array: {
      out.put('[');
      bool first = true;
      for (const auto& e : arr()) {
        if (!first) out.put(',');
        first = false;
        e.write(out);
      }
      out.put(']');
      return;
    }
    case Type::Object: {
      // nlohmann::json keeps keys in a std::map: write them sorted.
      out.put('{');
      bool first = true;
      for_each_in_key_order(obj(), [&](const Member& m) {
        if (!first) out.put(',');
        first = false;
        write_string(m.first, out);
        out.put(':');
        m.second.write(out);
      });
      out.put('}');
      return;
    }
  }
}

}  // namespace kfp::jt
