#pragma once
// What gathers around a report after it is filed: the comment thread (including questions to and answers
// from the reporter), attachments and the reports made to outside agencies.
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/external_reporting.hpp"

namespace hqms::store {

struct IncidentComment {
  Id id = 0;
  Id incident_id = 0;
  std::optional<Id> author_id;  // empty for the anonymous reporter
  std::string author_name;
  bool from_reporter = false;
  bool to_reporter = false;  // a question the reporter sees
  std::string body;
  Timestamp created_at{};
};

struct Attachment {
  Id id = 0;
  Id incident_id = 0;
  std::string file_name;
  std::string media_type;
  std::int64_t size = 0;
  std::string sha256;
  std::optional<Id> uploaded_by;
  Timestamp uploaded_at{};
};

class IncidentActivityRepository {
 public:
  virtual ~IncidentActivityRepository() = default;
  virtual Result<Id> add_comment(const IncidentComment& comment) = 0;
  virtual Result<std::vector<IncidentComment>> comments(Id incident_id) = 0;

  virtual Result<Id> add_attachment(const Attachment& meta, const std::string& content) = 0;
  virtual Result<std::vector<Attachment>> attachments(Id incident_id) = 0;
  // Metadata and the stored bytes.
  virtual Result<std::pair<Attachment, std::string>> attachment(Id incident_id, Id attachment_id) = 0;

  virtual Result<Id> add_external_report(Id incident_id, const ExternalReport& report) = 0;
  virtual Result<std::vector<ExternalReport>> external_reports(Id incident_id) = 0;
};

}  // namespace hqms::store
