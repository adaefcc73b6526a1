// The op set: kinds, their class, inputs and attributes with documented defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/graph/attrs.h"

namespace coda::models {

enum class OpKind {
  conv2d,
  matmul,
  fully_connected,  // matrix (MAC) ops
  add,
  sub,
  mul,
  div,  // binary, numpy broadcasting
  relu,
  relu6,
  silu,
  gelu,
  sigmoid,
  tanh,
  hard_swish,
  identity,  // unary activations
  batch_norm,
  layer_norm,
  rms_norm,
  softmax,  // normalisations
  max_pool,
  avg_pool,
  global_avg_pool,
  reduce_mean,
  reduce_sum,  // pooling and reductions
  reshape,
  transpose,
  concat,
  split,
  pad,
  space_to_depth,
  depth_to_space,
  broadcast_to,
  embedding,
  kv_cache_read,
  kv_cache_append
};

// Coarse class a scheduler can dispatch on: matrix ops go to a matrix unit, most others to a
// vector unit, data_movement may be free (a view) or a copy.
enum class OpClass {
  matrix,
  elementwise,
  activation,
  normalization,
  pooling,
  reduction,
  data_movement,
  embedding,
  kv_cache
};

struct AttrSpec {
  std::string name;
  std::optional<AttrValue> default_value;  // nullopt: required
  std::string help;
};

struct OpInfo {
  OpKind kind;
  std::string name;  // snake_case, as in YAML files
  OpClass op_class;
  std::vector<std::string> inputs;  // input roles in order, e.g. {"x", "weight", "bias?"}
  std::vector<AttrSpec> attrs;
  std::string help;
  int min_inputs() const;  // roles not ending in '?'
  int max_inputs() const;  // -1: variadic (concat)
  const AttrSpec* attr(const std::string& key) const;
};

const OpInfo& op_info(OpKind kind);
const std::string& to_string(OpKind kind);
std::string to_string(OpClass c);
std::optional<OpKind> parse_op_kind(const std::string& name);
const std::vector<std::string>& op_kind_names();
const std::vector<OpKind>& all_op_kinds();

// Fills every attribute the op declares but `attrs` lacks with its default; throws InputError on
// an unknown key (with a suggestion and the allowed list) or a missing required one.
Attrs complete_attrs(OpKind kind, Attrs attrs, const std::string& op_name);

}  // namespace coda::models
