// Provides std::ios_base_library_init() (GCC 13, GLIBCXX_3.4.32) for older libstdc++.
// GCC 13 moved iostream initialisation into this one function; libLibTorchSharp.so
// imports it. On GCC 12's libstdc++ the same work is done by constructing ios_base::Init.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() {
    static ios_base::Init init;
}
}
