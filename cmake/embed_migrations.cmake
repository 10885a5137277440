# Turns the .sql migration files of one backend into a C++ source, so the binary carries its own schema.
# Called as: cmake -DDIALECT=sqlite -DSOURCE_DIR=... -DOUTPUT=... -P embed_migrations.cmake
file(GLOB files "${SOURCE_DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^([0-9]+)_(.*)$" _ "${name}")
  math(EXPR version "${CMAKE_MATCH_1}")
  set(label "${CMAKE_MATCH_2}")
  file(READ "${f}" sql)
  string(APPEND body "    {${version}, \"${label}\", R\"hqms_sql(${sql})hqms_sql\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${SOURCE_DIR} by cmake/embed_migrations.cmake. Do not edit.
#include \"store/migration.hpp\"

namespace hqms::store::${DIALECT} {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all{
${body}  };
  return all;
}

}  // namespace hqms::store::${DIALECT}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
