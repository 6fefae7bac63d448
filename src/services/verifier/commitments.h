#pragma once
// Commitments and list hashes of spec/cap.md §2.2–§2.6: what `tars cap prepare` publishes, what
// `/lists` registers and what `/verify` derives. All results are hash strings ("0x" + 64 lower-case
// hex digits of BLAKE3-256).
//
// Cell values are hashed exactly as given (no trimming, no case change). Validating them (CSV
// shape, no '|' inside a list cell, tier range) is the CSV reader's job (§6.2–§6.3); these
// functions accept any strings and never fail.
//
// Thread safety: pure functions.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tars::verifier {

// A row of suppliers.csv (`name,jurisdiction,tier`).
struct SupplierRecord {
  std::string name;
  std::string jurisdiction;
  std::uint32_t tier = 0;
};

// A row of ubos.csv (`name,birthdate,citizenship`).
struct UboRecord {
  std::string name;
  std::string birthdate;
  std::string citizenship;
};

// A row of a sanctions list (`name,birthdate,nationality`).
struct SanctionsEntry {
  std::string name;
  std::string birthdate;
  std::string nationality;
};

// A row of a jurisdictions list (`iso_code,risk_level`).
struct JurisdictionEntry {
  std::string iso_code;
  std::string risk_level;
};

// §2.2: the canonical JSON of the typed record, {"name","jurisdiction","tier"} in that order.
std::string supplierRecordJson(const SupplierRecord& record);
// §2.2: {"name","birthdate","citizenship"}.
std::string uboRecordJson(const UboRecord& record);

// §2.2: B3 of the record JSON.
std::string supplierRecordHash(const SupplierRecord& record);
std::string uboRecordHash(const UboRecord& record);

// §2.3/§2.4: B3 over the hash strings (with their "0x") concatenated in order, no separator. A flat
// hash, not a Merkle tree: order and duplicates count.
std::string hashListRoot(std::span<const std::string> hash_strings);

// §2.3: B3(supplier_root ‖ ubo_root) over the two 66-character root strings.
std::string companyCommitmentRoot(std::string_view supplier_root, std::string_view ubo_root);

// §2.4: B3 of the cells joined by '|' (an empty cell contributes "").
std::string sanctionsEntryHash(const SanctionsEntry& entry);
std::string jurisdictionEntryHash(const JurisdictionEntry& entry);

// §2.5 screening hashes, in the list entry domain.
std::string uboScreeningHash(const UboRecord& record);                // name|birthdate|citizenship
std::string supplierScreeningHash(const SupplierRecord& record);      // name||jurisdiction
std::string supplierJurisdictionProbe(const SupplierRecord& record);  // jurisdiction|HIGH

// §2.6: the company root /verify derives when the context gives none: B3 over the supplier hash
// strings followed by the UBO hash strings, as given. Not the §2.3 company root.
std::string derivedCompanyRoot(std::span<const std::string> supplier_hashes,
                               std::span<const std::string> ubo_hashes);

// Everything §2.7 prints for a pair of files, in the order it prints them.
struct Commitments {
  std::string supplier_root;
  std::string ubo_root;
  std::string company_commitment_root;
  std::size_t supplier_count = 0;
  std::size_t ubo_count = 0;
  std::vector<std::string> supplier_record_hashes;
  std::vector<std::string> ubo_record_hashes;
  std::vector<std::string> supplier_screening_hashes;
  std::vector<std::string> ubo_screening_hashes;
  std::vector<std::string> supplier_jurisdiction_hashes;
};

Commitments computeCommitments(std::span<const SupplierRecord> suppliers,
                               std::span<const UboRecord> ubos);

}  // namespace tars::verifier
