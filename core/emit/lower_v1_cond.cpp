// See lower_v1_cond.h. The CEL text follows pipeline_spec_builder.py
// (_single_binary_operation_to_cel_condition) of KFP 2.15 step by step,
// including its quirks (an Integer operand compared with a Boolean one goes
// through int(), which fails on anything but an integer literal).
#include "core/emit/lower_v1_cond.h"

#include <cmath>
#include <map>
#include <set>

#include "core/emit/cel_condition.h"
#include "core/emit/pyfmt.h"

namespace kfp::v1_lower {
namespace {

const std::set<std::string> kComparisons = {"==", "!=", "<", "<=", ">", ">="};

std::string opposite(const std::string& op) {
  static const std::map<std::string, std::string> m = {{"==", "!="}, {"!=", "=="}, {"<", ">="},
                                                       {">=", "<"},  {">", "<="},  {"<=", ">"}};
  return m.at(op);
}

// The comparison Python evaluates when the constant is on the left:
// `'a' == ch` is ch.__eq__('a'), `5 < ch` is ch.__gt__(5).
std::string mirrored(const std::string& op) {
  static const std::map<std::string, std::string> m = {{"==", "=="}, {"!=", "!="}, {"<", ">"},
                                                       {">", "<"},   {"<=", ">="}, {">=", "<="}};
  return m.at(op);
}

bool is_argument_ref(const Json& v) {
  return v.is_object() && v.size() == 1 && (v.contains("graphInput") || v.contains("taskOutput"));
}

std::string py_type_name(const Json& v) {
  if (v.is_boolean()) return "bool";
  if (v.is_number_float()) return "float";
  if (v.is_number()) return "int";
  if (v.is_string()) return "str";
  return "NoneType";
}

// Python's `a <op> b` of two constants, as dsl.If receives it (a bool).
bool eval_constants(const std::string& op, const Json& a, const Json& b, bool* result, CondError* err) {
  bool num_a = a.is_number() || a.is_boolean(), num_b = b.is_number() || b.is_boolean();
  auto num = [](const Json& v) { return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>(); };
  int cmp = 0;
  bool comparable = true;
  if (num_a && num_b) {
    double x = num(a), y = num(b);
    cmp = x < y ? -1 : x > y ? 1 : 0;
  } else if (a.is_string() && b.is_string()) {
    int c = a.get<std::string>().compare(b.get<std::string>());
    cmp = c < 0 ? -1 : c > 0 ? 1 : 0;
  } else {
    comparable = false;
  }
  if (op == "==" || op == "!=") {
    *result = (comparable && cmp == 0) == (op == "==");
    return true;
  }
  if (!comparable) {
    err->args = {"TypeError: '" + op + "' not supported between instances of '" + py_type_name(a) + "' and '" +
                 py_type_name(b) + "'"};
    return false;
  }
  *result = op == "<" ? cmp < 0 : op == "<=" ? cmp <= 0 : op == ">" ? cmp > 0 : cmp >= 0;
  return true;
}

bool operand(const Json& v, const ChannelOf& channel_of, Operand* out, CondError* err) {
  if (is_argument_ref(v)) {
    out->channel = channel_of(v, err);
    return out->channel.has_value();
  }
  if (v.is_string() || v.is_number() || v.is_boolean()) {
    out->value = v;
    return true;
  }
  err->id = DiagId::err_compile_no_equivalent;
  err->args = {"a condition operand " + v.dump(), "an operand is a constant or a graphInput/taskOutput"};
  return false;
}

bool comparison(const std::string& op, const Json& operands, const ChannelOf& channel_of, std::vector<CondOp>* out,
                CondError* err) {
  if (!operands.is_object() || !operands.contains("op1") || !operands.contains("op2")) {
    err->id = DiagId::err_compile_no_equivalent;
    err->args = {"isEnabled '" + op + "' without op1 and op2", "a comparison needs both operands"};
    return false;
  }
  CondOp c;
  c.op = op;
  if (!operand(operands["op1"], channel_of, &c.left, err) || !operand(operands["op2"], channel_of, &c.right, err))
    return false;
  if (!c.left.channel && !c.right.channel) {
    bool b = false;
    if (!eval_constants(op, c.left.value, c.right.value, &b, err)) return false;
    err->args = {std::string("ValueError: Got constant boolean ") + (b ? "True" : "False") +
                 " as a condition. This is likely because the provided condition evaluated immediately. At least "
                 "one of the operands must be an output from an upstream task or a pipeline parameter."};
    return false;
  }
  if (!c.left.channel) {
    std::swap(c.left, c.right);
    c.op = mirrored(c.op);
  }
  for (const Operand* o : {&c.left, &c.right})
    if (o->channel && o->channel->type.is_artifact) {
      err->id = DiagId::err_compile_no_equivalent;
      err->args = {"a condition on the artifact '" + o->channel->full_name() + "'",
                   "KFP v2 conditions compare parameter values only"};
      return false;
    }
  out->push_back(std::move(c));
  return true;
}

bool conditions(const Json& pred, bool negate, const ChannelOf& channel_of, std::vector<CondOp>* out,
                CondError* err) {
  if (is_argument_ref(pred) || !pred.is_object() || pred.size() != 1) {
    err->id = DiagId::err_compile_no_equivalent;
    err->args = {"isEnabled " + pred.dump(),
                 "dsl.If needs a comparison (for a boolean input: {\"==\": {\"op1\": ..., \"op2\": true}})"};
    return false;
  }
  const std::string key = pred.begin().key();
  const Json& body = pred.begin().value();
  if (kComparisons.count(key)) return comparison(negate ? opposite(key) : key, body, channel_of, out, err);
  if (key == "not") return conditions(body, !negate, channel_of, out, err);
  if (key == "and" && !negate) {
    if (!body.is_object() || !body.contains("op1") || !body.contains("op2")) {
      err->id = DiagId::err_compile_no_equivalent;
      err->args = {"isEnabled 'and' without op1 and op2", "'and' needs both operands"};
      return false;
    }
    return conditions(body["op1"], false, channel_of, out, err) && conditions(body["op2"], false, channel_of, out, err);
  }
  err->id = DiagId::err_compile_no_equivalent;
  if (key == "or" || key == "and")
    err->args = {std::string("isEnabled '") + (negate ? "not " : "") + key + "'",
                 "dsl.If takes one comparison and nested dsl.If groups only give 'and'; rewrite the predicate as "
                 "comparisons joined by 'and'"};
  else
    err->args = {"isEnabled '" + key + "'", "it is not a v1 predicate (==, !=, <, <=, >, >=, and, or, not)"};
  return false;
}

// IR_TYPE_TO_IN_MEMORY_SPEC_TYPE: how a channel_type reads in KFP's message.
std::string in_memory_type(ParamType t) {
  switch (t) {
    case ParamType::List: return "List";
    case ParamType::Struct: return "Dict";
    case ParamType::String: return "String";
    case ParamType::Integer: return "Integer";
    case ParamType::Double: return "Float";
    case ParamType::Boolean: return "Boolean";
    default: return "None";
  }
}

}  // namespace

bool predicate_conditions(const Json& pred, const ChannelOf& channel_of, std::vector<CondOp>* out, CondError* err) {
  return conditions(pred, false, channel_of, out, err);
}

bool cel_condition(const CondOp& op, std::string* out, CondError* err) {
  for (const Operand* o : {&op.left, &op.right}) {
    if (!o->channel) continue;
    ParamType t = o->channel->type.param;
    if (t == ParamType::Struct || t == ParamType::List || t == ParamType::Unspecified) {
      err->id = DiagId::err_compile_refused;
      err->args = {"ValueError: Conditional requires primitive parameter values for comparison. Found input \"" +
                   o->channel->input_name() + "\" of type " + in_memory_type(t) + " in pipeline definition instead."};
      return false;
    }
  }
  auto cel_operand = [](const Operand& o) {
    CelOperand c;
    if (o.channel) c.channel_input = o.channel->input_name(), c.channel_type = o.channel->type.param;
    else c.value = o.value;
    return c;
  };
  std::string refusal;
  if (cel_comparison(cel_operand(op.left), op.op, cel_operand(op.right), out, &refusal)) return true;
  err->id = DiagId::err_compile_refused;
  err->args = {refusal};
  return false;
}

}  // namespace kfp::v1_lower
