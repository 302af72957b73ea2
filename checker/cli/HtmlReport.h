//===- HtmlReport.h - a self-contained HTML report --------------*- C++ -*-===//
///
/// \file
/// `gfpdep --format=html`: one file with no external resources and no
/// script. The findings by rule, each with its chain, every step linked to
/// its line in an excerpt of the source; the lock graph (the --graph-scope
/// selection) as inline SVG, cycles in red, each edge linked to its witness.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_CLI_HTMLREPORT_H
#define GFPDEP_CLI_HTMLREPORT_H

#include "LockGraph.h"
#include "engine/Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <string>
#include <vector>

namespace gfpdep {

struct HtmlReportInput {
  const std::vector<Finding> *Findings = nullptr;
  const ShownGraph *Graph = nullptr; ///< null: no graph section
  /// A path as the report shows it (relative to --root).
  std::function<std::string(llvm::StringRef)> Display;
  std::string Version;
  /// Units that could not be analysed, inputs that could not be read.
  std::vector<std::string> Errors;
  unsigned ContextLines = 3; ///< source lines shown around each step
};

void writeHtml(llvm::raw_ostream &OS, const HtmlReportInput &In);

/// Text with &, <, >, " and ' escaped for HTML (text and attribute values).
std::string htmlEscape(llvm::StringRef Text);

} // namespace gfpdep

#endif
