#pragma once
// Reading the private input files of `tars cap prepare` (spec/cap.md §1.2, §2.7): suppliers.csv
// (`name,jurisdiction,tier`, tier an unsigned integer 0…4294967295 written in decimal digits) and
// ubos.csv (`name,birthdate,citizenship`, cells as written), by the CSV rules of §6.2
// (csv_table.h). The records feed computeCommitments() (commitments.h).
//
// Thread safety: pure functions.

#include <string_view>
#include <vector>

#include "services/verifier/cap_error.h"
#include "services/verifier/commitments.h"
#include "services/verifier/csv_table.h"

namespace tars::verifier {

// Failure: csv_table.h's errors; a bad tier is "line <n>: tier: expected an unsigned integer
// 0…4294967295".
CapOr<std::vector<SupplierRecord>> readSupplierCsv(std::string_view body,
                                                   const CsvLimits& limits = {});
CapOr<std::vector<UboRecord>> readUboCsv(std::string_view body, const CsvLimits& limits = {});

}  // namespace tars::verifier
