// core/submit: prepare() refuses before sending and types the parameters;
// the flow's state machine builds each request from the state it was given
// (checked on every phase, so an argument-order bug that empties the state
// shows natively too, not only in the clang-built wasm).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/api.h"
#include "core/submit/flow.h"
#include "core/submit/prepare.h"

namespace kfp::submit {
namespace {

std::vector<InputFile> typed_files() {
  std::vector<InputFile> files;
  for (const char* name : {"train.component.yaml", "train.pipeline.yaml"}) {
    std::ifstream in(std::string(KFP_TEST_DATA) + "/submit/" + name);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back({std::string(name), ss.str()});
  }
  return files;
}

Json endpoint() { return {{"base_url", "http://kfp.test/pipeline"}, {"token", "T0KEN"}}; }

TEST(SubmitPrepare, BadIntegerIsRefusedWithALocatedDiagnostic) {
  Analysis a = analyze(typed_files());
  Prepared p = prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}, {"run", true},
                           {"parameters", {{"epochs", "ten"}}}});
  EXPECT_FALSE(p.submittable);
  EXPECT_EQ(p.errors, 1u);
  ASSERT_FALSE(p.diagnostics.empty());
  EXPECT_EQ(p.diagnostics[0].id, DiagId::err_param_type);
  EXPECT_TRUE(p.config.is_null());
  Prepared forced = prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}, {"run", true}, {"force", true},
                                {"parameters", {{"epochs", "ten"}}}});
  EXPECT_TRUE(forced.submittable);
}

TEST(SubmitPrepare, TypesParametersAndAsksNothingForAnUpload) {
  Analysis a = analyze(typed_files());
  Prepared p = prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}, {"run", true},
                           {"parameters", {{"epochs", "3"}, {"shuffle", "false"}}}});
  ASSERT_TRUE(p.submittable) << p.refusal;
  EXPECT_EQ(p.config["parameters"], Json({{"epochs", 3}, {"shuffle", false}}));
  EXPECT_EQ(p.config["pipeline_name"], "Train pipeline");
  EXPECT_TRUE(prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}}).submittable);
  Prepared bad = prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}, {"schedule", {{"interval_seconds", -5}}}});
  EXPECT_FALSE(bad.submittable);
}

TEST(SubmitFlow, EveryPhaseBuildsItsRequestFromTheState) {
  Analysis a = analyze(typed_files());
  Json cfg = prepare(a, {{"target", "kfp"}, {"endpoint", endpoint()}, {"run", true}, {"experiment", "exp"},
                         {"parameters", {{"epochs", "3"}}}})
                 .config;
  Step s = start(cfg);
  ASSERT_TRUE(s.request);
  EXPECT_NE(s.request->body.find("pipelineInfo:"), std::string::npos);  // the spec is in the upload
  // 409: the pipeline exists -> look it up by name -> upload a new version of it.
  s = step(s.state, Transport::Ok, 409, R"({"message":"already exists"})");
  ASSERT_TRUE(s.request);
  EXPECT_NE(s.request->url.find("/pipelines/names/Train%20pipeline"), std::string::npos) << s.request->url;
  s = step(s.state, Transport::Ok, 200, R"({"pipeline_id":"p1"})");
  ASSERT_TRUE(s.request);
  EXPECT_NE(s.request->url.find("upload_version?pipelineid=p1"), std::string::npos) << s.request->url;
  EXPECT_NE(s.request->body.find("pipelineInfo:"), std::string::npos);
  s = step(s.state, Transport::Ok, 200, R"({"pipeline_version_id":"v2"})");
  ASSERT_TRUE(s.request);
  EXPECT_NE(s.request->url.find("/experiments"), std::string::npos);
  EXPECT_NE(s.request->url.find("exp"), std::string::npos) << "the experiment name comes from the state";
  s = step(s.state, Transport::Ok, 200, R"({"experiments":[{"experiment_id":"e1","display_name":"exp"}]})");
  ASSERT_TRUE(s.request);
  Json body = Json::parse(s.request->body);
  EXPECT_EQ(body["experiment_id"], "e1");
  EXPECT_EQ(body["pipeline_version_reference"]["pipeline_version_id"], "v2");
  EXPECT_EQ(body["runtime_config"]["parameters"]["epochs"], 3);
  s = step(s.state, Transport::Ok, 200, R"({"run_id":"r9"})");
  EXPECT_TRUE(s.done && s.ok);
  EXPECT_EQ(s.result["run_url"], "http://kfp.test/pipeline/#/runs/details/r9");
}

TEST(SubmitFlow, ArgoLintThenSubmitKeepsTheWorkflow) {
  Analysis a = analyze(typed_files());
  Json cfg = prepare(a, {{"target", "argo"}, {"endpoint", endpoint()}, {"lint", true}}).config;
  Step s = start(cfg);
  ASSERT_TRUE(s.request);
  s = step(s.state, Transport::Ok, 404, "");  // an Argo Server without lint
  ASSERT_TRUE(s.request);
  EXPECT_NE(s.request->body.find("\"kind\":\"Workflow\""), std::string::npos);
  EXPECT_EQ(s.state["result"]["lint"], "unavailable");
}

TEST(SubmitFlow, FailuresNeverCarryTheToken) {
  Step s = start({{"target", "kfp"}, {"endpoint", endpoint()}, {"pipeline_yaml", "x"}, {"pipeline_name", "n"}});
  s = step(s.state, Transport::Ok, 401, R"({"message":"token T0KEN rejected"})", true);
  ASSERT_TRUE(s.failure);
  EXPECT_EQ(s.failure->code, "unauthorized");
  EXPECT_EQ(s.failure->message.find("T0KEN"), std::string::npos);
  EXPECT_NE(s.failure->message.find("<redacted>"), std::string::npos);
}

}  // namespace
}  // namespace kfp::submit
