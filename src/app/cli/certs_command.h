#pragma once
// `tars certs generate` (spec/tars.md §5): the CA, per-service server and client certificates
// and the ingress certificate for TLS and service-to-service mTLS.
//
//   tars certs generate [--out DIR] [--services LIST] [--namespace NS] [--release NAME]
//                       [--cluster-domain D] [--ingress-host H]... [--extra-san S]...
//                       [--days N] [--ca-days N] [--rsa] [--force] [--config FILE]
//
// --out defaults to <data_dir>/certs (data_dir from --config / TARS_DATA_DIR / ./tars-data).
// Prints one line per file: path, written/reused, subject, SANs and expiry (keys: the mode).
// Exit codes: 0 done; 1 run-time failure (I/O, an unusable CA); 2 bad command line or config;
// 3 a key file exists and --force was not given (the file is named).
//
// cli.cc constructs this before parsing (it registers the subcommand and binds its flags) and
// calls run() when parsed() says it was chosen.
//
// Thread safety: one command line on one thread.

#include <iosfwd>
#include <map>
#include <memory>
#include <string>

#include "app/cli/exit_codes.h"

namespace CLI {
class App;
}  // namespace CLI

namespace tars::cli {

class CertsCommand {
 public:
  // Adds `certs generate` to `app`, which must outlive this object.
  explicit CertsCommand(CLI::App& app);
  ~CertsCommand();

  CertsCommand(const CertsCommand&) = delete;
  CertsCommand& operator=(const CertsCommand&) = delete;

  bool parsed() const;

  // Runs the command; results on `out`, errors on `err`. Returns the exit code.
  int run(const std::map<std::string, std::string>& environment, std::ostream& out,
          std::ostream& err);

 private:
  struct Flags;
  std::unique_ptr<Flags> flags_;
};

}  // namespace tars::cli
