// The one translation unit that compiles Asio, Asio's SSL layer and Beast
// (BOOST_*_SEPARATE_COMPILATION): every other file only sees declarations.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
