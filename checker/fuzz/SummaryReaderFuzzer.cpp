//===- SummaryReaderFuzzer.cpp - libFuzzer target for summary files -------===//
///
/// \file
/// Feeds arbitrary bytes to the summary-file reader: it must return a value
/// or an error, never crash, hang or leak. Run in the tests for a bounded
/// number of iterations from a corpus of real summary files.
//===----------------------------------------------------------------------===//

#include "SummaryFile.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<gfpdep::UnitSummary> U = gfpdep::readUnitSummary(Text);
  if (!U) {
    llvm::consumeError(U.takeError());
    return 0;
  }
  // What was read must write back.
  (void)gfpdep::writeUnitSummary(*U);
  return 0;
}
