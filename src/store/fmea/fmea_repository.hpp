#pragma once
// FMEA studies: the header, the process steps and the worksheet rows (failure modes), each row saved on its
// own so that two people can fill in different rows of one worksheet at once.
#include <optional>
#include <string>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/fmea/fmea.hpp"
#include "core/paging/page.hpp"

namespace hqms::store {

struct FmeaQuery {
  ScopeFilter visible;
  Id caller_id = 0;  // also sees those they lead or are on the team of
  std::optional<FmeaState> state;
  std::string text;  // reference, title or process
  PageRequest page;  // sort: updatedAt, reference, title
};

class FmeaRepository {
 public:
  virtual ~FmeaRepository() = default;
  // Stores the header, team and steps (ids assigned; failure modes given are ignored) and answers the id.
  virtual Result<Id> create(const FmeaStudy& study) = 0;
  // The whole study with its steps in order and every failure mode.
  virtual Result<FmeaStudy> get(Id id) = 0;
  virtual Result<FmeaStudy> get_for_update(Id id) = 0;
  // Header, team and steps, when `study.version` is still the stored one (conflict otherwise); bumps it.
  // Steps with an id keep it, new ones get one; a step no longer listed is removed only when it has no
  // failure modes (conflict otherwise).
  virtual Result<void> update_header(const FmeaStudy& study) = 0;
  // Failure modes are the worksheet rows: each has its own version.
  virtual Result<Id> add_failure_mode(Id study_id, const FailureMode& fm) = 0;
  virtual Result<void> update_failure_mode(Id study_id, const FailureMode& fm) = 0;  // version-checked
  virtual Result<void> remove_failure_mode(Id study_id, Id failure_mode_id) = 0;
  // Touches the study's updated_at (a row saved is a change to the study).
  virtual Result<void> touch(Id study_id, Timestamp at) = 0;
  virtual Result<Page<FmeaStudy>> list(const FmeaQuery& query) = 0;  // headers only: no steps or rows
};

}  // namespace hqms::store
