#include "core/fmea/fmea.hpp"

#include <gtest/gtest.h>

#include <map>

namespace hqms {
namespace {

using AP = ActionPriority;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

// The AIAG-VDA (2019) table as the handbook prints it: per severity band, one line per occurrence band
// (8-10, 6-7, 4-5, 2-3, 1), one letter per detection band (7-10, 5-6, 2-4, 1).
struct SeverityBand {
  int low, high;
  std::array<const char*, 5> rows;
};
const std::array<SeverityBand, 5> kHandbook{{
    {9, 10, {"HHHH", "HHHH", "HHHM", "HMLL", "LLLL"}},
    {7, 8, {"HHHH", "HHHM", "HMMM", "MMLL", "LLLL"}},
    {4, 6, {"HHMM", "MMML", "MLLL", "LLLL", "LLLL"}},
    {2, 3, {"MMLL", "LLLL", "LLLL", "LLLL", "LLLL"}},
    {1, 1, {"LLLL", "LLLL", "LLLL", "LLLL", "LLLL"}},
}};
const std::array<std::pair<int, int>, 5> kOccurrenceBands{{{8, 10}, {6, 7}, {4, 5}, {2, 3}, {1, 1}}};
const std::array<std::pair<int, int>, 4> kDetectionBands{{{7, 10}, {5, 6}, {2, 4}, {1, 1}}};

AP letter(char c) {
  return c == 'H' ? AP::high : c == 'M' ? AP::medium : AP::low;
}

int rank(AP p) {
  return p == AP::high ? 3 : p == AP::medium ? 2 : 1;
}

FailureMode row(Id id, Id step, SodRating rating) {
  FailureMode fm;
  fm.id = id;
  fm.step_id = step;
  fm.mode = "Wrong patient's unit hung";
  fm.effects = "ABO-incompatible transfusion";
  fm.causes = "Bedside check done away from the patient";
  fm.rating = rating;
  return fm;
}

FmeaStudy transfusion_study() {
  FmeaStudy study;
  study.reference = "FMEA-2026-003";
  study.title = "Blood transfusion at the bedside";
  study.process = "From collecting the unit from the fridge to the end of the transfusion";
  study.team = {12, 13};
  study.steps = {{1, 1, "Collect the unit"}, {2, 2, "Bedside identity check"}, {3, 3, "Observations"}};
  return study;
}

TEST(FmeaScoring, EnumsHaveStableNames) {
  EXPECT_EQ(to_string(AP::high), "high");
  EXPECT_EQ(to_string(AP::medium), "medium");
  EXPECT_EQ(to_string(AP::low), "low");
  EXPECT_EQ(label(AP::high), "High");
  EXPECT_EQ(label(AP::low), "Low");
  EXPECT_EQ(to_string(FmeaState::in_progress), "in_progress");
  EXPECT_EQ(fmea_state_from_string("completed"), FmeaState::completed);
  EXPECT_FALSE(fmea_state_from_string("done"));
}

TEST(FmeaScoring, RiskPriorityNumberIsTheProduct) {
  EXPECT_EQ(risk_priority_number(1, 1, 1), 1);
  EXPECT_EQ(risk_priority_number(10, 10, 10), 1000);
  EXPECT_EQ(risk_priority_number(9, 4, 7), 252);
  EXPECT_EQ((SodRating{8, 3, 5}.rpn()), 120);
  EXPECT_EQ((SodRating{8, 3, 5}.priority()), action_priority(8, 3, 5));
}

TEST(FmeaActionPriority, EveryCellOfTheHandbookTable) {
  // One triple per cell, at the low edge of each band: the first rating that lands in it.
  for (const auto& s : kHandbook)
    for (std::size_t o = 0; o < 5; ++o)
      for (std::size_t d = 0; d < 4; ++d)
        EXPECT_EQ(action_priority(s.low, kOccurrenceBands[o].first, kDetectionBands[d].first),
                  letter(s.rows[o][d]))
            << "S" << s.low << " O" << kOccurrenceBands[o].first << " D" << kDetectionBands[d].first;
}

TEST(FmeaActionPriority, EveryRatingInEveryBand) {
  // All 1000 combinations against the printed table: each rating at either edge of its band and between.
  int checked = 0;
  for (const auto& s : kHandbook)
    for (int sev = s.low; sev <= s.high; ++sev)
      for (std::size_t o = 0; o < 5; ++o)
        for (int occ = kOccurrenceBands[o].first; occ <= kOccurrenceBands[o].second; ++occ)
          for (std::size_t d = 0; d < 4; ++d)
            for (int det = kDetectionBands[d].first; det <= kDetectionBands[d].second; ++det, ++checked)
              ASSERT_EQ(action_priority(sev, occ, det), letter(s.rows[o][d]))
                  << "S" << sev << " O" << occ << " D" << det;
  EXPECT_EQ(checked, 1000);
}

TEST(FmeaActionPriority, HandPickedRowsAndBandEdges) {
  // S 9-10
  EXPECT_EQ(action_priority(10, 10, 10), AP::high);
  EXPECT_EQ(action_priority(9, 4, 1), AP::medium);
  EXPECT_EQ(action_priority(9, 4, 2), AP::high);
  EXPECT_EQ(action_priority(9, 3, 7), AP::high);
  EXPECT_EQ(action_priority(9, 3, 6), AP::medium);
  EXPECT_EQ(action_priority(9, 3, 4), AP::low);
  EXPECT_EQ(action_priority(10, 1, 10), AP::low);
  // S 7-8
  EXPECT_EQ(action_priority(8, 7, 1), AP::medium);
  EXPECT_EQ(action_priority(8, 7, 2), AP::high);
  EXPECT_EQ(action_priority(8, 8, 1), AP::high);
  EXPECT_EQ(action_priority(7, 5, 7), AP::high);
  EXPECT_EQ(action_priority(7, 5, 6), AP::medium);
  EXPECT_EQ(action_priority(7, 2, 5), AP::medium);
  EXPECT_EQ(action_priority(7, 2, 4), AP::low);
  // S 4-6
  EXPECT_EQ(action_priority(6, 8, 5), AP::high);
  EXPECT_EQ(action_priority(6, 8, 4), AP::medium);
  EXPECT_EQ(action_priority(4, 6, 2), AP::medium);
  EXPECT_EQ(action_priority(4, 6, 1), AP::low);
  EXPECT_EQ(action_priority(5, 4, 7), AP::medium);
  EXPECT_EQ(action_priority(5, 4, 6), AP::low);
  EXPECT_EQ(action_priority(6, 3, 10), AP::low);
  // S 2-3
  EXPECT_EQ(action_priority(3, 8, 5), AP::medium);
  EXPECT_EQ(action_priority(2, 10, 4), AP::low);
  EXPECT_EQ(action_priority(3, 7, 10), AP::low);
  // S 1
  EXPECT_EQ(action_priority(1, 10, 10), AP::low);
}

TEST(FmeaActionPriority, RaisingAnyRatingNeverLowersThePriority) {
  for (int s = 1; s <= 10; ++s)
    for (int o = 1; o <= 10; ++o)
      for (int d = 1; d <= 10; ++d) {
        const int here = rank(action_priority(s, o, d));
        if (s < 10) {
          ASSERT_GE(rank(action_priority(s + 1, o, d)), here) << "S" << s << " O" << o << " D" << d;
        }
        if (o < 10) {
          ASSERT_GE(rank(action_priority(s, o + 1, d)), here) << "S" << s << " O" << o << " D" << d;
        }
        if (d < 10) {
          ASSERT_GE(rank(action_priority(s, o, d + 1)), here) << "S" << s << " O" << o << " D" << d;
        }
      }
}

TEST(FmeaStudy, AWellFormedStudyPasses) {
  EXPECT_TRUE(check_study(transfusion_study()).empty());
}

TEST(FmeaStudy, TitleAndProcessAreRequiredWithinLimits) {
  auto study = transfusion_study();
  study.title = " ";
  study.process.clear();
  EXPECT_EQ(fields(check_study(study)), (std::vector<std::string>{"title", "process"}));
  study.title = std::string(300, 't');
  study.process = std::string(4000, 'p');
  EXPECT_TRUE(check_study(study).empty());
  study.title += "t";
  study.process += "p";
  EXPECT_EQ(fields(check_study(study)), (std::vector<std::string>{"title", "process"}));
}

TEST(FmeaStudy, StepNamesArePresentAndUnique) {
  auto study = transfusion_study();
  study.steps.push_back({4, 4, "  bedside IDENTITY check "});
  study.steps.push_back({5, 5, ""});
  EXPECT_EQ(fields(check_study(study)), (std::vector<std::string>{"steps[3].name", "steps[4].name"}));
}

TEST(FmeaStudy, AtMostOneHundredSteps) {
  auto study = transfusion_study();
  study.steps.clear();
  for (int i = 1; i <= 100; ++i) study.steps.push_back({i, i, "Step " + std::to_string(i)});
  EXPECT_TRUE(check_study(study).empty());
  study.steps.push_back({101, 101, "Step 101"});
  EXPECT_EQ(fields(check_study(study)), std::vector<std::string>{"steps"});
}

TEST(FmeaStudy, TeamMembersOnce) {
  auto study = transfusion_study();
  study.team = {12, 13, 12};
  EXPECT_EQ(fields(check_study(study)), std::vector<std::string>{"team[2]"});
}

TEST(FmeaFailureMode, AWellFormedRowPasses) {
  EXPECT_TRUE(check_failure_mode(row(1, 2, {9, 4, 7})).empty());
}

TEST(FmeaFailureMode, ModeIsRequired) {
  auto fm = row(1, 2, {9, 4, 7});
  fm.mode = "\n";
  EXPECT_EQ(fields(check_failure_mode(fm)), std::vector<std::string>{"mode"});
}

TEST(FmeaFailureMode, RatingsFromOneToTen) {
  EXPECT_TRUE(check_failure_mode(row(1, 2, {1, 1, 1})).empty());
  EXPECT_TRUE(check_failure_mode(row(1, 2, {10, 10, 10})).empty());
  EXPECT_EQ(fields(check_failure_mode(row(1, 2, {0, 11, -1}))),
            (std::vector<std::string>{"severity", "occurrence", "detection"}));
  auto fm = row(1, 2, {9, 4, 7});
  fm.action_taken = "Barcode scan of wristband and unit before spiking";
  fm.revised = SodRating{9, 0, 11};
  EXPECT_EQ(fields(check_failure_mode(fm)),
            (std::vector<std::string>{"revised.occurrence", "revised.detection"}));
}

TEST(FmeaFailureMode, TextsWithin4000Characters) {
  auto fm = row(1, 2, {9, 4, 7});
  fm.mode = std::string(4000, 'm');
  fm.effects = std::string(4000, 'e');
  fm.causes = std::string(4000, 'c');
  fm.prevention_controls = std::string(4000, 'p');
  fm.detection_controls = std::string(4000, 'd');
  fm.recommended_action = std::string(4000, 'r');
  fm.action_taken = std::string(4000, 'a');
  EXPECT_TRUE(check_failure_mode(fm).empty());
  fm.mode += "m";
  fm.effects += "e";
  fm.causes += "c";
  fm.prevention_controls += "p";
  fm.detection_controls += "d";
  fm.recommended_action += "r";
  fm.action_taken += "a";
  EXPECT_EQ(fields(check_failure_mode(fm)),
            (std::vector<std::string>{"mode", "effects", "causes", "preventionControls", "detectionControls",
                                      "recommendedAction", "actionTaken"}));
}

TEST(FmeaFailureMode, ARevisedRatingOnlyWithAnActionTaken) {
  auto fm = row(1, 2, {9, 4, 7});
  fm.revised = SodRating{9, 2, 2};
  EXPECT_EQ(fields(check_failure_mode(fm)), std::vector<std::string>{"actionTaken"});
  fm.action_taken = "Barcode scan of wristband and unit before spiking";
  EXPECT_TRUE(check_failure_mode(fm).empty());
  fm.revised.reset();
  EXPECT_TRUE(check_failure_mode(fm).empty());  // an action taken but not yet re-scored
}

TEST(FmeaFailureMode, RevisedSeverityNotAboveTheOriginal) {
  auto fm = row(1, 2, {7, 4, 7});
  fm.action_taken = "Second checker at the bedside";
  fm.revised = SodRating{6, 4, 3};
  EXPECT_TRUE(check_failure_mode(fm).empty());
  fm.revised = SodRating{7, 4, 3};
  EXPECT_TRUE(check_failure_mode(fm).empty());
  fm.revised = SodRating{8, 4, 3};
  EXPECT_EQ(fields(check_failure_mode(fm)), std::vector<std::string>{"revised.severity"});
}

TEST(FmeaFailureMode, RpnReductionOnlyOnceRescored) {
  auto fm = row(1, 2, {9, 4, 7});  // 252
  EXPECT_FALSE(rpn_reduction(fm));
  fm.revised = SodRating{9, 2, 2};  // 36
  EXPECT_EQ(rpn_reduction(fm), 216);
  fm.revised = SodRating{9, 5, 7};  // 315: the action made it happen more often
  EXPECT_EQ(rpn_reduction(fm), -63);
}

std::vector<Id> ids(const std::vector<FailureMode>& modes) {
  std::vector<Id> out;
  for (const auto& m : modes) out.push_back(m.id);
  return out;
}

TEST(FmeaWorksheet, HighestCurrentRpnFirst) {
  const auto study = transfusion_study();
  auto rescored = row(4, 1, {10, 10, 10});  // 1000, but re-scored to 10
  rescored.action_taken = "Fridge release needs a barcode";
  rescored.revised = SodRating{10, 1, 1};
  const std::vector<FailureMode> modes{row(1, 1, {2, 2, 2}), row(2, 2, {9, 4, 7}), row(3, 3, {5, 5, 5}),
                                       rescored};
  EXPECT_EQ(ids(worksheet_order(modes, study.steps)), (std::vector<Id>{2, 3, 4, 1}));
}

TEST(FmeaWorksheet, EqualRpnsByActionPriorityThenSeverity) {
  const auto study = transfusion_study();
  // RPN 120 each. Severity alone would put S10 first, but with O2-3 and D2-4 it is only low priority.
  const std::vector<FailureMode> modes{row(1, 1, {10, 3, 4}), row(2, 1, {6, 4, 5}), row(3, 1, {4, 10, 3}),
                                       row(4, 1, {8, 5, 3})};
  ASSERT_EQ(action_priority(10, 3, 4), AP::low);
  ASSERT_EQ(action_priority(6, 4, 5), AP::low);
  ASSERT_EQ(action_priority(4, 10, 3), AP::medium);
  ASSERT_EQ(action_priority(8, 5, 3), AP::medium);
  EXPECT_EQ(ids(worksheet_order(modes, study.steps)), (std::vector<Id>{4, 3, 1, 2}));
}

TEST(FmeaWorksheet, FullTiesByStepOrderThenId) {
  auto study = transfusion_study();
  // Step 3 was moved to the front of the process: its number, not its id, decides.
  study.steps = {{3, 1, "Observations"}, {1, 2, "Collect the unit"}, {2, 3, "Bedside identity check"}};
  const std::vector<FailureMode> modes{row(7, 2, {5, 4, 3}), row(5, 1, {5, 4, 3}), row(6, 3, {5, 4, 3}),
                                       row(2, 1, {5, 4, 3}), row(9, 77, {5, 4, 3})};
  // Unknown step 77 sorts last.
  EXPECT_EQ(ids(worksheet_order(modes, study.steps)), (std::vector<Id>{6, 2, 5, 7, 9}));
}

TEST(FmeaWorksheet, TheRevisedRatingRanksARescoredRow) {
  const auto study = transfusion_study();
  auto a = row(1, 1, {8, 5, 3});  // 120, medium
  auto b = row(2, 1, {9, 5, 5});  // 225, high
  b.action_taken = "Barcode check";
  b.revised = SodRating{6, 5, 4};  // 120, low: now behind a
  EXPECT_EQ(ids(worksheet_order({b, a}, study.steps)), (std::vector<Id>{1, 2}));
}

}  // namespace
}  // namespace hqms
