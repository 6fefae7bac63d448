#include "services/verifier/commitments.h"

#include <initializer_list>

#include "core/canonical_json.h"
#include "core/json_number.h"
#include "crypto/blake3.h"

namespace tars::verifier {
namespace {

// Writes the record directly: three members, no nesting and no floats, so nothing can fail and
// the general writer's checks would buy nothing.
std::string recordJson(std::initializer_list<std::pair<std::string_view, std::string_view>> strings,
                       const std::uint32_t* tier) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : strings) {
    if (!first)
      out.push_back(',');
    first = false;
    json::appendCanonicalString(out, name);
    out.push_back(':');
    json::appendCanonicalString(out, value);
  }
  if (tier != nullptr) {
    out.append(",\"tier\":");
    json::appendInteger(out, static_cast<std::uint64_t>(*tier));
  }
  out.push_back('}');
  return out;
}

std::string joinedHash(std::initializer_list<std::string_view> cells) {
  crypto::Blake3Hasher hasher;
  bool first = true;
  for (std::string_view cell : cells) {
    if (!first)
      hasher.update("|");
    first = false;
    hasher.update(cell);
  }
  return crypto::hashString(hasher.finalize());
}

}  // namespace

std::string supplierRecordJson(const SupplierRecord& record) {
  return recordJson({{"name", record.name}, {"jurisdiction", record.jurisdiction}}, &record.tier);
}

std::string uboRecordJson(const UboRecord& record) {
  return recordJson(
      {{"name", record.name}, {"birthdate", record.birthdate}, {"citizenship", record.citizenship}},
      nullptr);
}

std::string supplierRecordHash(const SupplierRecord& record) {
  return crypto::blake3Hex(supplierRecordJson(record));
}

std::string uboRecordHash(const UboRecord& record) {
  return crypto::blake3Hex(uboRecordJson(record));
}

std::string hashListRoot(std::span<const std::string> hash_strings) {
  crypto::Blake3Hasher hasher;
  for (const std::string& h : hash_strings)
    hasher.update(h);
  return crypto::hashString(hasher.finalize());
}

std::string companyCommitmentRoot(std::string_view supplier_root, std::string_view ubo_root) {
  crypto::Blake3Hasher hasher;
  hasher.update(supplier_root);
  hasher.update(ubo_root);
  return crypto::hashString(hasher.finalize());
}

std::string sanctionsEntryHash(const SanctionsEntry& entry) {
  return joinedHash({entry.name, entry.birthdate, entry.nationality});
}

std::string jurisdictionEntryHash(const JurisdictionEntry& entry) {
  return joinedHash({entry.iso_code, entry.risk_level});
}

std::string uboScreeningHash(const UboRecord& record) {
  return joinedHash({record.name, record.birthdate, record.citizenship});
}

std::string supplierScreeningHash(const SupplierRecord& record) {
  return joinedHash({record.name, "", record.jurisdiction});
}

std::string supplierJurisdictionProbe(const SupplierRecord& record) {
  return joinedHash({record.jurisdiction, "HIGH"});
}

std::string derivedCompanyRoot(std::span<const std::string> supplier_hashes,
                               std::span<const std::string> ubo_hashes) {
  crypto::Blake3Hasher hasher;
  for (const std::string& h : supplier_hashes)
    hasher.update(h);
  for (const std::string& h : ubo_hashes)
    hasher.update(h);
  return crypto::hashString(hasher.finalize());
}

Commitments computeCommitments(std::span<const SupplierRecord> suppliers,
                               std::span<const UboRecord> ubos) {
  Commitments c;
  c.supplier_count = suppliers.size();
  c.ubo_count = ubos.size();
  for (const SupplierRecord& s : suppliers) {
    c.supplier_record_hashes.push_back(supplierRecordHash(s));
    c.supplier_screening_hashes.push_back(supplierScreeningHash(s));
    c.supplier_jurisdiction_hashes.push_back(supplierJurisdictionProbe(s));
  }
  for (const UboRecord& u : ubos) {
    c.ubo_record_hashes.push_back(uboRecordHash(u));
    c.ubo_screening_hashes.push_back(uboScreeningHash(u));
  }
  c.supplier_root = hashListRoot(c.supplier_record_hashes);
  c.ubo_root = hashListRoot(c.ubo_record_hashes);
  c.company_commitment_root = companyCommitmentRoot(c.supplier_root, c.ubo_root);
  return c;
}

}  // namespace tars::verifier
