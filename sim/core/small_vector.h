// boost::container::small_vector (elements inline up to a capacity, on the heap past it), for
// the short lists built in the search's inner loop: tensor shapes, a task's dependencies.
#pragma once

// GCC 12 warns, wrongly, that moving an inline small_vector reads past its buffer
// (-Wstringop-overread on boost's memmove of the used elements); the warning is placed in boost's
// header, so it is silenced for that header alone.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
#include <boost/container/small_vector.hpp>
#pragma GCC diagnostic pop
