// The definitions the generated header declares. The trampolines themselves are
// `static inline` in include/WritDispatch.h and are compiled into the Swift module that
// imports it (WritVM), so that the Swift semantics inline into them.
#include <stdint.h>

_Thread_local uint64_t writ_counted_instructions = 0;
