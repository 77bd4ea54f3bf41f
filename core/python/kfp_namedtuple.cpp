// NamedTuple classes as values: `Outputs = NamedTuple('Outputs', [('a', str)])`
// (or collections.namedtuple('Outputs', ['a'])) and `return Outputs(x, a=y)`,
// the way a pipeline returns several outputs (KFP's
// convert_pipeline_outputs_to_dict reads the tuple's _asdict()).
#include "core/python/kfp_component.h"
#include "core/python/kfp_eval.h"

namespace kfp::py {

Value Evaluator::named_tuple_class(const Expr& call, const std::string& fn) {
  Value cls;
  cls.k = Value::K::NamedTupleClass;
  cls.span = call.span;
  if (fn == "typing.NamedTuple") {
    std::vector<std::pair<std::string, const Expr*>> fields;
    bool malformed = false;
    if (!named_tuple_fields(*this, call, &fields, &malformed) || malformed)
      return Value::opaque(kNamedTupleForm, call.span);
    for (const auto& [name, type] : fields) cls.fields.push_back(name), cls.field_types.push_back(type);
    return cls;
  }
  // collections.namedtuple(typename, field_names): a list of names or one
  // string of names separated by commas and/or spaces.
  if (call.items.size() != 2 || !call.keywords.empty())
    return Value::opaque("this namedtuple form (write namedtuple('Outputs', ['a', 'b']))", call.span);
  bool ok = true;  // const_json clears it when the expression is not a literal
  Json names = const_json(*call.items[1], &ok);
  if (ok && names.is_string()) {
    std::string cur;
    for (char c : names.get<std::string>() + " ") {
      if (c == ',' || c == ' ') {
        if (!cur.empty()) cls.fields.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    return cls;
  }
  if (ok && names.is_array()) {
    for (const auto& n : names) {
      if (!n.is_string()) return Value::opaque("a namedtuple field name that is not a string", call.items[1]->span);
      cls.fields.push_back(n.get<std::string>());
    }
    return cls;
  }
  return Value::opaque("namedtuple field names known only when the file runs", call.items[1]->span);
}

Value Evaluator::named_tuple(const Expr& call, const Value& cls, const std::map<std::string, Value>* locals,
                             Recorded* rec) {
  Value t;
  t.k = Value::K::Tuple;
  t.span = call.span;
  t.fields = cls.fields;
  t.items.resize(cls.fields.size());
  std::vector<bool> set(cls.fields.size(), false);
  if (call.items.size() > cls.fields.size()) {
    sink_.report(DiagId::err_py_kfp_rejects, call.items[cls.fields.size()]->span,
                 {"TypeError: the NamedTuple takes " + std::to_string(cls.fields.size()) + " values but " +
                  std::to_string(call.items.size()) + " were given"});
    return Value::opaque("", call.span, true);
  }
  for (size_t i = 0; i < call.items.size(); ++i) {
    t.items[i] = eval(*call.items[i], locals, rec);
    set[i] = true;
  }
  for (const auto& k : call.keywords) {
    size_t i = 0;
    while (i < cls.fields.size() && cls.fields[i] != k.name) ++i;
    if (k.name.empty() || i == cls.fields.size() || set[i]) {
      sink_.report(DiagId::err_py_kfp_rejects, k.value->span,
                   {k.name.empty() ? "TypeError: **kwargs in a NamedTuple call is not followed by this reader"
                    : i == cls.fields.size() ? "TypeError: the NamedTuple has no field '" + k.name + "'"
                                             : "TypeError: the NamedTuple got field '" + k.name + "' twice"});
      return Value::opaque("", call.span, true);
    }
    t.items[i] = eval(*k.value, locals, rec);
    set[i] = true;
  }
  for (size_t i = 0; i < set.size(); ++i)
    if (!set[i]) {
      sink_.report(DiagId::err_py_kfp_rejects, call.span,
                   {"TypeError: the NamedTuple call is missing the field '" + cls.fields[i] + "'"});
      return Value::opaque("", call.span, true);
    }
  return t;
}

}  // namespace kfp::py
