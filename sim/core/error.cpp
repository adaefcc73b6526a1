#include "sim/core/error.h"

namespace coda::core {

std::string SourceLoc::str() const {
  if (file.empty()) return "";
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

namespace {
std::string compose(const SourceLoc& where, const std::string& key_path, const std::string& msg) {
  std::string out;
  const std::string loc = where.str();
  if (!loc.empty()) out += loc + ": ";
  if (!key_path.empty()) out += key_path + ": ";
  return out + msg;
}
}  // namespace

InputError::InputError(const SourceLoc& where, const std::string& key_path,
                       const std::string& message)
    : std::runtime_error(compose(where, key_path, message)),
      m_where(where),
      m_key_path(key_path),
      m_message(message) {}

InputError::InputError(const std::string& message)
    : std::runtime_error(message), m_message(message) {}

}  // namespace coda::core
