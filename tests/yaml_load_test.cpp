#include <gtest/gtest.h>

#include "core/yaml/load.h"
#include "core/yaml/scalar.h"

using namespace kfp;

TEST(YamlLoad, PositionsAreOneBased) {
  Sink sink;
  auto t = yaml::load("a: 1\nb:\n  - x\n  - 'y'\n", 0, sink);
  ASSERT_EQ(t.docs.size(), 1u);
  const auto* b = t.docs[0].root->get("b");
  ASSERT_TRUE(b && b->is_seq());
  EXPECT_EQ(b->items[1]->span.begin.line, 4u);
  EXPECT_EQ(b->items[1]->span.begin.col, 5u);
  EXPECT_EQ(b->items[1]->span.end.col, 8u);
  EXPECT_FALSE(b->items[1]->plain);
  EXPECT_TRUE(sink.all().empty());
}
