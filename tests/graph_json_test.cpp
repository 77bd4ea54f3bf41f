// Graph JSON (docs/graph-json.md) end to end: files -> analyze -> graph_json,
// on hand-written fixtures (tests/data/graph/) and, when present, the corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/api.h"
#include "core/emit/graph_json.h"
#include "test_files.h"

namespace kfp {
using test_files::slurp;

namespace {

std::string data(const std::string& name) { return std::string(KFP_TEST_DATA) + "/graph/" + name; }

struct Graph {
  Analysis a;
  Json g;
};

Graph graph_of(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const auto& p : paths) files.push_back({p, slurp(p)});
  Graph r{analyze(files), {}};
  r.g = graph_json(r.a.ws, r.a.diagnostics);
  return r;
}

const Json* node(const Json& p, const std::string& id) {
  for (const auto& n : p["nodes"])
    if (n["id"] == id) return &n;
  return nullptr;
}

// The edges from node `from` to node `to` (any ports), in output order.
std::vector<const Json*> edges(const Json& p, const std::string& from, const std::string& to) {
  std::vector<const Json*> out;
  for (const auto& e : p["edges"])
    if (e["from"]["node"] == from && e["to"]["node"] == to) out.push_back(&e);
  return out;
}

// The `components` entry task node `n` of pipeline `p` runs (an empty object if none).
const Json& comp(const Json& p, const Json& n) {
  static const Json none = Json::object();
  const Json* c = graph_component(p, n);
  return c ? *c : none;
}

std::string diags_text(const Analysis& a) {
  std::string s;
  for (const auto& d : a.diagnostics)
    s += std::to_string(d.span.begin.line) + ":" + std::to_string(d.span.begin.col) + " " +
         std::string(d.code()) + " " + d.message() + "\n";
  return s;
}

// Invariants every graph keeps: unique ids, parents and edge ends exist,
// edge ids in order, every task's component is in the table and every entry
// of the table is used.
void expect_well_formed(const Json& g, const std::string& what) {
  ASSERT_EQ(g["schema"], 2) << what;
  for (const auto& p : g["pipelines"]) {
    std::set<size_t> used;
    for (const auto& n : p["nodes"]) {
      if (n["kind"] == "task") {
        EXPECT_NE(graph_component(p, n), nullptr) << what << n["id"];
      }
      if (n.contains("componentIndex") && n["componentIndex"].is_number())
        used.insert(n["componentIndex"].get<size_t>());
      if (n["kind"] == "task" || n["kind"] == "group") {
        EXPECT_TRUE(n["values"].is_object()) << what << n["id"];
      }
    }
    EXPECT_EQ(used.size(), p["components"].size()) << what;
    std::set<std::string> ids;
    for (const auto& n : p["nodes"]) EXPECT_TRUE(ids.insert(n["id"].get<std::string>()).second) << what << n["id"];
    for (const auto& n : p["nodes"]) {
      if (!n["parent"].is_null()) {
        EXPECT_TRUE(ids.count(n["parent"].get<std::string>())) << what << " parent of " << n["id"];
        EXPECT_EQ((*node(p, n["parent"].get<std::string>()))["kind"], "group") << what;
      }
    }
    size_t i = 0;
    for (const auto& e : p["edges"]) {
      EXPECT_EQ(e["id"], "e" + std::to_string(i++)) << what;
      EXPECT_TRUE(ids.count(e["from"]["node"].get<std::string>())) << what << e.dump();
      EXPECT_TRUE(ids.count(e["to"]["node"].get<std::string>())) << what << e.dump();
      EXPECT_FALSE(e.value("mismatch", false) && e.value("unchecked", false)) << what;
    }
  }
}

TEST(GraphJson, V1GraphNodesEdgesAndSpans) {
  Graph r = graph_of({data("v1_graph.yaml")});
  expect_well_formed(r.g, "v1_graph");
  ASSERT_EQ(r.g["pipelines"].size(), 1u) << diags_text(r.a);
  const Json& p = r.g["pipelines"][0];
  EXPECT_EQ(p["id"], "p0");
  EXPECT_EQ(p["kind"], "v1-graph");
  EXPECT_EQ(p["name"], "Demo pipeline");

  std::vector<std::string> ids;
  for (const auto& n : p["nodes"]) ids.push_back(n["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"in:seed", "task:gen", "task:count", "task:remote", "task:use-remote",
                                           "out:report"}));

  const Json* seed = node(p, "in:seed");
  EXPECT_EQ((*seed)["type"], "NUMBER_INTEGER");
  EXPECT_EQ((*seed)["default"], "1");
  EXPECT_EQ((*seed)["span"]["line"], 4);

  const Json* gen = node(p, "task:gen");
  EXPECT_EQ((*gen)["span"]["line"], 10);
  EXPECT_EQ((*gen)["span"]["column"], 7);
  const Json& gen_c = comp(p, *gen);
  EXPECT_EQ(gen_c["name"], "Gen text");
  EXPECT_EQ(gen_c["resolved"], true);
  EXPECT_EQ(gen_c["executor"], "container");
  EXPECT_EQ(gen_c["image"], "python:3.9");
  EXPECT_EQ(gen_c["command"], Json::array({"sh", "-c", "echo $0 > $1", "{inputValue: seed}", "{outputPath: text}"}));
  EXPECT_EQ(gen_c["outputs"][0]["type"], "STRING");

  const Json* count = node(p, "task:count");
  const Json& count_c = comp(p, *count);
  EXPECT_EQ(count_c["args"][2], "{if: {cond: {isPresent: label}, then: [\"--label\", {inputValue: label}]}}");
  EXPECT_EQ(count_c["inputs"][1]["name"], "label");
  EXPECT_EQ(count_c["inputs"][1]["optional"], true);
  EXPECT_FALSE(count_c["inputs"][1].contains("value"));
  EXPECT_EQ((*count)["values"]["label"]["source"], "constant");
  EXPECT_EQ((*count)["values"]["label"]["value"], "hello");
  EXPECT_EQ((*count)["values"]["n"]["source"], "task-output");

  // graphInput -> data edge from the pipeline input.
  auto in_edges = edges(p, "in:seed", "task:gen");
  ASSERT_EQ(in_edges.size(), 1u);
  EXPECT_EQ((*in_edges[0])["to"]["port"], "seed");
  EXPECT_TRUE((*in_edges[0])["from"]["port"].is_null());
  EXPECT_EQ((*in_edges[0])["producerType"], "NUMBER_INTEGER");
  EXPECT_FALSE(in_edges[0]->contains("mismatch"));

  // STRING into NUMBER_INTEGER: the checks' type-mismatch, on the edge.
  auto mm = edges(p, "task:gen", "task:count");
  ASSERT_EQ(mm.size(), 1u);
  const Json& e = *mm[0];
  EXPECT_EQ(e["kind"], "data");
  EXPECT_EQ(e["from"]["port"], "text");
  EXPECT_EQ(e["to"]["port"], "n");
  EXPECT_EQ(e["producerType"], "STRING");
  EXPECT_EQ(e["consumerType"], "NUMBER_INTEGER");
  EXPECT_EQ(e["span"]["line"], 39);
  ASSERT_TRUE(e.value("mismatch", false)) << e.dump(2) << "\n" << diags_text(r.a);
  EXPECT_EQ(e["message"],
            "Incompatible argument passed to the input 'n' of component 'count': Argument type 'STRING' is "
            "incompatible with the input type 'NUMBER_INTEGER'");
  EXPECT_EQ(e["diagnostic"]["code"], "type-mismatch");
  EXPECT_EQ(e["diagnostic"]["line"], 39);
  size_t idx = e["diagnostic"]["index"];
  ASSERT_LT(idx, r.a.diagnostics.size());
  EXPECT_EQ(r.a.diagnostics[idx].code(), "type-mismatch");

  // An unresolved producer: the edge exists, unchecked, producer type unknown.
  const Json* remote = node(p, "task:remote");
  EXPECT_EQ(comp(p, *remote)["resolved"], false);
  EXPECT_EQ(comp(p, *remote)["inputs"], Json::array());
  EXPECT_EQ((*remote)["ref"]["url"], "https://example.com/missing/component.yaml");
  EXPECT_EQ((*remote)["values"].size(), 1u);
  auto un = edges(p, "task:remote", "task:use-remote");
  ASSERT_EQ(un.size(), 1u);
  EXPECT_EQ((*un[0])["unchecked"], true);
  EXPECT_TRUE((*un[0])["producerType"].is_null());
  EXPECT_EQ((*un[0])["consumerType"], "STRING");

  // ... and an unresolved consumer: unchecked too, consumer type unknown.
  auto into = edges(p, "task:gen", "task:remote");
  ASSERT_EQ(into.size(), 1u);
  EXPECT_EQ((*into[0])["unchecked"], true);
  EXPECT_TRUE((*into[0])["consumerType"].is_null());

  // outputValues -> an edge into the pipeline output.
  auto outs = edges(p, "task:gen", "out:report");
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ((*outs[0])["from"]["port"], "text");
}

TEST(GraphJson, LoneComponentIsOneTaskPipeline) {
  Graph r = graph_of({data("lone.yaml")});
  expect_well_formed(r.g, "lone");
  ASSERT_EQ(r.g["pipelines"].size(), 1u) << diags_text(r.a);
  const Json& p = r.g["pipelines"][0];
  EXPECT_EQ(p["kind"], "v1-component");
  std::vector<std::string> ids;
  for (const auto& n : p["nodes"]) ids.push_back(n["id"]);
  // KFP names the task after the sanitized component name.
  EXPECT_EQ(ids, (std::vector<std::string>{"in:data", "in:lr", "task:train-model", "out:model"}));
  const Json* t = node(p, "task:train-model");
  EXPECT_EQ((*t)["displayName"], "Train model");
  const Json& c = comp(p, *t);
  EXPECT_EQ(c["args"], Json::array({"--data", "{inputPath: data}", "--lr", "{inputValue: lr}", "--model",
                                    "{outputPath: model}"}));
  // Each input of the one task is bound to the pipeline input of its name.
  ASSERT_EQ(c["inputs"].size(), 2u);
  ASSERT_EQ((*t)["values"].size(), 2u);
  for (const auto& in : c["inputs"]) {
    const Json& v = (*t)["values"][in["name"].get<std::string>()];
    EXPECT_EQ(v["source"], "pipeline-input") << v.dump();
    EXPECT_EQ(v["input"], in["name"]) << v.dump();
    EXPECT_TRUE(v["span"].is_null()) << v.dump();
  }
  EXPECT_EQ(c["inputs"][0]["span"]["file"], c["file"]);
  EXPECT_EQ((*node(p, "in:data"))["type"], "system.Dataset@0.0.1");
  EXPECT_EQ((*node(p, "in:lr"))["optional"], true);
  EXPECT_EQ((*node(p, "out:model"))["type"], "system.Model@0.0.1");
  EXPECT_EQ(edges(p, "in:data", "task:train-model").size(), 1u);
  EXPECT_EQ(edges(p, "in:lr", "task:train-model").size(), 1u);
  EXPECT_EQ(edges(p, "task:train-model", "out:model").size(), 1u);
  EXPECT_EQ(p["edges"].size(), 3u);
}

// A component's ports, command and spans are written once, in the
// pipeline's `components` table, and its task nodes point at that entry: each
// task must still carry its own arguments (`values`), an argument no input
// declares among them, and a component used by two pipelines is in each one's
// table.
TEST(GraphJson, TasksOfOneComponentKeepTheirOwnArguments) {
  const std::string comp_text = slurp(data("scale.yaml"));  // a component of two inputs, one output
  const std::string pipe = R"(name: reuse
implementation:
  graph:
    tasks:
      a:
        componentRef: {name: Scale}
        arguments: {x: '1', y: first}
      b:
        componentRef: {name: Scale}
        arguments:
          x: {taskOutput: {taskId: a, outputName: out}}
      c:
        componentRef: {name: Scale}
        arguments: {x: '3', typo: oops}
      d:
        componentRef: {name: Missing}
)";
  Analysis a = analyze({{"scale.yaml", comp_text}, {"reuse.yaml", pipe}});
  Json g = graph_json(a.ws, a.diagnostics);
  expect_well_formed(g, "reuse");
  const Json* p = nullptr;
  const Json* lone = nullptr;
  for (const auto& q : g["pipelines"]) (q["name"] == "reuse" ? p : lone) = &q;
  ASSERT_NE(p, nullptr) << diags_text(a);
  ASSERT_NE(lone, nullptr) << diags_text(a);
  const Json& ta = *node(*p, "task:a");
  const Json& tb = *node(*p, "task:b");
  const Json& tc = *node(*p, "task:c");
  const Json& td = *node(*p, "task:d");
  // One entry for Scale, one for the unresolved component, in first-use order.
  ASSERT_EQ((*p)["components"].size(), 2u);
  EXPECT_EQ(ta["componentIndex"], 0);
  EXPECT_EQ(tb["componentIndex"], 0);
  EXPECT_EQ(tc["componentIndex"], 0);
  EXPECT_EQ(td["componentIndex"], 1);
  EXPECT_EQ(comp(*p, td)["resolved"], false);
  EXPECT_EQ(comp(*p, td)["executor"], "none");
  const Json& c = comp(*p, ta);
  EXPECT_EQ(c["image"], "busybox");
  EXPECT_EQ(c["file"], "scale.yaml");
  EXPECT_EQ(c["outputs"][0]["span"]["file"], "scale.yaml");
  EXPECT_EQ(c["outputs"][0]["span"]["line"], 6);
  ASSERT_EQ(c["inputs"].size(), 2u);
  EXPECT_EQ(c["inputs"][1]["type"], "STRING");
  EXPECT_EQ(c["inputs"][1]["optional"], true);
  for (const auto& in : c["inputs"]) EXPECT_EQ(in["span"]["file"], "scale.yaml");
  // The lone component's pipeline has the same entry in its own table.
  ASSERT_EQ((*lone)["components"].size(), 1u);
  EXPECT_EQ((*lone)["components"][0], c);

  EXPECT_EQ(ta["values"].size(), 2u);
  EXPECT_EQ(ta["values"]["x"]["value"], "1");
  EXPECT_EQ(ta["values"]["x"]["span"]["file"], "reuse.yaml");
  EXPECT_EQ(ta["values"]["y"]["value"], "first");
  ASSERT_EQ(tb["values"].size(), 1u);
  EXPECT_EQ(tb["values"]["x"]["source"], "task-output");
  EXPECT_EQ(tb["values"]["x"]["task"], "a");
  ASSERT_EQ(tc["values"].size(), 2u) << tc["values"].dump();
  EXPECT_EQ(tc["values"]["x"]["value"], "3");
  EXPECT_EQ(tc["values"]["typo"]["value"], "oops");
  EXPECT_EQ(td["values"], Json::object());
}

TEST(GraphJson, IrGroupsResolveThroughToProducers) {
  Graph r = graph_of({data("ir_control.yaml")});
  expect_well_formed(r.g, "ir_control");
  ASSERT_EQ(r.g["pipelines"].size(), 1u) << diags_text(r.a);
  const Json& p = r.g["pipelines"][0];
  EXPECT_EQ(p["kind"], "ir");
  EXPECT_EQ(p["name"], "control-demo");

  const Json* cond = node(p, "task:condition-2");
  ASSERT_TRUE(cond) << p.dump(1);
  EXPECT_EQ((*cond)["kind"], "group");
  EXPECT_EQ((*cond)["group"], "condition");
  EXPECT_EQ((*cond)["condition"], "inputs.parameter_values['pipelinechannel--flag'] == 'go'");
  const Json* loop = node(p, "task:for-loop-3");
  EXPECT_EQ((*loop)["group"], "parallel-for");
  EXPECT_EQ((*loop)["items"]["input"], "pipelinechannel--make-list-Output");
  EXPECT_EQ((*loop)["items"]["from"], (Json{{"node", "task:inner/make-list"}, {"port", "Output"}}));
  EXPECT_EQ((*loop)["itemInput"], "pipelinechannel--make-list-Output-loop-item");
  const Json* exit = node(p, "task:exit-handler-1");
  EXPECT_EQ((*exit)["group"], "exit-handler");
  EXPECT_EQ((*exit)["displayName"], "my-exit-handler");
  EXPECT_EQ((*node(p, "task:inner"))["group"], "pipeline");
  EXPECT_EQ((*node(p, "task:for-loop-3/print-msg"))["parent"], "task:for-loop-3");
  EXPECT_EQ((*node(p, "task:inner/make-list"))["parent"], "task:inner");
  EXPECT_EQ(comp(p, *node(p, "task:inner/make-list"))["args"][1], "{{$.outputs.parameters['Output'].output_file}}");
  EXPECT_EQ((*node(p, "task:cleanup"))["triggerStrategy"], "ALL_UPSTREAM_TASKS_COMPLETED");

  // The loop body reads one item of the nested pipeline's output.
  auto loop_e = edges(p, "task:inner/make-list", "task:for-loop-3/print-msg");
  ASSERT_EQ(loop_e.size(), 1u);
  EXPECT_EQ((*loop_e[0])["loopItem"], true);
  EXPECT_EQ((*loop_e[0])["via"], Json::array({"task:for-loop-3", "task:inner"}));
  EXPECT_EQ((*loop_e[0])["producerType"], "LIST");
  EXPECT_EQ((*loop_e[0])["consumerType"], "STRING");

  // Through the condition to the pipeline input.
  auto flag_e = edges(p, "in:flag", "task:condition-2/print-msg-2");
  ASSERT_EQ(flag_e.size(), 1u);
  EXPECT_EQ((*flag_e[0])["via"], Json::array({"task:condition-2"}));

  // A group input nobody inside reads still connects its producer to the group.
  auto unused = edges(p, "task:inner/make-list", "task:condition-2");
  ASSERT_EQ(unused.size(), 1u);
  EXPECT_EQ((*unused[0])["to"]["port"], "pipelinechannel--make-list-Output");

  // The exit task reads the exit handler's final status.
  auto status = edges(p, "task:exit-handler-1", "task:cleanup");
  ASSERT_EQ(status.size(), 2u);
  EXPECT_EQ((*status[0])["kind"], "status");
  EXPECT_EQ((*status[0])["producerType"], "TASK_FINAL_STATUS");
  EXPECT_EQ((*status[1])["kind"], "after");
  EXPECT_EQ((*status[1])["implied"], true);
  EXPECT_EQ((*status[1])["span"]["line"], 125);

  // dependentTasks on a data producer is implied by the data edge into the group.
  auto dep = edges(p, "task:inner", "task:condition-2");
  ASSERT_EQ(dep.size(), 1u);
  EXPECT_EQ((*dep[0])["kind"], "after");
  EXPECT_EQ((*dep[0])["implied"], true);

  // The pipeline output comes from inside the nested pipeline.
  auto out = edges(p, "task:inner/make-list", "out:Output");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ((*out[0])["via"], Json::array({"task:inner"}));
}

TEST(GraphJson, DotAndMermaidFollowTheJson) {
  Graph r = graph_of({data("v1_graph.yaml")});
  std::string dot = graph_dot(r.g);
  EXPECT_EQ(dot.rfind("digraph \"Demo pipeline\" {\n", 0), 0u) << dot;
  EXPECT_NE(dot.find("\"task:gen\" -> \"task:count\" [label=\"n\", color=red, fontcolor=red];"), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"in:seed\" [label=\"seed\\nNUMBER_INTEGER\", shape=ellipse];"), std::string::npos) << dot;
  std::string mm = graph_mermaid(r.g);
  EXPECT_EQ(mm.rfind("flowchart TD\n", 0), 0u) << mm;
  EXPECT_NE(mm.find("n1 -->|\"n\"| n2"), std::string::npos) << mm;
  EXPECT_NE(mm.find("linkStyle 1 stroke:red,color:red"), std::string::npos) << mm;

  Graph ir = graph_of({data("ir_control.yaml")});
  std::string idot = graph_dot(ir.g);
  EXPECT_NE(idot.find("subgraph \"cluster_task:condition-2\" {"), std::string::npos) << idot;
  EXPECT_NE(idot.find("\"task:exit-handler-1\" -> \"task:cleanup\" [label=\"status\", style=dotted];"),
            std::string::npos)
      << idot;
  // The implied `after` edge is left out of the drawing.
  EXPECT_EQ(idot.find("\"task:exit-handler-1\" -> \"task:cleanup\" [style=dashed];"), std::string::npos) << idot;
  EXPECT_NE(idot.find("\"task:cleanup\" [label=\"cleanup\"];"), std::string::npos) << idot;
  std::string imm = graph_mermaid(ir.g);
  EXPECT_NE(imm.find("subgraph "), std::string::npos) << imm;
  EXPECT_NE(imm.find("(parallel-for)"), std::string::npos) << imm;
}

TEST(GraphJson, Deterministic) {
  Graph a = graph_of({data("ir_control.yaml"), data("v1_graph.yaml"), data("lone.yaml")});
  Graph b = graph_of({data("ir_control.yaml"), data("v1_graph.yaml"), data("lone.yaml")});
  EXPECT_EQ(a.g.dump(), b.g.dump());
  ASSERT_EQ(a.g["pipelines"].size(), 3u);
  EXPECT_EQ(a.g["pipelines"][2]["id"], "p2");
  EXPECT_EQ(a.g["pipelines"][2]["kind"], "v1-component");
}

TEST(GraphJson, BrokenFilesGiveNoPipelineAndNoCrash) {
  std::vector<InputFile> files{{"bad.yaml", "a: [1, 2\n"}, {"empty.yaml", ""}, {"list.yaml", "- 1\n- 2\n"}};
  Analysis a = analyze(files);
  Json g = graph_json(a.ws, a.diagnostics);
  EXPECT_EQ(g["pipelines"].size(), 0u);
  EXPECT_FALSE(graph_dot(g).size());
  EXPECT_FALSE(graph_mermaid(g).size());
}

TEST(GraphJson, SanitizeAndRender) {
  EXPECT_EQ(graph::sanitize_k8s_name("Catboost predict class probabilities"), "catboost-predict-class-probabilities");
  EXPECT_EQ(graph::sanitize_k8s_name("  Foo__Bar!! 2 "), "foo-bar-2");
  EXPECT_EQ(graph::sanitize_k8s_name("---"), "");
  Arg c;
  c.kind = Arg::Kind::Concat;
  Arg lit;
  lit.text = "--x=";
  Arg iv;
  iv.kind = Arg::Kind::InputValue;
  iv.text = "x";
  c.items = {lit, iv};
  EXPECT_EQ(graph::render_arg(c, false), "{concat: [\"--x=\", {inputValue: x}]}");
  EXPECT_EQ(graph::render_arg(c, true), "{\"Concat\": [\"--x=\", \"{{$.inputs.parameters['x']}}\"]}");
}

// The corpus: every IR and v1 graph pipeline gives a well-formed graph, and
// each type mutant KFP rejects has exactly the mismatched edge KFP names.
TEST(GraphJson, CorpusGraphs) {
  std::filesystem::path corpus = KFP_CORPUS;
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "corpus not found at " << corpus;
  size_t files = 0, pipelines = 0, nodes = 0, edges_n = 0;
  for (const char* dir : {"ir", "graph-pipelines"}) {
    for (const auto& ent : std::filesystem::recursive_directory_iterator(corpus / dir)) {
      std::string p = ent.path().string();
      if (!ent.is_regular_file() || ent.path().extension() != ".yaml") continue;
      if (p.find("kfp1-argo") != std::string::npos) continue;
      Graph r = graph_of({p});
      expect_well_formed(r.g, p);
      ++files;
      for (const auto& pl : r.g["pipelines"]) {
        ++pipelines;
        nodes += pl["nodes"].size();
        edges_n += pl["edges"].size();
      }
    }
  }
  EXPECT_GT(pipelines, 150u);
  std::cout << "[graph] corpus: " << files << " files, " << pipelines << " pipelines, " << nodes << " nodes, "
            << edges_n << " edges\n";

  std::ifstream tsv(corpus / "graph-pipelines" / "expected.tsv");
  std::string line;
  std::getline(tsv, line);
  size_t mutants = 0;
  while (std::getline(tsv, line)) {
    std::vector<std::string> col;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) col.push_back(c);
    if (col.size() < 3 || col[1] != "error") continue;
    // "gen-text-2.seed<-gen-text.text"
    std::string m = col[2];
    std::string consumer = m.substr(0, m.find("<-")), producer = m.substr(m.find("<-") + 2);
    std::string ctask = consumer.substr(0, consumer.rfind('.')), cport = consumer.substr(consumer.rfind('.') + 1);
    std::string ptask = producer.substr(0, producer.rfind('.')), pport = producer.substr(producer.rfind('.') + 1);
    Graph r = graph_of({(corpus / "graph-pipelines" / (col[0] + ".pipeline.yaml")).string()});
    ASSERT_EQ(r.g["pipelines"].size(), 1u) << col[0];
    std::vector<const Json*> bad;
    for (const auto& e : r.g["pipelines"][0]["edges"])
      if (e.value("mismatch", false)) bad.push_back(&e);
    ASSERT_EQ(bad.size(), 1u) << col[0] << "\n" << diags_text(r.a);
    EXPECT_EQ((*bad[0])["to"], (Json{{"node", "task:" + ctask}, {"port", cport}})) << col[0];
    EXPECT_EQ((*bad[0])["from"], (Json{{"node", "task:" + ptask}, {"port", pport}})) << col[0];
    // KFP's own message, after "InconsistentTypeException: ".
    std::string kfp_msg = col[3].substr(col[3].find(": ") + 2);
    EXPECT_EQ((*bad[0])["message"], kfp_msg) << col[0];
    ++mutants;
  }
  EXPECT_EQ(mutants, 6u);
}

}  // namespace
}  // namespace kfp
