//===- PathChecker.h - the gfpdep analyzer checker ----------*- C++ -*-===//
///
/// \file
/// Registration of gfpdep.PathSensitive, the Clang Static Analyzer checker
/// behind the plugin's path-sensitive option and the analyzer-plugin entry
/// points (clang_registerCheckers) of gfpdep.so.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_PATHSENSITIVE_PATHCHECKER_H
#define GFPDEP_PATHSENSITIVE_PATHCHECKER_H

namespace clang::ento {
class CheckerRegistry;
} // namespace clang::ento

namespace gfpdep {

constexpr const char *PathCheckerName = "gfpdep.PathSensitive";

void registerPathChecker(clang::ento::CheckerRegistry &Registry);

} // namespace gfpdep

#endif
