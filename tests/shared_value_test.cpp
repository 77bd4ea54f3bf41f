// SharedValue (core/model/shared_value.h): copies share until one is changed.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "core/model/model.h"

using namespace kfp;

TEST(SharedValue, CopiesShareUntilOneChanges) {
  SharedValue<std::string> a = std::string("image:1");
  SharedValue<std::string> b = a;
  EXPECT_EQ(&*std::as_const(a), &*std::as_const(b));  // one value, not two
  *b += "-patched";  // non-const access: b's own copy first
  EXPECT_EQ(*std::as_const(a), "image:1");
  EXPECT_EQ(*std::as_const(b), "image:1-patched");
  EXPECT_NE(&*std::as_const(a), &*std::as_const(b));
  // The only holder changes its value in place.
  const std::string* before = &*std::as_const(b);
  b->append("!");
  EXPECT_EQ(&*std::as_const(b), before);
}

TEST(SharedValue, BehavesAsAnOptional) {
  SharedValue<std::string> v;
  EXPECT_FALSE(v);
  EXPECT_FALSE(v.has_value());
  v = std::string("x");
  EXPECT_TRUE(v);
  v = std::nullopt;
  EXPECT_FALSE(v.has_value());
}

// A task's copy of a component shares the container; a task option written
// on one copy (as the Python setters do) leaves the other's alone.
TEST(SharedValue, ComponentCopiesKeepTheirOwnContainerChanges) {
  Component c;
  c.container = Container{};
  c.container->image.value = "python:3.11";
  Component task_copy = c;
  EXPECT_EQ(&*std::as_const(c).container, &*std::as_const(task_copy).container);
  task_copy.container->resources.cpu_limit = "2";
  EXPECT_FALSE(std::as_const(c).container->resources.cpu_limit);
  EXPECT_EQ(std::as_const(task_copy).container->resources.cpu_limit, "2");
  EXPECT_EQ(std::as_const(task_copy).container->image.value, "python:3.11");
}
