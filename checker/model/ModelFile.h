//===- ModelFile.h - user model files (YAML) --------------------*- C++ -*-===//
///
/// \file
/// A model file adds rows to the API model for code bases the built-in
/// table does not know, without rebuilding gfpdep. Format (docs/model.md):
///
///   version: 1
///   functions:
///     - { name: pool_alloc,  op: alloc,   arg: 2 }
///     - { name: bus_lock,    op: acquire, flavor: mutex, arg: 1 }
///     - { name: bus_wait,    op: block }
///     - { name: hook_oom,    op: register, flavor: oom-notifier, arg: 1,
///         fields: [notifier_call] }
///
/// Argument positions are 1-based ("this" for a member call's object).
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_MODEL_MODELFILE_H
#define GFPDEP_MODEL_MODELFILE_H

#include "ApiModel.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace gfpdep {

/// Parses model text; Name is used in error messages. On failure returns
/// false and Error holds one "name:line:col: message" line per problem; the
/// model is left unchanged.
bool parseModelText(llvm::StringRef Text, llvm::StringRef Name,
                    ApiModel &Model, std::string &Error);

/// Reads and parses a model file.
bool loadModelFile(llvm::StringRef Path, ApiModel &Model, std::string &Error);

} // namespace gfpdep

#endif
