#pragma once
// The daily escalation run: every overdue action and effectiveness check is gathered, each owner and each
// manager of the department gets one digest, delivered in the app (DigestDelivery; a mail sender may join
// later). The server runs it once a day on its own; `hqms digest` and POST /api/v1/capa/digests run it now.
#include <optional>
#include <string>

#include "core/capa/overdue_digest.hpp"
#include "store/database.hpp"

namespace hqms::http {

inline constexpr const char* kOverdueDigestKind = "overdue_digest";

// Stores each digest as the user's notification of the day (replacing one generated earlier that day), its
// payload the overdue items as the home page draws them.
class InAppDigestDelivery final : public DigestDelivery {
 public:
  InAppDigestDelivery(store::UnitOfWork& uow, const Organisation& org, Timestamp now)
      : uow_(uow), org_(org), now_(now) {}
  Result<void> deliver(const OverdueDigest& digest) override;

 private:
  store::UnitOfWork& uow_;
  const Organisation& org_;
  Timestamp now_;
};

struct DigestRun {
  Date day{};
  int users = 0;  // digests delivered
  int items = 0;  // overdue actions and checks found
};

// Who asked for the run, for the audit trail: HQMS itself unless a person did.
struct DigestRequester {
  std::optional<Id> user_id;
  std::string username = "system";
};

// Runs the digest for `day` (today, UTC, when not given) in one transaction: the digests, the record that the
// day's run happened and one audit entry (action "digest").
Result<DigestRun> run_overdue_digest(store::Database& db, Timestamp now,
                                     std::optional<Date> day = std::nullopt, const DigestRequester& by = {});

// The server's daily call: runs today's digest unless it already ran today. Answers the run, or nothing.
Result<std::optional<DigestRun>> run_overdue_digest_if_due(store::Database& db, Timestamp now);

}  // namespace hqms::http
