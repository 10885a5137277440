#include "core/import/csv_reader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace hqms {
namespace {

using Fields = std::vector<std::string>;

struct Read {
  std::vector<std::size_t> lines;
  std::vector<Fields> records;
  std::optional<CsvError> error;
};

Read read_all(std::string_view text, char separator = ',') {
  CsvReader reader(text, separator);
  Read out;
  while (auto record = reader.next()) {
    out.lines.push_back(record->line);
    out.records.emplace_back(record->fields.begin(), record->fields.end());
  }
  out.error = reader.error();
  return out;
}

bool inside(std::string_view field, std::string_view text) {
  return field.data() >= text.data() && field.data() + field.size() <= text.data() + text.size();
}

TEST(CsvReader, ReadsSimpleRecordsWithLineNumbers) {
  const auto read = read_all("a,b,c\n1,2,3\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 2}));
  EXPECT_FALSE(read.error);
}

TEST(CsvReader, ReadsThreeRecordsWithCrLf) {
  const auto read = read_all("id,name\r\n1,Ward A\r\n2,Ward B\r\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"id", "name"}, {"1", "Ward A"}, {"2", "Ward B"}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_FALSE(read.error);
}

TEST(CsvReader, ReadsFinalRecordWithoutNewline) {
  EXPECT_EQ(read_all("a,b\n1,2").records, (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\r\n1,2").records, (std::vector<Fields>{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  EXPECT_TRUE(read_all("").records.empty());
  EXPECT_TRUE(read_all("\n\r\n").records.empty());
  EXPECT_FALSE(read_all("").error);
}

TEST(CsvReader, SkipsEmptyLinesButCountsThem) {
  const auto read = read_all("a\n\n\r\nb\n\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a"}, {"b"}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 4}));
}

TEST(CsvReader, KeepsEmptyFieldsAndTrailingSeparator) {
  EXPECT_EQ(read_all(",a,,\n").records, (std::vector<Fields>{{"", "a", "", ""}}));
  EXPECT_EQ(read_all("a,").records, (std::vector<Fields>{{"a", ""}}));
}

TEST(CsvReader, QuotedFieldHoldsSeparatorsAndLineEnds) {
  const auto read = read_all("\"a,b\",\"x\r\ny\",\"p\nq\"\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a,b", "x\r\ny", "p\nq"}}));
}

TEST(CsvReader, FieldThatIsExactlyTwoQuotesIsEmpty) {
  const auto read = read_all("\"\",a,\"\"\n\"\"\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"", "a", ""}, {""}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 2}));
}

TEST(CsvReader, UnescapesDoubledQuotes) {
  const auto read = read_all("\"say \"\"hi\"\"\",\"\"\"\"\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"say \"hi\"", "\""}}));
}

TEST(CsvReader, KeepsWhitespaceInsideFields) {
  const auto read = read_all(" a , b\t,\" c \"\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{" a ", " b\t", " c "}}));
}

TEST(CsvReader, UsesSemicolonSeparator) {
  const auto read = read_all("a;b,c;\"d;e\"\n1;2;3\n", ';');
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a", "b,c", "d;e"}, {"1", "2", "3"}}));
}

TEST(CsvReader, RecordSpanningThreeLinesGivesNextRecordItsPhysicalLine) {
  const auto read = read_all("h1,h2\n1,\"first\nsecond\r\nthird\"\n2,x\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"h1", "h2"}, {"1", "first\nsecond\r\nthird"}, {"2", "x"}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 2, 5}));
}

TEST(CsvReader, SkipsByteOrderMarkAtStartOnly) {
  const auto read = read_all("\xEF\xBB\xBFname,age\n\xEF\xBB\xBFx,1\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"name", "age"}, {"\xEF\xBB\xBFx", "1"}}));
  EXPECT_EQ(read.lines, (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").records.empty());
}

TEST(CsvReader, FieldsAreViewsIntoTheInput) {
  const std::string_view text = "abc,\"d,e\"\n";
  CsvReader reader(text);
  const auto record = reader.next();
  ASSERT_TRUE(record);
  ASSERT_EQ(record->fields.size(), 2U);
  EXPECT_TRUE(inside(record->fields[0], text));
  EXPECT_TRUE(inside(record->fields[1], text));
}

TEST(CsvReader, EarlierRebuiltFieldsStayValidWhenLaterOnesAreRebuilt) {
  // Short and long rebuilt fields, so that growing the scratch storage would move short-string buffers.
  std::string text = "\"a\"\"1\",plain,\"b\"\"2\",\"" + std::string(40, 'x') + "\"\"y\",\"c\"\"3\"\n";
  text += "\"d\"\"4\",\"e\"\"5\"\n";
  CsvReader reader(text);
  auto first = reader.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->fields,
            (std::vector<std::string_view>{"a\"1", "plain", "b\"2", std::string(40, 'x') + "\"y", "c\"3"}));
  EXPECT_TRUE(inside(first->fields[1], text));
  EXPECT_FALSE(inside(first->fields[0], text));
  auto second = reader.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->fields, (std::vector<std::string_view>{"d\"4", "e\"5"}));
  EXPECT_FALSE(reader.next());
  EXPECT_FALSE(reader.error());
}

TEST(CsvReaderErrors, UnterminatedQuotedFieldReportsLineWhereRecordStarted) {
  const auto read = read_all("a,b\n1,\"open\nstill open\nend\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a", "b"}}));
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->line, 2U);
  EXPECT_EQ(read.error->message, "unterminated quoted field");
}

TEST(CsvReaderErrors, TextAfterClosingQuoteStopsReading) {
  const auto read = read_all("a,b\n\"a\"b,c\nnext,record\n");
  EXPECT_EQ(read.records, (std::vector<Fields>{{"a", "b"}}));
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->line, 2U);
  EXPECT_EQ(read.error->message, "text after a closing quote");
}

TEST(CsvReaderErrors, TextAfterClosingQuoteReportsLineOfTheStrayText) {
  const auto read = read_all("h\n\"multi\nline\" x\n");
  ASSERT_TRUE(read.error);
  EXPECT_EQ(read.error->line, 3U);
}

TEST(CsvReaderErrors, NoRecordsAfterAnError) {
  CsvReader reader("\"a\"b\nc\n");
  EXPECT_FALSE(reader.next());
  EXPECT_TRUE(reader.error());
  EXPECT_FALSE(reader.next());
  EXPECT_TRUE(reader.error());
}

TEST(CsvColumns, TrimsNamesAndMatchesCaseInsensitively) {
  CsvReader reader(" Patient ID ,\tWard,Admitted\n");
  const auto header = reader.next();
  ASSERT_TRUE(header);
  const auto columns = csv_columns(*header, {"patient id", "WARD"});
  EXPECT_EQ(columns.names, (std::vector<std::string>{"Patient ID", "Ward", "Admitted"}));
  EXPECT_TRUE(columns.missing.empty());
  EXPECT_EQ(columns.at("PATIENT ID"), 0U);
  EXPECT_EQ(columns.at("ward"), 1U);
  EXPECT_EQ(columns.at("admitted"), 2U);
  EXPECT_FALSE(columns.at("discharged"));
}

TEST(CsvColumns, ListsMissingRequiredNamesInTheOrderGiven) {
  CsvReader reader("ward,age\n");
  const auto header = reader.next();
  ASSERT_TRUE(header);
  const auto columns = csv_columns(*header, {"score", "Ward", "discharged", "admitted"});
  EXPECT_EQ(columns.missing, (std::vector<std::string>{"score", "discharged", "admitted"}));
}

// Reads the parts one after another, each with a reader of its own, as the threads of an import do.
Read read_parts(std::string_view text, std::size_t parts) {
  CsvReader head(text);
  Read out;
  if (auto header = head.next()) {
    out.lines.push_back(header->line);
    out.records.emplace_back(header->fields.begin(), header->fields.end());
  }
  std::size_t end = head.offset();
  for (const auto& piece : split_csv_records(text, head.offset(), head.line(), parts)) {
    EXPECT_EQ(piece.text.data(), text.data() + end) << "each part starts where the one before ended";
    end += piece.text.size();
    CsvReader reader(piece.text, ',', piece.first_line);
    while (auto record = reader.next()) {
      out.lines.push_back(record->line);
      out.records.emplace_back(record->fields.begin(), record->fields.end());
    }
    if (reader.error()) out.error = reader.error();
  }
  EXPECT_EQ(end, text.size()) << "the parts cover the file";
  return out;
}

TEST(CsvParts, ReadingThePartsInTurnGivesTheRecordsOfTheWhole) {
  // Line ends inside quoted fields, doubled quotes, a quote inside an unquoted field (which is text, so the
  // count of quotes alone would misjudge where a quoted field is), an empty line, CRLF and a BOM.
  const std::string text =
      "\xEF\xBB\xBFid,note,n\r\n"
      "1,\"two\nlines\",3\n"
      "\n"
      "2,\"a \"\"quoted\"\" word\",4\r\n"
      "3,5'11\" tall,5\n"
      "4,\"\"\"\n\",6\n"
      "5,\"x,\ny\",7\n"
      "6,plain,8";
  const auto whole = read_all(text);
  ASSERT_FALSE(whole.error);
  ASSERT_EQ(whole.records.size(), 7u);
  for (std::size_t parts = 1; parts <= 16; ++parts) {
    const auto read = read_parts(text, parts);
    EXPECT_EQ(read.records, whole.records) << parts << " parts";
    EXPECT_EQ(read.lines, whole.lines) << parts << " parts";
    EXPECT_FALSE(read.error) << parts << " parts";
  }
}

TEST(CsvParts, ALargeFileIsCutIntoPartsOfAboutEqualSize) {
  std::string text = "id,note\n";
  for (int i = 0; i < 3000; ++i) {
    text += std::to_string(i) + ",";
    text += i % 7 == 0 ? "\"spans\ntwo lines, and \"\"quotes\"\"\"\n" : "plain text\n";
  }
  CsvReader head(text);
  ASSERT_NE(head.next(), nullptr);
  const auto pieces = split_csv_records(text, head.offset(), head.line(), 4);
  ASSERT_EQ(pieces.size(), 4u);
  for (const auto& piece : pieces) {
    EXPECT_NEAR(static_cast<double>(piece.text.size()), static_cast<double>(text.size()) / 4, 100.0);
  }
  const auto whole = read_all(text);
  const auto read = read_parts(text, 4);
  EXPECT_EQ(read.records, whole.records);
  EXPECT_EQ(read.lines, whole.lines);
}

TEST(CsvParts, AFileTooSmallToCutIsOnePart) {
  const std::string text = "a,b\n1,2\n";
  CsvReader head(text);
  ASSERT_NE(head.next(), nullptr);
  const auto pieces = split_csv_records(text, head.offset(), head.line(), 8);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].text, "1,2\n");
  EXPECT_EQ(pieces[0].first_line, 2u);
  const auto none = split_csv_records(text, text.size(), 3, 2);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_TRUE(none[0].text.empty());
}

}  // namespace
}  // namespace hqms
