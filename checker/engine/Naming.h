//===- Naming.h - lock classes and objects from expressions -----*- C++ -*-===//
///
/// \file
/// Names what an expression denotes the way lockdep keys lock classes: a
/// global by its declaration, a struct member by "record::field" whatever
/// the base object, a parameter by its position (resolved at each call site).
/// The same names identify objects that callbacks are stored into.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_NAMING_H
#define GFPDEP_ENGINE_NAMING_H

#include "Effects.h"
#include "clang/Basic/SourceLocation.h"
#include <string>

namespace clang {
class ASTContext;
class Decl;
class Expr;
class FileEntryRef;
class FieldDecl;
class FunctionDecl;
class NamedDecl;
class RecordDecl;
class SourceManager;
class VarDecl;
} // namespace clang

namespace gfpdep {

/// The lock (or object) E denotes inside Fn. Unknown when it cannot tell.
LockRef nameLock(const clang::Expr *E, const clang::FunctionDecl *Fn);

/// The object a variable is: a global by its name, a local as "fn::var".
LockRef nameVariable(const clang::VarDecl *VD);

/// "virtio_balloon", "ns::Balloon", "(anonymous struct)".
std::string recordName(const clang::RecordDecl *RD);

/// Whether member FD of a lock record is that lock itself: a lock's first
/// member, through anonymous members, is (spinlock::rlock, reached by
/// spin_lock() -> raw_spin_lock(&lock->rlock)); one further in is a lock of
/// its own (rw_semaphore::wait_lock, after the count).
bool isLockInnards(const clang::FieldDecl *FD);

/// A printable, stable name for any declaration ("fill_balloon",
/// "Balloon::inflate"); never calls getName() on a non-identifier.
std::string declName(const clang::NamedDecl *D);

/// The function a callee or callback expression denotes (through &, casts
/// and captureless lambdas), or null.
const clang::FunctionDecl *functionOf(const clang::Expr *E);

/// The Unified Symbol Resolution of a declaration: its identity across
/// translation units ("" if clang cannot make one).
std::string usrOf(const clang::Decl *D);

/// The absolute, normalised path of a unit's main file.
std::string mainFilePath(clang::FileEntryRef File);

/// The clang location of a Loc in SM: the raw encoding when it was made in
/// this unit, else by file, line and column (a file of another unit, from a
/// summary, gets a FileID here). Invalid if the file cannot be found.
clang::SourceLocation toSourceLocation(const Loc &L, clang::SourceManager &SM);

/// Forgets the file names makeLoc() has made absolute: called as each unit's
/// analysis starts (a name's storage is only stable within a unit).
void resetLocationCache();

/// A Loc for a clang location: the expansion point, as the user sees it.
Loc makeLoc(clang::SourceLocation L, const clang::SourceManager &SM);

} // namespace gfpdep

#endif
