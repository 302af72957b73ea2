//===- Annotations.h - reading and checking gfpdep annotations --*- C++ -*-===//
///
/// \file
/// The one reader of __attribute__((annotate("gfpdep::NAME", ...))), shared
/// by every front end (the plugin's facts route, the per-unit engine, and so
/// clang-tidy and gfpdep-clangd). It reads an annotation's arguments and
/// reports misuse as errors at the annotation (docs/annotations.md): an
/// unknown name, a malformed argument, a parameter position out of range or
/// naming a parameter of the wrong type, an annotation on something that is
/// not a function, and contradictory annotations on one function.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_ANNOTATIONS_H
#define GFPDEP_ENGINE_ANNOTATIONS_H

#include "model/ApiModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class AnnotateAttr;
class ASTContext;
class Decl;
class FunctionDecl;
} // namespace clang

namespace gfpdep {

/// One annotation gfpdep reads.
struct AnnotationSpec {
  const char *Name; ///< without "gfpdep::"
  enum Kind { EntryCtx, NeverSleeps, Row, MustNotHold } What;
  Flavor Fl;       ///< EntryCtx: context flavour; Row: default lock flavour
  ApiOp Op;        ///< Row
  bool TakesParam; ///< a 1-based parameter position is required
};

/// Every annotation, in the order messages list them.
llvm::ArrayRef<AnnotationSpec> annotationSpecs();
/// "oom_notifier, shrinker, ...".
std::string knownAnnotations();

/// A well-formed gfpdep annotation on a function.
struct ParsedAnnotation {
  const clang::AnnotateAttr *A = nullptr;
  const AnnotationSpec *Spec = nullptr;
  std::optional<unsigned> Position; ///< 1-based, as written
  Flavor Fl = Flavor::None;         ///< Row: the lock flavour; EntryCtx: context
  std::string Class;                ///< MustNotHold by class name

  bool sameAs(const ParsedAnnotation &O) const {
    return Spec == O.Spec && Position == O.Position && Fl == O.Fl &&
           Class == O.Class;
  }
};

/// Reads and checks annotations, reporting each problem once (an inherited
/// annotation on a redeclaration, or one of a template instantiation, is the
/// annotation already read).
class AnnotationReader {
public:
  using ReportFn = std::function<void(clang::SourceLocation, std::string)>;

  AnnotationReader(clang::ASTContext &Ctx, ReportFn Report)
      : Ctx(Ctx), Report(std::move(Report)) {}

  /// The gfpdep annotations of FD that are well formed, after checking each
  /// one and the set for contradictions. Malformed ones are reported and
  /// left out; when two contradict, both are left out.
  std::vector<ParsedAnnotation> readFunction(const clang::FunctionDecl *FD);

  /// A gfpdep annotation on anything but a function (a variable, a field, a
  /// parameter, a type) is an error.
  void checkPlacement(const clang::Decl *D);

private:
  clang::ASTContext &Ctx;
  ReportFn Report;
  std::set<std::pair<unsigned, std::string>> Reported; ///< (location, key)

  void problem(clang::SourceLocation L, std::string Msg, std::string Key = "");
  std::optional<ParsedAnnotation> read(const clang::FunctionDecl *FD,
                                       const clang::AnnotateAttr *A);
  std::optional<ParsedAnnotation> readMustNotHold(const clang::FunctionDecl *FD,
                                                  const clang::AnnotateAttr *A,
                                                  const AnnotationSpec *Spec);
  /// What a parameter position must name.
  enum ParamNeed { MaskParam, LockParam, LockParamOrClass };
  /// Whether parameter Position (1-based) of FD is what Need asks; if not,
  /// reports it at A.
  bool checkParamType(const clang::FunctionDecl *FD, const clang::AnnotateAttr *A,
                      llvm::StringRef Name, unsigned Position, ParamNeed Need);
  /// Why two annotations cannot both be on FD, or "".
  std::string contradiction(const clang::FunctionDecl *FD,
                            const ParsedAnnotation &X,
                            const ParsedAnnotation &Y) const;
};

} // namespace gfpdep

#endif
