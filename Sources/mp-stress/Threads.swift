import MultiPrecision

#if canImport(Glibc)
import Glibc
#endif

final class ThreadWork: @unchecked Sendable {
  let index: Int
  var result = MPFloat(0, precision: 200)
  init(index: Int) { self.index = index }
}

/// Runs one stress round on each of `count` POSIX threads, at precisions
/// 100, 101, …, and returns the sum of the results. Each thread frees MPFR's
/// thread-local caches before it exits.
func onThreads(count: Int) -> MPFloat {
  let works = (0..<count).map { ThreadWork(index: $0) }
  var threads: [pthread_t] = []
  for work in works {
    var thread = pthread_t()
    let context = Unmanaged.passRetained(work).toOpaque()
    let rc = pthread_create(&thread, nil, threadMain, context)
    precondition(rc == 0, "pthread_create failed: \(rc)")
    threads.append(thread)
  }
  for thread in threads { pthread_join(thread, nil) }
  var sum = MPFloat(0, precision: 200)
  for work in works { sum += work.result }
  return sum
}

private func threadMain(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  let work = Unmanaged<ThreadWork>.fromOpaque(raw!).takeRetainedValue()
  let p = 100 + work.index
  work.result = MPFloat.withPrecision(p) { stressRound(work.index, precision: p) }
  MPFloat.freeThreadCaches()
  return nil
}
