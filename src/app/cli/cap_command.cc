#include "app/cli/cap_command.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include "app/cli/exit_codes.h"
#include "core/status.h"
#include "http/client/outbound_client.h"
#include "services/verifier/commitments.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/offline_check.h"
#include "services/verifier/record_csv.h"

namespace tars::cli {
namespace {

// Saved responses and CSV files are read whole; both have spec limits far below this.
constexpr std::size_t kMaxInputBytes = std::size_t{64} * 1024 * 1024;
constexpr std::size_t kMaxKeysDocumentBytes = std::size_t{1} << 20;

StatusOr<std::string> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return invalidArgument(path + ": cannot be read");
  std::string body;
  char chunk[65536];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    body.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (body.size() > kMaxInputBytes)
      return invalidArgument(path + ": larger than 64 MiB");
  }
  if (in.bad())
    return invalidArgument(path + ": read failed");
  return body;
}

boost::json::array stringArray(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const std::string& s : items)
    out.emplace_back(s);
  return out;
}

// The members of a /.well-known/cap-keys document (§7.9): {"keys":[{"kid","pubkey_hex",…}]}.
StatusOr<std::vector<verifier::TrustedKey>> parseKeyListing(std::string_view body) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(body, ec);
  const boost::json::object* obj = ec ? nullptr : doc.if_object();
  const boost::json::value* keys = obj != nullptr ? obj->if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array())
    return invalidArgument("--keys-url: the answer is not a cap-keys document ({\"keys\":[…]})");
  std::vector<verifier::TrustedKey> out;
  for (const boost::json::value& k : keys->get_array()) {
    const boost::json::object* entry = k.if_object();
    const boost::json::value* kid = entry != nullptr ? entry->if_contains("kid") : nullptr;
    const boost::json::value* pub = entry != nullptr ? entry->if_contains("pubkey_hex") : nullptr;
    if (kid == nullptr || pub == nullptr || !kid->is_string() || !pub->is_string())
      return invalidArgument("--keys-url: a key entry lacks kid or pubkey_hex");
    out.push_back({std::string(kid->get_string()), std::string(pub->get_string())});
  }
  return out;
}

}  // namespace

struct CapCommand::Flags {
  CLI::App* cap = nullptr;
  CLI::App* prepare = nullptr;
  CLI::App* verify_manifest = nullptr;
  // prepare
  std::string suppliers;
  std::string ubos;
  std::string out_file;
  bool context = false;
  std::optional<std::string> sanctions_root;
  std::optional<std::string> jurisdiction_root;
  // verify-manifest
  std::string response_file;
  std::optional<std::string> key_hex;
  std::optional<std::string> keys_url;
  std::optional<std::string> ca_bundle;
};

CapCommand::CapCommand(CLI::App& app) : flags_(std::make_unique<Flags>()) {
  Flags& f = *flags_;
  f.cap = app.add_subcommand("cap", "CAP Verifier offline tools");
  f.cap->require_subcommand(1);
  f.prepare = f.cap->add_subcommand("prepare",
                                    "Commitments of a supplier and a UBO CSV file (cap.md §2.7)");
  f.prepare->add_option("--suppliers", f.suppliers, "Supplier CSV (name,jurisdiction,tier)")
      ->required();
  f.prepare->add_option("--ubos", f.ubos, "UBO CSV (name,birthdate,citizenship)")->required();
  f.prepare->add_option("-o,--out", f.out_file, "Write the JSON here instead of stdout");
  f.prepare->add_flag("--context", f.context, "Print a ready /verify context instead");
  f.prepare->add_option("--sanctions-root", f.sanctions_root, "sanctions_root of the context");
  f.prepare->add_option("--jurisdiction-root", f.jurisdiction_root,
                        "jurisdiction_root of the context");

  f.verify_manifest = f.cap->add_subcommand(
      "verify-manifest", "Check a saved /verify response offline (cap.md §7.12)");
  f.verify_manifest->add_option("file", f.response_file, "Saved /verify response (JSON)")
      ->required();
  auto* key = f.verify_manifest->add_option("--key", f.key_hex, "Trusted pubkey_hex (0x + 64 hex)");
  auto* url = f.verify_manifest->add_option("--keys-url", f.keys_url,
                                            "URL of a /.well-known/cap-keys listing");
  key->excludes(url);
  f.verify_manifest
      ->add_option("--ca-bundle", f.ca_bundle, "CA for --keys-url (default: the system store)")
      ->needs(url);
}

CapCommand::~CapCommand() = default;

bool CapCommand::parsed() const {
  return flags_->cap->parsed();
}

int CapCommand::run(std::ostream& out, std::ostream& err) {
  if (flags_->prepare->parsed())
    return prepare(out, err);
  return verifyManifest(out, err);
}

int CapCommand::prepare(std::ostream& out, std::ostream& err) {
  const Flags& f = *flags_;
  for (const auto& [flag, value] : {std::pair{"--sanctions-root", f.sanctions_root},
                                    {"--jurisdiction-root", f.jurisdiction_root}}) {
    if (value && !verifier::isHashString(*value)) {
      err << "tars cap prepare: " << flag << " must be 0x followed by 64 lower-case hex digits\n";
      return kExitUsage;
    }
  }
  auto suppliers_text = readWholeFile(f.suppliers);
  auto ubos_text = readWholeFile(f.ubos);
  for (const auto* read : {&suppliers_text, &ubos_text}) {
    if (!read->isOk()) {
      err << "tars cap prepare: " << read->status().message() << "\n";
      return kExitUsage;
    }
  }
  auto suppliers = verifier::readSupplierCsv(*suppliers_text);
  if (!suppliers.isOk()) {
    err << "tars cap prepare: " << f.suppliers << ": " << suppliers.error().status.message()
        << "\n";
    return kExitUsage;
  }
  auto ubos = verifier::readUboCsv(*ubos_text);
  if (!ubos.isOk()) {
    err << "tars cap prepare: " << f.ubos << ": " << ubos.error().status.message() << "\n";
    return kExitUsage;
  }
  const verifier::Commitments c = verifier::computeCommitments(*suppliers, *ubos);
  boost::json::object o;
  if (f.context) {
    o["supplier_hashes"] = stringArray(c.supplier_screening_hashes);
    o["ubo_hashes"] = stringArray(c.ubo_screening_hashes);
    o["supplier_jurisdiction_hashes"] = stringArray(c.supplier_jurisdiction_hashes);
    o["company_commitment_root"] = c.company_commitment_root;
    o["sanctions_root"] =
        f.sanctions_root ? boost::json::value(*f.sanctions_root) : boost::json::value(nullptr);
    o["jurisdiction_root"] = f.jurisdiction_root ? boost::json::value(*f.jurisdiction_root)
                                                 : boost::json::value(nullptr);
    o["variables"] = boost::json::object();
  } else {
    o["supplier_root"] = c.supplier_root;
    o["ubo_root"] = c.ubo_root;
    o["company_commitment_root"] = c.company_commitment_root;
    o["supplier_count"] = c.supplier_count;
    o["ubo_count"] = c.ubo_count;
    o["supplier_record_hashes"] = stringArray(c.supplier_record_hashes);
    o["ubo_record_hashes"] = stringArray(c.ubo_record_hashes);
    o["supplier_screening_hashes"] = stringArray(c.supplier_screening_hashes);
    o["ubo_screening_hashes"] = stringArray(c.ubo_screening_hashes);
    o["supplier_jurisdiction_hashes"] = stringArray(c.supplier_jurisdiction_hashes);
  }
  const std::string text = boost::json::serialize(o) + "\n";
  if (f.out_file.empty()) {
    out << text;
    return kExitOk;
  }
  std::ofstream file(f.out_file, std::ios::binary | std::ios::trunc);
  if (!(file << text) || !file.flush()) {
    err << "tars cap prepare: " << f.out_file << ": cannot be written\n";
    return kExitUsage;
  }
  return kExitOk;
}

int CapCommand::verifyManifest(std::ostream& out, std::ostream& err) {
  const Flags& f = *flags_;
  auto response = readWholeFile(f.response_file);
  if (!response.isOk()) {
    err << "tars cap verify-manifest: " << response.status().message() << "\n";
    return kExitUsage;
  }
  std::optional<std::vector<verifier::TrustedKey>> trusted;
  if (f.key_hex) {
    trusted = std::vector<verifier::TrustedKey>{{"", *f.key_hex}};
  } else if (f.keys_url) {
    http::client::OutboundOptions options;
    options.tls.ca_bundle = f.ca_bundle;
    options.max_response_bytes = kMaxKeysDocumentBytes;
    options.allow_plain_http = true;  // the user named the URL; a plain one is their choice
    auto client = http::client::OutboundClient::Create(options);
    if (!client.isOk()) {
      err << "tars cap verify-manifest: --ca-bundle: " << client.status().message() << "\n";
      return kExitUsage;
    }
    http::client::OutboundRequest request;
    request.url = *f.keys_url;
    request.headers = {{"Accept", "application/json"}};
    auto fetched = (*client)->send(request);
    if (!fetched.isOk() || fetched->status != 200) {
      err << "tars cap verify-manifest: --keys-url: "
          << (fetched.isOk() ? "HTTP status " + std::to_string(fetched->status)
                             : fetched.status().message())
          << "\n";
      return kExitUsage;
    }
    auto keys = parseKeyListing(fetched->body);
    if (!keys.isOk()) {
      err << "tars cap verify-manifest: " << keys.status().message() << "\n";
      return kExitUsage;
    }
    trusted = std::move(*keys);
  }
  auto checked = verifier::checkSavedResponse(*response, trusted);
  if (!checked.isOk()) {
    err << "tars cap verify-manifest: " << f.response_file << ": " << checked.status().message()
        << "\n";
    return kExitUsage;
  }
  switch (checked->outcome) {
    case verifier::OfflineOutcome::kValid:
      out << "valid: manifest hash, signature, verdict and rule results agree; key pinned\n";
      return kExitOk;
    case verifier::OfflineOutcome::kValidUnpinned:
      out << "consistent, but no key source was given (--key or --keys-url): the embedded key "
             "proves nothing on its own\n";
      return kExitManifestUnpinned;
    case verifier::OfflineOutcome::kMismatch:
      break;
  }
  out << "INVALID\n";
  for (const std::string& problem : checked->problems)
    out << "  " << problem << "\n";
  return kExitRuntime;
}

}  // namespace tars::cli
