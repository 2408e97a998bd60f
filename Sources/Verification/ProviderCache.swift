import Foundation

/// A process-wide memo of a provider's expensive computations (a training run, a
/// kernel flow, a stage computation), keyed by a typed `Key` that holds every
/// parameter the computation depends on.
///
/// - **In flight, once.** When several sweep points ask for the same key at once,
///   the first computes and the others wait for its result, so one training run
///   serves every measurement made on it (each frequency peak, each filter width
///   δ, each layer). Put the measurement axes FIRST in a theorem's sweep: the
///   runner starts points in sweep order, so the first points compute different
///   keys in parallel and the later ones find them done.
/// - **Errors are results.** A computation that throws is remembered with its
///   error: a diverged run fails every measurement on it with the same error, and
///   the runner's precision retries do not repeat a Double computation.
/// - **Bounded.** At most `capacity` finished results are kept; the oldest go first
///   (a later request recomputes it, with the same result).
///
/// A computation may ask the same cache for a different key (the lock is not held
/// while computing); asking for its own key would wait for itself.
public final class ProviderCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
  private enum Slot { case running, done(Result<Value, any Error>) }
  private let condition = NSCondition()
  private var slots: [Key: Slot] = [:]
  /// The order keys were completed in (for eviction).
  private var order: [Key] = []
  /// At most this many results are kept (the oldest go first).
  public let capacity: Int

  public init(capacity: Int = 256) {
    precondition(capacity >= 1, "a cache keeps at least one result")
    self.capacity = capacity
  }

  /// The value for `key`, computed by `compute` once per key (while it is kept).
  public func value(for key: Key, compute: () throws -> Value) throws -> Value {
    condition.lock()
    while true {
      switch slots[key] {
      case .done(let r)?:
        condition.unlock()
        return try r.get()
      case .running?:
        condition.wait()
      case nil:
        slots[key] = .running
        condition.unlock()
        let result = Result { try compute() }
        condition.lock()
        slots[key] = .done(result)
        order.append(key)
        while order.count > capacity { slots[order.removeFirst()] = nil }
        condition.broadcast()
        condition.unlock()
        return try result.get()
      }
    }
  }

  /// Number of finished entries.
  public var count: Int {
    condition.lock(); defer { condition.unlock() }
    return order.count
  }

  /// Forgets every finished entry.
  public func removeAll() {
    condition.lock(); defer { condition.unlock() }
    for k in order { slots[k] = nil }
    order.removeAll()
  }
}
