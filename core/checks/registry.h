// All checks over the model. One check per file under core/checks/; the list
// lives in registry.cpp. Checks never touch yaml-cpp and never throw.
#pragma once
#include "core/diag/diagnostic.h"
#include "core/read/workspace.h"

namespace kfp {

void run_checks(const Workspace& ws, Sink& sink);

}  // namespace kfp
