#pragma once
// How the columns that hold patient identifiers are sealed (core/common/identifier_cipher.hpp): one place
// for what each value is bound to (table, column, row), so that the repositories that write them and the
// rotation that seals them again agree. A sealed value opens only in the row and column it was sealed for.
#include <optional>
#include <string>

#include "core/common/identifier_cipher.hpp"
#include "core/incidents/incident_report.hpp"

namespace hqms::store::sql {

// incident.patient_identifier, incident.patient_name and the blind index incident.patient_index.
struct SealedPatient {
  std::optional<std::string> identifier, name, index;
};
Result<SealedPatient> seal_patient(const IdentifierCipher* cipher, Id incident_id,
                                   const std::optional<PatientInvolved>& patient);
// `in_clear_too`: take values that are not sealed as they are (only when sealing what was written before
// encryption); otherwise a value in clear is refused like a tampered one.
Result<std::optional<PatientInvolved>> open_patient(const IdentifierCipher* cipher, Id incident_id,
                                                    const std::optional<std::string>& identifier,
                                                    const std::optional<std::string>& name,
                                                    bool in_clear_too = false);

// incident_draft.form, the JSON of a report form being filled in (it holds the patient fields).
Result<std::string> seal_draft(const IdentifierCipher* cipher, Id user_id, const std::string& key,
                               const std::string& form);
Result<std::string> open_draft(const IdentifierCipher* cipher, Id user_id, const std::string& key,
                               const std::string& stored, bool in_clear_too = false);

}  // namespace hqms::store::sql
