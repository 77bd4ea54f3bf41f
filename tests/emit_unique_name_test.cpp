// NameSet (core/emit/names.h) must name exactly as the plain-set
// unique_name does (KFP's make_name_unique_by_adding_index), including when a
// caller does not take the name it was given and when names with numeric
// suffixes were taken directly.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

#include "core/emit/names.h"

using kfp::NameSet;

TEST(UniqueName, NameSetAgreesWithThePlainSet) {
  std::mt19937 rng(7);
  const char* bases[] = {"combine", "train", "combine-2", "t", "exec-train"};
  std::set<std::string> plain;
  NameSet fast;
  for (int i = 0; i < 5000; ++i) {
    std::string base = bases[rng() % 5];
    int what = static_cast<int>(rng() % 10);
    if (what == 0) {
      // Taken directly (a user's own task name with a suffix), not through unique_name.
      std::string n = base + "-" + std::to_string(rng() % 40);
      plain.insert(n);
      fast.insert(n);
      continue;
    }
    std::string a = kfp::unique_name(base, plain);
    std::string b = kfp::unique_name(base, fast);
    ASSERT_EQ(a, b) << "step " << i;
    if (what != 1) {  // 1: the caller drops the name it was offered
      plain.insert(a);
      fast.insert(b);
    }
  }
}

TEST(UniqueName, SuffixesCountUpFromTwo) {
  NameSet used;
  std::vector<std::string> got;
  for (int i = 0; i < 4; ++i) {
    got.push_back(kfp::unique_name("comp-add", used));
    used.insert(got.back());
  }
  EXPECT_EQ(got, (std::vector<std::string>{"comp-add", "comp-add-2", "comp-add-3", "comp-add-4"}));
  EXPECT_EQ(kfp::unique_name("x", used, "_"), "x");
  used.insert("x");
  EXPECT_EQ(kfp::unique_name("x", used, "_"), "x_2");
}
