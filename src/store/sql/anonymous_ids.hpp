#pragma once
// Ids that do not place an anonymous record in time (issue 12, finding 6). A table whose ids come from here
// has them handed out by id_sequence: the day's first record sets aside a block of ids for that day's
// anonymous records, and each anonymous record takes one of the block at random. Its id then tells only the
// day, which is all that is stored of its time anyway; the ids of other records run on after the block.
//
// Ids left over from a day's block are never used, so readable references made from ids skip them.
#include <string>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

// How many ids a day's block sets aside; a day with more anonymous records sets aside another block (whose
// ids then follow that day's records so far: only a twelfth anonymous report in one day is placed at all, and
// only after the others).
inline constexpr int kAnonymousIdBlock = 12;

// The id for a new row of `table`, inside the caller's write transaction (the sequence row is locked until it
// commits). `day` is the record's UTC day.
Result<Id> next_record_id(Connection& c, const std::string& table, bool anonymous, Timestamp day);

}  // namespace hqms::store::sql
