// An optional value that copies share until one of them changes it (copy on
// write). Compiling gives every task its own copy of its component, as KFP's
// IR does, and copying each task's container (command and args, nested
// placeholders and all) was ~2 % of compiling 1,000 tasks, and the IR
// executors render a shared container once (ir.cpp); the copies share it.
// The interface is std::optional's, as far as the model uses it: const access
// reads the shared value; non-const access (`->`, `*`) first makes this copy's
// own if another shares it. So never keep a pointer from a non-const access
// across a copy of the owner: write through a fresh access.
#pragma once
#include <memory>
#include <optional>
#include <utility>

namespace kfp {

template <class T>
class SharedValue {
 public:
  SharedValue() = default;
  SharedValue(std::nullopt_t) {}  // NOLINT: as std::optional
  SharedValue(T v) : p_(std::make_shared<T>(std::move(v))) {}  // NOLINT: as std::optional
  SharedValue& operator=(T v) {
    p_ = std::make_shared<T>(std::move(v));
    return *this;
  }
  SharedValue& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *p_; }
  const T* operator->() const { return p_.get(); }
  T& operator*() { return *own(); }
  T* operator->() { return own(); }
  void reset() { p_.reset(); }

 private:
  T* own() {
    if (p_ && p_.use_count() > 1) p_ = std::make_shared<T>(std::as_const(*p_));
    return p_.get();
  }
  std::shared_ptr<T> p_;
};

}  // namespace kfp
