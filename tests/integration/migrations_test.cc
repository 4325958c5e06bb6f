// The two migration trees are one schema written twice: the same versions
// under the same names, and after migrating, the same tables and columns
// (the full-text index's internals excepted, see SqlStore::Schema).
#include <gtest/gtest.h>

#include "tests/support/test_app.h"

namespace dandelion {
namespace {

TEST(MigrationsTest, SqliteAndPostgresHoldTheSameVersionsTablesAndColumns) {
  auto pg = testing::PostgresStore();
  if (!pg) GTEST_SKIP() << "DANDELION_TEST_PG is not set; scripts/test sets it";
  auto lite = testing::MemoryStore();

  auto lite_versions = lite->AppliedMigrations();
  auto pg_versions = pg->AppliedMigrations();
  ASSERT_TRUE(lite_versions.ok()) << lite_versions.status().ToString();
  ASSERT_TRUE(pg_versions.ok()) << pg_versions.status().ToString();
  EXPECT_FALSE(lite_versions->empty());
  EXPECT_EQ(*lite_versions, *pg_versions);

  auto lite_schema = lite->Schema();
  auto pg_schema = pg->Schema();
  ASSERT_TRUE(lite_schema.ok()) << lite_schema.status().ToString();
  ASSERT_TRUE(pg_schema.ok()) << pg_schema.status().ToString();
  EXPECT_EQ(*lite_schema, *pg_schema);
  // The comparison is over something: the tables every capability keeps.
  auto has = [&](const std::string& prefix) {
    for (const auto& t : *lite_schema) {
      if (t.starts_with(prefix)) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("units(")) << ::testing::PrintToString(*lite_schema);
  EXPECT_TRUE(has("mentions(")) << ::testing::PrintToString(*lite_schema);
}

TEST(MigrationsTest, MigratingAgainAppliesNothing) {
  auto lite = testing::MemoryStore();
  auto again = lite->Migrate();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace dandelion
