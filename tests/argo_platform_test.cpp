// kfp-kubernetes settings (the IR's `platforms:` document) lowered into the
// Argo container templates (core/emit/argo_platform.cpp): a hand-written IR
// (tests/data/argo/platform_k8s.yaml) with every setting the lowering knows,
// checked field by field, and the workflow schema-valid and lint-clean; and
// every corpus IR file with a platform document compiles to a clean workflow
// that carries its settings.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <utility>
#include <vector>

#include "core/api.h"
#include "core/diag/render.h"
#include "core/emit/argo.h"
#include "test_files.h"

using namespace kfp;
namespace fs = std::filesystem;
using test_files::corpus_root;
using test_files::slurp;

namespace {

const Json* named(const Json& list, const std::string& name) {
  for (const auto& x : list)
    if (x.contains("name") && x["name"] == name) return &x;
  return nullptr;
}

}  // namespace

TEST(ArgoPlatform, KubernetesSettingsLandInTheContainerTemplate) {
  fs::path p = fs::path(KFP_TEST_DATA) / "argo" / "platform_k8s.yaml";
  Analysis a = analyze({{p.filename().string(), slurp(p)}});
  ArgoResult r = compile_to_argo(a);
  ASSERT_TRUE(r.ok) << render_text(r.diagnostics, a.ws);
  // Keys are applied in key order: configMapAsVolume, pvcMount, ..., secretAsEnv, secretAsVolume.
  // The one setting with no Argo form is reported, nothing else.
  ASSERT_EQ(r.diagnostics.size(), 1u) << render_text(r.diagnostics, a.ws);
  EXPECT_EQ(r.diagnostics[0].id, DiagId::warn_argo_emit_platform);
  EXPECT_NE(r.diagnostics[0].message().find("nodeSelector.nodeSelectorJson"), std::string::npos);

  const Json& spec = r.workflow["spec"];
  const Json* consumer = named(spec["templates"], "consumer");
  ASSERT_NE(consumer, nullptr);
  const Json& c = (*consumer)["container"];
  const Json* key = named(c["env"], "ACCESS_KEY");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ((*key)["valueFrom"]["secretKeyRef"],
            (Json{{"name", "{{inputs.parameters.kfp-k8s-param-1}}"}, {"key", "access"}}));
  const Json* level = named(c["env"], "LEVEL");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ((*level)["valueFrom"]["configMapKeyRef"], (Json{{"name", "settings"}, {"key", "level"}, {"optional", true}}));
  const Json* pod = named(c["env"], "POD_NAME");
  ASSERT_NE(pod, nullptr);
  EXPECT_EQ((*pod)["valueFrom"]["fieldRef"]["fieldPath"], "metadata.name");
  EXPECT_EQ(c["imagePullPolicy"], "Always");

  const Json& vols = (*consumer)["volumes"];
  ASSERT_EQ(vols.size(), 3u);
  const Json* sec = named(vols, "secret-2");
  ASSERT_NE(sec, nullptr);
  EXPECT_EQ((*sec)["secret"], (Json{{"secretName", "tls-certs"}, {"optional", true}}));
  const Json* cm = named(vols, "configmap-0");
  ASSERT_NE(cm, nullptr);
  EXPECT_EQ((*cm)["configMap"]["name"], "settings");
  const Json* pvc = named(vols, "pvc-1");
  ASSERT_NE(pvc, nullptr);
  EXPECT_EQ((*pvc)["persistentVolumeClaim"]["claimName"], "{{inputs.parameters.kfp-k8s-param-0}}");
  ASSERT_EQ(c["volumeMounts"].size(), 3u);
  EXPECT_EQ((*named(c["volumeMounts"], "pvc-1"))["mountPath"], "/data");

  EXPECT_EQ((*consumer)["nodeSelector"], (Json{{"disktype", "ssd"}}));
  EXPECT_EQ((*consumer)["tolerations"], Json::array({{{"effect", "NoSchedule"}, {"key", "gpu"}, {"operator", "Exists"}}}));
  EXPECT_EQ((*consumer)["metadata"]["labels"]["team"], "ml");
  EXPECT_EQ(spec["imagePullSecrets"], Json::array({{{"name", "registry-creds"}}}));

  // The DAG task passes the parameter-named settings, and depends on the producer of one.
  const Json* root = named(spec["templates"], spec["entrypoint"].get<std::string>());
  ASSERT_NE(root, nullptr);
  const Json* task = named((*root)["dag"]["tasks"], "consumer");
  ASSERT_NE(task, nullptr);
  const Json* p0 = named((*task)["arguments"]["parameters"], "kfp-k8s-param-1");
  ASSERT_NE(p0, nullptr);
  EXPECT_EQ((*p0)["value"], "{{tasks.producer.outputs.parameters.producer-secret_name}}");
  EXPECT_EQ((*named((*task)["arguments"]["parameters"], "kfp-k8s-param-0"))["value"], "{{inputs.parameters.claim}}");
  EXPECT_EQ((*task)["dependencies"], Json::array({"producer"}));

  // Our lint (schema included) of the written YAML: clean.
  Analysis back = analyze({{"k8s.argo.yaml", r.text}});
  EXPECT_EQ(render_text(back.diagnostics, back.ws), "");
}

// The settings are the user's JSON: a field of another type than the
// proto's (a fuzzer's `optional: falne`, which YAML reads as a string) is left
// out of the template, never an exception out of the compile.
TEST(ArgoPlatform, SettingsOfTheWrongTypeAreLeftOut) {
  fs::path p = fs::path(KFP_TEST_DATA) / "argo" / "platform_k8s.yaml";
  std::string text = slurp(p);
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"optional: true", "optional: 'yes'"},
           {"optional: false", "optional: [1]"},
           {"envVar: ACCESS_KEY", "envVar: {a: 1}"},
           {"fieldPath: metadata.name", "fieldPath: 7"},
           {"mountPath: /data", "mountPath: [x]"},
           {"producerTask: producer", "producerTask: 3"}}) {
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    while (at != std::string::npos) {
      text.replace(at, from.size(), to);
      at = text.find(from, at + to.size());
    }
  }
  Analysis a = analyze({{p.filename().string(), text}});
  ArgoResult r;
  ASSERT_NO_THROW(r = compile_to_argo(a));
  ASSERT_TRUE(r.workflow.is_object()) << render_text(r.diagnostics, a.ws);
  const Json* consumer = named(r.workflow["spec"]["templates"], "consumer");
  ASSERT_NE(consumer, nullptr);
  const Json* level = named((*consumer)["container"]["env"], "LEVEL");
  ASSERT_NE(level, nullptr);
  EXPECT_FALSE((*level)["valueFrom"]["configMapKeyRef"].contains("optional"));
  const Json* pod = named((*consumer)["container"]["env"], "POD_NAME");
  ASSERT_NE(pod, nullptr);
  EXPECT_EQ((*pod)["valueFrom"]["fieldRef"]["fieldPath"], "");
  EXPECT_EQ((*named((*consumer)["container"]["volumeMounts"], "pvc-1"))["mountPath"], "");
}

TEST(ArgoPlatform, CorpusPlatformDocumentsCompileClean) {
  fs::path dir = fs::path(corpus_root()) / "ir/valid";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no corpus IR under " << dir;
  size_t n = 0, clean = 0, with_settings = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    std::string text = slurp(e.path());
    if (text.find("\nplatforms:") == std::string::npos || text.find("deploymentSpec:\n      executors:", text.find("\nplatforms:")) == std::string::npos) continue;
    Analysis a = analyze({{e.path().filename().string(), text}}, AnalyzeOptions{false, ""});
    if (a.ws.files().empty() || !a.ws.file(0).pipeline) continue;
    ++n;
    ArgoResult r = compile_to_argo(a);
    if (!r.ok) {
      ADD_FAILURE() << e.path() << "\n" << render_text(r.diagnostics, a.ws);
      continue;
    }
    std::string out = r.text;
    if (out.find("volumeMounts:") != std::string::npos || out.find("valueFrom:\n") != std::string::npos ||
        out.find("nodeSelector:") != std::string::npos || out.find("tolerations:") != std::string::npos ||
        out.find("imagePullSecrets:") != std::string::npos || out.find("secretKeyRef") != std::string::npos)
      ++with_settings;
    Analysis back = analyze({{"back.yaml", out}});
    std::string lint = render_text(back.diagnostics, back.ws);
    if (lint.empty()) ++clean;
    else ADD_FAILURE() << e.path() << ":\n" << lint;
  }
  std::cout << "[argo platform] corpus IR with executor settings: " << n << " files, " << clean
            << " schema-valid and lint-clean, " << with_settings << " carry settings into the workflow\n";
  EXPECT_EQ(clean, n);
  EXPECT_GT(with_settings, 0u);
}
