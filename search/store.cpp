// SQLite access for the store. The per-trial statements are prepared once (Store::prepared).
#include "search/store.h"

#include <sqlite3.h>

#include <limits>
#include <nlohmann/json.hpp>

namespace coda::search {
namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trials(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, inputs TEXT NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, metrics TEXT NOT NULL, fidelity TEXT NOT NULL,
  eval_s REAL NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT, study_name TEXT NOT NULL, study_hash TEXT NOT NULL,
  study_text TEXT NOT NULL, strategy TEXT NOT NULL, seed INTEGER NOT NULL, fidelity TEXT NOT NULL,
  objectives TEXT NOT NULL, reference TEXT NOT NULL,
  UNIQUE(study_hash, strategy, seed, fidelity));
CREATE TABLE IF NOT EXISTS asks(
  run INTEGER NOT NULL, seq INTEGER NOT NULL, key TEXT NOT NULL, genes TEXT NOT NULL,
  PRIMARY KEY(run, seq));
CREATE TABLE IF NOT EXISTS study_chips(study_hash TEXT PRIMARY KEY, chip TEXT NOT NULL);
INSERT OR IGNORE INTO meta(key, value) VALUES('format', 'coda-search-store 1');
)SQL";

const char* const kInsertTrial =
    "INSERT OR IGNORE INTO trials(key, inputs, status, reason, metrics, fidelity, eval_s) "
    "VALUES(?, ?, ?, ?, ?, ?, ?)";

const char* const kReplaceTrial =
    "INSERT INTO trials(key, inputs, status, reason, metrics, fidelity, eval_s) "
    "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET inputs = excluded.inputs, "
    "status = excluded.status, reason = excluded.reason, metrics = excluded.metrics, "
    "fidelity = excluded.fidelity, eval_s = excluded.eval_s";

// A prepared statement that finalizes itself, or one the store keeps, reset for its next use.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : m_db(db), m_owned(true) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(db));
  }
  Stmt(sqlite3* db, sqlite3_stmt* kept) : m_db(db), m_s(kept), m_owned(false) {}
  ~Stmt() {
    if (m_owned) {
      sqlite3_finalize(m_s);
    } else {
      sqlite3_reset(m_s);
      sqlite3_clear_bindings(m_s);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& text(int i, const std::string& v) {
    sqlite3_bind_text(m_s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& integer(int i, std::int64_t v) {
    sqlite3_bind_int64(m_s, i, v);
    return *this;
  }
  Stmt& real(int i, double v) {
    sqlite3_bind_double(m_s, i, v);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(m_s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(m_db));
  }
  std::string col_text(int i) const {
    const auto* p = sqlite3_column_text(m_s, i);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  std::int64_t col_int(int i) const { return sqlite3_column_int64(m_s, i); }
  double col_real(int i) const { return sqlite3_column_double(m_s, i); }

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_s = nullptr;
  bool m_owned;
};

// Metrics are kept as a JSON object; JSON has no NaN or infinities (nlohmann writes null), so such
// a metric reads back as NaN.
std::string metrics_json(const Metrics& m) { return nlohmann::json(m).dump(); }

Metrics metrics_from_json(const nlohmann::json& j) {
  Metrics m;
  for (const auto& [name, value] : j.items()) {
    m[name] = value.is_number() ? value.get<double>() : std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

Outcome outcome_of(const Stmt& s, int first) {
  Outcome o;
  o.status = status_from_string(s.col_text(first));
  o.reason = s.col_text(first + 1);
  o.metrics = metrics_from_json(nlohmann::json::parse(s.col_text(first + 2)));
  o.fidelity = s.col_text(first + 3);
  o.eval_s = s.col_real(first + 4);
  return o;
}

}  // namespace

Store::Store(const std::string& path) : m_path(path) {
  if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) {
    const std::string why = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw core::InputError({path, 0, 0}, "--db", "cannot open the store: " + why);
  }
  sqlite3_busy_timeout(m_db, 10000);
  try {
    // Each trial is its own transaction (a kill loses nothing computed): with WAL and
    // synchronous=NORMAL a commit is a write to the log, not an fsync, which a kill -9 cannot
    // undo. The log is copied back into the file at SQLite's default of every 1,000 pages (4 MB,
    // ~250 trials): 6-18 ms with two MPI ranks busy, most of it fsyncs, which the points MPI
    // ranks hold outlast mostly. At 10,000 pages each copy took 30-55 ms and left them waiting.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=1000;");
    exec(kSchema);
    Stmt s(m_db, "SELECT value FROM meta WHERE key = 'format'");
    if (!s.step() || s.col_text(0) != "coda-search-store 1")
      throw std::runtime_error("not a coda search store (format 1)");
  } catch (const std::runtime_error& e) {
    sqlite3_close(m_db);
    m_db = nullptr;
    throw core::InputError({path, 0, 0}, "--db", e.what());
  }
}

Store::~Store() {
  for (auto& [sql, stmt] : m_prepared) sqlite3_finalize(stmt);
  sqlite3_close(m_db);
}

sqlite3_stmt* Store::prepared(const char* sql) const {
  auto it = m_prepared.find(sql);
  if (it != m_prepared.end()) return it->second;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string("store: ") + sqlite3_errmsg(m_db));
  return m_prepared.emplace(sql, s).first->second;
}

void Store::exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("store: " + why);
  }
}

std::int64_t Store::open_run(const Study& study, const std::string& strategy, std::uint64_t seed,
                             const std::string& fidelity) {
  nlohmann::json objectives = nlohmann::json::array();
  for (const auto& o : study.objectives)
    objectives.push_back(
        {{"metric", o.metric}, {"goal", o.goal == Goal::maximize ? "maximize" : "minimize"}});
  Stmt ins(m_db,
           "INSERT OR IGNORE INTO runs(study_name, study_hash, study_text, strategy, seed, "
           "fidelity, objectives, reference) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  ins.text(1, study.name).text(2, study.hash).text(3, study.text).text(4, strategy);
  ins.integer(5, static_cast<std::int64_t>(seed)).text(6, fidelity).text(7, objectives.dump());
  ins.text(8, nlohmann::json(study.reference).dump()).step();
  if (!study.base_chip_yaml.empty()) {
    Stmt chip(m_db, "INSERT OR IGNORE INTO study_chips(study_hash, chip) VALUES(?, ?)");
    chip.text(1, study.hash).text(2, study.base_chip_yaml).step();
  }
  Stmt q(m_db,
         "SELECT id FROM runs WHERE study_hash = ? AND strategy = ? AND seed = ? AND fidelity = ?");
  q.text(1, study.hash).text(2, strategy).integer(3, static_cast<std::int64_t>(seed));
  q.text(4, fidelity).step();
  return q.col_int(0);
}

std::vector<std::string> Store::asks(std::int64_t run) const {
  Stmt q(m_db, "SELECT key FROM asks WHERE run = ? ORDER BY seq");
  q.integer(1, run);
  std::vector<std::string> keys;
  while (q.step()) keys.push_back(q.col_text(0));
  return keys;
}

std::optional<Outcome> Store::find(const std::string& key) const {
  Stmt q(m_db,
         prepared("SELECT status, reason, metrics, fidelity, eval_s FROM trials WHERE key = ?"));
  q.text(1, key);
  if (!q.step()) return std::nullopt;
  return outcome_of(q, 0);
}

void Store::in_transaction(const char* begin, const std::function<void()>& body) const {
  Stmt(m_db, prepared(begin)).step();
  try {
    body();
    Stmt(m_db, prepared("COMMIT")).step();
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

std::vector<std::optional<Outcome>> Store::find_all(const std::vector<std::string>& keys) const {
  std::vector<std::optional<Outcome>> out;
  out.reserve(keys.size());
  in_transaction("BEGIN", [&] {
    for (const auto& k : keys) out.push_back(find(k));
  });
  return out;
}

void Store::record_asks(std::int64_t run, std::uint64_t first_seq,
                        const std::vector<std::pair<std::string, std::string>>& keys_and_genes) {
  if (keys_and_genes.empty()) return;
  in_transaction("BEGIN IMMEDIATE", [&] {
    std::uint64_t seq = first_seq;
    for (const auto& [key, genes] : keys_and_genes) {
      Stmt a(m_db,
             prepared("INSERT OR REPLACE INTO asks(run, seq, key, genes) VALUES(?, ?, ?, ?)"));
      a.integer(1, run).integer(2, static_cast<std::int64_t>(seq++)).text(3, key).text(4, genes);
      a.step();
    }
  });
}

void Store::write_trial(const char* sql, const std::string& key, const std::string& inputs_json,
                        const Outcome& trial) {
  Stmt t(m_db, prepared(sql));
  t.text(1, key).text(2, inputs_json).text(3, to_string(trial.status)).text(4, trial.reason);
  t.text(5, metrics_json(trial.metrics)).text(6, trial.fidelity).real(7, trial.eval_s);
  t.step();
}

void Store::record_trial(const std::string& key, const std::string& inputs_json,
                         const Outcome& trial) {
  write_trial(kInsertTrial, key, inputs_json, trial);
}

void Store::replace_trial(const std::string& key, const std::string& inputs_json,
                          const Outcome& trial) {
  write_trial(kReplaceTrial, key, inputs_json, trial);
}

std::vector<StoredRun> Store::runs() const {
  Stmt q(m_db,
         "SELECT id, study_name, study_hash, study_text, strategy, seed, fidelity, objectives, "
         "reference FROM runs ORDER BY id");
  std::vector<StoredRun> out;
  while (q.step()) {
    StoredRun r;
    r.id = q.col_int(0);
    r.study_name = q.col_text(1);
    r.study_hash = q.col_text(2);
    r.study_text = q.col_text(3);
    r.strategy = q.col_text(4);
    r.seed = static_cast<std::uint64_t>(q.col_int(5));
    r.fidelity = q.col_text(6);
    r.objectives_json = q.col_text(7);
    r.reference_json = q.col_text(8);
    r.asks = asks(r.id);
    out.push_back(std::move(r));
  }
  return out;
}

std::string Store::base_chip(const std::string& study_hash) const {
  Stmt q(m_db, "SELECT chip FROM study_chips WHERE study_hash = ?");
  q.text(1, study_hash);
  return q.step() ? q.col_text(0) : "";
}

std::vector<StoredTrial> Store::trials() const {
  Stmt q(m_db,
         "SELECT key, inputs, status, reason, metrics, fidelity, eval_s FROM trials ORDER BY seq");
  std::vector<StoredTrial> out;
  while (q.step()) out.push_back({q.col_text(0), q.col_text(1), outcome_of(q, 2)});
  return out;
}

}  // namespace coda::search
