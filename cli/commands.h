#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace kfpc {

// Exit codes: 0 clean, 1 findings (errors), 2 usage or unreadable input.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kfpc
