// kfp.kubernetes.CreatePVC and kfp.kubernetes.DeletePVC. In kfp-kubernetes
// these are @dsl.container_component functions whose container is a stub
// image (argostub/createpvc, argostub/deletepvc) that KFP's backend
// recognises and replaces with the Kubernetes call; calling one makes an
// ordinary task (CreatePVC's `name` output is what mount_pvc / DeletePVC take).
// The package is not in the user's file, so the component is described here:
// the interface KFP derives from the signature, and the parameter
// descriptions its docstring parser extracts (they are part of the compiled
// IR, so they must match it character for character).
#include "core/python/kfp_eval.h"

namespace kfp::py {
namespace {

IoSpec param(const std::string& name, ParamType t, bool optional, const char* description,
             std::optional<Json> dflt = std::nullopt) {
  IoSpec io;
  io.name = Located<std::string>{name, {}};
  io.type.param = t;
  io.optional = optional;
  io.description = description;
  io.default_value = std::move(dflt);
  return io;
}

constexpr const char* kPvcDocs =
    "https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/persistent-volume-claim-v1/";

std::shared_ptr<Component> create_pvc() {
  auto c = std::make_shared<Component>();
  c->name = Located<std::string>{"createpvc", {}};
  const std::string docs = kPvcDocs;
  std::string claim = "<" + docs + "#PersistentVolumeClaim>`_.";
  std::string claim_spec = "<" + docs + "#PersistentVolumeClaimSpec>`_.";
  // The signature's order: (name: OutputPath(str), access_modes, size, pvc_name=None,
  // pvc_name_suffix=None, storage_class_name='', volume_name=None, annotations=None, data_source=None).
  c->inputs.push_back(param("access_modes", ParamType::List, false, "Values for ``PersistentVolumeClaim.spec.accessModes``."));
  std::string size = "The size of storage requested by the PVC that will be\nprovisioned. For example, ``'5Gi'``. "
                     "Corresponds to\n`PersistentVolumeClaim.spec.resources.requests.storage\n" + claim_spec;
  c->inputs.push_back(param("size", ParamType::String, false, ""));
  c->inputs.back().description = size;
  c->inputs.push_back(param("pvc_name", ParamType::String, true, ""));
  c->inputs.back().description = "Name of the PVC. Corresponds to\n`PersistentVolumeClaim.metadata.name\n" + claim +
                                 "\nOnly one of ``pvc_name`` and ``pvc_name_suffix`` can be provided.";
  c->inputs.push_back(param("pvc_name_suffix", ParamType::String, true,
                            "Prefix to use for a dynamically generated name, which\nwill take the form "
                            "``<argo-workflow-name>-<pvc_name_suffix>``. Only\none of ``pvc_name`` and "
                            "``pvc_name_suffix`` can be provided."));
  c->inputs.push_back(param("storage_class_name", ParamType::String, true,
                            "Name of StorageClass from which to provision the PV\nto back the PVC. ``None`` indicates "
                            "to use the cluster's default\nstorage_class_name. Set to ``''`` for a statically "
                            "specified PVC.",
                            Json("")));
  c->inputs.push_back(param("volume_name", ParamType::String, true, ""));
  c->inputs.back().description =
      "Pre-existing PersistentVolume that should back the\nprovisioned PersistentVolumeClaim. Used for statically\n"
      "specified PV only. Corresponds to\n`PersistentVolumeClaim.spec.volumeName\n" + claim_spec;
  c->inputs.push_back(param("annotations", ParamType::Struct, true, ""));
  c->inputs.back().description =
      "Annotations for the PVC's metadata. Corresponds to\n`PersistentVolumeClaim.metadata.annotations\n" + claim;
  c->inputs.push_back(param("data_source", ParamType::Struct, true, ""));
  c->inputs.back().description =
      "Specifies the data source for the PVC. This can be used to\ncreate a PVC from a VolumeSnapshot or to clone an "
      "existing PVC.\nShould be a dictionary with ``'apiGroup'``, ``'kind'``, and\n``'name'`` keys. For example:\n"
      "``{'apiGroup': 'snapshot.storage.k8s.io', 'kind': 'VolumeSnapshot', 'name': 'my-snapshot'}``.\n"
      "Corresponds to `PersistentVolumeClaim.spec.dataSource\n" + claim_spec;
  // The Returns section (``name: str`` ...) is not an Args entry: no description.
  c->outputs.push_back(param("name", ParamType::String, false, ""));
  return c;
}

std::shared_ptr<Component> delete_pvc() {
  auto c = std::make_shared<Component>();
  c->name = Located<std::string>{"deletepvc", {}};
  c->inputs.push_back(param("pvc_name", ParamType::String, false,
                            "Name of the PVC to delete. Supports passing a runtime-generated name, such as a name "
                            "provided by ``kubernetes.CreatePvcOp().outputs['name']``."));
  return c;
}

}  // namespace

std::shared_ptr<CompDef> kubernetes_pvc_component(const std::string& fn, FileId file, Span at) {
  std::shared_ptr<Component> c;
  if (fn == "CreatePVC") c = create_pvc();
  else if (fn == "DeletePVC") c = delete_pvc();
  else return nullptr;
  c->format = Component::Format::IrComponent;
  c->file = file;
  c->name.span = at;
  c->span = at;
  for (auto& io : c->inputs) io.span = io.name.span = io.type_span = at;
  for (auto& io : c->outputs) io.span = io.name.span = io.type_span = at;
  Container k;
  k.image = Located<std::string>{fn == "CreatePVC" ? "argostub/createpvc" : "argostub/deletepvc", at};
  k.span = at;
  c->container = std::move(k);
  auto def = std::make_shared<CompDef>();
  def->kind = CompDef::Kind::Container;
  def->v2 = c;
  def->span = at;
  return def;
}

}  // namespace kfp::py
