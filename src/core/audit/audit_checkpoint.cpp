#include "core/audit/audit_checkpoint.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/common/crypto.hpp"
#include "core/common/timestamp.hpp"

namespace hqms {
namespace {

bool is_lower_hex(std::string_view text, std::size_t length) {
  return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Error malformed(std::string what) {
  return Error::validation({}, "not a checkpoint: " + std::move(what));
}

}  // namespace

std::string audit_checkpoint_canonical_form(const AuditCheckpoint& c) {
  return "hqms audit checkpoint v1\nseq " + std::to_string(c.seq) + "\nhash " + c.hash + "\nat " + c.at +
         "\nkey " + c.key_id + "\n";
}

std::string audit_checkpoint_json_line(const AuditCheckpoint& c) {
  return nlohmann::json{
      {"seq", c.seq}, {"hash", c.hash}, {"at", c.at}, {"keyId", c.key_id}, {"signature", c.signature}}
      .dump();
}

Result<AuditCheckpoint> parse_audit_checkpoint_line(std::string_view line) {
  const auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return malformed("the line is not a JSON object");
  for (const char* field : {"hash", "at", "keyId", "signature"})
    if (!doc.contains(field) || !doc[field].is_string()) return malformed(std::string(field) + " is missing");
  if (!doc.contains("seq") || !doc["seq"].is_number_integer() || doc["seq"].get<std::int64_t>() < 1)
    return malformed("seq is not a positive whole number");
  AuditCheckpoint c{doc["seq"].get<std::int64_t>(), doc["hash"].get<std::string>(),
                    doc["at"].get<std::string>(), doc["keyId"].get<std::string>(),
                    doc["signature"].get<std::string>()};
  if (!is_lower_hex(c.hash, 64)) return malformed("hash is not a SHA-256 in hexadecimal");
  if (!parse_iso(c.at)) return malformed("at is not an ISO-8601 time");
  if (!is_lower_hex(c.key_id, 16)) return malformed("keyId is not a key id");
  const auto signature = base64_decode(c.signature);
  if (!signature || signature->size() != 64) return malformed("signature is not an Ed25519 signature");
  return c;
}

}  // namespace hqms
