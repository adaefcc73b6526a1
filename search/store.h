// The study store: one SQLite file (WAL) holding every trial by key (inputs, metrics, status,
// reason, fidelity, timing) and every run (strategy, seed, fidelity) with the sequence of keys it
// asked, so an interrupted run resumes and repeated points are served from the store; and each
// study's resolved base chip, so a report can re-simulate its designs.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "search/evaluator.h"

struct sqlite3;
struct sqlite3_stmt;

namespace coda::search {

struct StoredTrial {
  std::string key;
  std::string inputs_json;  // {"model", "knobs", "hardware"}
  Outcome outcome;
};

struct StoredRun {
  std::int64_t id = 0;
  std::string study_name, study_hash, study_text, strategy, fidelity;
  std::uint64_t seed = 0;
  std::string objectives_json;    // [{"metric", "goal"}] in study order
  std::string reference_json;     // {"metric": value} from the study
  std::vector<std::string> asks;  // trial keys in ask order
};

class Store {
 public:
  // Opens or creates the file (InputError if it cannot, or it is not a Coda store).
  explicit Store(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The run of (study, strategy, seed, fidelity), created when new; returns its id.
  std::int64_t open_run(const Study& study, const std::string& strategy, std::uint64_t seed,
                        const std::string& fidelity);
  std::vector<std::string> asks(std::int64_t run) const;
  std::optional<Outcome> find(const std::string& key) const;
  // find() for each key, in one read transaction (cheaper than one each for a batch).
  std::vector<std::optional<Outcome>> find_all(const std::vector<std::string>& keys) const;
  // Asks first_seq, first_seq + 1, ... of the run (key and genes JSON each) in one transaction;
  // their trials are already stored.
  void record_asks(std::int64_t run, std::uint64_t first_seq,
                   const std::vector<std::pair<std::string, std::string>>& keys_and_genes);

  // The trial alone (ignored when the key exists), written the moment an evaluation finishes so a
  // kill before its ask is recorded loses nothing computed.
  void record_trial(const std::string& key, const std::string& inputs_json, const Outcome& trial);
  // The trial in place of the stored one with its key (a failed trial evaluated again; its row,
  // and so its place in trials(), stays), or a new one.
  void replace_trial(const std::string& key, const std::string& inputs_json, const Outcome& trial);

  std::vector<StoredRun> runs() const;
  std::vector<StoredTrial> trials() const;  // in insertion order
  // The resolved base chip (arch_to_yaml) of a study, by its hash; "" when the store does not
  // have it (a store written before it was kept: any `coda search` of the study adds it).
  std::string base_chip(const std::string& study_hash) const;

 private:
  void exec(const std::string& sql) const;
  // `body` between `begin` ("BEGIN" or "BEGIN IMMEDIATE") and COMMIT; rolled back if it throws.
  void in_transaction(const char* begin, const std::function<void()>& body) const;
  // The statements of the per-trial calls, prepared once (finalized before closing).
  sqlite3_stmt* prepared(const char* sql) const;
  void write_trial(const char* sql, const std::string& key, const std::string& inputs_json,
                   const Outcome& trial);
  sqlite3* m_db = nullptr;
  mutable std::map<std::string, sqlite3_stmt*> m_prepared;
  std::string m_path;
};

}  // namespace coda::search
