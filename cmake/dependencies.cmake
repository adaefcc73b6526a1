# Finds every dependency from Debian packages (see scripts/setup.sh); nothing is downloaded.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# SystemC: Debian ships only pkg-config files, no CMake config.
pkg_check_modules(SYSTEMC REQUIRED IMPORTED_TARGET systemc>=2.3.3)
add_library(coda_systemc INTERFACE)
target_link_libraries(coda_systemc INTERFACE PkgConfig::SYSTEMC Threads::Threads)
# libsystemc.so exports only the C++17 API symbol; pin it so a later C++20 build still links.
target_compile_definitions(coda_systemc INTERFACE SC_CPLUSPLUS=201703L)

find_package(Boost 1.74 REQUIRED)
find_package(yaml-cpp 0.7 REQUIRED)
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)
endif()
find_package(spdlog 1.10 REQUIRED)
find_package(CLI11 2.1 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
# The search store (search/store.h).
find_package(SQLite3 REQUIRED)
# Distributed studies (search/mpi): Open MPI through Boost.MPI.
find_package(Boost 1.74 REQUIRED COMPONENTS mpi serialization)
find_package(MPI REQUIRED COMPONENTS CXX)
# The allocator of the `coda` executable and the benchmarks (docs/dependencies.md).
pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
# jemalloc with Coda's options (sim/cli/jemalloc_conf.cpp), for each executable that links it.
add_library(coda_jemalloc INTERFACE)
target_link_libraries(coda_jemalloc INTERFACE PkgConfig::JEMALLOC)
target_sources(coda_jemalloc INTERFACE ${PROJECT_SOURCE_DIR}/sim/cli/jemalloc_conf.cpp)
if(CODA_BUILD_TESTS)
  find_package(GTest 1.12 REQUIRED)
  # pagmo2's hypervolume, the yardstick of search::hypervolume (tests/unit/search only).
  find_package(Pagmo REQUIRED)
  include(GoogleTest)
endif()
if(CODA_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
