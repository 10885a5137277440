// Search over a large store of event reports: fills a SQLite database with BENCH_EVENTS reports (default
// 1,000,000) through the repository (with its full-text index), then times the list query the web page runs
// (a page of 50 with its total) for typical searches and filters, printing p50 and p99 per kind of query.
// Usage: hqms_search_bench [DATABASE_FILE]   (the file is created; default: a temporary one, removed after)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>

#include "cli/demo/demo_hospital.hpp"
#include "store/database.hpp"

using namespace hqms;
using Stopwatch = std::chrono::steady_clock;

namespace {

// Clinical words, drawn with a Zipf-like skew so that some are in a quarter of all reports and some in few.
const std::vector<std::string> kWords{
    "patient",       "bed",           "fall",       "floor",         "night",     "nurse",
    "medication",    "dose",          "insulin",    "pump",          "infusion",  "rails",
    "bathroom",      "chart",         "prescribed", "given",         "missed",    "allergy",
    "penicillin",    "morphine",      "handover",   "delayed",       "theatre",   "swab",
    "count",         "retained",      "wrong",      "side",          "site",      "consent",
    "pressure",      "sacrum",        "heel",       "repositioning", "catheter",  "line",
    "infection",     "sepsis",        "antibiotic", "transfusion",   "sample",    "label",
    "crossmatch",    "haemorrhage",   "ctg",        "escalated",     "registrar", "consultant",
    "agency",        "staffing",      "frame",      "commode",       "confused",  "sedation",
    "alarm",         "defibrillator", "battery",    "enoxaparin",    "warfarin",  "gentamicin",
    "levothyroxine", "oxygen",        "cylinder",   "empty",         "referral",  "discharge",
    "letter",        "results",       "scan",       "xray",          "ct",        "mri",
    "contrast",      "kidney",        "injury",     "fracture",      "wrist",     "hip",
    "head",          "laceration",    "bruise",     "skin",          "tear",      "wound",
    "dressing",      "drain",         "tube"};

std::string narrative(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::string out;
  const int words = 12 + static_cast<int>(u(rng) * 30);
  for (int i = 0; i < words; ++i) {
    const auto index = static_cast<std::size_t>(std::pow(u(rng), 2.2) * static_cast<double>(kWords.size()));
    out += (i ? " " : "") + kWords[std::min(index, kWords.size() - 1)];
  }
  return out + ".";
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

int fail(const std::string& what, const Error& e) {
  std::cerr << what << ": " << e.message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const long events = std::getenv("BENCH_EVENTS") ? std::atol(std::getenv("BENCH_EVENTS")) : 1'000'000;
  const bool temporary = argc < 2;
  const std::string file =
      temporary ? (std::filesystem::temp_directory_path() / "hqms-search-bench.db").string() : argv[1];
  for (const char* suffix : {"", "-wal", "-shm", ".keys"}) std::filesystem::remove(file + suffix);
  store::DatabaseOptions options;
  options.key_file = file + ".keys";  // the demo's reports name patients
  auto db = store::open_database(file, options);
  if (!db) return fail("open", db.error());
  SystemClock clock;
  if (auto demo = cli::create_demo_hospital(**db, clock); !demo) return fail("demo", demo.error());

  std::mt19937 rng(42);
  const auto categories = all_event_categories();
  const auto now = clock.now();
  auto started = Stopwatch::now();
  constexpr long kBatch = 10'000;
  for (long done = 0; done < events;) {
    auto r = store::in_write_transaction(**db, [&](store::UnitOfWork& uow) -> Result<void> {
      for (long i = 0; i < kBatch && done + i < events; ++i) {
        IncidentReport report;
        auto& e = report.event;
        e.category = categories[rng() % categories.size()];
        e.type = EventType::near_miss;
        e.harm = HarmLevel::no_harm;
        e.department_id = 1 + static_cast<Id>(rng() % 12);
        report.site_id = e.department_id <= 9 ? 1 : 2;
        e.occurred_at = now - std::chrono::minutes(rng() % (3 * 365 * 24 * 60));
        e.location = "Bay " + std::to_string(1 + rng() % 8);
        e.description = narrative(rng);
        e.immediate_actions = narrative(rng);
        report.reporter_id = 24;
        report.submitted_at = report.updated_at = e.occurred_at + std::chrono::hours(1);
        if (auto id = uow.incidents().create(report, ""); !id) return id.error();
      }
      return {};
    });
    if (!r) return fail("insert", r.error());
    done += kBatch;
    if (done % 100'000 == 0 || done >= events)
      std::cerr << "  stored " << std::min(done, events) << " reports\r" << std::flush;
  }
  const double fill_seconds = std::chrono::duration<double>(Stopwatch::now() - started).count();
  std::cout << "Stored " << events << " reports in " << fill_seconds << " s ("
            << static_cast<long>(static_cast<double>(events) / fill_seconds)
            << " reports/s through the repository, full-text index included, 10,000 per transaction)\n";
  std::cout << "Database size: " << std::filesystem::file_size(file) / (1024 * 1024) << " MB\n\n";

  struct Kind {
    const char* name;
    std::function<void(store::IncidentQuery&)> shape;
  };
  const std::vector<Kind> kinds{
      {"newest 50, no filter", [](store::IncidentQuery&) {}},
      {"one common word", [](store::IncidentQuery& q) { q.text = "patient"; }},
      {"two words", [&](store::IncidentQuery& q) { q.text = kWords[rng() % 20] + " " + kWords[rng() % 40]; }},
      {"rare word", [&](store::IncidentQuery& q) { q.text = kWords[60 + rng() % 25]; }},
      {"prefix while typing",
       [&](store::IncidentQuery& q) { q.text = kWords[rng() % kWords.size()].substr(0, 3); }},
      {"word + department + category",
       [&](store::IncidentQuery& q) {
         q.text = kWords[rng() % 30];
         q.department_id = 1 + static_cast<Id>(rng() % 12);
         q.category = categories[rng() % categories.size()];
       }},
  };
  std::cout << "Search: a page of 50 with its total, as GET /api/v1/incidents runs it (SQLite FTS5)\n";
  std::printf("  %-30s %10s %10s %10s\n", "query", "p50 ms", "p99 ms", "runs");
  for (const auto& kind : kinds) {
    std::vector<double> ms;
    for (int run = 0; run < 40; ++run) {
      store::IncidentQuery q;
      q.visible.everything = true;
      q.triage_scope.everything = true;
      q.page.sort_field = "submittedAt";
      q.page.descending = true;
      kind.shape(q);
      auto uow = (*db)->begin(store::TxMode::read);
      if (!uow) return fail("begin", uow.error());
      const auto t0 = Stopwatch::now();
      auto page = (*uow)->incidents().list(q);
      ms.push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - t0).count());
      if (!page) return fail("search", page.error());
    }
    std::printf("  %-30s %10.2f %10.2f %10zu\n", kind.name, percentile(ms, 0.5), percentile(ms, 0.99),
                ms.size());
  }
  db->reset();
  if (temporary)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix);
  return 0;
}
