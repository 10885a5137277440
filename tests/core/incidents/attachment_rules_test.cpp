#include "core/incidents/attachment_rules.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

std::string field_of(const Result<AcceptedAttachment>& r) {
  return r ? "" : r.error().fields.at(0).field;
}

TEST(AttachmentRules, AcceptsDocumentsWhoseContentMatchesTheirType) {
  auto pdf = check_attachment("ward round.pdf", "application/pdf", "%PDF-1.7\n...");
  ASSERT_TRUE(pdf);
  EXPECT_EQ(pdf->media_type, "application/pdf");
  EXPECT_EQ(pdf->file_name, "ward round.pdf");
  EXPECT_TRUE(check_attachment("a.png", "image/PNG", std::string("\x89PNG\r\n\x1a\n....", 12)));
  EXPECT_TRUE(
      check_attachment("notes.txt", "text/plain; charset=utf-8", "Bed 4 rail down\r\nSeen by Dr Ó Sé\n"));
  EXPECT_TRUE(check_attachment("a.webp", "image/webp", std::string("RIFF\0\0\0\0WEBPVP8 ", 16)));
}

TEST(AttachmentRules, RefusesContentThatIsNotWhatItsTypeSays) {
  EXPECT_EQ(field_of(check_attachment("x.png", "image/png", "<html><script>alert(1)</script>")), "file");
  EXPECT_EQ(field_of(check_attachment("x.txt", "text/plain", std::string("MZ\0\0binary", 10))), "file");
  EXPECT_EQ(field_of(check_attachment("x.txt", "text/plain", "broken \xC3")), "file");  // truncated UTF-8
  EXPECT_EQ(field_of(check_attachment("x.webp", "image/webp", "RIFF....AVI LIST")), "file");
}

TEST(AttachmentRules, RefusesTypesBrowsersWouldRun) {
  for (const char* type : {"text/html", "image/svg+xml", "application/javascript", "application/xhtml+xml"})
    EXPECT_EQ(field_of(check_attachment("x", type, "<svg onload=alert(1)>")), "file") << type;
}

TEST(AttachmentRules, TheStoredNameEndsInTheCheckedTypesExtension) {
  EXPECT_EQ(check_attachment("run.bat", "text/plain", "echo hi")->file_name, "run.bat.txt");
  EXPECT_EQ(check_attachment("x.jar", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             std::string("PK\x03\x04", 4))
                ->file_name,
            "x.jar.xlsx");
  EXPECT_EQ(check_attachment("Scan.JPEG", "image/jpeg", "\xff\xd8\xff\xe0")->file_name, "Scan.JPEG");
  EXPECT_EQ(check_attachment("notes.TXT", "text/plain", "ok")->file_name, "notes.TXT");
}

TEST(AttachmentRules, RefusesEmptyAndOversizedFiles) {
  EXPECT_EQ(field_of(check_attachment("a.txt", "text/plain", "")), "file");
  EXPECT_EQ(field_of(check_attachment("a.txt", "text/plain", std::string(kMaxAttachmentBytes + 1, 'a'))),
            "file");
  EXPECT_TRUE(check_attachment("a.txt", "text/plain", std::string(kMaxAttachmentBytes, 'a')));
}

TEST(AttachmentRules, FileNamesAreMadeSafeForHeaders) {
  auto r = check_attachment("../../etc/\"evil\";\r\nX: y.pdf", "application/pdf", "%PDF-");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->file_name.find_first_of("\"\r\n/;:"), std::string::npos) << r->file_name;
  EXPECT_EQ(field_of(check_attachment("...", "application/pdf", "%PDF-")), "name");
}

}  // namespace
}  // namespace hqms
