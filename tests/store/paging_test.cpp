// A capped count stops at the cap and says so; an uncapped count is exact.
#include <gtest/gtest.h>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

TEST(Paging, ACappedCountStopsAtTheCapAndSaysSo) {
  TestDatabase database;
  auto db = *store::open_database(database.location());  // migrates
  auto c = database.raw();
  for (int i = 1; i <= 5; ++i)
    ASSERT_TRUE(c->execute("INSERT INTO holiday(day, name) VALUES (?1, ?2)", "2026-12-0" + std::to_string(i),
                           "Day " + std::to_string(i)));
  PageRequest page;
  page.limit = 2;
  auto read = [&](std::int64_t cap) {
    return store::sql::read_page<std::string>(
        *c, "day", " FROM holiday WHERE name <> ?1", " ORDER BY day", page, 1,
        [](store::sql::Statement& st) { st.bind_all("none"); },
        [](const store::sql::Statement& st) { return st.text(0); }, cap);
  };
  auto capped = read(3);
  ASSERT_TRUE(capped) << capped.error().message;
  EXPECT_EQ(capped->total, 3);
  EXPECT_TRUE(capped->total_capped);
  EXPECT_EQ(capped->items, (std::vector<std::string>{"2026-12-01", "2026-12-02"}));
  auto exact_at_cap = read(5);
  EXPECT_EQ(exact_at_cap->total, 5);
  EXPECT_FALSE(exact_at_cap->total_capped) << "exactly the cap is not more than it";
  auto uncapped = read(0);
  EXPECT_EQ(uncapped->total, 5);
  EXPECT_FALSE(uncapped->total_capped);
}

}  // namespace
}  // namespace hqms::test
