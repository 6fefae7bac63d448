# Every third-party dependency, from Debian bookworm packages (docs/DEPENDENCIES.md says why).
find_package(Threads REQUIRED)
find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json url CONFIG)
find_package(OpenSSL 3.0 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(prometheus-cpp REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
if(TARS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(TARS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

include(blake3)

# Boost.Asio/Beast configuration shared by every target that includes them.
add_library(tars_boost INTERFACE)
target_link_libraries(tars_boost INTERFACE Boost::headers Boost::json Boost::url Threads::Threads)
target_compile_definitions(tars_boost INTERFACE BOOST_ASIO_NO_DEPRECATED
                                                 BOOST_ASIO_DISABLE_BOOST_COROUTINE)

