#pragma once
// `tars cap …` (spec/cap.md §2.7, §7.12): the verifier's offline commands.
//
//   tars cap prepare --suppliers FILE --ubos FILE [-o OUT] [--context]
//                    [--sanctions-root H] [--jurisdiction-root H]
//     Commitments of the two CSV files (§2.7) as one JSON object, or with --context a ready
//     /verify context. Exit 0; 2 for a bad file (the message names file and line) or usage.
//   tars cap verify-manifest FILE [--key HEX | --keys-url URL [--ca-bundle PEM]]
//     The offline check of a saved /verify response (§7.12). Exit 0 valid and the key pinned;
//     1 a check failed (each failed check printed); 2 usage, I/O or a fetch failure; 3 valid but
//     no key source given (the embedded key proves nothing on its own).
//
// cli.cc constructs this before parsing and calls run() when parsed() says it was chosen.
// Thread safety: one command line on one thread.

#include <iosfwd>
#include <memory>

namespace CLI {
class App;
}  // namespace CLI

namespace tars::cli {

class CapCommand {
 public:
  // Adds `cap prepare` and `cap verify-manifest` to `app`, which must outlive this object.
  explicit CapCommand(CLI::App& app);
  ~CapCommand();

  CapCommand(const CapCommand&) = delete;
  CapCommand& operator=(const CapCommand&) = delete;

  bool parsed() const;

  // Runs the chosen subcommand; results on `out`, errors on `err`. Returns the exit code.
  int run(std::ostream& out, std::ostream& err);

 private:
  struct Flags;
  std::unique_ptr<Flags> flags_;
  int prepare(std::ostream& out, std::ostream& err);
  int verifyManifest(std::ostream& out, std::ostream& err);
};

}  // namespace tars::cli
