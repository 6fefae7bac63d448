#pragma once
// Encodings shared by the SQL repositories (internal to tars_store):
//  - string lists (roles, scopes) as a JSON array of strings in a TEXT column;
//  - opaque page cursors: base64url (no padding) of a JSON array ["<list tag>", key parts…], so
//    a cursor carries the keyset position and names the list that issued it.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::store::sql {

std::string encodeStringList(const std::vector<std::string>& items);
// kInternal when `json` is not an array of strings (a corrupted row).
StatusOr<std::vector<std::string>> decodeStringList(std::string_view json);

std::string encodeCursor(std::string_view tag, const std::vector<std::string>& parts);
// The parts of a cursor issued with `tag` and `part_count` parts; kInvalidArgument otherwise.
StatusOr<std::vector<std::string>> decodeCursor(std::string_view cursor, std::string_view tag,
                                                std::size_t part_count);

}  // namespace tars::store::sql
