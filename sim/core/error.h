// Errors that reach the user: bad input (exit code 2) carrying file:line:column and a key path.
#pragma once

#include <stdexcept>
#include <string>

namespace coda::core {

// Where a value came from. line and column are 1-based; 0 means "unknown" (e.g. a CLI argument).
struct SourceLoc {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file" or "" depending on what is known.
  std::string str() const;
};

// Bad user input: a config, model file or argument that is wrong. The CLI prints what() and
// exits 2. what() reads "<file>:<line>:<col>: <key.path>: <message>" with the parts that are known.
class InputError : public std::runtime_error {
 public:
  InputError(const SourceLoc& where, const std::string& key_path, const std::string& message);
  explicit InputError(const std::string& message);

  const SourceLoc& where() const { return m_where; }
  const std::string& key_path() const { return m_key_path; }
  // The message alone, without the place and the key path (to report it under another key).
  const std::string& message() const { return m_message; }

 private:
  SourceLoc m_where;
  std::string m_key_path;
  std::string m_message;
};

// Exit code the CLI uses for InputError.
constexpr int kExitBadInput = 2;

}  // namespace coda::core
