#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<Id> SqlIncidentActivityRepository::add_comment(const IncidentComment& c) {
  return c_.insert(
      "INSERT INTO incident_comment(incident_id, author_id, from_reporter, to_reporter, body, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      c.incident_id, c.author_id, c.from_reporter, c.to_reporter, c.body, to_db(c.created_at));
}

Result<std::vector<IncidentComment>> SqlIncidentActivityRepository::comments(Id incident_id) {
  auto st = c_.prepare(
      "SELECT c.id, c.author_id, COALESCE(u.display_name, ''), c.from_reporter, c.to_reporter, c.body, "
      "c.created_at FROM incident_comment c LEFT JOIN app_user u ON u.id = c.author_id "
      "WHERE c.incident_id = ?1 ORDER BY c.id");
  if (!st) return st.error();
  st->bind_all(incident_id);
  return read_rows(*st, [&](const Statement& row) {
    return IncidentComment{
        row.int64(0),      incident_id,       row.opt_int64(1), row.text(2),
        row.int64(3) != 0, row.int64(4) != 0, row.text(5),      timestamp_from_db(row.text(6))};
  });
}

namespace {
constexpr const char* kAttachmentColumns =
    "id, incident_id, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at";
Attachment read_attachment(const Statement& st) {
  return {st.int64(0), st.int64(1), st.text(2),      st.text(3),
          st.int64(4), st.text(5),  st.opt_int64(6), timestamp_from_db(st.text(7))};
}
}  // namespace

Result<Id> SqlIncidentActivityRepository::add_attachment(const Attachment& a, const std::string& content) {
  return c_.insert(
      "INSERT INTO incident_attachment(incident_id, file_name, media_type, size_bytes, sha256, content, "
      "uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      a.incident_id, a.file_name, a.media_type, a.size, a.sha256, content, a.uploaded_by,
      to_db(a.uploaded_at));
}

Result<std::vector<Attachment>> SqlIncidentActivityRepository::attachments(Id incident_id) {
  auto st = c_.prepare(std::string("SELECT ") + kAttachmentColumns +
                       " FROM incident_attachment WHERE incident_id = ?1 ORDER BY id");
  if (!st) return st.error();
  st->bind_all(incident_id);
  return read_rows(*st, [&](const Statement& row) { return read_attachment(row); });
}

Result<std::pair<Attachment, std::string>> SqlIncidentActivityRepository::attachment(Id incident_id,
                                                                                     Id attachment_id) {
  auto st = c_.prepare(std::string("SELECT ") + kAttachmentColumns +
                       ", content FROM incident_attachment WHERE incident_id = ?1 AND id = ?2");
  if (!st) return st.error();
  auto row = st->bind_all(incident_id, attachment_id).step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("There is no such attachment.");
  return std::pair{read_attachment(*st), st->text(8)};
}

Result<Id> SqlIncidentActivityRepository::add_external_report(Id incident_id, const ExternalReport& r) {
  return c_.insert(
      "INSERT INTO incident_external_report(incident_id, rule_id, reported_at, reported_to, reference, "
      "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      incident_id, r.rule_id, to_db(r.reported_at), r.reported_to, r.reference, r.recorded_by);
}

Result<std::vector<ExternalReport>> SqlIncidentActivityRepository::external_reports(Id incident_id) {
  auto st = c_.prepare(
      "SELECT id, rule_id, reported_at, reported_to, reference, recorded_by FROM incident_external_report "
      "WHERE incident_id = ?1 ORDER BY id");
  if (!st) return st.error();
  st->bind_all(incident_id);
  return read_rows(*st, [&](const Statement& row) {
    return ExternalReport{row.int64(0), row.int64(1), timestamp_from_db(row.text(2)),
                          row.text(3),  row.text(4),  row.int64(5)};
  });
}

}  // namespace hqms::store::sql
