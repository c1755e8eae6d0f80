#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a new thread whose stack is `stackSize` bytes and waits for it to finish.
///
/// The parser and the checker recurse over syntax trees; they run here so that the depth
/// they can handle is set by `Limits` and not by whatever stack the caller has (test runners
/// and hosts often give 512 KB). This is a plain POSIX thread rather than Foundation's
/// `Thread`, so that the front end does not make every host load Foundation.
package func runOnLargeStack<T>(stackSize: Int, _ body: () -> T) -> T {
    var result: T? = nil
    withoutActuallyEscaping({ result = body() }) { work in
        let job = LargeStackJob(work)
        let context = unsafe Unmanaged.passRetained(job).toOpaque()
        var attributes = pthread_attr_t()
        unsafe pthread_attr_init(&attributes)
        unsafe pthread_attr_setstacksize(&attributes, stackSize)
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        let status = unsafe pthread_create(&thread, &attributes, { context in
            unsafe Unmanaged<LargeStackJob>.fromOpaque(context.unsafelyUnwrapped).takeRetainedValue().work()
            return nil
        }, context)
        unsafe pthread_attr_destroy(&attributes)
        if status == 0 {
            #if canImport(Darwin)
            unsafe pthread_join(thread.unsafelyUnwrapped, nil)
            #else
            pthread_join(thread, nil)
            #endif
        } else {
            // No thread could be made (resource limits): run here, on the caller's stack.
            unsafe Unmanaged<LargeStackJob>.fromOpaque(context).release()
            work()
        }
    }
    return unsafe result.unsafelyUnwrapped
}

/// The closure a large-stack thread runs (handed over through the thread's context pointer).
private final class LargeStackJob {
    let work: () -> Void
    init(_ work: @escaping () -> Void) { self.work = work }
}
