//===- TestSupport.h - parse a snippet, run the engine ----------*- C++ -*-===//
///
/// \file
/// Helpers shared by the engine's unit tests: build an AST from a string
/// with the kernel model header available, and run the analysis on it.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_UNITTESTS_TESTSUPPORT_H
#define GFPDEP_UNITTESTS_TESTSUPPORT_H

#include "Analyzer.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <memory>
#include <string>
#include <vector>

namespace gfpdep {
namespace test {

inline std::unique_ptr<clang::ASTUnit>
parse(const std::string &Code, bool Cxx = false) {
  std::vector<std::string> Args = {"-I" GFPDEP_ANNOTATIONS_DIR,
                                   "-fsyntax-only", "-Wno-everything"};
  if (Cxx)
    Args.push_back("-std=c++17");
  else
    Args.insert(Args.begin(), {"-xc", "-std=gnu11"});
  return clang::tooling::buildASTFromCodeWithArgs(
      Code, Args, Cxx ? "input.cpp" : "input.c");
}

inline AnalysisResult analyze(const std::string &Code, bool Cxx = false) {
  std::unique_ptr<clang::ASTUnit> AST = parse(Code, Cxx);
  if (!AST)
    return {};
  return analyzeTranslationUnit(AST->getASTContext(), &AST->getPreprocessor(),
                                EngineOptions());
}

/// "rule@line" for every finding, in report order.
inline std::vector<std::string> brief(const AnalysisResult &R) {
  std::vector<std::string> Out;
  for (const Finding &F : R.Findings)
    Out.push_back(ruleId(F.R).str() + "@" + std::to_string(F.Where.Line));
  return Out;
}

} // namespace test
} // namespace gfpdep

#endif
