#pragma once
// The repositories, written once for every SQL backend. Each works on the connection of the unit of work that
// owns it; dialect differences come from store/sql/dialect.hpp.
#include <functional>
#include <span>

#include "store/database.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

class SqlOrgRepository final : public OrgRepository {
 public:
  explicit SqlOrgRepository(Connection& c) : c_(c) {}
  Result<Organisation> load() override;
  Result<Id> create_organisation(const std::string& name, Timestamp created_at) override;
  Result<Site> create_site(Id organisation_id, const std::string& code, const std::string& name) override;
  Result<Department> create_department(Id site_id, const std::string& code, const std::string& name) override;

 private:
  Connection& c_;
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Connection& c) : c_(c) {}
  Result<Id> create(const NewUser& user, const std::string& password_hash, Timestamp now) override;
  Result<User> get(Id id) override;
  Result<std::optional<Credentials>> find_credentials(const std::string& username) override;
  Result<Page<User>> list(const UserQuery& query) override;
  Result<void> update_profile(const User& user) override;
  Result<void> replace_grants(Id id, const Grants& grants) override;
  Result<void> set_password_hash(Id id, const std::string& hash) override;
  Result<void> record_login(Id id, Timestamp at) override;
  Result<std::int64_t> count() override;
  Result<std::map<Id, std::string>> display_names(const std::vector<Id>& ids) override;

 private:
  Result<void> load_grants(std::span<User> users);
  Connection& c_;
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& c) : c_(c) {}
  Result<void> create(const Session& session) override;
  Result<std::optional<Session>> find(const std::string& token_hash) override;
  Result<void> touch(const std::string& token_hash, Timestamp at) override;
  Result<void> remove(const std::string& token_hash) override;
  Result<void> remove_for_user(Id user_id, const std::string& except_token_hash) override;
  Result<int> remove_idle_since(Timestamp cutoff) override;

 private:
  Connection& c_;
};

class SqlThrottleRepository final : public ThrottleRepository {
 public:
  explicit SqlThrottleRepository(Connection& c) : c_(c) {}
  Result<ThrottleState> get(const std::string& key) override;
  Result<void> put(const std::string& key, const ThrottleState& state) override;
  Result<void> clear(const std::string& key) override;
  Result<void> clear_account(const std::string& username) override;
  Result<int> remove_quiet_since(Timestamp cutoff) override;

 private:
  Connection& c_;
};

class SqlSecondFactorRepository final : public SecondFactorRepository {
 public:
  explicit SqlSecondFactorRepository(Connection& c) : c_(c) {}
  Result<std::optional<Authenticator>> find(Id user_id) override;
  Result<void> start_enrolment(Id user_id, const std::string& secret, Timestamp at) override;
  Result<void> confirm(Id user_id, std::int64_t step, Timestamp at) override;
  Result<bool> accept_step(Id user_id, std::int64_t step) override;
  Result<void> remove(Id user_id) override;
  Result<void> replace_recovery_codes(Id user_id, const std::vector<std::string>& code_hashes) override;
  Result<bool> use_recovery_code(Id user_id, const std::string& code_hash, Timestamp at) override;
  Result<int> recovery_codes_left(Id user_id) override;
  Result<void> create_challenge(const SignInChallenge& challenge, Timestamp now) override;
  Result<std::optional<SignInChallenge>> find_challenge(const std::string& token_hash) override;
  Result<void> count_challenge_failure(const std::string& token_hash) override;
  Result<bool> remove_challenge(const std::string& token_hash) override;
  Result<bool> required_for_privileged() override;
  Result<void> set_required_for_privileged(bool required) override;

 private:
  Connection& c_;
};

class SqlAuditLog final : public AuditLog {
 public:
  explicit SqlAuditLog(Connection& c) : c_(c) {}
  Result<AuditEntry> append(const AuditEvent& event, Timestamp at) override;
  Result<void> hold(const AuditEvent& event, Timestamp day) override;
  Result<int> release_held(Timestamp today) override;
  Result<Page<AuditEntry>> list(const AuditQuery& query) override;
  Result<std::vector<DayCount>> activity(Timestamp from, Timestamp until,
                                         const ScopeFilter& visible) override;
  Result<void> scan(const std::function<bool(const AuditEntry&)>& visit) override;

 private:
  Connection& c_;
};

// Patient identifiers are sealed with `cipher` (none: a database opened without its key file, where any
// report with a patient is refused).
class SqlIncidentRepository final : public IncidentRepository {
 public:
  SqlIncidentRepository(Connection& c, const IdentifierCipher* cipher) : c_(c), cipher_(cipher) {}
  Result<Id> create(const IncidentReport& report, const std::string& submission_key) override;
  Result<std::optional<Id>> find_submission(std::optional<Id> reporter_id,
                                            const std::string& submission_key) override;
  Result<IncidentReport> get(Id id) override;
  Result<IncidentReport> get_for_update(Id id) override;
  Result<void> update(const IncidentReport& report) override;
  Result<Page<IncidentReport>> list(const IncidentQuery& query) override;
  Result<void> scan(const IncidentQuery& query,
                    const std::function<bool(const IncidentReport&)>& visit) override;
  Result<std::vector<CategoryCount>> count_by(const IncidentQuery& query, IncidentGrouping by) override;
  Result<std::vector<MonthlyCount>> monthly(const IncidentQuery& query) override;
  Result<IncidentWorkCounts> work_counts(const IncidentQuery& base) override;
  Result<void> add_follow_up_code(Id incident_id, const std::string& code_hash) override;
  Result<std::optional<Id>> find_by_follow_up(const std::string& code_hash) override;

 private:
  Result<IncidentReport> read_one(Id id, bool lock);
  Result<void> reveal_patient(IncidentReport& r) const;
  Result<void> check_lookup(const IncidentQuery& q) const;
  Connection& c_;
  const IdentifierCipher* cipher_;
};

class SqlIncidentActivityRepository final : public IncidentActivityRepository {
 public:
  explicit SqlIncidentActivityRepository(Connection& c) : c_(c) {}
  Result<Id> add_comment(const IncidentComment& comment) override;
  Result<std::vector<IncidentComment>> comments(Id incident_id) override;
  Result<Id> add_attachment(const Attachment& meta, const std::string& content) override;
  Result<std::vector<Attachment>> attachments(Id incident_id) override;
  Result<std::pair<Attachment, std::string>> attachment(Id incident_id, Id attachment_id) override;
  Result<Id> add_external_report(Id incident_id, const ExternalReport& report) override;
  Result<std::vector<ExternalReport>> external_reports(Id incident_id) override;

 private:
  Connection& c_;
};

class SqlIncidentSettingsRepository final : public IncidentSettingsRepository {
 public:
  explicit SqlIncidentSettingsRepository(Connection& c) : c_(c) {}
  Result<std::vector<ExternalReportingRule>> rules() override;
  Result<Id> create_rule(const ExternalReportingRule& rule) override;
  Result<void> update_rule(const ExternalReportingRule& rule) override;
  Result<SentinelPolicy> sentinel_policy() override;
  Result<void> set_sentinel_policy(const SentinelPolicy& policy) override;
  Result<std::vector<Holiday>> holidays() override;
  Result<void> replace_holidays(const std::vector<Holiday>& holidays) override;
  Result<BusinessCalendar> calendar() override;

 private:
  Connection& c_;
};

// A draft holds the whole form, patient fields included: it is sealed like an identifier.
class SqlDraftRepository final : public DraftRepository {
 public:
  SqlDraftRepository(Connection& c, const IdentifierCipher* cipher) : c_(c), cipher_(cipher) {}
  Result<std::vector<Draft>> list(Id user_id) override;
  Result<void> put(Id user_id, const Draft& draft) override;
  Result<void> remove(Id user_id, const std::string& key) override;

 private:
  Connection& c_;
  const IdentifierCipher* cipher_;
};

class SqlPatientIdentifierRepository final : public PatientIdentifierRepository {
 public:
  explicit SqlPatientIdentifierRepository(Connection& c) : c_(c) {}
  Result<std::vector<std::string>> live_key_ids() override;
  Result<void> register_key(const std::string& key_id, Timestamp at) override;
  Result<void> retire_key(const std::string& key_id, Timestamp at) override;
  Result<ResealCount> reseal(const IdentifierCipher& cipher, ResealWhat what, int limit) override;
  Result<ResealCount> count_to_reseal(const IdentifierCipher& cipher, ResealWhat what) override;

 private:
  Result<std::int64_t> reseal_incidents(const IdentifierCipher& cipher, ResealWhat what, int limit);
  Result<std::int64_t> reseal_drafts(const IdentifierCipher& cipher, ResealWhat what, int limit);
  Connection& c_;
};

class SqlSavedSearchRepository final : public SavedSearchRepository {
 public:
  explicit SqlSavedSearchRepository(Connection& c) : c_(c) {}
  Result<std::vector<SavedSearch>> list(Id user_id, const std::string& module) override;
  Result<Id> create(const SavedSearch& search) override;
  Result<SavedSearch> get(Id id) override;
  Result<void> remove(Id id) override;

 private:
  Connection& c_;
};

class SqlInvestigationRepository final : public InvestigationRepository {
 public:
  explicit SqlInvestigationRepository(Connection& c) : c_(c) {}
  Result<Id> create(const Investigation& inv) override;
  Result<Investigation> get(Id id) override;
  Result<void> update(const Investigation& inv) override;
  Result<Page<Investigation>> list(const InvestigationQuery& query) override;

 private:
  Result<void> load_parts(std::span<Investigation> items);
  Result<void> save_parts(const Investigation& inv);
  Connection& c_;
};

class SqlCapaRepository final : public CapaRepository {
 public:
  explicit SqlCapaRepository(Connection& c) : c_(c) {}
  Result<Id> create(const CorrectiveAction& capa) override;
  Result<CorrectiveAction> get(Id id) override;
  Result<CorrectiveAction> get_for_update(Id id) override;
  Result<void> update(const CorrectiveAction& capa) override;
  Result<Page<CorrectiveAction>> list(const CapaQuery& query) override;
  Result<std::vector<CapaStateCount>> count_by_state(const CapaQuery& query) override;
  Result<std::vector<OpenCapaAge>> open_ages(const CapaQuery& query, Date today) override;
  Result<std::vector<OverdueAction>> overdue_actions(Date today) override;
  Result<Id> add_evidence(Id capa_id, const EvidenceFile& meta, const std::string& content) override;
  Result<std::vector<EvidenceFile>> evidence(Id capa_id) override;
  Result<std::pair<EvidenceFile, std::string>> evidence_file(Id capa_id, Id file_id) override;

 private:
  Result<CorrectiveAction> read_one(Id id, bool lock);
  Result<void> load_parts(std::span<CorrectiveAction> items);
  Result<void> save_parts(const CorrectiveAction& capa);
  Connection& c_;
};

class SqlRiskRepository final : public RiskRepository {
 public:
  explicit SqlRiskRepository(Connection& c) : c_(c) {}
  Result<Id> create(const Risk& risk) override;
  Result<Risk> get(Id id) override;
  Result<Risk> get_for_update(Id id) override;
  Result<void> update(const Risk& risk) override;
  Result<Page<Risk>> list(const RiskQuery& query) override;
  Result<std::vector<RiskRating>> residual_ratings(const RiskQuery& query) override;
  Result<RiskBands> bands() override;
  Result<void> set_bands(const RiskBands& bands) override;

 private:
  Result<Risk> read_one(Id id, bool lock);
  Result<void> load_parts(std::span<Risk> items);
  Result<void> save_parts(const Risk& risk);
  Connection& c_;
};

class SqlFmeaRepository final : public FmeaRepository {
 public:
  explicit SqlFmeaRepository(Connection& c) : c_(c) {}
  Result<Id> create(const FmeaStudy& study) override;
  Result<FmeaStudy> get(Id id) override;
  Result<FmeaStudy> get_for_update(Id id) override;
  Result<void> update_header(const FmeaStudy& study) override;
  Result<Id> add_failure_mode(Id study_id, const FailureMode& fm) override;
  Result<void> update_failure_mode(Id study_id, const FailureMode& fm) override;
  Result<void> remove_failure_mode(Id study_id, Id failure_mode_id) override;
  Result<void> touch(Id study_id, Timestamp at) override;
  Result<Page<FmeaStudy>> list(const FmeaQuery& query) override;

 private:
  Result<FmeaStudy> read_one(Id id, bool lock);
  Result<void> load_team(std::span<FmeaStudy> items);
  Result<void> save_team(const FmeaStudy& study);
  Result<void> save_steps(const FmeaStudy& study);
  Connection& c_;
};

class SqlNotificationRepository final : public NotificationRepository {
 public:
  explicit SqlNotificationRepository(Connection& c) : c_(c) {}
  Result<Id> put(const Notification& n) override;
  Result<std::vector<Notification>> for_user(Id user_id, int limit) override;
  Result<void> mark_read(Id user_id, Id id, Timestamp at) override;
  Result<bool> ran_on(const std::string& kind, Date day) override;
  Result<void> record_run(const std::string& kind, Date day, Timestamp at) override;
  Result<std::map<Id, std::vector<Id>>> department_managers() override;

 private:
  Connection& c_;
};

class SqlIndicatorDataRepository final : public IndicatorDataRepository {
 public:
  explicit SqlIndicatorDataRepository(Connection& c) : c_(c) {}
  Result<UpsertResult> upsert_encounter(const encounters::EncounterRecord& record, UnitIds unit,
                                        Id import_run_id) override;
  Result<UpsertResult> upsert_survey_response(const encounters::SurveyResponseRecord& record, UnitIds unit,
                                              Id import_run_id) override;
  Result<UpsertResult> upsert_observation(const encounters::ObservationRecord& record, UnitIds unit,
                                          Id import_run_id) override;
  Result<UpsertResult> upsert_complaint(const encounters::ComplaintRecord& record, UnitIds unit,
                                        Id import_run_id) override;
  Result<Id> record_import_run(const ImportRun& run) override;
  Result<void> finish_import_run(const ImportRun& run) override;
  Result<std::vector<ImportRun>> list_import_runs(int limit) override;
  Result<std::optional<ImportRun>> find_import_run(Id id) override;
  Result<std::optional<ImportRun>> find_completed_run(ImportKind kind, std::string_view sha256) override;
  Result<void> load(indicators::IndicatorData& data) override;
  Result<std::string> data_version() override;

 private:
  // What the row stored under `key` in `table` holds now: nothing, the same content, or other content.
  struct Stored {
    std::optional<Id> id;
    bool same = false;
  };
  Result<Stored> stored(const char* table, const char* key_column, std::string_view key,
                        const std::string& content_hash);
  Result<void> load_encounters(indicators::FactTable& table);
  Result<void> load_survey(indicators::FactTable& table);
  Result<void> load_observations(indicators::FactTable& table);
  Result<void> load_complaints(indicators::FactTable& table);
  Result<void> load_incidents(indicators::FactTable& table);
  Result<void> load_capa(indicators::FactTable& table);
  Connection& c_;
};

class SqlIndicatorSettingsRepository final : public IndicatorSettingsRepository {
 public:
  explicit SqlIndicatorSettingsRepository(Connection& c) : c_(c) {}
  Result<std::vector<StoredIndicator>> list_custom(bool include_retired) override;
  Result<std::optional<StoredIndicator>> find_custom(std::string_view code) override;
  Result<void> insert_custom(const StoredIndicator& indicator) override;
  Result<bool> update_custom(const StoredIndicator& indicator, int expected_version) override;
  Result<std::vector<IndicatorSetting>> list_settings() override;
  Result<std::optional<IndicatorSetting>> find_setting(std::string_view code) override;
  Result<void> save_setting(const IndicatorSetting& setting) override;
  Result<std::vector<StoredAnnotation>> list_annotations(std::string_view code, ScopeRef scope) override;
  Result<std::optional<StoredAnnotation>> find_annotation(Id id) override;
  Result<Id> insert_annotation(const StoredAnnotation& annotation) override;
  Result<void> delete_annotation(Id id) override;

 private:
  Connection& c_;
};

}  // namespace hqms::store::sql
