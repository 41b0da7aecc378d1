#include "seed.hpp"

#include <algorithm>
#include <random>
#include <set>

#include "domain.hpp"

namespace thrive::standin {
namespace {

constexpr const char* kDomain = "northwind-health.example";

const char* const kFirstNames[] = {
    "Olivia", "Noah",   "Amelia",  "Oliver", "Isla",    "George", "Ava",    "Arthur", "Mia",     "Leo",
    "Ivy",    "Harry",  "Freya",   "Oscar",  "Lily",    "Theo",   "Grace",  "Jack",   "Sophia",  "Charlie",
    "Ella",   "Thomas", "Aisha",   "Mohammed", "Zara",  "Ravi",   "Chloe",  "Daniel", "Hannah",  "Samuel",
    "Niamh",  "Callum", "Fatima",  "Kwame",  "Mei",     "Tomasz", "Ines",   "Rhys",   "Eleanor", "Yusuf"};
const char* const kLastNames[] = {
    "Smith",   "Jones",  "Taylor", "Brown",  "Williams", "Wilson", "Johnson", "Davies",  "Patel",  "Robinson",
    "Wright",  "Thompson", "Evans", "Walker", "White",   "Roberts", "Green",  "Hall",    "Wood",   "Jackson",
    "Clarke",  "Khan",   "Hughes", "Edwards", "Lewis",   "Turner", "Hill",    "Moore",   "Cooper", "Ward",
    "Morgan",  "Nowak",  "Chen",   "Mensah", "Murphy",   "Price",  "Begum",   "Ahmed",   "Kelly",  "Fraser"};

struct TeamSpec {
    const char* name;
    const char* reference;
    int region;  // 0 North, 1 South, 2 West
    std::vector<const char*> titles;
};

const TeamSpec kTeams[] = {
    {"North Nursing", "STR-NORTH-NURSING", 0, {"Staff Nurse", "Senior Staff Nurse", "Healthcare Assistant", "Ward Sister"}},
    {"North Pharmacy", "STR-NORTH-PHARMACY", 0, {"Pharmacist", "Pharmacy Technician", "Dispensary Assistant"}},
    {"North Facilities", "STR-NORTH-FACILITIES", 0, {"Facilities Coordinator", "Porter", "Maintenance Engineer"}},
    {"South Nursing", "STR-SOUTH-NURSING", 1, {"Staff Nurse", "Healthcare Assistant", "Nurse Practitioner"}},
    {"South Administration", "STR-SOUTH-ADMIN", 1, {"Administrator", "Medical Secretary", "Receptionist"}},
    {"South IT", "STR-SOUTH-IT", 1, {"Service Desk Analyst", "Systems Engineer", "Data Analyst"}},
    {"West Nursing", "STR-WEST-NURSING", 2, {"Staff Nurse", "District Nurse", "Healthcare Assistant"}},
    {"West Finance", "STR-WEST-FINANCE", 2, {"Finance Officer", "Payroll Officer", "Management Accountant"}},
};
const char* const kRegionNames[] = {"North", "South", "West"};
const char* const kRegionRefs[] = {"STR-NORTH", "STR-SOUTH", "STR-WEST"};

const char* const kTagNames[] = {
    "leadership",       "communication",      "fire-safety",  "first-aid",       "data-protection",
    "cyber-security",   "customer-service",   "infection-control", "safeguarding", "manual-handling",
    "project-management", "coaching",         "wellbeing",    "diversity-inclusion", "excel",
    "time-management",  "negotiation",        "presentation-skills", "clinical-skills", "health-and-safety"};

struct ContentSpec {
    const char* title;
    const char* type;
    int minutes;
    const char* tags;  // comma-separated tag names
};

const ContentSpec kContent[] = {
    {"Fire Safety Awareness", "elearning", 30, "fire-safety,health-and-safety"},
    {"Fire Safety Refresher", "video", 12, "fire-safety"},
    {"Data Protection Essentials", "scorm", 45, "data-protection"},
    {"Leadership Essentials", "pathway", 120, "leadership,coaching"},
    {"Welcome to Northwind Health", "cmi5", 25, "communication"},
    {"Cyber Security Basics", "video", 20, "cyber-security"},
    {"Manual Handling in Practice", "elearning", 40, "manual-handling,health-and-safety"},
    {"Infection Prevention and Control", "scorm", 50, "infection-control,clinical-skills"},
    {"Safeguarding Adults Level 2", "elearning", 90, "safeguarding"},
    {"Basic Life Support", "event", 180, "first-aid,clinical-skills"},
    {"First Aid at Work Refresher", "event", 360, "first-aid"},
    {"Hand Hygiene Quick Check", "quiz", 5, "infection-control"},
    {"Data Protection Knowledge Check", "assessment", 15, "data-protection"},
    {"Giving Effective Feedback", "article", 8, "leadership,communication"},
    {"Coaching Conversations", "video", 18, "coaching"},
    {"Running Great One-to-Ones", "article", 6, "leadership"},
    {"Time Management Toolkit", "file", 10, "time-management"},
    {"Excel Formulas Cheat Sheet", "file", 5, "excel"},
    {"Customer Service Standards", "elearning", 35, "customer-service"},
    {"Handling Complaints Well", "video", 14, "customer-service,communication"},
    {"Equality, Diversity and Inclusion", "scorm", 40, "diversity-inclusion"},
    {"Wellbeing at Work", "broadcast", 3, "wellbeing"},
    {"Quarterly Update from the CEO", "broadcast", 4, "communication"},
    {"Phishing: Spot the Signs", "quiz", 10, "cyber-security"},
    {"Password Hygiene", "url", 5, "cyber-security"},
    {"National Cyber Security Guidance", "url", 15, "cyber-security"},
    {"Presentation Skills Masterclass", "event", 240, "presentation-skills"},
    {"Negotiation Fundamentals", "elearning", 45, "negotiation"},
    {"Project Management Foundations", "pathway", 300, "project-management"},
    {"Agile Ways of Working", "article", 12, "project-management"},
    {"Clinical Record Keeping", "elearning", 30, "clinical-skills"},
    {"Medication Safety", "scorm", 45, "clinical-skills"},
    {"What Would You Do? Escalation Scenarios", "question", 5, "safeguarding"},
    {"How Confident Are You With PPE?", "question", 2, "infection-control"},
    {"Lone Working Policy", "file", 8, "health-and-safety"},
    {"Display Screen Equipment Assessment", "assessment", 20, "health-and-safety"},
    {"Mental Health Awareness", "cmi5", 35, "wellbeing"},
    {"Resilience Bite-size Series", "mixed", 60, "wellbeing"},
    {"New Manager Onboarding", "mixed", 150, "leadership"},
    {"Conflict Resolution", "video", 22, "communication,negotiation"},
    {"Writing Clear Emails", "article", 7, "communication"},
    {"Health and Safety Induction", "elearning", 30, "health-and-safety"},
    {"Fire Warden Training", "event", 120, "fire-safety"},
    {"COSHH Essentials", "scorm", 30, "health-and-safety"},
    {"Moving and Handling Patients", "video", 25, "manual-handling"},
    {"Dementia Awareness", "elearning", 45, "clinical-skills"},
    {"Learning Disability Awareness", "cmi5", 40, "safeguarding"},
    {"Sepsis Recognition", "video", 15, "clinical-skills"},
    {"Information Governance Quiz", "quiz", 10, "data-protection"},
    {"Budgeting for Team Leads", "file", 15, "leadership"},
    {"Strategic Thinking", "pathway", 180, "leadership"},
    {"Inclusive Recruitment", "url", 10, "diversity-inclusion"},
    {"Mentoring Programme Guide", "article", 9, "coaching"},
    {"Customer Feedback Pulse", "question", 3, "customer-service"},
    {"Emergency Evacuation Drill", "event", 60, "fire-safety"},
    {"Cyber Security Assessment", "assessment", 25, "cyber-security"},
    {"Social Media Policy", "broadcast", 2, "communication"},
    {"Safeguarding Children Level 1", "scorm", 60, "safeguarding"},
    {"Team Leadership Toolkit", "mixed", 90, "leadership,coaching"},
    {"Remote Working Essentials", "cmi5", 20, "wellbeing,time-management"},
};
static_assert(std::size(kContent) == seed_facts::kContentCount);
static_assert(std::size(kTagNames) == seed_facts::kTagCount);

const char* const kCpdCategories[] = {"Formal learning",   "Self-directed learning", "Professional activity",
                                      "Clinical practice", "Conferences and events", "Mandatory training"};
const char* const kManualCpd[] = {"Attended the regional nursing conference",
                                  "Read a journal article on patient safety",
                                  "Shadowed a senior colleague",
                                  "Led a team reflective practice session",
                                  "Completed a peer review",
                                  "Attended a webinar on digital health",
                                  "Mentored a new starter",
                                  "Presented at the clinical governance forum"};
const char* const kComments[] = {"Really useful, thanks!", "Could we have a shorter version?",
                                 "Great refresher before my audit.", "Shared this with my team.",
                                 "The examples were spot on."};

class Seeder {
public:
    explicit Seeder(std::uint32_t seed) : rng_(seed) {}

    State build() {
        s_.seeding = true;
        s_.id_salt = static_cast<std::uint32_t>(rng_());
        skill_levels();
        tags();
        cpd_categories();
        structures_and_audiences();
        users();
        memberships();
        managers();
        contents();
        assignments();
        standalone_completions();
        engagement_activities();
        manual_cpd_entries();
        cpd_requirements();
        interests_and_skills();
        s_.seeding = false;
        s_.revision = 0;
        return std::move(s_);
    }

private:
    // ---- randomness and time ----
    std::uint32_t pick(std::uint32_t n) { return n ? rng_() % n : 0; }
    bool chance(std::uint32_t percent) { return pick(100) < percent; }
    static Millis day(int y, int m, int d, int hour = 9, int minute = 0) {
        return days_from_civil(y, m, d) * kMillisPerDay + (hour * 60 + minute) * 60'000LL;
    }
    static Millis start() { return day(2024, 1, 2, 0); }
    static Millis end() { return day(2026, 11, 30, 23, 59); }
    // A moment during working hours (07:00-19:00 UTC) `offset_days` after
    // `base`'s day, never before `base` and never after the seeded span.
    Millis later(Millis base, int offset_days) {
        Millis day_start = base / kMillisPerDay * kMillisPerDay;
        Millis t = day_start + offset_days * kMillisPerDay + 7 * 3'600'000LL + pick(12 * 60) * 60'000LL +
                   pick(60) * 1000LL;
        return std::min(std::max(t, base), end());
    }
    // A moment in [from, to], during working hours (07:00-19:00 UTC) when the span allows.
    Millis between(Millis from, Millis to) {
        if (to <= from) return from;
        Millis first_day = from / kMillisPerDay, last_day = to / kMillisPerDay;
        Millis d = first_day + pick(static_cast<std::uint32_t>(last_day - first_day + 1));
        Millis t = d * kMillisPerDay + 7 * 3'600'000LL + pick(12 * 60) * 60'000LL + pick(60) * 1000LL;
        return std::clamp(t, from, to);
    }
    static std::string ts(Millis t) { return format_timestamp(t); }
    static std::string date_only(Millis t) { return format_timestamp(t / kMillisPerDay * kMillisPerDay); }

    // ---- the parts ----
    void skill_levels() {
        s_.skill_levels = json::array{
            json::object{{"name", "Not applicable"}, {"isEnabled", false}, {"value", -1}},
            json::object{{"name", "None"}, {"isEnabled", true}, {"value", 0}},
            json::object{{"name", "Beginner"}, {"isEnabled", true}, {"value", 1}},
            json::object{{"name", "Intermediate"}, {"isEnabled", true}, {"value", 2}},
            json::object{{"name", "Advanced"}, {"isEnabled", true}, {"value", 3}},
            json::object{{"name", "Expert"}, {"isEnabled", true}, {"value", 4}},
        };
    }

    void tags() {
        std::uint32_t campaign = 0;
        for (std::size_t i = 0; i < std::size(kTagNames); ++i) {
            Millis created = later(start(), static_cast<int>(i * 9));
            json::object t;
            t["id"] = s_.new_id(IdKind::tag);
            t["tag"] = kTagNames[i];
            json::array campaigns;
            if (i % 4 == 0) campaigns.emplace_back(seed_id(static_cast<IdKind>(12), campaign++));
            t["campaigns"] = std::move(campaigns);
            t["createdAt"] = ts(created);
            t["updatedAt"] = ts(later(created, static_cast<int>(40 * i + pick(60))));
            s_.tags.add(std::move(t));
        }
    }

    void cpd_categories() {
        for (std::size_t i = 0; i < std::size(kCpdCategories); ++i) {
            Millis created = day(2024, 1, 5);
            json::object c;
            c["categoryId"] = s_.new_id(IdKind::cpd_category);
            c["name"] = kCpdCategories[i];
            c["isActive"] = true;
            c["createdAt"] = ts(created);
            c["updatedAt"] = ts(later(created, static_cast<int>(i * 170)));
            s_.cpd_categories.add(std::move(c));
        }
    }

    std::string add_audience(const std::string& name, const std::string& reference, const char* category,
                             const std::string& parent, bool api_controlled, Millis created, Millis updated,
                             const char* type = "manual") {
        json::object a;
        std::string id = s_.new_id(IdKind::audience);
        a["id"] = id;
        a["name"] = name;
        a["reference"] = reference;
        a["apiControlled"] = api_controlled;
        a["category"] = category;
        a["type"] = type;
        a["_parentId"] = parent;
        a["createdAt"] = ts(created);
        a["updatedAt"] = ts(updated);
        s_.audiences.add(std::move(a));
        audience_ids_.push_back(id);
        return id;
    }

    void structures_and_audiences() {
        Millis t0 = day(2024, 1, 2, 8);
        std::string company = add_audience("Northwind Health", "STR-NWH", "structure", "", false, t0, day(2025, 6, 2));
        for (int r = 0; r < 3; ++r)
            add_audience(kRegionNames[r], kRegionRefs[r], "structure", company, false, day(2024, 1, 3, 8 + r),
                         day(2024, 9 + r, 10));
        for (std::size_t t = 0; t < std::size(kTeams); ++t)
            add_audience(kTeams[t].name, kTeams[t].reference, "structure", audience_ids_[1 + kTeams[t].region],
                         false, day(2024, 1, 5, 9 + static_cast<int>(t)),
                         day(2024 + static_cast<int>(t % 3), 3 + static_cast<int>(t), 12));
        add_audience("All staff", "AUD-ALL-STAFF", "audience", "", false, day(2024, 1, 10), day(2026, 10, 1));
        add_audience("Managers", "AUD-MANAGERS", "audience", "", false, day(2024, 2, 1), day(2025, 11, 20));
        std::string fire =
            add_audience("Fire safety cohort", "AUD-FIRE-SAFETY", "audience", "", false, day(2024, 3, 15), day(2025, 9, 1));
        add_audience("Fire wardens", "AUD-FIRE-WARDENS", "audience", fire, false, day(2024, 4, 1), day(2024, 4, 1));
        add_audience("New starters", "AUD-NEW-STARTERS", "audience", "", false, day(2025, 1, 6), day(2026, 8, 3));
        add_audience("Data protection refresher", "AUD-DATA-PROTECTION", "audience", "", true, day(2025, 5, 12),
                     day(2026, 6, 1));
        add_audience("Inactive learners", "AUD-INACTIVE", "audience", "", false, day(2024, 6, 1), day(2026, 2, 14),
                     "smart");
        add_audience("Leadership programme 2025", "AUD-LEADERSHIP/2025", "audience", "", true, day(2025, 2, 3),
                     day(2025, 8, 15));
        add_audience("Empty audience", "AUD-EMPTY", "audience", "", true, day(2026, 6, 1), day(2026, 6, 1));
    }

    static std::string status_for(int i) {
        if (i < 16) return "active";
        switch (i % 10) {
            case 7: return "inactive";
            case 8: return "expired";
            case 9: return "new";
            default: return "active";
        }
    }

    static std::string lower(std::string s) {
        for (auto& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return s;
    }

    void users() {
        std::set<std::string> emails;
        for (int i = 0; i < seed_facts::kUserCount; ++i) {
            const int team = i % 8;
            Millis created = later(start(), i * 3 + static_cast<int>(pick(3)));
            json::object u = blank_user(s_, created);
            std::string first = kFirstNames[pick(std::size(kFirstNames))];
            std::string last = kLastNames[pick(std::size(kLastNames))];
            char ref_buf[16];
            std::snprintf(ref_buf, sizeof ref_buf, "EMP%04d", i + 1);
            std::string ref = ref_buf;
            std::string email;
            switch (i) {
                case 0: first = "Avery", last = "Quinn"; break;
                case 1: first = "Priya", last = "Shah", email = seed_facts::kPlusEmail; break;
                case 2: first = "Jordan", last = "Blake", ref = seed_facts::kSlashRef,
                        email = seed_facts::kSlashRefEmail; break;
                case 3: first = "Sam", last = "Okafor"; break;
                default: break;
            }
            if (email.empty()) {
                email = lower(first) + "." + lower(last) + "@" + kDomain;
                if (emails.count(email)) email = lower(first) + "." + lower(last) + std::to_string(i + 1) + "@" + kDomain;
            }
            emails.insert(email);
            std::string status = status_for(i);
            std::string job;
            if (i == 0)
                job = "Chief Executive Officer";
            else if (i == 1)
                job = "Head of Learning and Development";
            else if (i == 2)
                job = "IT Contractor";
            else if (i >= 4 && i <= 6)
                job = std::string("Regional Director, ") + kRegionNames[i - 4];
            else if (i >= 8 && i <= 15)
                job = std::string("Team Lead, ") + kTeams[team].name;
            else
                job = kTeams[team].titles[pick(static_cast<std::uint32_t>(kTeams[team].titles.size()))];
            std::string manager;
            if (i == 0)
                manager = "";
            else if (i <= 7)
                manager = "EMP0001";
            else if (i <= 15)
                manager = ref_of(4 + kTeams[team].region);
            else
                manager = ref_of(8 + team);

            u["ref"] = ref;
            u["email"] = email;
            u["firstName"] = first;
            u["lastName"] = last;
            u["role"] = i == 0 ? "administrator" : (i == 1 || i % 50 == 10) ? "learneradmin" : "learner";
            u["loginMethod"] = i % 37 == 5 ? "ref" : "email";
            u["jobTitle"] = job;
            u["managerRef"] = manager.empty() ? json::value(nullptr) : json::value(manager);
            u["startDate"] = date_only(created - static_cast<Millis>(pick(700)) * kMillisPerDay);
            u["status"] = status;
            u["active"] = status == "active" || status == "new";
            bool sso = i % 4 == 0 && i != 2;
            u["sso"] = sso;
            u["singleSignOn"] = sso;
            u["domain"] = i == 2 ? json::value("contractors.example") : json::value(kDomain);
            u["timeZone"] = kTeams[team].region == 2 ? "Europe/Dublin" : "Europe/London";
            u["additionalFields"] = json::object{{"department", kTeams[team].name},
                                                 {"costCentre", "CC-" + std::to_string(100 + team * 10)},
                                                 {"employmentType", i == 2 ? "contractor" : "permanent"}};
            // The CEO sits in the company structure, regional directors in their region.
            std::size_t structure = i == 0 ? 0 : (i >= 4 && i <= 6) ? static_cast<std::size_t>(i - 3) : 4 + team;
            std::string structure_name = i == 0 ? "Northwind Health"
                                         : (i >= 4 && i <= 6) ? kRegionNames[i - 4]
                                                              : kTeams[team].name;
            u["positions"] = json::array{json::object{{"structureId", audience_ids_[structure]},
                                                      {"name", structure_name},
                                                      {"jobTitle", job},
                                                      {"isPrimary", true}}};
            Millis updated = between(created, end());
            if (status != "new") {
                Millis first_login = later(created, 1);
                u["firstLogin"] = ts(first_login);
                u["lastLogin"] = ts(std::max(first_login, between(first_login, end())));
                u["agreedTerms"] = true;
                u["onboarded"] = true;
                u["compliance"] = 40 + static_cast<int>(pick(61));
                u["level"] = 1 + static_cast<int>(pick(12));
                u["relevancy"] = static_cast<int>(pick(100));
                u["rank"] = json::object{{"position", 1 + i}, {"points", static_cast<int>(pick(5000))}, {"title", "Learner"}};
                u["hasPicture"] = chance(60);
                u["summary"] = job + " at Northwind Health";
            }
            if (status == "inactive" || status == "expired") {
                Millis left = between(created + 30 * kMillisPerDay, end());
                u["endDate"] = date_only(left);
                updated = std::max(updated, left);
            }
            u["updatedAt"] = ts(std::min(updated, end()));
            std::string id = str_of(u, "id");
            s_.users.add(std::move(u));
            user_ids_.push_back(id);
            record_activity(s_, "created", first + " " + last, id, id, "user", json::object{{"ref", ref}}, created);
        }
        // Follow a few colleagues.
        for (int i = 0; i < seed_facts::kUserCount; i += 3) {
            auto& u = *s_.users.find(user_ids_[i]);
            json::array following;
            following.emplace_back(user_ids_[8 + i % 8]);
            if (i % 2) following.emplace_back(user_ids_[0]);
            u["usersFollowing"] = std::move(following);
        }
    }

    static std::string ref_of(int i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "EMP%04d", i + 1);
        return buf;
    }

    std::string status_of(int i) { return str_of(*s_.users.find(user_ids_[i]), "status"); }

    void memberships() {
        auto& m = s_.members;
        for (int i = 0; i < seed_facts::kUserCount; ++i) m[audience_ids_[4 + i % 8]].push_back(user_ids_[i]);
        for (int i = 0; i < seed_facts::kUserCount; ++i)
            if (user_is_enrollable(*s_.users.find(user_ids_[i])))
                m[audience_ids_[seed_facts::kAllStaffAudience]].push_back(user_ids_[i]);
        for (int i : {0, 1, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15})
            m[audience_ids_[seed_facts::kManagersAudience]].push_back(user_ids_[i]);
        auto& fire = m[audience_ids_[seed_facts::kFireSafetyAudience]];
        fire.push_back(user_ids_[3]);
        for (int i = 5; i < seed_facts::kUserCount; i += 5)
            if (status_of(i) == "active") fire.push_back(user_ids_[i]);
        auto& wardens = m[audience_ids_[seed_facts::kFireWardensAudience]];
        for (std::size_t k = 0; k < 6 && k < fire.size(); ++k) wardens.push_back(fire[k]);
        for (int i = 0; i < seed_facts::kUserCount; ++i)
            if (status_of(i) == "new") m[audience_ids_[seed_facts::kNewStartersAudience]].push_back(user_ids_[i]);
        for (int i = 7; i < seed_facts::kUserCount; i += 7)
            if (status_of(i) == "active") m[audience_ids_[seed_facts::kDataProtectionAudience]].push_back(user_ids_[i]);
        for (int i = 0; i < seed_facts::kUserCount; ++i)
            if (status_of(i) == "inactive")
                m[audience_ids_[seed_facts::kInactiveSmartAudience]].push_back(user_ids_[i]);
        for (int i = 4; i <= 15; ++i)
            if (i != 7) m[audience_ids_[seed_facts::kLeadershipAudience]].push_back(user_ids_[i]);
    }

    static json::object permissions(bool content, bool assignments, bool learn, bool insights, bool manage,
                                    std::optional<bool> admin) {
        return json::object{
            {"audienceManager", json::object{{"manageContent", content}, {"assignments", assignments}}},
            {"peopleManager", json::object{{"canViewLearnPage", learn}, {"insights", insights}, {"manage", manage}}},
            {"administrator", admin ? json::value(json::object{{"canAddAudienceManagers", *admin}})
                                    : json::value(nullptr)}};
    }

    void managers() {
        auto add = [&](std::uint32_t audience, int user, json::object perms) {
            s_.managers[audience_ids_[audience]].push_back(
                json::object{{"userId", user_ids_[user]}, {"permissions", std::move(perms)}});
        };
        add(seed_facts::kCompanyStructure, 0, permissions(true, true, true, true, true, true));
        for (int r = 0; r < 3; ++r) add(1 + r, 4 + r, permissions(true, true, true, true, true, true));
        for (int t = 0; t < 8; ++t) add(4 + t, 8 + t, permissions(false, true, true, true, false, false));
        add(seed_facts::kManagersAudience, 0, permissions(true, true, true, true, true, std::nullopt));
        add(seed_facts::kFireSafetyAudience, 1, permissions(true, true, true, false, false, std::nullopt));
        add(seed_facts::kFireWardensAudience, 1, permissions(true, true, false, false, false, std::nullopt));
        add(seed_facts::kDataProtectionAudience, 1, permissions(true, true, true, true, false, std::nullopt));
    }

    void contents() {
        for (std::size_t i = 0; i < std::size(kContent); ++i) {
            const auto& spec = kContent[i];
            Millis created = later(start(), static_cast<int>(5 + i * 12 + pick(6)));
            Millis updated = std::min(end(), later(created, static_cast<int>(pick(420))));
            int author = i % 3 == 0 ? 1 : static_cast<int>(8 + i % 8);
            json::object c;
            std::string id = s_.new_id(IdKind::content);
            c["id"] = id;
            c["title"] = spec.title;
            c["description"] = std::string("<p>") + spec.title + ": a " + std::to_string(spec.minutes) +
                               "-minute " + spec.type + " for Northwind Health staff.</p>";
            json::array tags;
            for (const auto& t : split_tags(spec.tags)) tags.emplace_back(t);
            c["tags"] = std::move(tags);
            c["type"] = spec.type;
            c["createdAt"] = ts(created);
            c["updatedAt"] = ts(updated);
            c["author"] = user_ids_[author];
            c["isOfficial"] = i % 5 != 4;
            c["duration"] = json::object{{"value", spec.minutes}, {"unit", "minutes"}};
            json::array history{json::object{{"action", "created"}, {"userId", user_ids_[author]}, {"date", ts(created)}},
                                json::object{{"action", "published"},
                                             {"userId", user_ids_[author]},
                                             {"date", ts(created + 3'600'000)}}};
            int version = 1;
            if (updated > created + kMillisPerDay) {
                history.push_back(json::object{{"action", "updated"}, {"userId", user_ids_[1]}, {"date", ts(updated)}});
                version = 2 + static_cast<int>(i % 2);
            }
            c["contentHistory"] = std::move(history);
            c["version"] = version;
            c["status"] = "published";
            c["language"] = "en-gb";
            if (std::string_view(spec.type) == "url")
                c["url"] = "https://learning.northwind-health.example/resources/" + std::to_string(i);
            s_.contents.add(std::move(c));
            content_ids_.push_back(id);
        }
    }

    static std::vector<std::string> split_tags(const char* list) {
        std::vector<std::string> out;
        std::string cur;
        for (const char* p = list;; ++p) {
            if (*p == ',' || *p == '\0') {
                if (!cur.empty()) out.push_back(cur);
                cur.clear();
                if (*p == '\0') break;
            } else {
                cur.push_back(*p);
            }
        }
        return out;
    }

    struct AssignmentSpec {
        std::uint32_t audience;
        std::uint32_t content;
        std::vector<std::uint32_t> alternatives;
        int period;
        int recurrence;  // 0 = none
        Millis created;
        bool deleted;
    };

    void assignments() {
        const AssignmentSpec specs[] = {
            {seed_facts::kFireSafetyAudience, 0, {1}, 30, 365, day(2025, 9, 1), false},
            {seed_facts::kAllStaffAudience, 2, {12}, 60, 365, day(2025, 4, 1), false},
            {seed_facts::kManagersAudience, 3, {}, 90, 0, day(2025, 2, 10), false},
            {seed_facts::kNewStartersAudience, 4, {41}, 14, 0, day(2026, 1, 12), false},
            {seed_facts::kDataProtectionAudience, 5, {23}, 30, 180, day(2026, 6, 1), false},
            {seed_facts::kLeadershipAudience, 50, {}, 60, 0, day(2025, 3, 1), true},
        };
        for (const auto& spec : specs) {
            json::object a;
            std::string id = s_.new_id(IdKind::assignment);
            a["id"] = id;
            a["audienceId"] = audience_ids_[spec.audience];
            a["primaryContentId"] = content_ids_[spec.content];
            json::array alts;
            for (auto c : spec.alternatives) alts.emplace_back(content_ids_[c]);
            a["alternativeContentIds"] = std::move(alts);
            a["hideAlternativeContent"] = spec.alternatives.empty();
            a["completionPeriod"] = spec.period;
            a["recurrence"] = spec.recurrence ? json::value(spec.recurrence) : json::value(nullptr);
            a["isActive"] = true;
            a["isDeleted"] = false;
            a["createdAt"] = ts(spec.created);
            a["deletedAt"] = nullptr;
            a["updatedAt"] = ts(spec.created);
            s_.assignments.add(std::move(a));
            const auto members = s_.members[audience_ids_[spec.audience]];
            for (const auto& uid : members) {
                const auto* u = s_.users.find(uid);
                if (u && user_is_enrollable(*u)) enrol_user(s_, *s_.assignments.find(id), uid, spec.created);
            }
            outcomes(id, spec);
            if (spec.deleted) {
                Millis deleted = day(2025, 8, 15, 14);
                auto& rec = *s_.assignments.find(id);
                rec["isDeleted"] = true;
                rec["isActive"] = false;
                rec["deletedAt"] = ts(deleted);
                rec["updatedAt"] = ts(deleted);
                for (auto& e : s_.enrolments.items()) {
                    if (str_of(e, "assignmentId") != id) continue;
                    auto st = str_of(e, "status");
                    if (st != "open" && st != "overdue") continue;
                    set_status(e, "archived", deleted);
                }
            }
        }
    }

    void set_status(json::object& e, const char* next, Millis when) {
        e["history"].as_array().push_back(
            history_entry(next, nullptr, json::value(str_of(e, "status")), next, when));
        e["status"] = next;
        e["updatedAt"] = ts(when);
    }

    void outcomes(const std::string& assignment_id, const AssignmentSpec& spec) {
        std::vector<std::string> enrolment_ids;
        for (const auto& e : s_.enrolments.items())
            if (str_of(e, "assignmentId") == assignment_id) enrolment_ids.push_back(str_of(e, "id"));
        for (const auto& eid : enrolment_ids) {
            auto* e = s_.enrolments.find(eid);
            std::string uid = str_of(*e, "userId");
            if (uid == user_ids_[seed_facts::kLearnerUser]) continue;  // the learner's enrolments stay open
            Millis due = time_of(*e, "dueDate");
            auto roll = pick(100);
            if (roll < 45) {
                Millis at = between(spec.created + 3'600'000, std::min(due, end()));
                bool use_alt = !spec.alternatives.empty() && chance(25);
                apply_completion(s_, uid, content_ids_[use_alt ? spec.alternatives[0] : spec.content], at, at,
                                 CompletionOptions{false, "assignment", true});
            } else if (roll < 65) {
                // stays open
            } else if (roll < 85) {
                if (due < end()) set_status(*e, "overdue", due + 60'000);
            } else if (roll < 90) {
                (*e)["availableDate"] = ts(day(2027, 1, 4, 8));
                (*e)["dueDate"] = ts(day(2027, 1, 4, 8) + spec.period * kMillisPerDay);
                set_status(*e, "scheduled", spec.created + 60'000);
            } else if (roll < 95) {
                set_status(*e, "archived", between(spec.created, end()));
            } else {
                set_status(*e, "unassigned", between(spec.created, end()));
            }
        }
    }

    void standalone_completions() {
        for (int n = 0; n < 220; ++n) {
            int ui = static_cast<int>(pick(seed_facts::kUserCount));
            if (ui == static_cast<int>(seed_facts::kLearnerUser) || status_of(ui) == "new") continue;
            std::uint32_t ci = 6 + pick(seed_facts::kContentCount - 6);
            const auto& user = *s_.users.find(user_ids_[ui]);
            const auto& content = *s_.contents.find(content_ids_[ci]);
            Millis from = std::max(time_of(user, "createdAt"), time_of(content, "createdAt"));
            Millis at = between(from, end());
            bool rpl = chance(10);
            apply_completion(s_, user_ids_[ui], content_ids_[ci], at, at,
                             CompletionOptions{rpl, rpl ? "rpl" : "self-directed", !rpl || chance(50)});
        }
    }

    void engagement_activities() {
        for (int n = 0; n < 320; ++n) {
            int ui = static_cast<int>(pick(seed_facts::kUserCount));
            if (status_of(ui) == "new") continue;
            std::uint32_t ci = pick(seed_facts::kContentCount);
            const auto& user = *s_.users.find(user_ids_[ui]);
            const auto& content = *s_.contents.find(content_ids_[ci]);
            Millis at = between(std::max(time_of(user, "createdAt"), time_of(content, "createdAt")), end());
            auto roll = pick(100);
            const char* type = roll < 60 ? "viewed" : roll < 75 ? "liked" : roll < 90 ? "commented" : "shared";
            json::object data;
            if (std::string_view(type) == "viewed") data["progress"] = 10 * static_cast<int>(1 + pick(10));
            if (std::string_view(type) == "commented") data["comment"] = kComments[pick(std::size(kComments))];
            if (std::string_view(type) == "shared") data["sharedWith"] = user_ids_[pick(seed_facts::kUserCount)];
            record_activity(s_, type, str_of(content, "title"), user_ids_[ui], content_ids_[ci], "content",
                            std::move(data), at);
        }
    }

    void manual_cpd_entries() {
        for (int n = 0; n < 150; ++n) {
            int ui = static_cast<int>(pick(seed_facts::kUserCount));
            if (status_of(ui) == "new") continue;
            const auto& user = *s_.users.find(user_ids_[ui]);
            const auto& category = s_.cpd_categories.items()[1 + pick(5)];
            Millis at = between(time_of(user, "createdAt"), end());
            const char* what = kManualCpd[pick(std::size(kManualCpd))];
            json::object e;
            e["logEntryId"] = s_.new_id(IdKind::cpd_entry);
            e["userId"] = user_ids_[ui];
            e["activity"] = json::object{{"id", nullptr}, {"type", "external"}, {"name", what}};
            e["category"] = json::object{{"categoryId", category.at("categoryId")}, {"name", category.at("name")}};
            e["entryDate"] = ts(at);
            e["durationMinutes"] = 15 * static_cast<int>(1 + pick(32));
            e["description"] = std::string(what) + ". Reflection: what I will do differently next time.";
            e["isVerified"] = false;
            e["completionId"] = nullptr;
            e["createdAt"] = ts(at);
            s_.cpd_entries.add(std::move(e));
        }
    }

    void cpd_requirements() {
        const std::pair<std::uint32_t, int> reqs[] = {{seed_facts::kAllStaffAudience, 600},
                                                      {seed_facts::kManagersAudience, 1200},
                                                      {seed_facts::kFireSafetyAudience, 120},
                                                      {seed_facts::kDataProtectionAudience, 60},
                                                      {4, 1800}};
        int k = 0;
        for (const auto& [audience, minutes] : reqs) {
            Millis created = day(2024, 2 + k * 2, 1);
            json::object r;
            r["audienceRequirementId"] = s_.new_id(IdKind::cpd_requirement);
            r["audienceId"] = audience_ids_[audience];
            r["requiredMinutes"] = minutes;
            r["period"] = "yearly";
            r["createdAt"] = ts(created);
            r["updatedAt"] = ts(later(created, 200 * k + static_cast<int>(pick(30))));
            s_.cpd_requirements.add(std::move(r));
            ++k;
        }
    }

    void interests_and_skills() {
        for (int i = 0; i < seed_facts::kUserCount; ++i) {
            auto& u = *s_.users.find(user_ids_[i]);
            json::array interests, skills, following;
            std::set<std::uint32_t> seen;
            int n_interests = static_cast<int>(pick(4));
            for (int k = 0; k < n_interests; ++k) {
                auto t = pick(seed_facts::kTagCount);
                if (!seen.insert(t).second) continue;
                const auto& tag = s_.tags.items()[t];
                interests.push_back(json::object{{"tagId", tag.at("id")}, {"tagName", tag.at("tag")}});
                following.push_back(tag.at("tag"));
            }
            if (i % 4 == 1 || i < 16) {
                std::set<std::uint32_t> skill_seen;
                int n_skills = 1 + static_cast<int>(pick(2));
                for (int k = 0; k < n_skills; ++k) {
                    auto t = i < 16 && k == 0 ? seed_facts::kLeadershipTag : pick(seed_facts::kTagCount);
                    if (!skill_seen.insert(t).second) continue;
                    const auto& tag = s_.tags.items()[t];
                    int level = 1 + static_cast<int>(pick(4));
                    int target = std::min(4, level + static_cast<int>(pick(2)));
                    skills.push_back(json::object{
                        {"tagId", tag.at("id")}, {"tagName", tag.at("tag")}, {"level", level}, {"targetLevel", target}});
                }
            }
            u["tags"] = json::object{{"skills", std::move(skills)}, {"interests", std::move(interests)}};
            u["tagsFollowing"] = std::move(following);
        }
    }

    std::mt19937 rng_;
    State s_;
    std::vector<std::string> audience_ids_, user_ids_, content_ids_;
};

}  // namespace

State make_seed_state(std::uint32_t seed) { return Seeder(seed).build(); }

}  // namespace thrive::standin
