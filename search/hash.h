// Stable content hashes for trial keys: 128-bit FNV-1a as 32 hex digits, identical on every
// platform.
#pragma once

#include <string>

namespace coda::search {

std::string content_hash(const std::string& text);

}  // namespace coda::search
