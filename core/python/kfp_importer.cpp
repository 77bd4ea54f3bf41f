// dsl.importer(artifact_uri=, artifact_class=, reimport=, metadata=) as
// kfp/dsl/importer_node.py builds it: a component named `importer` with the
// input `uri` (STRING) and one `metadata`, `metadata-2`, ... input per
// channel found in the metadata (each replaced there by its placeholder), the
// output `artifact` of the class, and the importer executor
// (pipeline_spec_builder.build_importer_spec_for_task).
#include <algorithm>
#include <functional>
#include <set>

#include "core/checks/names.h"
#include "core/emit/names.h"
#include "core/python/kfp_eval.h"
#include "core/python/kfp_names.h"
#include "core/util/patterns.h"

namespace kfp::py {

Value Evaluator::importer(const Expr& call, const std::map<std::string, Value>* locals, Recorded* rec) {
  static const std::vector<std::string> kParams = {"artifact_uri", "artifact_class", "reimport", "metadata",
                                                   "download_to_workspace"};
  std::map<std::string, const Expr*> a;
  if (call.items.size() > kParams.size()) {
    sink_.report(DiagId::err_py_kfp_rejects, call.items[kParams.size()]->span,
                 {"TypeError: importer() takes from 2 to 5 positional arguments but " +
                  std::to_string(call.items.size()) + " were given"});
    return Value::opaque("", call.span, true);
  }
  for (size_t i = 0; i < call.items.size(); ++i) a[kParams[i]] = call.items[i].get();
  for (const auto& k : call.keywords) {
    if (std::find(kParams.begin(), kParams.end(), k.name) == kParams.end() || a.count(k.name)) {
      sink_.report(DiagId::err_py_kfp_rejects, k.name_span.valid() ? k.name_span : k.span,
                   {"TypeError: importer() got an unexpected keyword argument '" + k.name + "'"});
      return Value::opaque("", call.span, true);
    }
    a[k.name] = k.value.get();
  }
  for (const char* req : {"artifact_uri", "artifact_class"})
    if (!a.count(req)) {
      sink_.report(DiagId::err_py_kfp_rejects, call.span,
                   {std::string("TypeError: importer() missing 1 required positional argument: '") + req + "'"});
      return Value::opaque("", call.span, true);
    }
  Type art;
  bool is_output = false, is_list = false;
  if (!annotation_type(*a["artifact_class"], "artifact_class", &art, &is_output, &is_list) || !art.is_artifact) {
    sink_.report(DiagId::err_py_bad_value, a["artifact_class"]->span, {"artifact_class must be an artifact class"});
    return Value::opaque("", call.span, true);
  }
  art.is_list = false;
  Value uri = eval(*a["artifact_uri"], locals, rec);
  if (report_opaque(uri, a["artifact_uri"]->span, "artifact_uri")) return Value::opaque("", call.span, true);
  bool reimport = false, download = false;
  for (auto [n, dst] : {std::pair<const char*, bool*>{"reimport", &reimport}, {"download_to_workspace", &download}}) {
    if (!a.count(n)) continue;
    Value v = eval(*a[n], locals, rec);
    if (v.k != Value::K::Const || !v.c.is_boolean()) {
      sink_.report(DiagId::err_py_bad_value, a[n]->span, {std::string(n) + " must be True or False"});
      return Value::opaque("", call.span, true);
    }
    *dst = v.c.get<bool>();
  }

  auto comp = std::make_shared<Component>();
  comp->format = Component::Format::IrComponent;
  comp->file = file_;
  comp->name = Located<std::string>{"importer", call.span};
  comp->span = call.span;
  IoSpec uri_in;
  uri_in.name = Located<std::string>{"uri", call.span};
  uri_in.type.param = ParamType::String;
  comp->inputs.push_back(uri_in);

  PTask t;
  t.span = call.span;
  t.enable_cache = true;
  auto add_arg = [&](const std::string& input, const Value& v, Span at) {
    TaskArgument ta;
    ta.input = Located<std::string>{input, at};
    ta.span = at;
    ta.source.span = at;
    if (v.k == Value::K::Channel) {
      ta.source = v.src;
      ta.source.span = at;
      t.chan_of[input] = v.chan;
      t.channel_inputs.push_back(v.chan);
    } else {
      ta.source.kind = ArgumentSource::Kind::Constant;
      ta.source.constant = v.c;
    }
    t.args.push_back(std::move(ta));
  };

  // Metadata: each channel becomes an input; the same channel one input.
  std::vector<std::pair<std::string, Value>> meta_inputs;
  bool ok = true;
  std::function<Json(const Value&)> traverse = [&](const Value& v) -> Json {
    auto input_for = [&](const Value& ch) {
      for (const auto& [n, have] : meta_inputs)
        if (have.chan->pattern() == ch.chan->pattern()) return n;
      std::set<std::string> used;
      for (const auto& [n, have] : meta_inputs) used.insert(n);
      std::string n = unique_name("metadata", used);
      meta_inputs.emplace_back(n, ch);
      return n;
    };
    switch (v.k) {
      case Value::K::Channel:
        if (v.chan->is_artifact()) break;
        return Json("{{$.inputs.parameters['" + input_for(v) + "']}}");
      case Value::K::Const:
        if (v.c.is_string()) {
          std::string s = v.c.get<std::string>();
          // {{channel:task=[\w\s_-]*;name=[\w\s_-]+;type=[^;]*;}}, searched left to right.
          pat::ChannelMatch m;
          std::string out;
          while (pat::find_channel_placeholder(s, 0, pat::ChannelTypeChars::NotSemicolon, &m)) {
            auto it = rec->patterns.find(s.substr(m.begin, m.end - m.begin));
            if (it == rec->patterns.end()) break;
            Value ch;
            ch.k = Value::K::Channel;
            ch.chan = it->second;
            ch.src.kind = it->second->task.empty() ? ArgumentSource::Kind::PipelineInput : ArgumentSource::Kind::TaskOutput;
            ch.src.task = it->second->task;
            ch.src.output = it->second->name;
            ch.src.input = it->second->name;
            out += s.substr(0, m.begin) + "{{$.inputs.parameters['" + input_for(ch) + "']}}";
            s = s.substr(m.end);
          }
          return Json(out + s);
        }
        return v.c;
      case Value::K::List:
      case Value::K::Tuple: {
        Json arr = Json::array();
        for (const auto& i : v.items) arr.push_back(traverse(i));
        return arr;
      }
      case Value::K::Dict: {
        Json o = Json::object();
        for (size_t i = 0; i < v.items.size(); ++i) {
          Json k = traverse(v.items[i]);
          o[k.is_string() ? k.get<std::string>() : k.dump()] = traverse(v.values[i]);
        }
        return o;
      }
      default: break;
    }
    ok = false;
    return Json();
  };
  Json metadata;
  if (a.count("metadata")) {
    Value m = eval(*a["metadata"], locals, rec);
    if (report_opaque(m, a["metadata"]->span, "the importer metadata")) return Value::opaque("", call.span, true);
    metadata = traverse(m);
    if (!ok) {
      sink_.report(DiagId::err_py_bad_value, a["metadata"]->span,
                   {"the importer metadata must hold constants, pipeline parameters and task outputs"});
      return Value::opaque("", call.span, true);
    }
  }

  Json spec = Json::object();
  if (uri.k == Value::K::Channel) {
    spec["artifactUri"]["runtimeParameter"] = "uri";
  } else if (uri.k == Value::K::Const && uri.c.is_string()) {
    spec["artifactUri"]["constant"] = uri.c;
  } else {
    sink_.report(DiagId::err_py_bad_value, a["artifact_uri"]->span,
                 {"artifact_uri must be a string, a pipeline parameter or a task output"});
    return Value::opaque("", call.span, true);
  }
  spec["typeSchema"]["schemaTitle"] = art.schema_title;
  spec["typeSchema"]["schemaVersion"] = art.schema_version;
  if (reimport) spec["reimport"] = true;
  if (metadata.is_object() && !metadata.empty()) spec["metadata"] = metadata;
  if (download) spec["downloadToWorkspace"] = true;
  comp->importer = spec;
  for (const auto& [n, ch] : meta_inputs) {
    IoSpec in;
    in.name = Located<std::string>{n, call.span};
    in.type = ch.chan->type;
    comp->inputs.push_back(in);
  }
  IoSpec out;
  out.name = Located<std::string>{"artifact", call.span};
  out.type = art;
  comp->outputs.push_back(out);

  add_arg("uri", uri, a["artifact_uri"]->span);
  for (const auto& [n, ch] : meta_inputs) add_arg(n, ch, a["metadata"]->span);

  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Importer;
  def->v2 = comp;
  def->span = call.span;
  t.def = def;
  t.comp = std::make_shared<Component>(*comp);
  std::set<std::string> used;
  for (const auto& o : rec->tasks) used.insert(o.name);
  t.name = unique_name("importer", used);
  t.group = rec->stack.back();
  int idx = static_cast<int>(rec->tasks.size());
  rec->tasks.push_back(std::move(t));
  rec->groups[static_cast<size_t>(rec->stack.back())].order.emplace_back(false, idx);
  Value v;
  v.k = Value::K::Task;
  v.task = idx;
  v.span = call.span;
  return v;
}

}  // namespace kfp::py
