// KFP's type-compatibility rules on model values built here (no reader).
#include <gtest/gtest.h>

#include "core/checks/type_rules.h"

namespace kfp {
namespace {

Type param(ParamType p) {
  Type t;
  t.is_artifact = false;
  t.param = p;
  return t;
}

Type artifact(std::string title, std::string version = "0.0.1", bool list = false) {
  Type t;
  t.is_artifact = true;
  t.schema_title = std::move(title);
  t.schema_version = std::move(version);
  t.is_list = list;
  return t;
}

TEST(ChecksTypeRules, ParametersNeedTheSameType) {
  EXPECT_TRUE(channel_compatible(param(ParamType::String), param(ParamType::String)));
  EXPECT_FALSE(channel_compatible(param(ParamType::String), param(ParamType::Integer)));
  // No int -> float widening in KFP v2.
  EXPECT_FALSE(channel_compatible(param(ParamType::Integer), param(ParamType::Double)));
  EXPECT_FALSE(channel_compatible(param(ParamType::List), param(ParamType::Struct)));
  EXPECT_TRUE(channel_compatible(param(ParamType::Unspecified), param(ParamType::Struct)));
}

TEST(ChecksTypeRules, ParameterAndArtifactNeverConnect) {
  EXPECT_FALSE(channel_compatible(param(ParamType::String), artifact("system.Artifact")));
  EXPECT_FALSE(channel_compatible(artifact("system.Artifact"), param(ParamType::String)));
  EXPECT_FALSE(channel_compatible(artifact("system.Dataset"), param(ParamType::List)));
}

TEST(ChecksTypeRules, ArtifactsMatchByTitleAndMajorVersion) {
  EXPECT_TRUE(channel_compatible(artifact("system.Dataset"), artifact("system.Dataset")));
  EXPECT_FALSE(channel_compatible(artifact("system.Dataset"), artifact("system.Model")));
  EXPECT_TRUE(channel_compatible(artifact("system.Dataset", "0.0.1"), artifact("system.Dataset", "0.9.0")));
  EXPECT_FALSE(channel_compatible(artifact("system.Dataset", "1.0.0"), artifact("system.Dataset", "0.0.1")));
  // system.Artifact on either side matches any artifact, whatever the version.
  EXPECT_TRUE(channel_compatible(artifact("system.Artifact", "1.0.0"), artifact("google.VertexModel")));
  EXPECT_TRUE(channel_compatible(artifact("system.Model"), artifact("system.Artifact", "2.0.0")));
}

TEST(ChecksTypeRules, ListnessMustAgree) {
  EXPECT_FALSE(channel_compatible(artifact("system.Artifact", "0.0.1", true), artifact("system.Artifact")));
  EXPECT_FALSE(channel_compatible(artifact("system.Dataset"), artifact("system.Dataset", "0.0.1", true)));
  EXPECT_TRUE(channel_compatible(artifact("system.Dataset", "0.0.1", true), artifact("system.Artifact", "0.0.1", true)));
}

TEST(ChecksTypeRules, TypeTextIsKfps) {
  EXPECT_EQ(kfp_type_text(param(ParamType::Integer)), "NUMBER_INTEGER");
  EXPECT_EQ(kfp_type_text(artifact("system.Model")), "system.Model@0.0.1");
  EXPECT_EQ(kfp_type_text(artifact("system.Dataset", "0.0.1", true)), "List[system.Dataset@0.0.1]");
}

TEST(ChecksTypeRules, LoopItemStringIsRelaxed) {
  EXPECT_TRUE(loop_item_compatible(param(ParamType::String), param(ParamType::Integer)));
  EXPECT_FALSE(loop_item_compatible(param(ParamType::Struct), param(ParamType::Integer)));
  EXPECT_TRUE(loop_item_compatible(param(ParamType::Struct), param(ParamType::Struct)));
}

TEST(ChecksTypeRules, V1ConstantsAreTextOfTheInputType) {
  std::string given;
  EXPECT_TRUE(constant_compatible(Json("7"), true, param(ParamType::Integer), &given));
  EXPECT_TRUE(constant_compatible(Json(" -1_000 "), true, param(ParamType::Integer), &given));
  EXPECT_FALSE(constant_compatible(Json("7.5"), true, param(ParamType::Integer), &given));
  EXPECT_EQ(given, "STRING");
  EXPECT_TRUE(constant_compatible(Json("1e-3"), true, param(ParamType::Double), &given));
  EXPECT_TRUE(constant_compatible(Json("7"), true, param(ParamType::Double), &given));
  EXPECT_TRUE(constant_compatible(Json("-inf"), true, param(ParamType::Double), &given));
  EXPECT_FALSE(constant_compatible(Json("1e"), true, param(ParamType::Double), &given));
  EXPECT_TRUE(constant_compatible(Json("True"), true, param(ParamType::Boolean), &given));
  EXPECT_TRUE(constant_compatible(Json("off"), true, param(ParamType::Boolean), &given));
  EXPECT_FALSE(constant_compatible(Json("maybe"), true, param(ParamType::Boolean), &given));
  EXPECT_TRUE(constant_compatible(Json("[1, 2]"), true, param(ParamType::List), &given));
  EXPECT_FALSE(constant_compatible(Json("{\"k\": 1}"), true, param(ParamType::List), &given));
  EXPECT_EQ(given, "STRUCT");
  EXPECT_TRUE(constant_compatible(Json("{\"k\": 1}"), true, param(ParamType::Struct), &given));
  EXPECT_FALSE(constant_compatible(Json("k=1"), true, param(ParamType::Struct), &given));
  EXPECT_EQ(given, "STRING");
  EXPECT_TRUE(constant_compatible(Json("anything"), true, param(ParamType::String), &given));
  // YAML-typed scalars stand for their text.
  EXPECT_TRUE(constant_compatible(Json(7), true, param(ParamType::Integer), &given));
  EXPECT_TRUE(constant_compatible(Json(true), true, param(ParamType::Boolean), &given));
  // A constant is never an artifact in KFP v2.
  EXPECT_FALSE(constant_compatible(Json("gs://b/x"), true, artifact("system.Artifact"), &given));
  EXPECT_EQ(given, "STRING");
}

TEST(ChecksTypeRules, IrConstantsAreTypedValues) {
  std::string given;
  // protobuf Value numbers are doubles: 7.0 is an Integer.
  EXPECT_TRUE(constant_compatible(Json(7.0), false, param(ParamType::Integer), &given));
  EXPECT_FALSE(constant_compatible(Json(7.5), false, param(ParamType::Integer), &given));
  EXPECT_EQ(given, "NUMBER_DOUBLE");
  EXPECT_TRUE(constant_compatible(Json(7.5), false, param(ParamType::Double), &given));
  EXPECT_FALSE(constant_compatible(Json("7"), false, param(ParamType::Integer), &given));
  EXPECT_EQ(given, "STRING");
  EXPECT_TRUE(constant_compatible(Json::array({1, 2}), false, param(ParamType::List), &given));
  EXPECT_FALSE(constant_compatible(Json::array({1, 2}), false, param(ParamType::Struct), &given));
  EXPECT_EQ(given, "LIST");
  EXPECT_TRUE(constant_compatible(Json(nullptr), false, param(ParamType::Integer), &given));
}

// The v1 -> v2 type mapping the rules run on (kfp/dsl/structures.py).
TEST(ChecksTypeRules, V1TypesMapLikeKfpV2) {
  EXPECT_FALSE(type_from_v1(Json("Integer")).is_artifact);
  EXPECT_EQ(type_from_v1(Json("JsonObject")).param, ParamType::Struct);
  EXPECT_EQ(type_from_v1(Json("typing.List[str]")).param, ParamType::List);
  EXPECT_EQ(type_from_v1(Json("Dict[str, int]")).param, ParamType::Struct);
  EXPECT_EQ(type_from_v1(Json("Bool")).param, ParamType::Boolean);
  // Only a string names a parameter: {JsonObject: {...}} is an artifact in v2.
  Json dict_type = Json::object({{"JsonObject", Json::object({{"data_type", "proto:x"}})}});
  EXPECT_TRUE(type_from_v1(dict_type).is_artifact);
  EXPECT_EQ(type_from_v1(dict_type).display(), "system.Artifact@0.0.1");
  EXPECT_EQ(type_from_v1(Json(nullptr)).display(), "system.Artifact@0.0.1");
  EXPECT_EQ(type_from_v1(Json("GCSPath")).display(), "system.Artifact@0.0.1");
  EXPECT_EQ(type_from_v1(Json("Dataset")).display(), "system.Dataset@0.0.1");
  EXPECT_EQ(type_from_v1(Json("google.VertexModel")).display(), "google.VertexModel@0.0.1");
}

}  // namespace
}  // namespace kfp
