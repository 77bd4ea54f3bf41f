// KFP semantics over the Python AST: a small static evaluator that follows
// what the KFP SDK would do when the module is imported and the pipeline
// function is compiled -- imports, component loading, task creation, task
// options -- and records the pipeline as tasks in groups, which kfp_build.cpp
// turns into the IR-shaped model. Internal to core/python.
//
// Whatever the evaluator cannot follow statically becomes an Opaque value that
// says why; using an Opaque value where it matters is a diagnostic at the use
// (with a note at the definition), never a guess.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/api.h"
#include "core/model/model.h"
#include "core/python/ast.h"
#include "core/python/kfp_flow.h"
#include "core/read/workspace.h"

namespace kfp::py {

// Something that can be called to make a task.
struct CompDef {
  enum class Kind { Container, Pipeline, Importer };
  Kind kind = Kind::Container;
  std::shared_ptr<Component> v2;  // the v2 view (inputs/outputs with v2 types; container)
  const Stmt* fn = nullptr;       // the decorated function (@dsl.pipeline / @dsl.component)
  Span span;                      // where it was defined (for notes)
  // @dsl.pipeline(...) options, as written.
  std::optional<std::string> pipeline_name, description, display_name, pipeline_root;
  // @dsl.pipeline(pipeline_config=...): the platforms.kubernetes.pipelineConfig dict (kfp_pipeline_config.cpp).
  std::optional<Json> pipeline_config;
  std::shared_ptr<PipelineSpec> compiled;  // a pipeline, once compiled (nested use)
  // A loaded component KFP cannot use (from_v1_component_spec refusals):
  // reported when a task is made from it, as KFP fails then.
  std::shared_ptr<Component> v1;
  std::vector<Diagnostic> refusals;
  bool refusals_reported = false;
  bool compiling = false;                  // recursion guard
  bool attempted = false;                  // compiled once (its errors reported once)
};

struct Value {
  enum class K {
    Undefined,
    Const,      // c: a JSON value (None = null)
    List, Tuple, Dict,  // items (Dict: keys in items, values in values)
    Module,     // path: a dotted name we know ("kfp.dsl", "kfp.dsl.pipeline", "typing.List", "os")
    Component,  // comp
    Task,       // task index
    Outputs,    // task.outputs (task index)
    Channel,    // a pipeline channel: src + type
    Function,   // a plain Python function (fn)
    Group,      // a control-flow group bound by `with ... as g` (group)
    NamedTupleClass,  // typing.NamedTuple(...) / collections.namedtuple(...): fields
    Opaque,     // why: what we could not follow
  };
  K k = K::Undefined;
  Json c;
  std::vector<Value> items, values;
  std::vector<std::string> fields;  // NamedTupleClass, and a Tuple made by one: the field names
  std::vector<const Expr*> field_types;  // NamedTupleClass from typing.NamedTuple: the field annotations
  std::string path;
  std::shared_ptr<CompDef> comp;
  int task = -1;
  ArgumentSource src;
  Type type;
  bool is_loop_item = false;
  ChanP chan;  // Channel: KFP's PipelineChannel object (kfp_flow.h)
  int group = -1;  // Group: a `with` group (its index in Recorded::groups)
  const Stmt* fn = nullptr;
  std::string why;
  bool reported = false;  // Opaque: already diagnosed
  Span span;              // the expression that made it
  Span def_span;          // Opaque: where it was bound (for a note)

  static Value opaque(std::string why, Span s, bool reported = false) {
    Value v;
    v.k = K::Opaque;
    v.why = std::move(why);
    v.span = s;
    v.reported = reported;
    return v;
  }
  static Value constant(Json j, Span s) {
    Value v;
    v.k = K::Const;
    v.c = std::move(j);
    v.span = s;
    return v;
  }
  static Value module(std::string p, Span s) {
    Value v;
    v.k = K::Module;
    v.path = std::move(p);
    v.span = s;
    return v;
  }
};

// A task as the pipeline function creates it.
struct PTask {
  std::string name;  // unique within the pipeline (KFP: Pipeline.add_task)
  std::shared_ptr<CompDef> def;
  std::shared_ptr<Component> comp;  // this task's own copy (setters change its container)
  std::vector<TaskArgument> args;
  std::vector<Located<std::string>> after;
  std::optional<bool> enable_cache;
  std::optional<RetryPolicy> retry;
  std::optional<std::string> cache_key;
  std::string display_name;
  bool ignore_upstream_failure = false;
  Json platform = Json::object();  // kfp.kubernetes settings (platform_config)
  // Where each resource setter's value was written (ResourceSpec field name ->
  // span): a field given a channel holds str(channel), which the compiler
  // turns into task inputs (kfp_build.cpp) and reports here when it cannot.
  std::map<std::string, Span> resource_spans;
  int group = 0;
  Span span;
  // Control flow (kfp_groups.cpp / kfp_build.cpp): the channel each input gets,
  // the channels the task consumes in KFP's order, exit-task and importer marks.
  std::map<std::string, ChanP> chan_of;
  std::vector<ChanP> channel_inputs;
  bool is_exit_task = false;
  bool in_groups = true;  // false once an ExitHandler took it out of its group
};

struct PGroup {
  GroupKind kind = GroupKind::Pipeline;
  std::string name;
  int parent = -1;
  std::vector<std::pair<bool, int>> order;  // (is_group, index) in creation order
  Span span;
  // kfp/dsl/tasks_group.py: the user's name, If/Elif/Else conditions (and the
  // negations an Elif/Else after it inherits), the loop, the exit task.
  std::string display_name;
  bool branches = false;                 // a ConditionBranches wrapper (condition-branches-N)
  std::string cond_class;                // "If", "Elif", "Else", "Condition"
  std::vector<CondOp> conds, negated;
  ChanP loop_arg;
  bool items_is_channel = false;
  int64_t parallelism = 0;
  int exit_task = -1;
  int oneof_id = 0;  // ConditionBranches.get_oneof_id
};

struct Recorded {  // one pipeline function's body, as KFP records it
  std::vector<PTask> tasks;
  std::vector<PGroup> groups;  // groups[0] is the pipeline itself
  std::vector<std::pair<std::string, Value>> outputs;  // `return` values
  std::vector<int> stack{0};  // Pipeline.groups: the open groups, innermost last
  int group_id = 0;           // Pipeline.get_next_group_id
  std::map<std::string, ChanP> patterns;  // channel pattern -> channel (f-strings)
};

class Evaluator {
 public:
  Evaluator(const Workspace& ws, FileId file, Sink& sink, const AnalyzeOptions& opts)
      : ws_(ws), file_(file), sink_(sink), opts_(opts) {}

  // Walks the module's top level: imports, assignments, definitions.
  void run_module(const Module& m);
  // The @dsl.pipeline definitions and lone components, in file order.
  const std::vector<std::pair<std::string, std::shared_ptr<CompDef>>>& definitions() const { return defs_; }
  // Evaluates a pipeline function and builds its PipelineSpec (null when KFP
  // would refuse it; the reason is reported).
  std::shared_ptr<PipelineSpec> compile_pipeline(CompDef& def);

  Sink& sink() { return sink_; }
  // `compiler.Compiler().compile(X, ...)` inside `if __name__ == '__main__':`
  // (the call that wrote KFP's own goldens), or null.
  const Expr* main_compile() const { return main_compile_; }
  bool main_is_run() const { return main_is_run_; }
  FileId file() const { return file_; }

 private:
  friend class BodyRunner;
  // kfp_module.cpp
  void bind(const std::string& name, Value v) { globals_[name] = std::move(v); }
  void module_stmt(const Stmt& s);
  void import_stmt(const Stmt& s);
  // kfp_compile_load.cpp: `with tempfile.TemporaryDirectory() as d:` at the
  // top level, Compiler().compile(X, package_path=P) there, and
  // load_component_from_file(P) of that file.
  bool temp_dir_block(const Stmt& s);
  void compile_to_file(const Expr& call);
 public:
  std::shared_ptr<CompDef> compiled_file(const std::string& path) const;
 private:
  void module_assign(const Stmt& s);
  void function_def(const Stmt& s);
  void taint_assigned(const std::vector<StmtP>& body, const std::string& why);
  // kfp_expr.cpp: expressions with no pipeline in progress (module level, defaults, decorators).
 public:
  Value eval(const Expr& e, const std::map<std::string, Value>* locals, Recorded* rec);
  Value lookup(const std::string& name, Span at, const std::map<std::string, Value>* locals);
  // The KFP path an expression names ("kfp.dsl.pipeline"), or "" when it is not a known module member.
  std::string path_of(const Expr& e, const std::map<std::string, Value>* locals);
  bool report_opaque(const Value& v, Span use, const std::string& what);
  Value call(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec);

  // kfp_load.cpp
  Value load_component(const Expr& call, const std::string& fn, const std::map<std::string, Value>* locals);
  // kfp_component.cpp: @dsl.component / @dsl.container_component
  std::shared_ptr<CompDef> python_component(const Stmt& fn, const Expr* decorator, bool container);
  // kfp_types.cpp: a parameter annotation -> (type, is_output)
  bool annotation_type(const Expr& ann, const std::string& param, Type* out, bool* is_output, bool* is_list_art);
  bool class_type(const std::string& path, Type* t);  // a type by path, the file's own artifact classes included
  bool artifact_class_def(const Stmt& cls);          // binds a subclass of an artifact class; false when not one
  bool signature_default(const Expr& dflt, const std::string& param, bool is_artifact, Json* out);
  // kfp_pipeline.cpp
  Value make_task(const Expr& call, std::shared_ptr<CompDef> def, const std::map<std::string, Value>* locals,
                  Recorded* rec);
  Value task_method(const Expr& call, const Value& task, const std::string& method,
                    const std::map<std::string, Value>* locals, Recorded* rec);
  Value task_attribute(const Expr& e, const Value& task, const std::string& attr, Recorded* rec);
  void run_body(const std::vector<StmtP>& body, std::map<std::string, Value>& locals, Recorded& rec);
  // kfp_groups.cpp: `with dsl.If/Condition/ParallelFor/ExitHandler(...)`, `return`.
  void with_block(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec);
  void return_outputs(const Stmt& s, std::map<std::string, Value>& locals, Recorded& rec);
  bool pipeline_output(const std::string& name, const Value& v, Span at, Recorded& rec);
  Value channel_attribute(const Expr& e, const Value& base, Recorded* rec);
  bool condition(const Expr& e, std::map<std::string, Value>& locals, Recorded& rec, CondOp* out);
  bool pipeline_outputs(const Expr& returns, Component& iface);
  // kfp_pystr.cpp: str methods and os functions over constants.
  Value string_method(const Expr& call, const std::string& self, const std::string& method,
                      const std::map<std::string, Value>* locals, Recorded* rec);
  Value os_call(const Expr& call, const std::string& fn, const std::map<std::string, Value>* locals, Recorded* rec);
  // kfp_helper_call.cpp: a plain Python function called in a pipeline.
  Value call_helper(const Expr& call, const Value& fn, const std::map<std::string, Value>* locals, Recorded* rec);
  Value named_tuple_class(const Expr& call, const std::string& fn);
  Value named_tuple(const Expr& call, const Value& cls, const std::map<std::string, Value>* locals, Recorded* rec);
  Value collected(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec);
  Value one_of(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec);
  Value importer(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec);
  // kfp_pipeline_config.cpp: dsl.PipelineConfig / WorkspaceConfig / KubernetesWorkspaceConfig.
  Value pipeline_config_object(const Expr& call, const std::string& path, const std::map<std::string, Value>* locals,
                               Recorded* rec);
  Value kubernetes_call(const Expr& call, const std::string& fn, const std::map<std::string, Value>* locals,
                        Recorded* rec);
  // A value as a task argument KFP accepts: constants, channels, and lists /
  // dicts / f-strings holding channels (their patterns, as KFP's str(channel)).
  bool channel_argument(const Value& v, Json* out, std::vector<ChanP>* chans, Recorded* rec);

  const Workspace& ws_;
  FileId file_;
  Sink& sink_;
  const AnalyzeOptions& opts_;
  std::map<std::string, Value> globals_;
  std::vector<std::pair<std::string, std::shared_ptr<CompDef>>> defs_;
  const Expr* main_compile_ = nullptr;
  bool main_is_run_ = false;  // main_compile_ is a create_run_from_pipeline_func call
  int current_group_ = 0;
  std::map<std::string, std::shared_ptr<CompDef>> compiled_files_;  // package_path -> what was compiled there
  int temp_dirs_ = 0;
  std::map<std::string, Type> local_artifacts_;  // "<file>.Name" -> the type of an artifact class defined here
  // A helper function's run (call_helper): where its `return` goes, whether
  // it has returned (the rest of its body is skipped), how deep calls nest.
  Value* helper_return_ = nullptr;
  bool helper_returned_ = false;
  int helper_depth_ = 0;
  int group_counter_ = 0;
};

// kfp_build.cpp: Recorded -> PipelineSpec (names, component keys, dependencies).
std::shared_ptr<PipelineSpec> build_pipeline_spec(const CompDef& def, Recorded& rec, Sink& sink);

// kfp_pipeline_config.cpp: the config classes' paths; a task argument using
// the workspace (dsl.WORKSPACE_PATH_PLACEHOLDER, /kfp-workspace...); KFP's
// refusal of an importer downloading to the workspace of a pipeline without one.
bool is_pipeline_config_class(const std::string& path);
bool uses_workspace_path(const Json& constant);
void check_workspace_download(const PipelineSpec& spec, Sink& sink);

// Helpers shared by the kfp_*.cpp files.
std::string python_repr(const Json& j);  // how Python prints a value ('a', 1, True, None, [..])
Json const_json(const Expr& e, bool* ok);  // a literal expression as JSON (no names)
std::string annotation_text(const Expr& e);  // an annotation as written ("List[Dict[str, int]]")
std::string output_type_text(const CompDef& def, const IoSpec& o);  // KFP's channel_type text of an output
// kfp_kubernetes_pvc.cpp: kfp.kubernetes.CreatePVC / DeletePVC as components
// (null for any other name); `at` is the call that uses it.
std::shared_ptr<CompDef> kubernetes_pvc_component(const std::string& fn, FileId file, Span at);

}  // namespace kfp::py
