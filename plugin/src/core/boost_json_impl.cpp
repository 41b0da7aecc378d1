// The one translation unit that compiles Boost.JSON's implementation, so no
// shared libboost_json is needed at run time and its symbols stay hidden
// inside whatever links this.
#include <boost/json/src.hpp>
