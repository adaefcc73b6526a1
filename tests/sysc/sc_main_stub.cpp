// libsystemc.so references sc_main; the test binaries use gtest_main instead and never call it.
#include <systemc>  // first: declares the extern "C" sc_main

int sc_main(int, char**) { return 0; }
