#include "core/emit/cel_condition.h"

#include "core/emit/pyfmt.h"

namespace kfp {
namespace {

// type_utils.get_parameter_type for a channel or a Python constant.
ParamType operand_type(const CelOperand& o) {
  if (o.is_channel()) return o.channel_type;
  const Json& v = o.value;
  if (v.is_boolean()) return ParamType::Boolean;
  if (v.is_number_float()) return ParamType::Double;
  if (v.is_number()) return ParamType::Integer;
  return ParamType::String;
}

// str() of a constant, as KFP formats it into the condition.
std::string constant_text(const Json& v) {
  if (v.is_string()) return "'" + v.get<std::string>() + "'";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_float()) return python_float_repr(v.get<double>());
  if (v.is_number()) return v.dump();
  return "None";
}

}  // namespace

bool cel_comparison(const CelOperand& left, const std::string& op, const CelOperand& right, std::string* out,
                    std::string* refusal) {
  ParamType lt = operand_type(left), rt = operand_type(right), canonical = lt;
  if (lt != rt) {
    // String > Boolean > Double > Integer
    if (lt == ParamType::String || rt == ParamType::String) canonical = ParamType::String;
    else if (lt == ParamType::Boolean || rt == ParamType::Boolean) canonical = ParamType::Boolean;
    else canonical = ParamType::Double;
  }
  std::string values[2];
  int i = 0;
  for (const CelOperand* o : {&left, &right}) {
    ParamType t = operand_type(*o);
    std::string v;
    if (o->is_channel()) {
      v = "inputs.parameter_values['" + o->channel_input + "']";
      if (t == ParamType::Integer) v = "int(" + v + ")";
    } else {
      v = constant_text(o->value);
    }
    if (t != canonical) {
      if (canonical == ParamType::String) {
        v = "'" + v + "'";
      } else if (canonical == ParamType::Boolean) {
        // KFP: 'true' if int(operand_value) == 0 else 'false' -- int() of
        // anything but an integer constant raises.
        if (o->is_channel() || !o->value.is_number_integer()) {
          *refusal = "ValueError: invalid literal for int() with base 10: " + python_str_repr(v);
          return false;
        }
        v = o->value.get<double>() == 0 ? "true" : "false";
      } else {
        v = "double(" + v + ")";
      }
    }
    values[i++] = v;
  }
  *out = values[0] + " " + op + " " + values[1];
  return true;
}

}  // namespace kfp
