// The layout over JSON, as the page's worker calls it (wasm `layout()`,
// docs/wasm-api.md) and as `kfpc graph --layout` uses it.
#pragma once
#include <string>
#include <string_view>

#include "core/layout/layout.h"
#include "core/yaml/scalar.h"  // kfp::Json

namespace kfp::layout {

// Request:
//   {"nodes": [{"id", "parent": id|null, "w", "h", "cluster": bool, "pad": [top, left, bottom, right],
//               "layer": "first"|"last", "ports": [{"id", "side": "in"|"out", "y"}]}],
//    "edges": [{"id", "from", "fromPort": id|null, "to", "toPort": id|null, "label": [w, h]}],
//    "options": {"nodeGap", "layerGap", "edgeGap", "margin", "labelGap", "sweeps"}}
// Result, arrays in request order (coordinates rounded to 0.1):
//   {"schema": 1, "width", "height", "nodes": [[x, y, w, h], ...],
//    "edges": [{"points": [x0, y0, x1, y1, ...], "label": [x, y, w, h]}, ...],
//    "stats": {"layers", "dummies", "crossings", "straightened"}}
// A malformed request gives {"schema": 1, "error": "..."}; unknown ids in
// parent/from/to make the node top-level / drop the edge (empty points).
std::string layout_json(std::string_view request);

// The same, on parsed JSON (no error strings: bad fields are skipped).
Graph graph_from_json(const Json& request);
Json result_to_json(const Result& r);

// Estimated sizes for a pipeline of the graph JSON (docs/graph-json.md) when
// no page measures text (kfpc): fixed-width character estimates close to the
// page's fonts. Returns {"width","height","nodes":{id:[x,y,w,h]},
// "edges":{id:{"points":[...],"label":[...]}}} keyed by the graph's own ids.
Json layout_pipeline(const Json& pipeline);

}  // namespace kfp::layout
