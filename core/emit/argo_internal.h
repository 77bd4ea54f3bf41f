// Internal to the Argo emitter (core/emit/argo*.cpp).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/diag/diagnostic.h"
#include "core/model/model.h"
#include "core/util/json_tree.h"
#include "core/yaml/scalar.h"

namespace kfp::argo_emit {

// KFP's sanitize_k8s_name: lower case, runs of other characters become '-'.
std::string k8s_name(std::string_view s);
// sanitize_k8s_name(name, allow_capital_underscore=True): Argo parameter and
// artifact names (^[-a-zA-Z0-9_]+$).
std::string param_name(std::string_view s);
// A value as a parameter string: strings as they are, anything else as JSON.
std::string value_text(const Json& v);
// /tmp/inputs/<name>/data, /tmp/outputs/<name>/data (KFP v1's paths).
std::string input_path(std::string_view input);
std::string output_path(std::string_view output);
// The name a container task exposes its output under: `<task>-<output>`.
std::string task_output_name(std::string_view argo_task, std::string_view output);

// A container template for one task. `args` gets which inputs the template
// declares as parameters / artifacts (decided by how the command uses them).
struct ContainerTemplate {
  jt::Value tmpl;  // in the jt::Arena of compile_to_argo
  std::set<std::string> param_inputs;     // component input names
  std::set<std::string> artifact_inputs;  // component input names
  // Extra template inputs for Kubernetes settings named by a parameter
  // (argo_platform.cpp): (template input name, where the DAG task gets it).
  std::vector<std::pair<std::string, ArgumentSource>> platform_args;
  std::set<std::string> image_pull_secrets;  // for the workflow's spec.imagePullSecrets
};
ContainerTemplate container_template(const std::string& name, const Task& task, const Component& comp,
                                     const PipelineSpec& p, Sink& sink);

// The kfp-kubernetes settings of the component's executor (IR platform
// document) applied to `ct` (see argo_platform.cpp).
void apply_platform(const PipelineSpec& p, const Task& task, const Component& comp, ContainerTemplate& ct,
                    Sink& sink);

// triggerPolicy.condition (KFP's CEL) -> an Argo `when` (govaluate). `input`
// gives the value of a group input in the parent DAG. False when the
// expression uses something without an Argo equivalent.
bool translate_condition(const std::string& cel, const std::map<std::string, std::string>& input, std::string* out);

}  // namespace kfp::argo_emit
