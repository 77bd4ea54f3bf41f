// Hostile input through the whole front door (kfp::analyze): each case ends
// with its specific diagnostic within stated bounds of time and memory.
// Bounds are generous (they must hold under ASan on a loaded 2-core CI
// machine); speed goals live in bench/, not here.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <string>

#include "bench/gen_pipelines.h"
#include "core/api.h"
#include "core/diag/render.h"

using namespace kfp;

namespace {

constexpr double kMaxSeconds = 60.0;     // per case: a bound against hangs, not a speed goal
constexpr long kMaxRssKib = 3L << 20;    // 3 GiB peak for the whole test process

struct Outcome {
  Analysis a;
  double seconds = 0;
};

Outcome run(std::vector<InputFile> files) {
  auto t0 = std::chrono::steady_clock::now();
  Outcome r{analyze(files)};
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

bool has(const Analysis& a, std::string_view code) {
  for (const auto& d : a.diagnostics)
    if (d.code() == code) return true;
  return false;
}

void bounded(const Outcome& r, double max_seconds = kMaxSeconds) {
  EXPECT_LT(r.seconds, max_seconds);
  struct rusage u{};
  getrusage(RUSAGE_SELF, &u);
  EXPECT_LT(u.ru_maxrss, kMaxRssKib);
}

std::vector<InputFile> with_components(std::string pipeline) {
  return {{"make.yaml", bench::gen_component_make()},
          {"train.yaml", bench::gen_component_train()},
          {"combine.yaml", bench::gen_component_combine()},
          {"pipeline.yaml", std::move(pipeline)}};
}

}  // namespace

TEST(Hostile, BillionLaughs) {
  std::string s = "name: x\ndescription: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    s += "l" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
    s += "]\n";
  }
  Outcome r = run({{"bomb.yaml", s}});
  EXPECT_TRUE(has(r.a, "yaml-limit"));
  bounded(r);
}

TEST(Hostile, TenThousandDeepNesting) {
  Outcome flow = run({{"deep.yaml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n"}});
  ASSERT_FALSE(flow.a.diagnostics.empty());
  EXPECT_EQ(flow.a.diagnostics[0].id, DiagId::err_yaml_too_deep);
  bounded(flow);
  std::string maps;
  for (int i = 0; i < 10000; ++i) maps += "{a: ";
  maps += "1" + std::string(10000, '}');
  Outcome b = run({{"deep2.yaml", maps}});
  EXPECT_TRUE(has(b.a, "yaml-limit"));
  bounded(b);
}

TEST(Hostile, FiftyMegabyteDocument) {
  std::string big = "name: big\ndescription: \"" + std::string(50u << 20, 'x') + "\"\n";
  Outcome r = run({{"big.yaml", big}});
  ASSERT_EQ(r.a.diagnostics.size(), 1u);
  EXPECT_EQ(r.a.diagnostics[0].id, DiagId::err_yaml_too_large);
  bounded(r);
}

TEST(Hostile, InvalidUtf8AndNulBytes) {
  Outcome u = run({{"u.yaml", std::string("name: \xc3\x28\n")}});
  ASSERT_EQ(u.a.diagnostics.size(), 1u);
  EXPECT_EQ(u.a.diagnostics[0].id, DiagId::err_yaml_invalid_utf8);
  EXPECT_EQ(u.a.diagnostics[0].span.begin.col, 7u);
  Outcome n = run({{"n.yaml", std::string("name: a\0b\n", 10)}});
  ASSERT_EQ(n.a.diagnostics.size(), 1u);
  EXPECT_EQ(n.a.diagnostics[0].id, DiagId::err_yaml_nul);
  // The renderers cope with the bad bytes too.
  EXPECT_FALSE(render_text(u.a.diagnostics, u.a.ws).empty());
  EXPECT_NO_THROW(diagnostics_json(u.a.diagnostics, u.a.ws).dump(-1, ' ', false, Json::error_handler_t::replace));
}

TEST(Hostile, HundredThousandTasks) {
  Outcome r = run(with_components(bench::gen_pipeline(bench::Shape::Random, 100000)));
  size_t errors = 0;
  for (const auto& d : r.a.diagnostics)
    if (d.severity == Severity::Error) ++errors;
  EXPECT_EQ(errors, 0u) << render_text(r.a.diagnostics, r.a.ws).substr(0, 2000);
  ASSERT_TRUE(r.a.ws.file(3).component && r.a.ws.file(3).component->dag);
  EXPECT_EQ(r.a.ws.file(3).component->dag->tasks.size(), 100000u);
  bounded(r, 180.0);  // ~10 s on an idle 2-core machine; linear (see bench/)
}

TEST(Hostile, CycleOfTenThousand) {
  Outcome r = run(with_components(bench::gen_cycle(10000)));
  EXPECT_TRUE(has(r.a, "cycle"));
  // The report stays readable: one diagnostic, of bounded size.
  std::string text = render_text(r.a.diagnostics, r.a.ws);
  EXPECT_LT(text.size(), 64u * 1024) << "cycle report is " << text.size() << " bytes";
  bounded(r);
}

TEST(Hostile, HugeNames) {
  // YAML caps implicit keys at 1024 characters, so megabyte names can only be
  // values: a component name, a constant, and a 1000-character task name.
  std::string huge(1u << 20, 'n');
  std::string task(1000, 't');
  std::string p = "name: " + huge + "\nimplementation:\n  graph:\n    tasks:\n      " + task +
                  ":\n        componentRef: {name: Make data}\n        arguments: {nope: " + huge + "}\n";
  Outcome r = run(with_components(p));
  EXPECT_TRUE(has(r.a, "unknown-input"));
  std::string text = render_text(r.a.diagnostics, r.a.ws);
  EXPECT_LT(text.size(), 16u << 20);
  bounded(r);
}
