// Reports and traces of front designs for `coda report --out`: the design's chip resolved into one
// YAML file (the study's stored base chip with the design's overrides), then per workload
// `coda simulate --hw CHIP --model M -k ... --fidelity event --report R.html --trace T.json` in a
// child process, like the event evaluator's workers, `jobs` at a time. A child that fails is
// recorded, not thrown.
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "arch/spec/loader.h"
#include "search/child_process.h"
#include "search/design_point.h"
#include "search/evaluator.h"
#include "search/report.h"
#include "search/runner.h"
#include "sim/core/error.h"

namespace coda::search {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The workloads of a stored model: a file path, a built-in name, or built-in names joined by '+'
// (model.workloads).
std::vector<std::string> workloads_of(const std::string& model) {
  if (model.find('/') != std::string::npos) return {model};
  std::vector<std::string> out;
  std::size_t at = 0;
  for (std::size_t plus; (plus = model.find('+', at)) != std::string::npos; at = plus + 1)
    out.push_back(model.substr(at, plus - at));
  out.push_back(model.substr(at));
  return out;
}

std::string link(const DesignReportOptions& o, const std::string& file) {
  return o.link_dir.empty() ? file : o.link_dir + "/" + file;
}

// The resolved chip of a design: the base chip (written to `base_file`) with its overrides.
std::string design_chip(const std::string& base_file, const json& hardware,
                        const std::string& label) {
  Study s;
  s.base_chip = base_file;
  DesignPoint p;
  for (const auto& [path, text] : hardware.items()) p.hardware[path] = text.get<std::string>();
  return arch::arch_to_yaml(arch::parse_arch_text(chip_yaml(s, p), label));
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream f(path);
  f << text;
  if (!f) throw core::InputError({}, "--designs-dir", "cannot write '" + path.string() + "'");
}

}  // namespace

FrontReports write_design_reports(const Store& store, const DesignReportOptions& o,
                                  const DesignProgressFn& progress) {
  FrontReports out;
  out.max_designs = o.max_designs;
  const auto runs = store.runs();
  if (runs.empty() || o.max_designs == 0) return out;
  const json report = json::parse(report_json(runs, store.trials(), false));
  const json& front = report["front"];
  out.front_size = front.size();
  const std::size_t designs = std::min(o.max_designs, front.size());
  if (designs == 0) return out;
  std::error_code ec;
  fs::create_directories(o.dir, ec);
  if (ec || !fs::is_directory(o.dir))
    throw core::InputError({}, "--designs-dir", "cannot create '" + o.dir + "'");
  const std::string base = store.base_chip(runs.back().study_hash);
  const fs::path base_file = fs::absolute(fs::path(o.dir) / ".base_chip.yaml");
  if (!base.empty()) write_file(base_file, base);
  // First every design's chip and the list of children; then the children, `jobs` at a time.
  struct Child {
    std::string key, workload;
    std::size_t file;  // its DesignFiles in out.by_key[key]
    std::vector<std::string> argv;
    fs::path report, trace;
  };
  std::vector<Child> children;
  for (std::size_t i = 0; i < designs; ++i) {
    const json& f = front[i];
    const std::string key = f["key"], stem = key.substr(0, 12);
    const std::vector<std::string> workloads = workloads_of(f["inputs"]["model"]);
    DesignReports& d = out.by_key[key];
    const std::string chip_file = stem + ".chip.yaml";
    std::string chip_error;
    if (base.empty()) {
      chip_error =
          "the store has no base chip for this study (stores from before it was kept: run coda "
          "search on the study again)";
    } else {
      try {
        write_file(fs::path(o.dir) / chip_file,
                   design_chip(base_file.string(), f["inputs"]["hardware"], chip_file));
        d.chip = link(o, chip_file);
      } catch (const core::InputError& e) {
        chip_error = std::string("chip: ") + e.what();
      }
    }
    for (const std::string& w : workloads) {
      DesignFiles files;
      files.workload = w;
      files.error = chip_error;
      d.files.push_back(files);
      if (!chip_error.empty()) continue;
      const std::string name =
          stem + (workloads.size() > 1 ? "." + fs::path(w).stem().string() : "");
      Child c{key,
              w,
              d.files.size() - 1,
              {},
              fs::path(o.dir) / (name + ".html"),
              fs::path(o.dir) / (name + ".trace.json")};
      fs::remove(c.report, ec);  // what an earlier report left there
      fs::remove(c.trace, ec);
      c.argv = simulate_argv(o.coda_exe, (fs::path(o.dir) / chip_file).string(), w,
                             {"--fidelity", "event", "--layers", "0", "--report", c.report.string(),
                              "--trace", c.trace.string()},
                             f["inputs"]["knobs"].get<std::map<std::string, std::string>>());
      children.push_back(std::move(c));
    }
  }
  std::mutex mutex;  // guards `next` and the progress callback
  std::size_t next = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t k;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (next == children.size()) return;
        k = next++;
        if (progress) progress(k + 1, children.size(), children[k].key, children[k].workload);
      }
      const Child& c = children[k];
      DesignFiles& files = out.by_key.at(c.key).files[c.file];  // a slot of its own
      ChildResult r;
      try {
        r = run_child(c.argv, "", o.timeout_s, o.memory_bytes);
      } catch (const std::exception& e) {  // e.g. no memory to start it: this design fails
        files.error = std::string("coda simulate: ") + e.what();
        continue;
      }
      if (!r.ok) {
        files.error = "coda simulate: " + r.reason();
      } else if (std::error_code e; !fs::exists(c.report, e) || !fs::exists(c.trace, e)) {
        files.error = "coda simulate wrote no report or trace";
      } else {
        files.report = link(o, c.report.filename().string());
        files.trace = link(o, c.trace.filename().string());
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min(std::max<std::size_t>(o.jobs, 1), children.size()); ++t)
    threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  fs::remove(base_file, ec);
  return out;
}

}  // namespace coda::search
