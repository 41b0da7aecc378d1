// Registration of the Thrive REST endpoints, one function per area.
#pragma once

#include "router.hpp"

namespace thrive::standin {

void register_user_routes(Router& router);        // users_api.cpp
void register_audience_routes(Router& router);    // audiences_api.cpp
void register_member_routes(Router& router);      // members_api.cpp (members and managers)
void register_assignment_routes(Router& router);  // assignments_api.cpp (assignments and enrolments)
void register_completion_routes(Router& router);  // completions_api.cpp
void register_content_routes(Router& router);     // content_api.cpp
void register_activity_routes(Router& router);    // activities_api.cpp
void register_cpd_routes(Router& router);         // cpd_api.cpp
void register_tag_routes(Router& router);         // tags_api.cpp (tags and skills)

inline void register_api_routes(Router& router) {
    register_user_routes(router);
    register_audience_routes(router);
    register_member_routes(router);
    register_assignment_routes(router);
    register_completion_routes(router);
    register_content_routes(router);
    register_activity_routes(router);
    register_cpd_routes(router);
    register_tag_routes(router);
}

}  // namespace thrive::standin
