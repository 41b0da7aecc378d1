// Facts about the seeded tenant that tests and documentation can rely on.
//
// Ids of seeded records do not depend on Options::seed: record number `index`
// of a kind always has the id seed_id(kind, index), and the fixtures below are
// fixed. The seed only varies the generated names, job titles, interests,
// enrolment outcomes, activity and CPD details. Records created at run time get
// ids made from the clock, a per-state salt and a counter (never a seed id).
//
// Everything here is pinned by tests/standin (seed facts suite).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace thrive::standin {

enum class IdKind : std::uint8_t {
    user = 1,
    audience = 2,
    content = 3,
    assignment = 4,
    enrolment = 5,
    completion = 6,
    activity = 7,
    cpd_category = 8,
    cpd_entry = 9,
    cpd_requirement = 10,
    tag = 11,
};

// The id of seeded record number `index` (0-based, in creation order) of a kind:
// 24 lowercase hex characters.
inline std::string seed_id(IdKind kind, std::uint32_t index) {
    std::uint64_t z = (static_cast<std::uint64_t>(kind) << 40) + index + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%08x%016llx", 0x65f3a100u + static_cast<unsigned>(kind),
                  static_cast<unsigned long long>(z));
    return buf;
}

namespace seed_facts {

inline constexpr const char* kTenantId = "eu-west-000000";
inline constexpr const char* kApiKey = "standin-demo-key";
inline constexpr std::uint32_t kDefaultSeed = 7;

// ---- users (250: index i has ref "EMP%04d" % (i+1) unless listed below) ----
inline constexpr int kUserCount = 250;
inline constexpr int kActiveUsers = 178;
inline constexpr int kInactiveUsers = 24;
inline constexpr int kExpiredUsers = 24;
inline constexpr int kNewUsers = 24;
// user 0: the administrator (CEO)
inline constexpr std::uint32_t kAdminUser = 0;
inline constexpr const char* kAdminRef = "EMP0001";
inline constexpr const char* kAdminEmail = "avery.quinn@northwind-health.example";
// user 1: an email with '+'
inline constexpr std::uint32_t kPlusEmailUser = 1;
inline constexpr const char* kPlusEmailRef = "EMP0002";
inline constexpr const char* kPlusEmail = "priya.shah+learning@northwind-health.example";
// user 2: a ref with '/' and a space
inline constexpr std::uint32_t kSlashRefUser = 2;
inline constexpr const char* kSlashRef = "EXT/2024 007";
inline constexpr const char* kSlashRefEmail = "jordan.blake@contractors.example";
// user 3: a learner in the fire safety cohort with an open fire safety enrolment
inline constexpr std::uint32_t kLearnerUser = 3;
inline constexpr const char* kLearnerRef = "EMP0004";
inline constexpr const char* kLearnerEmail = "sam.okafor@northwind-health.example";

// ---- audiences and structures (index order) ----
// structures: 0 company, 1-3 regions, 4-11 teams
inline constexpr std::uint32_t kCompanyStructure = 0;   // "Northwind Health", ref STR-NWH
inline constexpr const char* kCompanyRef = "STR-NWH";
inline constexpr std::uint32_t kNorthRegion = 1;        // ref STR-NORTH (has child teams)
inline constexpr const char* kNorthRegionRef = "STR-NORTH";
inline constexpr int kStructureCount = 12;
// audiences
inline constexpr std::uint32_t kAllStaffAudience = 12;  // every active or new user
inline constexpr const char* kAllStaffRef = "AUD-ALL-STAFF";
inline constexpr std::uint32_t kManagersAudience = 13;
inline constexpr const char* kManagersRef = "AUD-MANAGERS";
inline constexpr std::uint32_t kFireSafetyAudience = 14;  // parent of Fire wardens
inline constexpr const char* kFireSafetyRef = "AUD-FIRE-SAFETY";
inline constexpr std::uint32_t kFireWardensAudience = 15;
inline constexpr const char* kFireWardensRef = "AUD-FIRE-WARDENS";
inline constexpr std::uint32_t kNewStartersAudience = 16;
inline constexpr std::uint32_t kDataProtectionAudience = 17;
inline constexpr std::uint32_t kInactiveSmartAudience = 18;  // type "smart"
inline constexpr std::uint32_t kLeadershipAudience = 19;     // reference has a '/'
inline constexpr const char* kLeadershipRef = "AUD-LEADERSHIP/2025";
inline constexpr std::uint32_t kEmptyAudience = 20;          // no members, no children, apiControlled
inline constexpr const char* kEmptyAudienceRef = "AUD-EMPTY";
inline constexpr int kAudienceCount = 21;                    // structures + audiences

// ---- content (60 items, every type) ----
inline constexpr int kContentCount = 60;
inline constexpr std::uint32_t kFireSafetyContent = 0;      // elearning, 30 minutes
inline constexpr std::uint32_t kFireRefresherContent = 1;   // video, 12 minutes (alternative)
inline constexpr std::uint32_t kDataProtectionContent = 2;  // scorm, 45 minutes
inline constexpr std::uint32_t kLeadershipContent = 3;      // pathway, 120 minutes
inline constexpr std::uint32_t kInductionContent = 4;       // cmi5, 25 minutes
inline constexpr std::uint32_t kCyberContent = 5;           // video, 20 minutes
inline constexpr int kFireSafetyMinutes = 30;

// ---- assignments ----
inline constexpr int kAssignmentCount = 6;                    // including one deleted
inline constexpr int kVisibleAssignmentCount = 5;
inline constexpr std::uint32_t kFireSafetyAssignment = 0;     // Fire safety cohort -> content 0 (alt 1)
inline constexpr std::uint32_t kDataProtectionAssignment = 1; // All staff -> content 2
inline constexpr std::uint32_t kDeletedAssignment = 5;        // isDeleted, hidden from lists
// enrolment 0 is the learner's (user 3) open enrolment in the fire safety assignment
inline constexpr std::uint32_t kLearnerFireEnrolment = 0;

// ---- CPD ----
inline constexpr int kCpdCategoryCount = 6;
inline constexpr std::uint32_t kFormalLearningCategory = 0;  // verified entries from completions land here
inline constexpr int kCpdRequirementCount = 5;

// ---- tags and skills ----
inline constexpr int kTagCount = 20;
inline constexpr std::uint32_t kLeadershipTag = 0;   // "leadership"
inline constexpr std::uint32_t kFireSafetyTag = 2;   // "fire-safety"
// Skill levels, in order: Not applicable -1 (disabled), None 0, Beginner 1,
// Intermediate 2, Advanced 3, Expert 4.
inline constexpr int kSkillLevelCount = 6;

// The same ids spelled out (each equals the seed_id() of its index above).
inline constexpr const char* kAdminUserId = "65f3a1011fdd7128f310c389";
inline constexpr const char* kPlusEmailUserId = "65f3a1016d65027660c4cdc5";
inline constexpr const char* kSlashRefUserId = "65f3a101288f7d14aa891bf6";
inline constexpr const char* kLearnerUserId = "65f3a10184f9854797775b8b";
inline constexpr const char* kCompanyStructureId = "65f3a10235ee9d0b8065b0c5";
inline constexpr const char* kAllStaffAudienceId = "65f3a102a0ae2a232f2ae145";
inline constexpr const char* kFireSafetyAudienceId = "65f3a1027eea1913d40290ce";
inline constexpr const char* kEmptyAudienceId = "65f3a102e89642e20ca48f3f";
inline constexpr const char* kFireSafetyContentId = "65f3a103e2eb208e21e76ffe";
inline constexpr const char* kFireSafetyAssignmentId = "65f3a104a4def752247fc47d";
inline constexpr const char* kLearnerFireEnrolmentId = "65f3a10545aa53488fb86ada";
inline constexpr const char* kFormalLearningCategoryId = "65f3a10883dd7693fa9dca9e";
inline constexpr const char* kFireSafetyTagId = "65f3a10b0b384414793b7159";

// Seeded timestamps fall between these (UTC).
inline constexpr const char* kSeedEarliest = "2024-01-02T00:00:00.000Z";
inline constexpr const char* kSeedLatest = "2026-11-30T23:59:59.999Z";

}  // namespace seed_facts
}  // namespace thrive::standin
