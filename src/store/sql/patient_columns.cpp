#include "store/sql/patient_columns.hpp"

namespace hqms::store::sql {
namespace {

Error no_keys() {
  return Error::of(ErrorKind::unavailable,
                   "patient identifiers cannot be read or stored: the database was opened without its key "
                   "file (--key-file)");
}

Result<std::string> open_value(const IdentifierCipher* cipher, const std::string& stored,
                               const std::string& binding, bool in_clear_too) {
  if (in_clear_too && !IdentifierCipher::is_sealed(stored)) return stored;
  if (!cipher) return no_keys();
  return cipher->open(stored, binding);
}

std::string draft_row(Id user_id, const std::string& key) {
  // The key is the browser's; the user id comes first and is digits, so no two rows give the same text.
  return std::to_string(user_id) + "/" + key;
}

}  // namespace

Result<SealedPatient> seal_patient(const IdentifierCipher* cipher, Id incident_id,
                                   const std::optional<PatientInvolved>& patient) {
  if (!patient) return SealedPatient{};
  if (!cipher) return no_keys();
  const auto row = std::to_string(incident_id);
  return SealedPatient{
      cipher->seal(patient->identifier, IdentifierCipher::binding("incident", "patient_identifier", row)),
      cipher->seal(patient->name, IdentifierCipher::binding("incident", "patient_name", row)),
      cipher->blind_index(patient->identifier)};
}

Result<std::optional<PatientInvolved>> open_patient(const IdentifierCipher* cipher, Id incident_id,
                                                    const std::optional<std::string>& identifier,
                                                    const std::optional<std::string>& name,
                                                    bool in_clear_too) {
  if (!identifier) return std::optional<PatientInvolved>();
  const auto row = std::to_string(incident_id);
  auto id = open_value(cipher, *identifier, IdentifierCipher::binding("incident", "patient_identifier", row),
                       in_clear_too);
  if (!id) return id.error();
  PatientInvolved patient{std::move(*id), ""};
  if (name) {
    auto n =
        open_value(cipher, *name, IdentifierCipher::binding("incident", "patient_name", row), in_clear_too);
    if (!n) return n.error();
    patient.name = std::move(*n);
  }
  return std::optional<PatientInvolved>(std::move(patient));
}

Result<std::string> seal_draft(const IdentifierCipher* cipher, Id user_id, const std::string& key,
                               const std::string& form) {
  if (!cipher) return no_keys();
  return cipher->seal(form, IdentifierCipher::binding("incident_draft", "form", draft_row(user_id, key)));
}

Result<std::string> open_draft(const IdentifierCipher* cipher, Id user_id, const std::string& key,
                               const std::string& stored, bool in_clear_too) {
  return open_value(cipher, stored,
                    IdentifierCipher::binding("incident_draft", "form", draft_row(user_id, key)),
                    in_clear_too);
}

}  // namespace hqms::store::sql
